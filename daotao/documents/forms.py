from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from daotao.documents.drafting import fill, keyed_lines
from daotao.documents.models import DocumentTemplate, DocumentType, OutgoingDocument
from daotao.documents.services import DraftData
from daotao.org.models import Unit

TEXTAREA = forms.Textarea(attrs={"rows": 4})


class RegisterFilterForm(forms.Form):
    q = forms.CharField(label=_("Tìm theo số, ký hiệu, trích yếu"), required=False)
    document_type = forms.ModelChoiceField(
        label=_("Loại văn bản"), queryset=DocumentType.objects.all(), required=False
    )
    year = forms.TypedChoiceField(
        label=_("Năm"), coerce=int, required=False, empty_value=None
    )
    status = forms.ChoiceField(
        label=_("Trạng thái"),
        choices=[("", _("Tất cả")), *OutgoingDocument.Status.choices],
        required=False,
    )

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("Tất cả"))] + [(y, y) for y in years]


class StartForm(forms.Form):
    template = forms.ModelChoiceField(
        label=_("Mẫu văn bản"), queryset=DocumentTemplate.objects.none()
    )

    def __init__(self, *args: Any, templates: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = templates


class DraftForm(forms.Form):
    issuer = forms.ModelChoiceField(label=_("Nơi ban hành"), queryset=None)
    drafting_unit = forms.ModelChoiceField(
        label=_("Đơn vị soạn thảo"), queryset=Unit.objects.none()
    )
    summary = forms.CharField(label=_("Trích yếu"), max_length=500)
    decision_heading = forms.CharField(
        label=_("Thẩm quyền ban hành (quyết định)"), max_length=200, required=False
    )
    basis_text = forms.CharField(
        label=_("Căn cứ (mỗi dòng một căn cứ)"), widget=TEXTAREA, required=False
    )
    body_text = forms.CharField(
        label=_("Nội dung"),
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_(
            "Mỗi dòng một đoạn. Dòng bắt đầu bằng “1.”, “2.1.” hoặc “I.” là đề mục; "
            "“Điều 1.” là điều khoản; “- ” là gạch đầu dòng; “---” sang trang mới."
        ),
    )
    signer_authority = forms.CharField(
        label=_("Quyền hạn ký (KT., TL., T/M…)"), max_length=80, required=False
    )
    signer_title = forms.CharField(label=_("Chức vụ người ký"), max_length=120)
    signer_name = forms.CharField(
        label=_("Họ tên người ký"), max_length=120, required=False
    )
    recipients_text = forms.CharField(
        label=_("Nơi nhận (mỗi dòng một nơi)"), widget=TEXTAREA, required=False
    )
    archive_units_text = forms.CharField(
        label=_("Lưu (đơn vị, cách nhau bởi dấu phẩy)"),
        max_length=120,
        required=False,
        help_text=_("Dòng cuối “Lưu: VT, …”; để trống thì ghi đơn vị soạn thảo."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, issuers: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["issuer"].queryset = issuers
        self.fields["drafting_unit"].queryset = units

    def to_data(self) -> DraftData:
        data = self.cleaned_data
        return DraftData(
            summary=data["summary"],
            body_text=data["body_text"],
            drafting_unit_id=data["drafting_unit"].pk,
            signer_title=data["signer_title"],
            signer_authority=data["signer_authority"],
            signer_name=data["signer_name"],
            decision_heading=data["decision_heading"],
            basis_text=data["basis_text"],
            recipients_text=data["recipients_text"],
            archive_units_text=data["archive_units_text"],
        )


def initial_from_template(
    template: DocumentTemplate, *, values: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The form's starting text: the template's wording with the school's and the
    office's names filled in and the căn cứ taken from the legal-basis registry."""
    wording = template.wording or {}
    values = values or {}
    today = timezone.localdate()
    basis = keyed_lines(list(wording.get("basis", [])), values, today)
    body = "\n".join(
        fill(line, values) for line in wording.get("body", "").splitlines()
    )
    return {
        "summary": fill(wording.get("summary", ""), values),
        "decision_heading": fill(wording.get("decision_heading", ""), values).upper(),
        "basis_text": "\n".join(text for _key, text in basis),
        "body_text": body,
        "signer_authority": wording.get("signer_authority", ""),
        "signer_title": wording.get("signer_title", ""),
        "recipients_text": "\n".join(wording.get("recipients", [])),
    }


def initial_from_document(document: OutgoingDocument) -> dict[str, Any]:
    return {
        "issuer": document.issuer_id,
        "drafting_unit": document.drafting_unit_id,
        "summary": document.summary,
        "decision_heading": document.decision_heading,
        "basis_text": "\n".join(document.basis),
        "body_text": document.body_text,
        "signer_authority": document.signer_authority,
        "signer_title": document.signer_title,
        "signer_name": document.signer_name,
        "recipients_text": "\n".join(document.recipients),
        "archive_units_text": ", ".join(document.archive_units),
        "version": document.version,
    }


class ReturnForm(forms.Form):
    reason = forms.CharField(label=_("Lý do trả lại"), widget=TEXTAREA)


class ScanForm(forms.Form):
    scan = forms.FileField(label=_("Bản quét (PDF)"))
