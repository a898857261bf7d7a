"""The master register (sổ gốc cấp văn bằng, chứng chỉ) as an office keeps it: one
row per entry in số vào sổ order, with the columns of the paper book."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from django.utils.translation import gettext as _

from daotao.core.actors import Actor
from daotao.core.exporting import ExportTable
from daotao.core.text import format_date
from daotao.credentials import selectors
from daotao.credentials.forms import CredentialFilterForm
from daotao.credentials.models import Credential

MASTER_REGISTER_EXPORT = "credentials:register-export"


def register_filter(
    *, actor: Actor, params: Mapping[str, Any]
) -> tuple[CredentialFilterForm, selectors.CredentialFilter]:
    """The register list's filter form and filter from its query parameters."""
    years = selectors.register_years(actor=actor)
    classes = selectors.register_classes(actor=actor)
    form = CredentialFilterForm(params or None, years=years, classes=classes)
    if not form.is_valid():
        return form, selectors.CredentialFilter()
    data = form.cleaned_data
    return form, selectors.CredentialFilter(
        year=data["year"],
        kind=data["kind"],
        status=data["status"],
        query=data["q"],
        by_entry=data["sort"] == "so",
        class_code=data["cohort"],
    )


def master_register_table(*, actor: Actor, params: Mapping[str, Any]) -> ExportTable:
    """The sổ gốc of the list's filter, every entry, in số vào sổ order."""
    _form, filters = register_filter(actor=actor, params=params)
    credentials = selectors.master_register(actor=actor, filters=filters)
    return ExportTable(
        filename="so-goc-cap-van-bang",
        title=_("Sổ gốc cấp văn bằng, chứng chỉ"),
        headers=master_register_headers(),
        rows=master_register_rows(credentials.iterator(chunk_size=2000)),
        count=credentials.count(),
    )


def master_register_headers() -> list[str]:
    """The columns, in the paper book's order ("Nơi sinh" from the person record's
    place of birth, never its quê quán); "Người nhận ký" is signed on the printed
    book."""
    return [
        _("Số TT"),
        _("Họ và tên"),
        _("Ngày sinh"),
        _("Nơi sinh"),
        _("Giới tính"),
        _("Dân tộc"),
        _("Chương trình đào tạo, bồi dưỡng"),
        _("Lớp"),
        _("Xếp loại"),
        _("Số hiệu"),
        _("Số vào sổ"),
        _("Số quyết định"),
        _("Ngày quyết định"),
        _("Ngày cấp"),
        _("Người nhận ký"),
        _("Ghi chú"),
    ]


def _date(value: Any) -> str:
    return format_date(value) if value else ""


def _note(credential: Credential) -> str:
    if credential.status == Credential.Status.REVOKED:
        return _("Đã thu hồi: %(reason)s") % {"reason": credential.revoke_reason}
    if credential.status == Credential.Status.REPLACED and credential.replaced_by:
        return _("Đã cấp lại, số hiệu %(serial)s") % {
            "serial": credential.replaced_by.serial
        }
    replaced = getattr(credential, "replaces", None)
    if replaced is not None:
        return _("Cấp lại thay số hiệu %(serial)s") % {"serial": replaced.serial}
    return ""


def master_register_rows(credentials: Iterable[Credential]) -> Iterator[tuple]:
    """One row per credential, numbered from 1, in the order given."""
    for number, credential in enumerate(credentials, 1):
        enrollment = credential.enrollment
        person = enrollment.person if enrollment else None
        sex = person.get_sex_display() if person and person.sex else ""
        if person is None and credential.holder_sex:
            sex = {"male": _("Nam"), "female": _("Nữ")}.get(credential.holder_sex, "")
        yield (
            number,
            credential.holder_name,
            _date(credential.holder_date_of_birth),
            person.place_of_birth if person else "",
            sex,
            person.ethnicity.name if person and person.ethnicity else "",
            credential.programme_name,
            enrollment.cohort.code if enrollment else credential.class_name,
            credential.classification_label,
            credential.serial,
            f"{credential.entry_number}/{credential.register.book_number}",
            credential.decision_number,
            _date(credential.decision_date),
            _date(credential.issued_on),
            "",  # người nhận ký: signed by hand on the printed book
            _note(credential),
        )
