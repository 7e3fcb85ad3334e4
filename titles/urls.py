from django.contrib.auth.decorators import login_required
from django.urls import path
from django.views.generic import RedirectView

from . import views, views_declared, views_excel, views_print, views_review
from .selfservice import views_codes
from .selfservice import views_review as self_review

app_name = "titles"

LIST = "<int:code>/<year:year>/<str:title>/"

urlpatterns = [
    # the section's own address (a URL trimmed by hand) opens the comparison of communes
    path(
        "",
        login_required(RedirectView.as_view(pattern_name="titles:compare")),
        name="home",
    ),
    path("cho-tham-dinh/", views_review.queue, name="queue"),
    path("so-sanh/", views_review.compare, name="compare"),
    path("<int:code>/", views.commune, name="commune"),
    path("<int:code>/so-luong/", views_declared.overview, name="declared"),
    path(
        "<int:code>/so-luong/<year:year>/nhap-excel/",
        views_declared.import_counts,
        name="declared_import",
    ),
    path(
        "<int:code>/so-luong/<year:year>/mau.xlsx",
        views_declared.import_template,
        name="declared_template",
    ),
    path("<int:code>/so-luong/<year:year>/<str:title>/", views_declared.edit, name="declared_edit"),
    path(LIST, views.registration_list, name="list"),
    path(LIST + "dang-ky/", views.register, name="register"),
    path(LIST + "de-nghi/", views.propose, name="propose"),
    path(LIST + "nhap-danh-sach/", views_excel.import_registrations, name="import_registrations"),
    path(LIST + "nhap-diem/", views_excel.import_scores, name="import_scores"),
    path(LIST + "mau-danh-sach.xlsx", views_excel.import_template, name="import_template"),
    path(LIST + "bang-diem.xlsx", views_excel.scores_template, name="scores_template"),
    path(LIST + "danh-sach.xlsx", views_excel.export_list, name="export_list"),
    path(LIST + "tham-dinh/", views_review.review, name="review"),
    path(LIST + "quyet-dinh/", views_print.decision_list, name="decision"),
    path(LIST + "de-nghi/in/", views_print.proposal_list, name="proposal"),
    path("dang-ky/<int:pk>/danh-gia/", views.evaluate, name="evaluate"),
    path("dang-ky/<int:pk>/sua/", views.correct, name="correct"),
    path("dang-ky/<int:pk>/xoa-thong-tin/", views.erase, name="erase"),
    path("dang-ky/<int:pk>/rut/", views.withdraw, name="withdraw"),
    path("dang-ky/<int:pk>/giay-chung-nhan/", views_print.certificate, name="certificate"),
    # what households send from their phones (titles/selfservice)
    path("<int:code>/tu-dang-ky/", self_review.queue, name="self_queue"),
    path("<int:code>/tu-dang-ky/tiep-nhan/", self_review.accept_many, name="self_accept_many"),
    path("<int:code>/tu-dang-ky/ma/", views_codes.codes_page, name="self_codes"),
    path("<int:code>/tu-dang-ky/ma/in/", views_codes.codes_sheet, name="self_codes_sheet"),
    path("tu-dang-ky/ma/<int:pk>/thu-hoi/", views_codes.code_revoke, name="self_code_revoke"),
    path("tu-dang-ky/<int:pk>/", self_review.detail, name="self_detail"),
    path("tu-dang-ky/minh-chung/<int:pk>/", self_review.evidence, name="self_evidence"),
]
