from django.urls import path

from daotao.accounts import second_factor_views, views

app_name = "accounts"
urlpatterns = [
    path("dang-nhap/", views.login_view, name="login"),
    path("dang-xuat/", views.logout_view, name="logout"),
    path("tai-khoan/", views.profile_view, name="profile"),
    path("doi-mat-khau/", views.password_change_view, name="password-change"),
    path(
        "doi-mat-khau/xong/",
        views.password_change_done_view,
        name="password-change-done",
    ),
    path("quen-mat-khau/", views.password_reset_view, name="password-reset"),
    path(
        "quen-mat-khau/da-gui/",
        views.password_reset_done_view,
        name="password-reset-done",
    ),
    path(
        "dat-lai-mat-khau/<uidb64>/<token>/",
        views.password_reset_confirm_view,
        name="password-reset-confirm",
    ),
    path(
        "dat-lai-mat-khau/xong/",
        views.password_reset_complete_view,
        name="password-reset-complete",
    ),
    path(
        "xac-thuc-hai-buoc/",
        second_factor_views.second_factor_view,
        name="second-factor",
    ),
    path(
        "xac-thuc-hai-buoc/thiet-lap/",
        second_factor_views.second_factor_setup_view,
        name="second-factor-setup",
    ),
    path("phan-quyen/", views.permission_table_view, name="permission-table"),
    path("nguoi-dung/", views.user_list_view, name="user-list"),
    path("nguoi-dung/nhap/", views.user_import_view, name="user-import"),
    path(
        "nguoi-dung/nhap/tep-mau/",
        views.user_import_template_view,
        name="user-import-template",
    ),
]
