"""Staff pages of credentials; the public verification page is mounted at
/xac-minh/<code>/ by daotao/urls.py."""

from django.urls import path

from daotao.credentials.views import credentials, imports

app_name = "credentials"
urlpatterns = [
    path("", credentials.register_list_view, name="register-list"),
    path("xuat-excel/", credentials.register_export_view, name="register-export"),
    path("in-pdf/", credentials.register_pdf_view, name="register-pdf"),
    path("<int:pk>/", credentials.credential_detail_view, name="credential-detail"),
    path("<int:pk>/pdf/", credentials.credential_pdf_view, name="credential-pdf"),
    path(
        "<int:pk>/bang-diem/",
        credentials.credential_transcript_view,
        name="credential-transcript",
    ),
    path("<int:pk>/ma-qr/", credentials.credential_qr_view, name="credential-qr"),
    path(
        "<int:pk>/dinh-chinh/",
        credentials.credential_correct_view,
        name="credential-correct",
    ),
    path(
        "<int:pk>/thu-hoi/",
        credentials.credential_revoke_view,
        name="credential-revoke",
    ),
    path(
        "<int:pk>/cap-lai/",
        credentials.credential_reissue_view,
        name="credential-reissue",
    ),
    path("cap-theo-lop/<int:pk>/", credentials.cohort_issue_view, name="cohort-issue"),
    path(
        "cap-theo-lop/<int:pk>/bang-diem/",
        credentials.cohort_transcripts_view,
        name="cohort-transcripts",
    ),
    path("nhap-so-cu/", imports.historical_import_view, name="historical-import"),
    path(
        "nhap-so-cu/mau/",
        imports.historical_template_view,
        name="historical-template",
    ),
    path("mau/", credentials.template_list_view, name="template-list"),
    path("mau/<int:pk>/", credentials.template_update_view, name="template-update"),
    path("phoi/", credentials.stock_list_view, name="stock-list"),
    path("phoi/nhap/", credentials.stock_receive_view, name="stock-receive"),
    path("phoi/<int:pk>/hong/", credentials.stock_spoil_view, name="stock-spoil"),
]
