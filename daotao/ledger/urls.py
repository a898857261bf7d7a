"""The ledger's pages, under the teaching section's address (/giang-day/gio-chuan/)."""

from django.urls import path

from daotao.ledger import views

app_name = "ledger"
urlpatterns = [
    path("gio-chuan/", views.ledger_report_view, name="ledger-report"),
    path("gio-chuan/xuat-excel/", views.ledger_export_view, name="ledger-export"),
    path("gio-chuan/tinh-lai/", views.ledger_recompute_view, name="ledger-recompute"),
    path("gio-chuan/chot-so/", views.ledger_close_view, name="ledger-close"),
    path("gio-chuan/cua-toi/", views.ledger_own_view, name="ledger-own"),
    path(
        "gio-chuan/giang-vien/<int:pk>/",
        views.ledger_lecturer_view,
        name="ledger-lecturer",
    ),
    path(
        "gio-chuan/giang-vien/<int:pk>/dinh-muc/",
        views.ledger_norm_set_view,
        name="ledger-norm-set",
    ),
    path(
        "gio-chuan/giang-vien/<int:pk>/them-dong/",
        views.ledger_entry_add_view,
        name="ledger-entry-add",
    ),
    path(
        "gio-chuan/dong/<int:pk>/xoa/",
        views.ledger_entry_delete_view,
        name="ledger-entry-delete",
    ),
    path(
        "gio-chuan/bo-dinh-muc/",
        views.hour_rule_set_list_view,
        name="hour-rule-set-list",
    ),
    path(
        "gio-chuan/bo-dinh-muc/<int:pk>/sua/",
        views.hour_rule_set_update_view,
        name="hour-rule-set-update",
    ),
]
