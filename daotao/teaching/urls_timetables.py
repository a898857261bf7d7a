"""URLs of the teaching app's timetables pages (included by teaching/urls.py)."""

from django.urls import path

from daotao.teaching.views import editing, timetables

urlpatterns: list = [
    path("lich-cua-toi/", timetables.my_timetable_view, name="my-timetable"),
    path(
        "lich-cua-toi/lien-ket/",
        timetables.my_feed_create_view,
        name="my-feed-create",
    ),
    path(
        "lich-cua-toi/lien-ket/thu-hoi/",
        timetables.my_feed_revoke_view,
        name="my-feed-revoke",
    ),
    path(
        "thoi-khoa-bieu/lop/<int:pk>/",
        timetables.cohort_timetable_view,
        name="cohort-timetable",
    ),
    path(
        "thoi-khoa-bieu/giang-vien/<int:pk>/",
        timetables.lecturer_timetable_view,
        name="lecturer-timetable",
    ),
    path(
        "thoi-khoa-bieu/phong/<int:pk>/",
        timetables.room_timetable_view,
        name="room-timetable",
    ),
    path(
        "thoi-khoa-bieu/lop/<int:pk>/lien-ket/",
        timetables.cohort_feed_create_view,
        name="cohort-feed-create",
    ),
    path(
        "thoi-khoa-bieu/giang-vien/<int:pk>/lien-ket/",
        timetables.lecturer_feed_create_view,
        name="lecturer-feed-create",
    ),
    path(
        "lien-ket-lich/<int:pk>/thu-hoi/",
        timetables.feed_revoke_view,
        name="feed-revoke",
    ),
    path("lich/<token>.ics", timetables.calendar_feed_view, name="calendar-feed"),
    path("buoi/<int:pk>/doi-lich/", editing.session_move_view, name="session-move"),
    path(
        "buoi/<int:pk>/doi-lich/kiem-tra/",
        editing.session_check_view,
        name="session-check",
    ),
]
