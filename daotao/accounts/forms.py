"""The form of the users-with-roles import page."""

from django import forms
from django.utils.translation import gettext_lazy


class UserImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Tệp danh sách người dùng (.xlsx, .csv)"),
        help_text=gettext_lazy(
            "Dùng tệp mẫu; mỗi dòng một vai trò của một người. Không ghi mật khẩu: "
            "người dùng mới nhận thư để tự đặt mật khẩu."
        ),
    )
