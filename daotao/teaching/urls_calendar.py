"""URLs of the teaching app's calendar pages (included by teaching/urls.py)."""

from django.urls import path

from daotao.teaching.views import calendar as views

urlpatterns: list = [
    path("ngay-nghi-le/", views.holiday_list_view, name="holiday-list"),
    path("ngay-nghi-le/them/", views.holiday_create_view, name="holiday-create"),
    path(
        "ngay-nghi-le/<int:pk>/sua/", views.holiday_update_view, name="holiday-update"
    ),
    path(
        "ngay-nghi-le/<int:pk>/xac-nhan/",
        views.holiday_confirm_view,
        name="holiday-confirm",
    ),
    path(
        "ngay-nghi-le/<int:pk>/xoa/", views.holiday_delete_view, name="holiday-delete"
    ),
    path("thoi-gian-di-chuyen/", views.site_travel_list_view, name="site-travel-list"),
    path(
        "thoi-gian-di-chuyen/luu/", views.site_travel_set_view, name="site-travel-set"
    ),
]
