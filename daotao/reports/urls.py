from django.urls import path

from daotao.reports import (
    comparison_views,
    figures_views,
    identity,
    rule_sets,
    views,
)

app_name = "reports"
urlpatterns = [
    path("quan-ly/", views.dashboard_view, name="dashboard"),
    path("quan-ly/viec-can-lam/", views.todo_list_view, name="todo-list"),
    path("quan-ly/viec-can-lam/so-luong/", views.todo_count_view, name="todo-count"),
    path("quan-ly/viec-can-lam/mo/", views.todo_open_view, name="todo-open"),
    path(
        "quan-ly/thong-tin-truong/",
        identity.school_identity_view,
        name="school-identity",
    ),
    path("quan-ly/so-lieu/", figures_views.figures_view, name="figures"),
    path(
        "quan-ly/so-lieu/xuat-excel/",
        figures_views.figures_export_view,
        name="figures-export",
    ),
    path("quan-ly/so-sanh/", comparison_views.comparison_view, name="comparison"),
    path(
        "quan-ly/so-sanh/xuat-excel/",
        comparison_views.comparison_export_view,
        name="comparison-export",
    ),
    path(
        "quan-ly/bao-cao-dinh-ky/",
        comparison_views.period_report_list_view,
        name="period-report-list",
    ),
    path(
        "quan-ly/bao-cao-dinh-ky/lap/",
        comparison_views.period_report_draft_view,
        name="period-report-draft",
    ),
    path(
        "quan-ly/bao-cao-dinh-ky/<int:pk>/",
        comparison_views.period_report_detail_view,
        name="period-report-detail",
    ),
    path(
        "quan-ly/bao-cao-dinh-ky/<int:pk>/gui/",
        comparison_views.period_report_submit_view,
        name="period-report-submit",
    ),
    path(
        "quan-ly/bao-cao-dinh-ky/<int:pk>/soan-van-ban/",
        comparison_views.period_report_document_view,
        name="period-report-document",
    ),
    path("quan-ly/bo-quy-dinh/", rule_sets.rule_set_list_view, name="rule-sets"),
    path(
        "quan-ly/bo-quy-dinh/<str:kind>/<int:pk>/xac-nhan/",
        rule_sets.rule_set_confirm_view,
        name="rule-set-confirm",
    ),
]
