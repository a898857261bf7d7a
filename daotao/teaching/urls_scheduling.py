"""URLs of the teaching app's scheduling pages (included by teaching/urls.py)."""

from django.urls import path

from daotao.teaching.views import placing
from daotao.teaching.views import scheduling as views

urlpatterns: list = [
    path("dot-xep-lich/", views.term_list_view, name="term-list"),
    path("dot-xep-lich/<int:pk>/", views.term_detail_view, name="term-detail"),
    path("dot-xep-lich/<int:pk>/sua/", views.term_update_view, name="term-update"),
    path("dot-xep-lich/<int:pk>/xoa/", views.term_delete_view, name="term-delete"),
    path(
        "dot-xep-lich/<int:pk>/xep-lich/",
        views.term_schedule_view,
        name="term-schedule",
    ),
    path("lan-xep-lich/<int:pk>/", views.run_detail_view, name="run-detail"),
    path("lan-xep-lich/<int:pk>/cong-bo/", views.run_publish_view, name="run-publish"),
    path("lan-xep-lich/<int:pk>/xep-tay/", placing.run_place_view, name="run-place"),
    path(
        "lan-xep-lich/<int:pk>/xep-tay/kiem-tra/",
        placing.run_place_check_view,
        name="run-place-check",
    ),
]
