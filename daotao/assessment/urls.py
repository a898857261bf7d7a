"""Assessment pages, mounted at /danh-gia/."""

from django.urls import path

from daotao.assessment import views

app_name = "assessment"
urlpatterns = [
    path("", views.cohort_list_view, name="cohort-list"),
    path("diem-cua-toi/", views.my_scores_view, name="my-scores"),
    path("lop/<int:pk>/", views.cohort_detail_view, name="cohort-detail"),
    path("lop/<int:pk>/tao-ky-thi/", views.exam_create_view, name="exam-create"),
    path("lop/<int:pk>/ket-qua/", views.cohort_results_view, name="cohort-results"),
    path(
        "lop/<int:pk>/can-bo-cham-thi/",
        views.examiner_list_view,
        name="examiner-list",
    ),
    path(
        "can-bo-cham-thi/<int:pk>/bo/",
        views.examiner_remove_view,
        name="examiner-remove",
    ),
    path(
        "lop/<int:pk>/ket-qua/xuat-excel/",
        views.cohort_results_export_view,
        name="cohort-results-export",
    ),
    path(
        "lop/<int:pk>/tot-nghiep/", views.graduation_list_view, name="graduation-list"
    ),
    path(
        "lop/<int:pk>/tot-nghiep/xet/",
        views.graduation_review_view,
        name="graduation-review",
    ),
    path(
        "lop/<int:pk>/tot-nghiep/soan-quyet-dinh/",
        views.graduation_decision_view,
        name="graduation-decision",
    ),
    path(
        "lop/<int:pk>/tot-nghiep/soan-lai-quyet-dinh/",
        views.graduation_redraft_view,
        name="graduation-redraft",
    ),
    path("bang-diem/<int:pk>/", views.sheet_detail_view, name="sheet-detail"),
    path("bang-diem/<int:pk>/luu/", views.sheet_save_view, name="sheet-save"),
    path("bang-diem/<int:pk>/nop/", views.sheet_submit_view, name="sheet-submit"),
    path("bang-diem/<int:pk>/tra-lai/", views.sheet_return_view, name="sheet-return"),
    path("bang-diem/<int:pk>/khoa/", views.sheet_lock_view, name="sheet-lock"),
    path("bang-diem/<int:pk>/dieu-chinh/", views.sheet_amend_view, name="sheet-amend"),
    path(
        "bang-diem/<int:pk>/doi-quy-che/",
        views.sheet_rule_set_amend_view,
        name="sheet-rule-set-amend",
    ),
    path(
        "bang-diem/<int:pk>/du-thi/",
        views.sheet_eligibility_view,
        name="sheet-eligibility",
    ),
    path("bang-diem/<int:pk>/nhap-tep/", views.sheet_import_view, name="sheet-import"),
]
