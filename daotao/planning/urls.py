from django.urls import path

from daotao.planning import views

app_name = "planning"
urlpatterns = [
    path("", views.plan_list_view, name="plan-list"),
    path("<int:pk>/", views.plan_detail_view, name="plan-detail"),
    path("<int:pk>/xuat-excel/", views.plan_export_view, name="plan-export"),
    path("<int:pk>/trinh-duyet/", views.plan_submit_view, name="plan-submit"),
    path("<int:pk>/phe-duyet/", views.plan_approve_view, name="plan-approve"),
    path("<int:pk>/tra-lai/", views.plan_return_view, name="plan-return"),
    path(
        "<int:pk>/tham-dinh/tra-lai/",
        views.plan_review_return_view,
        name="plan-review-return",
    ),
    path(
        "<int:pk>/tham-dinh/phe-duyet/",
        views.plan_review_approve_view,
        name="plan-review-approve",
    ),
    path("<int:pk>/soan-van-ban/", views.plan_document_view, name="plan-document"),
    path("<int:pk>/bo-sung/", views.plan_supplement_view, name="plan-supplement"),
    path("lop/<int:pk>/chi-tieu/", views.quota_set_view, name="quota-set"),
    path(
        "lop/<int:pk>/dieu-chinh-chi-tieu/",
        views.quota_adjust_view,
        name="quota-adjust",
    ),
    path(
        "lop/<int:pk>/sua/",
        views.planned_class_update_view,
        name="planned-class-update",
    ),
    path(
        "lop/<int:pk>/xoa/",
        views.planned_class_delete_view,
        name="planned-class-delete",
    ),
]
