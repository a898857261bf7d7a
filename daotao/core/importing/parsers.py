"""Cell parsers: pure functions from a raw cell value to a clean value.

Each parser takes what openpyxl or the CSV reader gives for one cell (str, int,
float, bool, datetime, date, time, None …) and returns the clean value, or a
`WithWarnings` carrying the value and notes the user should see, or raises
`CellError` with a Vietnamese message that names what is wrong. The message is
written to follow "Dòng 12, cột “Ngày sinh”: ", so it starts in lower case.
An empty cell is never passed to a parser by the runner; called directly, a parser
returns None for it.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from daotao.core.text import format_date, join_name, normalize, search_key
from daotao.core.text import split_full_name as _split_full_name
from daotao.core.validators import (
    CITIZEN_ID_LENGTH,
    EARLIEST_BIRTH_DATE,
    validate_phone,
    validate_printable,
)

__all__ = [
    "CITIZEN_ID_RESTORED",
    "CellError",
    "CellWarning",
    "WithWarnings",
    "choice_key",
    "display_value",
    "is_blank",
    "parse_choice",
    "parse_citizen_id",
    "parse_date",
    "parse_date_of_birth",
    "parse_decimal",
    "parse_full_name",
    "parse_integer",
    "parse_phone",
    "parse_sex",
    "parse_text",
    "text_parser",
]

MALE, FEMALE = "male", "female"
CITIZEN_ID_RESTORED = "citizen_id_restored"
FULL_NAME_MAX_LENGTH = 100
EARLIEST_YEAR, LATEST_YEAR = 1900, 2100


class CellError(ValueError):
    """The cell cannot be read; `message` says why, in Vietnamese."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class CellWarning:
    """A note on a value that was accepted but deserves a look."""

    code: str
    message: str


@dataclass(frozen=True)
class WithWarnings:
    """A parsed value together with warnings about how it was read."""

    value: Any
    warnings: tuple[CellWarning, ...]


def is_blank(value: Any) -> bool:
    """True for None and for strings holding only whitespace."""
    return value is None or (isinstance(value, str) and not value.strip())


def display_value(value: Any) -> str:
    """The raw value as the user typed it, short enough for a message."""
    if isinstance(value, datetime | date):
        return format_date(value)
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return str(int(value))
    text = normalize(str(value))
    return text if len(text) <= 40 else text[:39] + "…"


def lower_first(message: str) -> str:
    # "Số CCCD …" reads "số CCCD …" after "cột “…”: "; "CCCD …" stays as it is.
    if len(message) > 1 and message[1].islower():
        return message[0].lower() + message[1:]
    return message


def _from_validation_error(error: ValidationError) -> CellError:
    return CellError(" ".join(lower_first(message) for message in error.messages))


# --- Text ------------------------------------------------------------------------


def parse_text(value: Any) -> str | None:
    """NFC text with whitespace collapsed; numbers as written, dates as dd/mm/yyyy."""
    if is_blank(value):
        return None
    if isinstance(value, bool):
        return _("Có") if value else _("Không")
    if isinstance(value, datetime | date):
        return format_date(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise CellError(_("không đọc được giá trị '%s'.") % value)
        return str(int(value)) if value.is_integer() else str(value)
    return normalize(str(value))


def text_parser(*, max_length: int = 255) -> Callable[[Any], str | None]:
    """A text parser that refuses values longer than `max_length` characters."""

    def parse(value: Any) -> str | None:
        text = parse_text(value)
        if text is not None and len(text) > max_length:
            raise CellError(
                _("dài %(given)d ký tự, quá giới hạn %(limit)d ký tự.")
                % {"given": len(text), "limit": max_length}
            )
        return text

    return parse


def parse_full_name(value: Any) -> str | None:
    """A Vietnamese full name in NFC, spaces collapsed, each word capitalised, in
    the stored tone placement ("Hoà" → "Hòa"); control characters are refused."""
    if isinstance(value, str):
        try:
            validate_printable(value)
        except ValidationError:
            raise CellError(
                _("họ và tên có ký tự không in được (ký tự điều khiển); hãy gõ lại.")
            ) from None
    text = parse_text(value)
    if text is None:
        return None
    if any(char.isdigit() for char in text):
        raise CellError(
            _("họ và tên '%s' có chữ số; hãy kiểm tra lại cột.") % display_value(text)
        )
    if not any(char.isalpha() for char in text):
        raise CellError(_("'%s' không phải là họ và tên.") % display_value(text))
    if len(text) > FULL_NAME_MAX_LENGTH:
        raise CellError(_("họ và tên dài quá %d ký tự.") % FULL_NAME_MAX_LENGTH)
    parts = _split_full_name(text)
    return join_name(
        family_name=parts.family_name,
        middle_name=parts.middle_name,
        given_name=parts.given_name,
    )


# --- Numbers ---------------------------------------------------------------------


def parse_integer(value: Any) -> int | None:
    """A whole number from a number cell or text such as "12" or "1.056"."""
    if is_blank(value):
        return None
    if isinstance(value, bool):
        raise CellError(_("không đọc được số '%s'.") % display_value(value))
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if math.isfinite(value) and value.is_integer():
            return int(value)
        raise CellError(_("'%s' không phải là số nguyên.") % display_value(value))
    text = normalize(str(value)).replace(" ", "")
    if re.fullmatch(r"[+-]?\d{1,3}(\.\d{3})+", text):
        text = text.replace(".", "")  # Vietnamese thousands separator
    if re.fullmatch(r"[+-]?\d{1,18}", text):
        return int(text)
    raise CellError(_("'%s' không phải là số nguyên.") % display_value(value))


def parse_decimal(value: Any) -> Decimal | None:
    """A decimal number from a number cell or text with "," or "." as the point."""
    if is_blank(value):
        return None
    if isinstance(value, bool):
        raise CellError(_("không đọc được số '%s'.") % display_value(value))
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise CellError(_("không đọc được số '%s'.") % display_value(value))
        return Decimal(str(value))
    text = normalize(str(value)).replace(" ", "")
    if not re.fullmatch(r"[+-]?\d{1,15}([.,]\d{1,10})?", text):
        raise CellError(_("không đọc được số '%s'.") % display_value(value))
    try:
        return Decimal(text.replace(",", "."))
    except InvalidOperation as error:  # pragma: no cover - the pattern rules it out
        raise CellError(_("không đọc được số '%s'.") % display_value(value)) from error


# --- Dates -----------------------------------------------------------------------

# Excel's 1900 date system counts 1900-02-29, which never existed, as day 60, so
# from day 61 on the serial is days since 1899-12-30.
_EXCEL_EPOCH = date(1899, 12, 30)
_FIRST_SERIAL = 61
_LAST_SERIAL = (date(LATEST_YEAR, 12, 31) - _EXCEL_EPOCH).days
_DAY_MONTH_YEAR = re.compile(
    r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4}|\d{2})"
    r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
)
_ISO = re.compile(
    r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
)
_WORDS = re.compile(r"(?:.*,\s*)?ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})")
_DAYS_IN_MONTH = {
    1: 31, 2: 28, 3: 31, 4: 30, 5: 31, 6: 30, 7: 31, 8: 31, 9: 30, 10: 31, 11: 30,
    12: 31,
}  # fmt: skip


def parse_date(value: Any) -> date | None:
    """A date from an Excel serial, a datetime/date, or text.

    Text forms: dd/mm/yyyy, d/m/yyyy, d/m/yy (yy after this year's two digits is
    19yy, otherwise 20yy), dd-mm-yyyy, dd.mm.yyyy, yyyy-mm-dd and "ngày 5 tháng 3
    năm 1990". A year alone or an impossible day (31/02) is refused.
    """
    if is_blank(value):
        return None
    if isinstance(value, datetime):
        return _checked_year(value.date(), value)
    if isinstance(value, date):
        return _checked_year(value, value)
    if isinstance(value, bool):
        raise CellError(_("không đọc được ngày '%s'.") % display_value(value))
    if isinstance(value, int | float):
        return _date_from_serial(value)
    text = normalize(str(value))
    if re.fullmatch(r"\d{4}", text):
        raise CellError(
            _("chỉ có năm '%s'; cần ghi đủ ngày, tháng, năm (dd/mm/yyyy).") % text
        )
    if match := _DAY_MONTH_YEAR.fullmatch(text):
        day, month, year = (int(group) for group in match.groups())
        if len(match.group(3)) == 2:
            year = _century_for(year)
        return _make_date(year, month, day, text)
    if match := _ISO.fullmatch(text):
        year, month, day = (int(group) for group in match.groups())
        return _make_date(year, month, day, text)
    if match := _WORDS.fullmatch(search_key(text)):
        day, month, year = (int(group) for group in match.groups())
        return _make_date(year, month, day, text)
    raise CellError(
        _("không đọc được ngày '%s'; hãy ghi theo dạng dd/mm/yyyy.")
        % display_value(value)
    )


def _century_for(two_digits: int) -> int:
    this_year = timezone.localdate().year % 100
    return 1900 + two_digits if two_digits > this_year else 2000 + two_digits


def _date_from_serial(serial: int | float) -> date:
    if isinstance(serial, float) and not math.isfinite(serial):
        raise CellError(_("không đọc được ngày '%s'.") % display_value(serial))
    whole = math.floor(serial)
    if EARLIEST_YEAR <= whole <= LATEST_YEAR and whole == serial:
        raise CellError(
            _("chỉ có năm '%s'; cần ghi đủ ngày, tháng, năm (dd/mm/yyyy).") % whole
        )
    if not _FIRST_SERIAL <= whole <= _LAST_SERIAL:
        raise CellError(
            _("số '%s' không phải là một ngày; hãy ghi theo dạng dd/mm/yyyy.")
            % display_value(serial)
        )
    return _EXCEL_EPOCH + timedelta(days=whole)


def _make_date(year: int, month: int, day: int, text: str) -> date:
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        # Checked first: date() cannot even hold year 0 ("1/1/0000").
        raise CellError(
            _("ngày '%(text)s' có năm nằm ngoài khoảng %(first)d–%(last)d.")
            % {"text": display_value(text), "first": EARLIEST_YEAR, "last": LATEST_YEAR}
        )
    if not 1 <= month <= 12:
        raise CellError(
            _("không đọc được ngày '%(text)s': không có tháng %(month)d.")
            % {"text": text, "month": month}
        )
    last_day = _DAYS_IN_MONTH[month]
    if month == 2 and (year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)):
        last_day = 29
    if not 1 <= day <= last_day:
        raise CellError(
            _(
                "không đọc được ngày '%(text)s': tháng %(month)d năm %(year)d "
                "chỉ có %(last)d ngày."
            )
            % {"text": text, "month": month, "year": year, "last": last_day}
        )
    return _checked_year(date(year, month, day), text)


def _checked_year(value: date, raw: Any) -> date:
    if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise CellError(
            _("ngày '%(text)s' có năm nằm ngoài khoảng %(first)d–%(last)d.")
            % {"text": display_value(raw), "first": EARLIEST_YEAR, "last": LATEST_YEAR}
        )
    return value


def parse_date_of_birth(value: Any) -> date | None:
    """A date (as `parse_date`) from 01/01/1901 to today."""
    born = parse_date(value)
    if born is not None and born > timezone.localdate():
        raise CellError(_("ngày sinh %s ở tương lai.") % format_date(born))
    if born is not None and born < EARLIEST_BIRTH_DATE:
        raise CellError(
            _("ngày sinh %s không hợp lệ: phải sau năm 1900.") % format_date(born)
        )
    return born


# --- Sex -------------------------------------------------------------------------

_SEX_WORDS = {
    "nam": MALE, "m": MALE, "male": MALE, "trai": MALE,
    "nu": FEMALE, "f": FEMALE, "female": FEMALE, "gai": FEMALE,
}  # fmt: skip


def parse_sex(value: Any) -> str | None:
    """ "male" or "female" from Nam/Nữ (any case, with or without marks) or M/F."""
    if is_blank(value):
        return None
    key = search_key(str(value)) if isinstance(value, str) else ""
    if key in _SEX_WORDS:
        return _SEX_WORDS[key]
    raise CellError(
        _("không đọc được giới tính '%s'; hãy ghi “Nam” hoặc “Nữ”.")
        % display_value(value)
    )


# --- Choices written as words ---------------------------------------------------


@functools.lru_cache(maxsize=4096)
def choice_key(value: str) -> str:
    """A wording reduced for matching: no marks, lower case, "/" and "," as spaces.
    Sheets repeat the same few wordings ("Đại học", "HTTNV") thousands of times."""
    return " ".join(search_key(str(value)).replace("/", " ").replace(",", " ").split())


def parse_choice(
    value: Any, words: Mapping[Any, Iterable[str]], *, refusal: str
) -> str | None:
    """The choice of `words` (choice → its wordings, as `choice_key` gives them)
    the cell is written as; `refusal`, with %s for the cell, when none matches."""
    text = parse_text(value)
    if text is None:
        return None
    key = choice_key(text)
    for choice, forms in words.items():
        if key in forms:
            return str(choice)
    raise CellError(refusal % display_value(value))


# --- Citizen identity number -----------------------------------------------------

_SCIENTIFIC = re.compile(r"[+-]?\d+(?:[.,]\d+)?[eE][+-]?\d+")
_CITIZEN_ID_SEPARATORS = re.compile(r"[\s.]")


def parse_citizen_id(value: Any) -> str | WithWarnings | None:
    """A 12-digit CCCD as text.

    Spaces and dots are dropped. A number cell or text of exactly 11 digits is a
    CCCD whose leading "0" Excel dropped: it comes back as `WithWarnings` with the
    "0" restored and a `CITIZEN_ID_RESTORED` warning, which the schema's row check
    clears when the date of birth and sex confirm it. Scientific notation
    ("3.8196E+10") has lost digits and is refused.
    """
    if is_blank(value):
        return None
    if isinstance(value, bool):
        raise CellError(_("không đọc được số CCCD '%s'.") % display_value(value))
    if isinstance(value, float):
        if not math.isfinite(value) or not value.is_integer():
            raise CellError(
                _("số CCCD '%s' không phải là dãy chữ số.") % display_value(value)
            )
        value = int(value)
    if isinstance(value, int):
        digits = str(value)
        if value < 0:
            raise CellError(_("số CCCD '%s' không hợp lệ.") % digits)
    else:
        digits = _citizen_id_digits(str(value))
    if len(digits) == CITIZEN_ID_LENGTH - 1:
        restored = "0" + digits
        warning = CellWarning(
            code=CITIZEN_ID_RESTORED,
            message=_(
                "số CCCD '%(given)s' có 11 chữ số (Excel đã bỏ số 0 ở đầu); "
                "đã đọc là '%(restored)s', hãy kiểm tra lại."
            )
            % {"given": digits, "restored": restored},
        )
        return WithWarnings(value=restored, warnings=(warning,))
    if len(digits) != CITIZEN_ID_LENGTH:
        raise CellError(
            _(
                "số CCCD phải gồm đúng %(expected)d chữ số (đã ghi %(given)d: "
                "'%(value)s')."
            )
            % {"expected": CITIZEN_ID_LENGTH, "given": len(digits), "value": digits}
        )
    return digits


def _citizen_id_digits(raw: str) -> str:
    text = normalize(raw).lstrip("'")
    if _SCIENTIFIC.fullmatch(text.replace(" ", "")):
        raise CellError(
            _(
                "số CCCD '%s' đã bị Excel đổi sang dạng số mũ nên mất chữ số; hãy "
                "định dạng cột là Văn bản (Text) rồi ghi lại đủ 12 chữ số."
            )
            % display_value(text)
        )
    if re.fullmatch(r"\d+\.0+", text):
        text = text.split(".", 1)[0]  # a number written out by a CSV export
    digits = _CITIZEN_ID_SEPARATORS.sub("", text)
    if not digits.isascii() or not digits.isdigit():
        raise CellError(_("số CCCD '%s' chỉ được gồm chữ số.") % display_value(raw))
    return digits


# --- Phone -----------------------------------------------------------------------


def parse_email(value: Any) -> str | None:
    """An e-mail address, lower-cased: something@domain.tld without spaces."""
    text = parse_text(value)
    if text is None:
        return None
    local, at, domain = text.partition("@")
    if not at or not local or "." not in domain or " " in text:
        raise CellError(_("thư điện tử '%s' không hợp lệ.") % display_value(value))
    return text.lower()


def parse_phone(value: Any) -> str | None:
    """A Vietnamese phone number, normalised by `core.validators.validate_phone`.

    A number cell has lost its leading "0" (a Vietnamese number always has one or
    the country code 84), so it is put back.
    """
    if is_blank(value):
        return None
    if isinstance(value, bool):
        raise CellError(_("không đọc được số điện thoại '%s'.") % display_value(value))
    if isinstance(value, float):
        if not math.isfinite(value) or not value.is_integer():
            raise CellError(
                _("không đọc được số điện thoại '%s'.") % display_value(value)
            )
        value = int(value)
    if isinstance(value, int):
        text = str(value)
        if value <= 0:
            raise CellError(_("không đọc được số điện thoại '%s'.") % text)
        if not text.startswith("84"):
            text = "0" + text
    else:
        text = normalize(str(value)).lstrip("'")
    try:
        return validate_phone(text)
    except ValidationError as error:
        raise _from_validation_error(error) from None
