from django.urls import path

from daotao.org import import_views, views

app_name = "org"
urlpatterns = [
    path("co-quan/", views.agency_list_view, name="agency-list"),
    path("co-quan/xuat-excel/", views.agency_export_view, name="agency-export"),
    path("co-quan/nhap/", import_views.agency_import_view, name="agency-import"),
    path(
        "co-quan/nhap/mau/", import_views.agency_template_view, name="agency-template"
    ),
    path("khoa-phong/", views.unit_list_view, name="unit-list"),
    path("khoa-phong/them/", views.unit_create_view, name="unit-create"),
    path("phong-hoc/", views.room_list_view, name="room-list"),
    path("phong-hoc/xuat-excel/", views.room_export_view, name="room-export"),
    path("phong-hoc/nhap/", import_views.room_import_view, name="room-import"),
    path("phong-hoc/nhap/mau/", import_views.room_template_view, name="room-template"),
    path("phong-hoc/them/", views.room_create_view, name="room-create"),
    path("phong-hoc/<int:pk>/", views.room_update_view, name="room-update"),
    path(
        "phong-hoc/<int:pk>/ngay-khong-dung/",
        views.room_closure_add_view,
        name="room-closure-add",
    ),
    path(
        "ngay-phong-khong-dung/<int:pk>/xoa/",
        views.room_closure_delete_view,
        name="room-closure-delete",
    ),
    path("dia-diem/", views.site_list_view, name="site-list"),
    path("dia-diem/<int:pk>/", views.site_update_view, name="site-update"),
]
