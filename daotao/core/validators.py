"""Validators for Vietnamese identifiers and dates, with Vietnamese messages."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

__all__ = [
    "EARLIEST_BIRTH_DATE",
    "citizen_id_format_validator",
    "normalize_phone",
    "phone_validator",
    "validate_citizen_id",
    "validate_date_of_birth",
    "validate_not_future",
    "validate_phone",
    "validate_printable",
]

# --- Citizen identity number (CCCD / số định danh cá nhân) -------------------------

# Structure fixed by NĐ 137/2015 Art. 13 and TT 07/2016/TT-BCA Art. 7 (domain §7):
# 3 digits birth-registration place, 1 digit century and sex, 2 digits birth year,
# 6 random digits.
CITIZEN_ID_LENGTH = 12
_CENTURY_SEX_POSITION = 3
_BIRTH_YEAR_DIGITS = slice(4, 6)
# TT 07/2016 Art. 7: even digit male, odd female; 0/1 → 1900s, 2/3 → 2000s,
# 4/5 → 2100s, 6/7 → 2200s, 8/9 → 2300s.
_CENTURY_START = {
    "0": 1900, "1": 1900, "2": 2000, "3": 2000, "4": 2100,
    "5": 2100, "6": 2200, "7": 2200, "8": 2300, "9": 2300,
}  # fmt: skip
_MALE, _FEMALE = "male", "female"


def _citizen_id_sex(century_sex_digit: str) -> str:
    return _MALE if int(century_sex_digit) % 2 == 0 else _FEMALE


def citizen_id_format_validator(value: str) -> None:
    """Raise ValidationError unless `value` is exactly 12 digits."""
    if not value.isascii() or not value.isdigit():
        raise ValidationError(
            _("Số CCCD chỉ được gồm chữ số."), code="citizen_id_characters"
        )
    if len(value) != CITIZEN_ID_LENGTH:
        raise ValidationError(
            _("Số CCCD phải gồm đúng %(expected)d chữ số (đã nhập %(given)d)."),
            code="citizen_id_length",
            params={"expected": CITIZEN_ID_LENGTH, "given": len(value)},
        )


def validate_citizen_id(
    value: str, *, date_of_birth: date | None = None, sex: str | None = None
) -> None:
    """Raise ValidationError unless `value` is a 12-digit CCCD agreeing with the facts.

    With `date_of_birth`, the century digit and the two year digits must match it;
    with `sex` ("male"/"female"), the sex digit must match. All mismatches are listed.
    """
    citizen_id_format_validator(value)
    errors: list[ValidationError] = []
    digit = value[_CENTURY_SEX_POSITION]
    if date_of_birth is not None:
        errors += _birth_year_errors(value, birth_year=date_of_birth.year)
    if sex:
        if sex not in (_MALE, _FEMALE):
            raise ValueError(f"sex must be 'male' or 'female', not {sex!r}")
        if _citizen_id_sex(digit) != sex:
            message = (
                _(
                    "Chữ số thứ 4 của số CCCD (%(digit)s) là mã của nam, "
                    "nhưng giới tính đã khai là nữ."
                )
                if sex == _FEMALE
                else _(
                    "Chữ số thứ 4 của số CCCD (%(digit)s) là mã của nữ, "
                    "nhưng giới tính đã khai là nam."
                )
            )
            errors.append(
                ValidationError(
                    message, code="citizen_id_sex_mismatch", params={"digit": digit}
                )
            )
    if errors:
        raise ValidationError(errors)


def _birth_year_errors(value: str, *, birth_year: int) -> list[ValidationError]:
    digit = value[_CENTURY_SEX_POSITION]
    century_start = _CENTURY_START[digit]
    errors = []
    if birth_year // 100 * 100 != century_start:
        errors.append(
            ValidationError(
                _(
                    "Chữ số thứ 4 của số CCCD (%(digit)s) ứng với người sinh từ năm "
                    "%(start)d đến năm %(end)d, không khớp với năm sinh %(year)d."
                ),
                code="citizen_id_century_mismatch",
                params={
                    "digit": digit,
                    "start": century_start,
                    "end": century_start + 99,
                    "year": birth_year,
                },
            )
        )
    year_digits = value[_BIRTH_YEAR_DIGITS]
    if year_digits != f"{birth_year % 100:02d}":
        errors.append(
            ValidationError(
                _(
                    "Chữ số thứ 5 và 6 của số CCCD (%(digits)s) phải là hai số cuối "
                    "của năm sinh %(year)d."
                ),
                code="citizen_id_year_mismatch",
                params={"digits": year_digits, "year": birth_year},
            )
        )
    return errors


# --- Phone numbers -----------------------------------------------------------------

# Old 11-digit mobile prefixes and their 10-digit replacements (conversion of
# 15/9/2018-30/6/2019, domain §7).
OLD_MOBILE_PREFIXES = {
    "0120": "070", "0121": "079", "0122": "077", "0126": "076", "0128": "078",
    "0123": "083", "0124": "084", "0125": "085", "0127": "081", "0129": "082",
    "0162": "032", "0163": "033", "0164": "034", "0165": "035", "0166": "036",
    "0167": "037", "0168": "038", "0169": "039", "0186": "056", "0188": "058",
    "0199": "059",
}  # fmt: skip
_OLD_MOBILE_LENGTH = 11
MOBILE_LENGTH = 10
MOBILE_PREFIXES = ("03", "05", "07", "08", "09")
LANDLINE_PREFIX = "02"
# Landline total length is UNCONFIRMED (domain §7): area code 02x/02xx plus the
# subscriber number gives 10 or 11 digits, so both are accepted.
LANDLINE_LENGTHS = (10, 11)
_SEPARATORS = re.compile(r"[\s.\-()]")
# +84, 84 and 0084 (international prefix dialled from Vietnam), with an optional
# trunk "0" written after them as in "+84 (0)912 345 678".
_COUNTRY_PREFIX = re.compile(r"^(?:\+84|0084|84)0?")


def normalize_phone(value: str) -> str:
    """Return `value` without separators, country code as 0, old 11-digit prefixes new.

    Does not validate: anything it does not recognise is left in place.
    """
    number = _SEPARATORS.sub("", value)
    number = _COUNTRY_PREFIX.sub("0", number, count=1)
    if len(number) == _OLD_MOBILE_LENGTH and number[:4] in OLD_MOBILE_PREFIXES:
        number = OLD_MOBILE_PREFIXES[number[:4]] + number[4:]
    return number


def validate_phone(value: str) -> str:
    """Return the normalised Vietnamese mobile or landline number, or raise."""
    number = normalize_phone(value)
    if not number:
        raise ValidationError(_("Chưa nhập số điện thoại."), code="phone_empty")
    if number.startswith("+"):
        raise ValidationError(
            _("Chỉ nhận số điện thoại Việt Nam (mã quốc gia +84)."),
            code="phone_foreign",
        )
    if not number.isascii() or not number.isdigit():
        raise ValidationError(
            _("Số điện thoại chỉ được chứa chữ số."), code="phone_characters"
        )
    if not number.startswith("0"):
        raise ValidationError(
            _("Số điện thoại phải bắt đầu bằng số 0 hoặc +84."), code="phone_prefix"
        )
    if number.startswith(MOBILE_PREFIXES):
        if len(number) != MOBILE_LENGTH:
            raise ValidationError(
                _("Số di động phải gồm đúng %(expected)d chữ số (đã nhập %(given)d)."),
                code="phone_length",
                params={"expected": MOBILE_LENGTH, "given": len(number)},
            )
        return number
    if number.startswith(LANDLINE_PREFIX):
        if len(number) not in LANDLINE_LENGTHS:
            raise ValidationError(
                _(
                    "Số máy cố định phải gồm %(shortest)d hoặc %(longest)d chữ số "
                    "(đã nhập %(given)d)."
                ),
                code="phone_length",
                params={
                    "shortest": min(LANDLINE_LENGTHS),
                    "longest": max(LANDLINE_LENGTHS),
                    "given": len(number),
                },
            )
        return number
    raise ValidationError(
        _(
            "Đầu số %(prefix)s không phải đầu số di động (%(mobile)s) "
            "hay cố định (%(landline)s) của Việt Nam."
        ),
        code="phone_prefix",
        params={
            "prefix": number[:2],
            "mobile": ", ".join(MOBILE_PREFIXES),
            "landline": LANDLINE_PREFIX,
        },
    )


def phone_validator(value: str) -> None:
    """Raise ValidationError unless `value` is a valid number already normalised.

    A field validator cannot change the stored value, so it asks for the written-out
    form that `validate_phone` returns.
    """
    number = validate_phone(value)
    if number != value:
        raise ValidationError(
            _("Số điện thoại cần ghi liền, không dấu cách: %(number)s."),
            code="phone_not_normalized",
            params={"number": number},
        )


# --- Dates -------------------------------------------------------------------------


def validate_not_future(value: date) -> None:
    """Raise ValidationError if `value` is after today in the project time zone."""
    if isinstance(value, datetime):
        value = timezone.localdate(value) if timezone.is_aware(value) else value.date()
    if value > timezone.localdate():
        raise ValidationError(_("Ngày không được ở tương lai."), code="future_date")


# A sanity bound, not a rule: nobody sent to a course was born before 1901, and
# 01/01/0001 is what an empty date field becomes in some spreadsheets.
EARLIEST_BIRTH_DATE = date(1901, 1, 1)


def validate_date_of_birth(value: date) -> None:
    """Raise ValidationError unless 01/01/1901 ≤ `value` ≤ today."""
    if value < EARLIEST_BIRTH_DATE:
        raise ValidationError(
            _("Ngày sinh %s không hợp lệ: phải sau năm 1900.")
            % f"{value.day:02d}/{value.month:02d}/{value.year:04d}",
            code="birth_date_too_early",
        )
    validate_not_future(value)


# --- Printable text ----------------------------------------------------------------

# Tab and line breaks are whitespace that normalising turns into one space.
_ORDINARY_WHITESPACE = frozenset("\t\n\r")
# Control (Cc), format (Cf: zero-width space, BOM, direction overrides), surrogate,
# private-use and unassigned characters print as nothing or as a box.
_UNPRINTABLE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn"})


def validate_printable(value: str) -> None:
    """Raise ValidationError if `value` holds a control or invisible character."""
    for char in value:
        if char in _ORDINARY_WHITESPACE:
            continue
        if unicodedata.category(char) in _UNPRINTABLE_CATEGORIES:
            raise ValidationError(
                _("Có ký tự không in được (ký tự điều khiển); hãy gõ lại."),
                code="unprintable_character",
            )
