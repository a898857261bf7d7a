"""Forms of the editor side and the public lookup box, with Vietnamese labels."""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from daotao.core.forms import SMALL_INTEGER_LIMIT
from daotao.core.text import format_number
from daotao.portal import images
from daotao.portal.models import Article, Category

_CODE = re.compile(r"[A-Za-z0-9_-]+")
_DATE = {
    "widget": forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"}),
    "input_formats": ["%d/%m/%Y", "%Y-%m-%d"],
}


class ArticleForm(forms.Form):
    title = forms.CharField(label=_("Tiêu đề"), max_length=300)
    summary = forms.CharField(
        label=_("Tóm tắt"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Hiện ở trang chủ, danh sách tin và khi chia sẻ lên mạng xã hội."),
    )
    body = forms.CharField(
        label=_("Nội dung"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 18, "data-rich-text": "article"}),
        help_text=_(
            "Soạn bằng thanh công cụ: đoạn, tiêu đề, danh sách, bảng, liên kết, ảnh. "
            "Không có JavaScript: gõ văn bản, mỗi đoạn cách nhau một dòng trống "
            "(hoặc HTML). Mã script, thuộc tính sự kiện và kiểu trình bày nhúng sẽ "
            "bị loại bỏ."
        ),
    )
    category = forms.ModelChoiceField(
        label=_("Chuyên mục"), queryset=Category.objects.none(), required=False
    )
    tags = forms.CharField(
        label=_("Từ khóa"),
        max_length=300,
        required=False,
        help_text=_("Cách nhau bằng dấu phẩy."),
    )
    cover = forms.FileField(
        label=_("Ảnh bìa"),
        required=False,
        help_text=_("JPEG, PNG hoặc WebP, tối đa 5 MB."),
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/jpeg,image/png,image/webp"}
        ),
    )

    def __init__(self, *args, categories=None, **kwargs):
        super().__init__(*args, **kwargs)
        if categories is not None:
            self.fields["category"].queryset = categories

    def clean_cover(self):
        cover = self.cleaned_data.get("cover")
        if cover and cover.size > images.MAX_BYTES:
            raise ValidationError(
                _("Ảnh bìa nặng %(size)s MB; tối đa 5 MB."),
                params={"size": format_number(cover.size / 1048576, decimals=1)},
            )
        return cover


class PublishForm(forms.Form):
    at = forms.DateTimeField(
        label=_("Hẹn giờ đăng"),
        required=False,
        input_formats=["%d/%m/%Y %H:%M", "%Y-%m-%dT%H:%M"],
        widget=forms.DateTimeInput(attrs={"placeholder": "dd/mm/yyyy hh:mm"}),
        help_text=_("Để trống để đăng ngay."),
    )


class PictureForm(forms.Form):
    title = forms.CharField(label=_("Chú thích ảnh"), max_length=200)
    image = forms.FileField(
        label=_("Tệp ảnh"),
        help_text=_("JPEG, PNG hoặc WebP, tối đa 5 MB."),
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/jpeg,image/png,image/webp"}
        ),
    )


class EditorFilterForm(forms.Form):
    q = forms.CharField(label=_("Tìm"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Trạng thái"),
        required=False,
        choices=[("", _("Tất cả")), *Article.Status.choices],
    )


def _check_link(value: str) -> str:
    value = value.strip()
    if value and not (
        (value.startswith("/") and not value.startswith("//"))
        or value.startswith(("https://", "http://"))
    ):
        raise ValidationError(
            _("Liên kết phải bắt đầu bằng “/” (trang trong cổng) hoặc “https://”.")
        )
    return value


class BannerForm(forms.Form):
    title = forms.CharField(label=_("Nội dung biểu ngữ"), max_length=200)
    link_url = forms.CharField(
        label=_("Liên kết"), max_length=300, required=False, validators=[_check_link]
    )
    starts_on = forms.DateField(label=_("Từ ngày"), **_DATE)
    ends_on = forms.DateField(label=_("Đến ngày"), **_DATE)
    position = forms.IntegerField(
        label=_("Thứ tự"), min_value=0, max_value=SMALL_INTEGER_LIMIT, initial=0
    )


class PageForm(forms.Form):
    title = forms.CharField(label=_("Tiêu đề"), max_length=200)
    body = forms.CharField(
        label=_("Nội dung"), required=False, widget=forms.Textarea(attrs={"rows": 18})
    )
    position = forms.IntegerField(
        label=_("Thứ tự"), min_value=0, max_value=SMALL_INTEGER_LIMIT, initial=0
    )
    is_in_menu = forms.BooleanField(label=_("Hiện trên menu"), required=False)
    is_published = forms.BooleanField(label=_("Công khai"), required=False)


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Tìm kiếm"), max_length=100, required=False)


class CredentialLookupForm(forms.Form):
    code = forms.CharField(
        label=_("Mã xác minh"),
        max_length=64,
        help_text=_("Mã in dưới mã QR trên văn bằng, chứng chỉ."),
    )

    def clean_code(self) -> str:
        code = "".join(self.cleaned_data["code"].split())
        if not _CODE.fullmatch(code):
            raise ValidationError(
                _("Mã xác minh chỉ gồm chữ cái không dấu, chữ số, “-” và “_”.")
            )
        return code
