"""Lecturer pages."""

from django.urls import path

from daotao.faculty import views

app_name = "faculty"
urlpatterns = [
    path("", views.lecturer_list_view, name="lecturer-list"),
    path("xuat-excel/", views.lecturer_export_view, name="lecturer-export"),
    path("them/", views.lecturer_create_view, name="lecturer-create"),
    path("<int:pk>/", views.lecturer_detail_view, name="lecturer-detail"),
    path("<int:pk>/sua/", views.lecturer_update_view, name="lecturer-update"),
    path(
        "<int:pk>/lich-ban/them/",
        views.unavailability_add_view,
        name="unavailability-add",
    ),
    path(
        "lich-ban/<int:pk>/xoa/",
        views.unavailability_delete_view,
        name="unavailability-delete",
    ),
]
