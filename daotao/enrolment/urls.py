from django.urls import path

from daotao.enrolment import import_views, views

app_name = "enrolment"
urlpatterns = [
    path("", views.class_list_view, name="class-list"),
    path("lop/<int:pk>/", views.class_detail_view, name="class-detail"),
    path(
        "lop/<int:pk>/xet-tat-ca/", views.class_check_all_view, name="class-check-all"
    ),
    path("lop/<int:pk>/xuat-excel/", views.class_export_view, name="class-export"),
    path(
        "lop/<int:pk>/nhap-excel/",
        import_views.nomination_import_view,
        name="nomination-import",
    ),
    path(
        "lop/<int:pk>/mau-excel/",
        import_views.nomination_template_view,
        name="nomination-template",
    ),
    path("lop/<int:pk>/lap-lop/", views.class_admit_view, name="class-admit"),
    path("de-nghi/<int:pk>/", views.nomination_detail_view, name="nomination-detail"),
    path("de-nghi/<int:pk>/xet/", views.nomination_check_view, name="nomination-check"),
    path(
        "de-nghi/<int:pk>/chap-thuan/",
        views.nomination_override_view,
        name="nomination-override",
    ),
    path(
        "de-nghi/<int:pk>/khong-nhan/",
        views.nomination_reject_view,
        name="nomination-reject",
    ),
    path(
        "de-nghi/<int:pk>/rut/",
        views.nomination_withdraw_view,
        name="nomination-withdraw",
    ),
    path("lop-hoc/<int:pk>/", views.cohort_detail_view, name="cohort-detail"),
    path(
        "lop-hoc/<int:pk>/soan-lai-quyet-dinh/",
        views.cohort_summons_redraft_view,
        name="cohort-summons-redraft",
    ),
    path(
        "lop-hoc/<int:pk>/cai-dat/", views.cohort_settings_view, name="cohort-settings"
    ),
    path(
        "lop-hoc/<int:pk>/xuat-excel/", views.cohort_export_view, name="cohort-export"
    ),
    path(
        "lop-hoc/<int:pk>/bo-sung/",
        views.cohort_admit_late_view,
        name="cohort-admit-late",
    ),
    path(
        "lop-hoc/<int:pk>/quyet-dinh/",
        views.cohort_decision_view,
        name="cohort-decision",
    ),
]
