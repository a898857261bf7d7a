from django.urls import path

from daotao.standards import views

app_name = "standards"
urlpatterns = [
    path("", views.assessment_list_view, name="assessment-list"),
    path("<int:pk>/", views.assessment_detail_view, name="assessment-detail"),
    path(
        "<int:pk>/xuat-excel/", views.assessment_export_view, name="assessment-export"
    ),
    path(
        "<int:pk>/soan-bao-cao/", views.assessment_draft_view, name="assessment-draft"
    ),
    path("chi-tieu/<int:pk>/", views.result_detail_view, name="result-detail"),
    path("chi-tieu/<int:pk>/nhap/", views.result_enter_view, name="result-enter"),
    path("chi-tieu/<int:pk>/minh-chung/", views.evidence_add_view, name="evidence-add"),
    path("minh-chung/<int:pk>/tep/", views.evidence_file_view, name="evidence-file"),
    path("bo-tieu-chi/", views.rule_set_view, name="rule-set"),
    path("bo-tieu-chi/xuat-excel/", views.rule_set_export_view, name="rule-set-export"),
    path(
        "bo-tieu-chi/chi-tieu/<int:pk>/sua/",
        views.indicator_update_view,
        name="indicator-update",
    ),
]
