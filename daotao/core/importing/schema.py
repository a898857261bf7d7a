"""What a domain app expects in an imported table: columns, header aliases, keys.

Headers are matched on `header_key`: the search key of the text (no case, no
diacritics, đ as d) with punctuation, "(*)" and a trailing ":" dropped, so "Họ, tên",
"HỌ TÊN (*)" and "Họ tên:" are the same header.

The two-column layout of many official lists — separate "Nam" and "Nữ" columns,
the date of birth written in the one that applies, often under a merged "Ngày
sinh" cell — is recognised by the reader when the schema has both the
`DATE_OF_BIRTH` and the `SEX` column: it hands the date to the date parser and
"Nam"/"Nữ" (the header of the filled column) to the sex parser, so neither parser
needs to know the layout. If the file also has its own date column, the Nam/Nữ
columns are read as sex marks ("x") only.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from daotao.core.text import search_key
from daotao.core.validators import validate_citizen_id

from . import parsers
from .parsers import CITIZEN_ID_RESTORED

if TYPE_CHECKING:
    from .runner import ParsedRow

__all__ = [
    "CITIZEN_ID",
    "DATE_OF_BIRTH",
    "FULL_NAME",
    "PHONE",
    "SEX",
    "Column",
    "Schema",
    "check_citizen_id_agrees",
    "citizen_id_column",
    "date_of_birth_column",
    "full_name_column",
    "header_key",
    "phone_column",
    "sex_column",
    "text_column",
]

FULL_NAME = "full_name"
DATE_OF_BIRTH = "date_of_birth"
SEX = "sex"
CITIZEN_ID = "citizen_id"
PHONE = "phone"
EMAIL = "email"

_NOT_WORD = re.compile(r"[\W_]+")


def header_key(text: Any) -> str:
    """The comparison key of a header cell ("Họ, tên (*):" → "ho ten")."""
    if text is None:
        return ""
    return " ".join(_NOT_WORD.sub(" ", search_key(str(text))).split())


@dataclass(frozen=True)
class Column:
    """One column: `key` in the parsed row, `label` in messages, header aliases.

    `parser` takes a non-empty raw cell value and returns the value, a
    `WithWarnings`, or raises `CellError`. The template shows `aliases[0]` as the
    header and `example` as the hint.
    """

    key: str
    label: str
    aliases: tuple[str, ...]
    parser: Callable[[Any], Any]
    required: bool = True
    example: str = ""

    @property
    def header_keys(self) -> frozenset[str]:
        return frozenset(header_key(text) for text in (self.label, *self.aliases))

    @property
    def template_header(self) -> str:
        return self.aliases[0] if self.aliases else self.label


RowCheck = Callable[["ParsedRow"], None]


@dataclass(frozen=True)
class Schema:
    """The columns of an import, the natural key unique within one file, row checks.

    A row check gets each `ParsedRow` whose cells all parsed and may add errors
    or warnings to it (`row.add_error(key, text)`, `row.add_warning(...)`).
    """

    columns: Sequence[Column]
    natural_key: tuple[str, ...] = ()
    row_checks: tuple[RowCheck, ...] = field(default=())

    def __post_init__(self) -> None:
        keys = [column.key for column in self.columns]
        if len(set(keys)) != len(keys):
            raise ValueError(f"duplicate column keys in {keys}")
        unknown = set(self.natural_key) - set(keys)
        if unknown:
            raise ValueError(f"natural key names unknown columns: {sorted(unknown)}")

    def column(self, key: str) -> Column:
        for column in self.columns:
            if column.key == key:
                return column
        raise KeyError(key)

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(column.key for column in self.columns)

    @property
    def has_split_sex_layout(self) -> bool:
        return {DATE_OF_BIRTH, SEX} <= set(self.keys)

    @property
    def all_row_checks(self) -> tuple[RowCheck, ...]:
        builtin = (check_citizen_id_agrees,) if CITIZEN_ID in self.keys else ()
        return (*builtin, *self.row_checks)


# --- Ready-made Vietnamese columns -----------------------------------------------


def full_name_column(*, required: bool = True) -> Column:
    return Column(
        key=FULL_NAME,
        label=_("Họ và tên"),
        aliases=(
            "Họ và tên",
            "Họ tên",
            "Họ, tên",
            "Họ và tên học viên",
            "Họ và tên cán bộ",
            "Họ và tên đại biểu",
            "Họ và tên giảng viên",
        ),
        parser=parsers.parse_full_name,
        required=required,
        example="Nguyễn Thị Lan",
    )


def date_of_birth_column(*, required: bool = True) -> Column:
    return Column(
        key=DATE_OF_BIRTH,
        label=_("Ngày sinh"),
        aliases=(
            "Ngày sinh",
            "Ngày, tháng, năm sinh",
            "Ngày tháng năm sinh",
            "Sinh ngày",
            "Ngày/tháng/năm sinh",
        ),
        parser=parsers.parse_date_of_birth,
        required=required,
        example="05/03/1985",
    )


def sex_column(*, required: bool = True) -> Column:
    return Column(
        key=SEX,
        label=_("Giới tính"),
        aliases=("Giới tính", "Nam/Nữ", "Nam, Nữ", "Phái"),
        parser=parsers.parse_sex,
        required=required,
        example="Nữ",
    )


def citizen_id_column(*, required: bool = True) -> Column:
    return Column(
        key=CITIZEN_ID,
        label=_("Số CCCD"),
        aliases=(
            "Số CCCD",
            "CCCD",
            "Số định danh cá nhân",
            "Số CCCD/CMND",
            "Căn cước công dân",
            "Số căn cước công dân",
            "Số căn cước",
            "Số định danh",
            "CCCD/CMND",
            "Số CMND/CCCD",
        ),
        parser=parsers.parse_citizen_id,
        required=required,
        example="038185001234",
    )


def email_column(*, required: bool = False, example: str = "ten@example.vn") -> Column:
    return Column(
        key=EMAIL,
        label=_("Thư điện tử"),
        aliases=(_("Thư điện tử"), "Email", "E-mail"),
        parser=parsers.parse_email,
        required=required,
        example=example,
    )


def phone_column(*, required: bool = False) -> Column:
    return Column(
        key=PHONE,
        label=_("Điện thoại"),
        aliases=(
            "Điện thoại",
            "Số điện thoại",
            "SĐT",
            "ĐT",
            "Điện thoại di động",
            "Số ĐT",
            "Di động",
        ),
        parser=parsers.parse_phone,
        required=required,
        example="0912345678",
    )


def text_column(
    key: str,
    label: str,
    aliases: tuple[str, ...] = (),
    *,
    required: bool = False,
    max_length: int = 255,
    example: str = "",
) -> Column:
    return Column(
        key=key,
        label=label,
        aliases=aliases or (label,),
        parser=parsers.text_parser(max_length=max_length),
        required=required,
        example=example,
    )


# --- Row checks ------------------------------------------------------------------


def check_citizen_id_agrees(row: ParsedRow) -> None:
    """The CCCD's century/sex and year digits must agree with birth date and sex.

    A CCCD whose leading "0" was restored keeps its warning unless both the date
    of birth and the sex are known and agree with it; if they disagree, the row
    is refused.
    """
    citizen_id = row.values.get(CITIZEN_ID)
    if not citizen_id:
        return
    born, sex = row.values.get(DATE_OF_BIRTH), row.values.get(SEX)
    is_restored = row.has_warning(CITIZEN_ID, CITIZEN_ID_RESTORED)
    try:
        validate_citizen_id(citizen_id, date_of_birth=born, sex=sex)
    except ValidationError as error:
        if is_restored:
            row.drop_warning(CITIZEN_ID, CITIZEN_ID_RESTORED)
            row.add_error(
                CITIZEN_ID,
                _(
                    "số CCCD có 11 chữ số; thêm số 0 ở đầu thành '%s' nhưng vẫn "
                    "không khớp với ngày sinh hoặc giới tính; hãy ghi lại đủ 12 "
                    "chữ số."
                )
                % citizen_id,
            )
        for message in error.messages:
            row.add_error(CITIZEN_ID, parsers.lower_first(message))
        return
    if is_restored and born is not None and sex is not None:
        row.drop_warning(CITIZEN_ID, CITIZEN_ID_RESTORED)
