from django.urls import path

from daotao.documents import views

app_name = "documents"
urlpatterns = [
    path("", views.register_view, name="register"),
    path("xuat-excel/", views.register_export_view, name="register-export"),
    path("soan/", views.document_start_view, name="document-start"),
    path("soan/<int:template_id>/", views.document_create_view, name="document-create"),
    path("<int:pk>/", views.document_detail_view, name="document-detail"),
    path("<int:pk>/sua/", views.document_update_view, name="document-update"),
    path("<int:pk>/tai-docx/", views.document_docx_view, name="document-docx"),
    path("<int:pk>/xem-pdf/", views.document_pdf_view, name="document-pdf"),
    path("<int:pk>/ban-quet/", views.document_scan_view, name="document-scan"),
    path("<int:pk>/trinh-ky/", views.document_submit_view, name="document-submit"),
    path("<int:pk>/tra-lai/", views.document_return_view, name="document-return"),
    path("<int:pk>/ky/", views.document_sign_view, name="document-sign"),
    path("<int:pk>/ban-hanh/", views.document_publish_view, name="document-publish"),
    path(
        "<int:pk>/dinh-kem-ban-quet/",
        views.document_attach_scan_view,
        name="document-attach-scan",
    ),
]
