from django.urls import path

from daotao.accounts.views import account, imports, second_factor, users

app_name = "accounts"
urlpatterns = [
    path("dang-nhap/", account.login_view, name="login"),
    path("dang-xuat/", account.logout_view, name="logout"),
    path("tai-khoan/", account.profile_view, name="profile"),
    path("tai-khoan/thu-tom-tat/", account.profile_digest_view, name="profile-digest"),
    path("doi-mat-khau/", account.password_change_view, name="password-change"),
    path(
        "doi-mat-khau/xong/",
        account.password_change_done_view,
        name="password-change-done",
    ),
    path("quen-mat-khau/", account.password_reset_view, name="password-reset"),
    path(
        "quen-mat-khau/da-gui/",
        account.password_reset_done_view,
        name="password-reset-done",
    ),
    path(
        "dat-lai-mat-khau/<uidb64>/<token>/",
        account.password_reset_confirm_view,
        name="password-reset-confirm",
    ),
    path(
        "dat-lai-mat-khau/xong/",
        account.password_reset_complete_view,
        name="password-reset-complete",
    ),
    path(
        "xac-thuc-hai-buoc/",
        second_factor.second_factor_view,
        name="second-factor",
    ),
    path(
        "xac-thuc-hai-buoc/thiet-lap/",
        second_factor.second_factor_setup_view,
        name="second-factor-setup",
    ),
    path("phan-quyen/", users.permission_table_view, name="permission-table"),
    path("nguoi-dung/", users.user_list_view, name="user-list"),
    path("nguoi-dung/nhap/", imports.user_import_view, name="user-import"),
    path(
        "nguoi-dung/nhap/tep-mau/",
        imports.user_import_template_view,
        name="user-import-template",
    ),
]
