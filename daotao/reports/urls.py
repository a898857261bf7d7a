from django.urls import path

from daotao.reports import figures_views, identity, rule_sets, views

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
    path("quan-ly/bo-quy-dinh/", rule_sets.rule_set_list_view, name="rule-sets"),
    path(
        "quan-ly/bo-quy-dinh/<str:kind>/<int:pk>/xac-nhan/",
        rule_sets.rule_set_confirm_view,
        name="rule-set-confirm",
    ),
]
