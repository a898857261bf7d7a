from django.urls import path

from daotao.enrolment.views import admission, imports

app_name = "enrolment"
urlpatterns = [
    path("", admission.class_list_view, name="class-list"),
    path("lop/<int:pk>/", admission.class_detail_view, name="class-detail"),
    path(
        "lop/<int:pk>/xet-tat-ca/",
        admission.class_check_all_view,
        name="class-check-all",
    ),
    path("lop/<int:pk>/xuat-excel/", admission.class_export_view, name="class-export"),
    path(
        "lop/<int:pk>/nhap-excel/",
        imports.nomination_import_view,
        name="nomination-import",
    ),
    path(
        "lop/<int:pk>/mau-excel/",
        imports.nomination_template_view,
        name="nomination-template",
    ),
    path("lop/<int:pk>/lap-lop/", admission.class_admit_view, name="class-admit"),
    path(
        "de-nghi/<int:pk>/", admission.nomination_detail_view, name="nomination-detail"
    ),
    path(
        "de-nghi/<int:pk>/xet/",
        admission.nomination_check_view,
        name="nomination-check",
    ),
    path(
        "de-nghi/<int:pk>/chap-thuan/",
        admission.nomination_override_view,
        name="nomination-override",
    ),
    path(
        "de-nghi/<int:pk>/khong-nhan/",
        admission.nomination_reject_view,
        name="nomination-reject",
    ),
    path(
        "de-nghi/<int:pk>/rut/",
        admission.nomination_withdraw_view,
        name="nomination-withdraw",
    ),
    path("lop-hoc/<int:pk>/", admission.cohort_detail_view, name="cohort-detail"),
    path(
        "lop-hoc/<int:pk>/soan-lai-quyet-dinh/",
        admission.cohort_summons_redraft_view,
        name="cohort-summons-redraft",
    ),
    path(
        "lop-hoc/<int:pk>/cai-dat/",
        admission.cohort_settings_view,
        name="cohort-settings",
    ),
    path(
        "lop-hoc/<int:pk>/xuat-excel/",
        admission.cohort_export_view,
        name="cohort-export",
    ),
    path(
        "lop-hoc/<int:pk>/bo-sung/",
        admission.cohort_admit_late_view,
        name="cohort-admit-late",
    ),
    path(
        "lop-hoc/<int:pk>/quyet-dinh/",
        admission.cohort_decision_view,
        name="cohort-decision",
    ),
]
