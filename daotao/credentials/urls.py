"""Staff pages of credentials; the public verification page is mounted at
/xac-minh/<code>/ by daotao/urls.py."""

from django.urls import path

from daotao.credentials import import_views, views

app_name = "credentials"
urlpatterns = [
    path("", views.register_list_view, name="register-list"),
    path("xuat-excel/", views.register_export_view, name="register-export"),
    path("in-pdf/", views.register_pdf_view, name="register-pdf"),
    path("<int:pk>/", views.credential_detail_view, name="credential-detail"),
    path("<int:pk>/pdf/", views.credential_pdf_view, name="credential-pdf"),
    path(
        "<int:pk>/bang-diem/",
        views.credential_transcript_view,
        name="credential-transcript",
    ),
    path("<int:pk>/ma-qr/", views.credential_qr_view, name="credential-qr"),
    path(
        "<int:pk>/dinh-chinh/", views.credential_correct_view, name="credential-correct"
    ),
    path("<int:pk>/thu-hoi/", views.credential_revoke_view, name="credential-revoke"),
    path("<int:pk>/cap-lai/", views.credential_reissue_view, name="credential-reissue"),
    path("cap-theo-lop/<int:pk>/", views.cohort_issue_view, name="cohort-issue"),
    path(
        "cap-theo-lop/<int:pk>/bang-diem/",
        views.cohort_transcripts_view,
        name="cohort-transcripts",
    ),
    path("nhap-so-cu/", import_views.historical_import_view, name="historical-import"),
    path(
        "nhap-so-cu/mau/",
        import_views.historical_template_view,
        name="historical-template",
    ),
    path("mau/", views.template_list_view, name="template-list"),
    path("mau/<int:pk>/", views.template_update_view, name="template-update"),
    path("phoi/", views.stock_list_view, name="stock-list"),
    path("phoi/nhap/", views.stock_receive_view, name="stock-receive"),
    path("phoi/<int:pk>/hong/", views.stock_spoil_view, name="stock-spoil"),
]
