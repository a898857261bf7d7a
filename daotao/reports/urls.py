from django.urls import path

from daotao.reports import identity, rule_sets, views

app_name = "reports"
urlpatterns = [
    path("quan-ly/", views.dashboard_view, name="dashboard"),
    path(
        "quan-ly/thong-tin-truong/",
        identity.school_identity_view,
        name="school-identity",
    ),
    path("quan-ly/bo-quy-dinh/", rule_sets.rule_set_list_view, name="rule-sets"),
    path(
        "quan-ly/bo-quy-dinh/<str:kind>/<int:pk>/xac-nhan/",
        rule_sets.rule_set_confirm_view,
        name="rule-set-confirm",
    ),
]
