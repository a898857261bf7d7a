from django.urls import path

from daotao.programs.views import catalogue, imports

app_name = "programs"
urlpatterns = [
    path("", catalogue.program_list_view, name="program-list"),
    path("xuat-excel/", catalogue.program_export_view, name="program-export"),
    path("phien-ban/<int:pk>/", catalogue.version_detail_view, name="version-detail"),
    path(
        "phien-ban/<int:pk>/xuat-excel/",
        catalogue.version_export_view,
        name="version-export",
    ),
    path(
        "phien-ban/<int:pk>/sao-chep/", catalogue.version_copy_view, name="version-copy"
    ),
    path(
        "phien-ban/<int:pk>/sua/", catalogue.version_update_view, name="version-update"
    ),
    path(
        "phien-ban/<int:pk>/ap-dung/",
        catalogue.version_put_in_use_view,
        name="version-put-in-use",
    ),
    path(
        "phien-ban/<int:pk>/ngung-ap-dung/",
        catalogue.version_retire_view,
        name="version-retire",
    ),
    path("phien-ban/<int:pk>/them-khoi/", catalogue.block_add_view, name="block-add"),
    path(
        "phien-ban/<int:pk>/nhap-cau-truc/",
        imports.structure_import_view,
        name="structure-import",
    ),
    path(
        "phien-ban/<int:pk>/nhap-cau-truc/tep-mau/",
        imports.structure_template_view,
        name="structure-template",
    ),
    path("giang-vien/nhap/", imports.lecturer_import_view, name="lecturer-import"),
    path(
        "giang-vien/nhap/tep-mau/",
        imports.lecturer_template_view,
        name="lecturer-template",
    ),
    path("khoi/<int:pk>/them-hoc-phan/", catalogue.module_add_view, name="module-add"),
    path("khoi/<int:pk>/xoa/", catalogue.block_delete_view, name="block-delete"),
    path(
        "hoc-phan/<int:pk>/them-chuyen-de/", catalogue.topic_add_view, name="topic-add"
    ),
    path("hoc-phan/<int:pk>/xoa/", catalogue.module_delete_view, name="module-delete"),
    path("chuyen-de/<int:pk>/sua/", catalogue.topic_update_view, name="topic-update"),
    path("chuyen-de/<int:pk>/xoa/", catalogue.topic_delete_view, name="topic-delete"),
]
