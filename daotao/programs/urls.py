from django.urls import path

from daotao.programs import import_views, views

app_name = "programs"
urlpatterns = [
    path("", views.program_list_view, name="program-list"),
    path("xuat-excel/", views.program_export_view, name="program-export"),
    path("phien-ban/<int:pk>/", views.version_detail_view, name="version-detail"),
    path(
        "phien-ban/<int:pk>/xuat-excel/",
        views.version_export_view,
        name="version-export",
    ),
    path("phien-ban/<int:pk>/sao-chep/", views.version_copy_view, name="version-copy"),
    path("phien-ban/<int:pk>/sua/", views.version_update_view, name="version-update"),
    path(
        "phien-ban/<int:pk>/ap-dung/",
        views.version_put_in_use_view,
        name="version-put-in-use",
    ),
    path(
        "phien-ban/<int:pk>/ngung-ap-dung/",
        views.version_retire_view,
        name="version-retire",
    ),
    path("phien-ban/<int:pk>/them-khoi/", views.block_add_view, name="block-add"),
    path(
        "phien-ban/<int:pk>/nhap-cau-truc/",
        import_views.structure_import_view,
        name="structure-import",
    ),
    path(
        "phien-ban/<int:pk>/nhap-cau-truc/tep-mau/",
        import_views.structure_template_view,
        name="structure-template",
    ),
    path("giang-vien/nhap/", import_views.lecturer_import_view, name="lecturer-import"),
    path(
        "giang-vien/nhap/tep-mau/",
        import_views.lecturer_template_view,
        name="lecturer-template",
    ),
    path("khoi/<int:pk>/them-hoc-phan/", views.module_add_view, name="module-add"),
    path("khoi/<int:pk>/xoa/", views.block_delete_view, name="block-delete"),
    path("hoc-phan/<int:pk>/them-chuyen-de/", views.topic_add_view, name="topic-add"),
    path("hoc-phan/<int:pk>/xoa/", views.module_delete_view, name="module-delete"),
    path("chuyen-de/<int:pk>/sua/", views.topic_update_view, name="topic-update"),
    path("chuyen-de/<int:pk>/xoa/", views.topic_delete_view, name="topic-delete"),
]
