from django.urls import path

from . import (
    views,
    views_batches,
    views_campaigns,
    views_export,
    views_goods,
    views_papers,
    views_province,
    views_transfers,
)

app_name = "funds"

urlpatterns = [
    path("xa/<int:code>/", views.commune, name="commune"),
    path("tinh/", views_province.province, name="province"),
    path("van-dong/", views_campaigns.campaign_list, name="campaigns"),
    path("van-dong/<int:pk>/", views_campaigns.campaign, name="campaign"),
    path("<int:pk>/", views.fund, name="fund"),
    path("<int:pk>/thu/", views.receipt_create, name="receipt_create"),
    path("<int:pk>/thu/nhap-excel/", views.receipts_import, name="receipts_import"),
    path("<int:pk>/chi/", views.payout_create, name="payout_create"),
    path("<int:pk>/chi-theo-suat/", views_batches.payout_batch_create, name="payout_batch_create"),
    path("phieu-chi/<int:pk>/ten/", views_batches.payout_names, name="payout_names"),
    path("phieu-chi/<int:pk>/ban-quet/", views_batches.payout_scan, name="payout_scan"),
    path("ban-quet/<int:pk>/", views_batches.signed_list_file, name="signed_list_file"),
    path("<int:pk>/trao-hien-vat/", views_goods.goods_payout_create, name="goods_payout_create"),
    path("<int:pk>/chuyen-quy/", views_transfers.transfer_create, name="transfer_create"),
    path(
        "chuyen-quy/<int:pk>/xac-nhan/", views_transfers.transfer_confirm, name="transfer_confirm"
    ),
    path(
        "chuyen-quy/<int:pk>/tu-choi/",
        views_transfers.transfer_close,
        {"action": "refuse"},
        name="transfer_refuse",
    ),
    path(
        "chuyen-quy/<int:pk>/huy/",
        views_transfers.transfer_close,
        {"action": "cancel"},
        name="transfer_cancel",
    ),
    path(
        "chuyen-quy/<int:pk>/hoan-lai/",
        views_transfers.transfer_close,
        {"action": "undo"},
        name="transfer_undo",
    ),
    path("<int:pk>/chi-vuot/", views.overdraft, name="overdraft"),
    path("<int:pk>/nam/<year:year>/", views.statement, name="statement"),
    path(
        "<int:pk>/nam/<year:year>/quyet-toan.xlsx",
        views_export.statement_xlsx,
        name="statement_xlsx",
    ),
    path("<int:pk>/nam/<year:year>/so-quy.xlsx", views_export.ledger_xlsx, name="ledger_xlsx"),
    path("phieu-thu/<int:pk>/", views_papers.receipt, name="receipt"),
    path("phieu-chi/<int:pk>/", views.payout, name="payout"),
    path("phieu-chi/<int:pk>/in/", views_papers.payout_voucher, name="payout_voucher"),
    path("phieu-chi/<int:pk>/ky-nhan/", views_papers.payout_sign_list, name="payout_sign_list"),
    path(
        "phieu-chi/<int:pk>/chung-nhan/",
        views_papers.payout_certificates,
        name="payout_certificates",
    ),
    path("dieu-chinh/<str:kind>/<int:pk>/", views.entry_reverse, name="reverse"),
    path("mau/<str:kind>.xlsx", views_export.blank_sheet, name="blank_sheet"),
]
