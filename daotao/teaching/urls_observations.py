"""Class observation pages (dự giờ, thao giảng)."""

from django.urls import path

from daotao.teaching.views import observations as views

urlpatterns = [
    path("du-gio/", views.observation_list_view, name="observation-list"),
    path(
        "du-gio/xuat-excel/", views.observation_export_view, name="observation-export"
    ),
    path("du-gio/them/", views.observation_create_view, name="observation-create"),
    path("du-gio/<int:pk>/", views.observation_detail_view, name="observation-detail"),
    path(
        "du-gio/<int:pk>/xoa/", views.observation_delete_view, name="observation-delete"
    ),
]
