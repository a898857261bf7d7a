"""Learning pages, mounted at hoc-vien/."""

from django.urls import path

from daotao.learning import views

app_name = "learning"
urlpatterns = [
    path("", views.portal_view, name="portal"),
    path("don-nghi/gui/", views.leave_request_submit_view, name="leave-submit"),
    path(
        "phan-hoi/buoi/<int:pk>/gui/",
        views.feedback_submit_view,
        name="feedback-submit",
    ),
    path("diem-danh/<token>/", views.check_in_view, name="check-in"),
    path("buoi-hoc/", views.session_list_view, name="session-list"),
    path(
        "buoi-hoc/<int:pk>/diem-danh/",
        views.attendance_grid_view,
        name="attendance-grid",
    ),
    path(
        "buoi-hoc/<int:pk>/diem-danh/ghi/",
        views.attendance_record_view,
        name="attendance-record",
    ),
    path(
        "buoi-hoc/<int:pk>/ma-qr/", views.check_in_screen_view, name="check-in-screen"
    ),
    path(
        "buoi-hoc/<int:pk>/ma-qr/mo/",
        views.check_in_code_open_view,
        name="check-in-code-open",
    ),
    path("lop-chu-nhiem/", views.class_view, name="class"),
    path(
        "don-nghi/<int:pk>/duyet/",
        views.leave_request_decide_view,
        name="leave-decide",
    ),
    path(
        "lop/<int:pk>/nhan-xet/", views.conduct_note_add_view, name="conduct-note-add"
    ),
    path(
        "lop/<int:pk>/ban-can-su/",
        views.committee_role_set_view,
        name="committee-role-set",
    ),
    path("phan-hoi/", views.own_feedback_view, name="feedback-own"),
    path(
        "phan-hoi/giang-vien/<int:pk>/",
        views.lecturer_feedback_view,
        name="feedback-lecturer",
    ),
]
