from django.urls import path

from daotao.org.views import imports, registry

app_name = "org"
urlpatterns = [
    path("co-quan/", registry.agency_list_view, name="agency-list"),
    path("co-quan/xuat-excel/", registry.agency_export_view, name="agency-export"),
    path("co-quan/nhap/", imports.agency_import_view, name="agency-import"),
    path("co-quan/nhap/mau/", imports.agency_template_view, name="agency-template"),
    path("khoa-phong/", registry.unit_list_view, name="unit-list"),
    path("khoa-phong/them/", registry.unit_create_view, name="unit-create"),
    path("phong-hoc/", registry.room_list_view, name="room-list"),
    path("phong-hoc/xuat-excel/", registry.room_export_view, name="room-export"),
    path("phong-hoc/nhap/", imports.room_import_view, name="room-import"),
    path("phong-hoc/nhap/mau/", imports.room_template_view, name="room-template"),
    path("phong-hoc/them/", registry.room_create_view, name="room-create"),
    path("phong-hoc/<int:pk>/", registry.room_update_view, name="room-update"),
    path(
        "phong-hoc/<int:pk>/ngay-khong-dung/",
        registry.room_closure_add_view,
        name="room-closure-add",
    ),
    path(
        "ngay-phong-khong-dung/<int:pk>/xoa/",
        registry.room_closure_delete_view,
        name="room-closure-delete",
    ),
    path("dia-diem/", registry.site_list_view, name="site-list"),
    path("dia-diem/<int:pk>/", registry.site_update_view, name="site-update"),
]
