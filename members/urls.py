from django.urls import path

from . import views, views_branches, views_excel

app_name = "members"

urlpatterns = [
    path("<int:code>/", views.member_list, name="list"),
    path("<int:code>/them/", views.member_create, name="create"),
    path("<int:code>/<int:pk>/", views.member_edit, name="edit"),
    path("<int:code>/<int:pk>/ra-hoi/", views.member_leave, name="leave"),
    path("<int:code>/<int:pk>/xoa/", views.member_erase, name="erase"),
    path("<int:code>/nhap/", views_excel.import_members, name="import"),
    path("<int:code>/mau.xlsx", views_excel.template, name="template"),
    path("<int:code>/xuat.xlsx", views_excel.export, name="export"),
    path("<int:code>/chi-hoi/", views_branches.branch_list, name="branches"),
    path("<int:code>/chi-hoi/them/", views_branches.branch_create, name="branch_create"),
    path("<int:code>/chi-hoi/<int:pk>/", views_branches.branch_edit, name="branch_edit"),
    path(
        "<int:code>/chi-hoi/<int:pk>/giai-the/",
        views_branches.branch_dissolve,
        name="branch_dissolve",
    ),
]
