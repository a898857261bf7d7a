"""The upload form of every import page."""

from django import forms
from django.utils.translation import gettext_lazy


class ImportFileForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Tệp dữ liệu (.xlsx, .csv)"),
        help_text=gettext_lazy("Dùng tệp mẫu; dòng tiêu đề có thể ở bất kỳ hàng nào."),
    )
