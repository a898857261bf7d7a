"""Lecturer pages."""

from django.urls import path

from daotao.faculty import views
from daotao.faculty.development import views as dev

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
    # Lecturer development (faculty.development)
    path("<int:pk>/ho-so-phat-trien/", dev.dossier_view, name="dossier"),
    path("ho-so-cua-toi/", dev.my_dossier_view, name="my-dossier"),
    path(
        "<int:pk>/van-bang/them/",
        dev.qualification_add_view,
        name="qualification-add",
    ),
    path(
        "van-bang/<int:pk>/xoa/",
        dev.qualification_delete_view,
        name="qualification-delete",
    ),
    path(
        "van-bang/<int:pk>/minh-chung/",
        dev.qualification_evidence_view,
        name="qualification-download",
    ),
    path(
        "<int:pk>/thuc-te/them/", dev.field_practice_add_view, name="field-practice-add"
    ),
    path(
        "thuc-te/<int:pk>/bao-cao/",
        dev.field_practice_report_view,
        name="field-practice-report",
    ),
    path(
        "thuc-te/<int:pk>/xoa/",
        dev.field_practice_delete_view,
        name="field-practice-delete",
    ),
    path("thuc-te/", dev.field_practice_list_view, name="field-practice-list"),
    path(
        "thuc-te/xuat-excel/",
        dev.field_practice_export_view,
        name="field-practice-export",
    ),
    path("<int:pk>/luan-chuyen/them/", dev.rotation_add_view, name="rotation-add"),
    path(
        "luan-chuyen/<int:pk>/bao-cao/",
        dev.rotation_report_view,
        name="rotation-report",
    ),
    path("luan-chuyen/<int:pk>/xoa/", dev.rotation_delete_view, name="rotation-delete"),
    path(
        "luan-chuyen/<int:pk>/soan-to-trinh/",
        dev.rotation_proposal_draft_view,
        name="rotation-proposal-draft",
    ),
    path("luan-chuyen/", dev.rotation_list_view, name="rotation-list"),
    path("luan-chuyen/xuat-excel/", dev.rotation_export_view, name="rotation-export"),
    path("<int:pk>/hoi-thi/them/", dev.contest_add_view, name="contest-add"),
    path("hoi-thi/<int:pk>/xoa/", dev.contest_delete_view, name="contest-delete"),
    path("can-hoan-thanh/", dev.due_list_view, name="due-list"),
    path("can-hoan-thanh/xuat-excel/", dev.due_export_view, name="due-export"),
    path("danh-gia/", dev.evaluation_list_view, name="evaluation-list"),
    path("danh-gia/xuat-excel/", dev.evaluation_export_view, name="evaluation-export"),
    path("danh-gia/tinh/", dev.evaluation_compute_view, name="evaluation-compute"),
    path(
        "danh-gia/soan-quyet-dinh/",
        dev.evaluation_decision_draft_view,
        name="evaluation-decision-draft",
    ),
    path(
        "danh-gia/<int:pk>/xep-loai/",
        dev.evaluation_decide_view,
        name="evaluation-decide",
    ),
    path("quy-dinh-phat-trien/", dev.rule_set_list_view, name="development-rules"),
    path(
        "quy-dinh-phat-trien/<int:pk>/sua/",
        dev.rule_set_update_view,
        name="development-rule-update",
    ),
]
