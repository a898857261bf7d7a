"""The forms of the accounts pages: the users-with-roles import, the second factor's
code and its enrolment."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class UserImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Tệp danh sách người dùng (.xlsx, .csv)"),
        help_text=gettext_lazy(
            "Dùng tệp mẫu; mỗi dòng một vai trò của một người. Không ghi mật khẩu: "
            "người dùng mới nhận thư để tự đặt mật khẩu."
        ),
    )


class TokenForm(forms.Form):
    token = forms.CharField(
        label=gettext_lazy("Mã xác thực"),
        max_length=16,
        help_text=gettext_lazy(
            "6 chữ số trong ứng dụng xác thực, hoặc một mã khôi phục."
        ),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}
        ),
    )
    remember = forms.BooleanField(label="", required=False)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["remember"].label = _("Ghi nhớ máy này trong %(days)d ngày") % {
            "days": settings.TWO_FACTOR_REMEMBER_DAYS
        }


class EnrolForm(forms.Form):
    token = forms.CharField(
        label=gettext_lazy("Mã 6 chữ số trong ứng dụng"),
        max_length=6,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}
        ),
    )
