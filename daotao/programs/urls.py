from django.urls import path

from daotao.programs import views

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
]
