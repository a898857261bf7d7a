"""Learning pages, mounted at hoc-vien/."""

from django.urls import path

from daotao.learning import views
from daotao.learning.views import conduct, support

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
    # Learner support (docs/adr/0034)
    path("ho-tro/", support.support_cohort_list_view, name="support-list"),
    path(
        "ho-tro/xuat-excel/",
        support.support_cohort_list_export_view,
        name="support-list-export",
    ),
    path("ho-tro/lop/<int:pk>/", support.support_cohort_view, name="support-cohort"),
    path(
        "ho-tro/lop/<int:pk>/xuat-excel/",
        support.support_cohort_export_view,
        name="support-cohort-export",
    ),
    path(
        "ho-tro/lop/<int:pk>/tinh/",
        support.support_payment_compute_view,
        name="support-compute",
    ),
    path(
        "ho-tro/lop/<int:pk>/soan-quyet-dinh/",
        support.support_payment_draft_view,
        name="support-draft",
    ),
    path(
        "ho-tro/lop/<int:pk>/noi-cu-tru/",
        support.learner_commune_set_view,
        name="support-learner-commune",
    ),
    path("ho-tro/muc-ho-tro/", support.support_rate_list_view, name="support-rates"),
    path(
        "ho-tro/muc-ho-tro/xuat-excel/",
        support.support_rate_export_view,
        name="support-rate-export",
    ),
    path(
        "ho-tro/muc-ho-tro/them/",
        support.support_rate_create_view,
        name="support-rate-create",
    ),
    path(
        "ho-tro/muc-ho-tro/<int:pk>/sua/",
        support.support_rate_update_view,
        name="support-rate-update",
    ),
    path(
        "ho-tro/dia-ban/luu/",
        support.commune_profile_save_view,
        name="commune-profile-save",
    ),
    path(
        "ho-tro/dia-ban/xuat-excel/",
        support.commune_profile_export_view,
        name="commune-profile-export",
    ),
    # Rewards, discipline, conduct
    path("khen-thuong-ky-luat/", conduct.decision_list_view, name="decision-list"),
    path(
        "khen-thuong-ky-luat/xuat-excel/",
        conduct.decision_export_view,
        name="decision-export",
    ),
    path(
        "khen-thuong-ky-luat/lop/<int:pk>/de-nghi/",
        conduct.decision_propose_view,
        name="decision-propose",
    ),
    path(
        "khen-thuong-ky-luat/<int:pk>/soan-quyet-dinh/",
        conduct.decision_draft_view,
        name="decision-draft",
    ),
    path("ren-luyen/", conduct.conduct_list_view, name="conduct-list"),
    path("ren-luyen/xuat-excel/", conduct.conduct_export_view, name="conduct-export"),
    path(
        "ren-luyen/lop/<int:pk>/xep-loai/",
        conduct.conduct_classify_view,
        name="conduct-classify",
    ),
    path(
        "ren-luyen/quy-dinh/<int:pk>/sua/",
        conduct.conduct_rule_update_view,
        name="conduct-rule-update",
    ),
    path(
        "phan-hoi/giang-vien/<int:pk>/",
        views.lecturer_feedback_view,
        name="feedback-lecturer",
    ),
]
