from django.urls import path

from daotao.outcomes import views

app_name = "outcomes"

urlpatterns = [
    path("", views.agency_cadres_view, name="agency-cadres"),
    path("danh-gia.xlsx", views.evaluation_export_view, name="evaluation-export"),
    path("hoc-vien/<int:pk>/", views.cadre_detail_view, name="cadre-detail"),
    path(
        "hoc-vien/<int:pk>/danh-gia.pdf",
        views.cadre_evaluation_view,
        name="cadre-evaluation",
    ),
    path(
        "hoc-vien/<int:pk>/giao-nhiem-vu/",
        views.research_task_assign_view,
        name="research-task-assign",
    ),
    path(
        "hoc-vien/<int:pk>/su-dung/",
        views.placement_record_view,
        name="placement-record",
    ),
    path("su-dung-can-bo/", views.where_now_view, name="where-now"),
    path("su-dung-can-bo.xlsx", views.where_now_export_view, name="where-now-export"),
    path("nghien-cuu/", views.research_task_list_view, name="research-task-list"),
    path(
        "nghien-cuu/<int:pk>/cham/",
        views.research_task_grade_view,
        name="research-task-grade",
    ),
]
