from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError

from daotao.core.validators import (
    OLD_MOBILE_PREFIXES,
    citizen_id_format_validator,
    normalize_phone,
    phone_validator,
    validate_citizen_id,
    validate_date_of_birth,
    validate_not_future,
    validate_phone,
    validate_printable,
)

HO_CHI_MINH = ZoneInfo("Asia/Ho_Chi_Minh")


def error_codes(error: ValidationError) -> list[str]:
    return [item.code for item in error.error_list]


# --- citizen id --------------------------------------------------------------------


def test_eleven_digit_citizen_id_is_refused_with_the_count():
    with pytest.raises(ValidationError) as caught:
        validate_citizen_id("03809600123")
    assert caught.value.messages == ["Số CCCD phải gồm đúng 12 chữ số (đã nhập 11)."]
    assert error_codes(caught.value) == ["citizen_id_length"]


def test_thirteen_digit_citizen_id_is_refused_with_the_count():
    with pytest.raises(ValidationError) as caught:
        citizen_id_format_validator("0380960012345")
    assert caught.value.messages == ["Số CCCD phải gồm đúng 12 chữ số (đã nhập 13)."]


@pytest.mark.parametrize(
    "value", ["03809600123A", "038 096 001 234", "０３８０９６００１２３４"]
)
def test_citizen_id_with_other_characters_is_refused(value):
    with pytest.raises(ValidationError) as caught:
        validate_citizen_id(value)
    assert caught.value.messages == ["Số CCCD chỉ được gồm chữ số."]
    assert error_codes(caught.value) == ["citizen_id_characters"]


@pytest.mark.parametrize(
    ("value", "date_of_birth", "sex"),
    [
        ("038096001234", date(1996, 5, 1), "male"),
        ("038196001234", date(1996, 12, 31), "female"),
        ("001301012345", date(2001, 1, 1), "female"),
        ("079200012345", date(2000, 7, 15), "male"),
    ],
)
def test_citizen_id_agreeing_with_birth_date_and_sex_passes(value, date_of_birth, sex):
    assert validate_citizen_id(value, date_of_birth=date_of_birth, sex=sex) is None


def test_citizen_id_without_facts_checks_only_the_format():
    assert validate_citizen_id("038896001234") is None


def test_citizen_id_of_a_man_given_as_a_woman_is_refused():
    with pytest.raises(ValidationError) as caught:
        validate_citizen_id("038096001234", sex="female")
    assert caught.value.messages == [
        "Chữ số thứ 4 của số CCCD (0) là mã của nam, nhưng giới tính đã khai là nữ."
    ]
    assert error_codes(caught.value) == ["citizen_id_sex_mismatch"]


def test_citizen_id_of_a_woman_given_as_a_man_is_refused():
    with pytest.raises(ValidationError) as caught:
        validate_citizen_id("001301012345", sex="male")
    assert caught.value.messages == [
        "Chữ số thứ 4 của số CCCD (3) là mã của nữ, nhưng giới tính đã khai là nam."
    ]


def test_citizen_id_century_contradicting_birth_date_is_refused():
    with pytest.raises(ValidationError) as caught:
        validate_citizen_id("038296001234", date_of_birth=date(1996, 5, 1))
    assert caught.value.messages == [
        "Chữ số thứ 4 của số CCCD (2) ứng với người sinh từ năm 2000 đến năm 2099, "
        "không khớp với năm sinh 1996."
    ]
    assert error_codes(caught.value) == ["citizen_id_century_mismatch"]


def test_citizen_id_digits_eight_and_nine_mean_the_2300s():
    # TT 07/2016/TT-BCA Art. 7 assigns 8/9 to the 24th century (2300-2399).
    with pytest.raises(ValidationError) as caught:
        validate_citizen_id("038896001234", date_of_birth=date(1896, 5, 1))
    assert caught.value.messages == [
        "Chữ số thứ 4 của số CCCD (8) ứng với người sinh từ năm 2300 đến năm 2399, "
        "không khớp với năm sinh 1896."
    ]


def test_citizen_id_year_digits_contradicting_birth_date_are_refused():
    with pytest.raises(ValidationError) as caught:
        validate_citizen_id("038095001234", date_of_birth=date(1996, 5, 1))
    assert caught.value.messages == [
        "Chữ số thứ 5 và 6 của số CCCD (95) phải là hai số cuối của năm sinh 1996."
    ]
    assert error_codes(caught.value) == ["citizen_id_year_mismatch"]


def test_citizen_id_reports_every_mismatch_at_once():
    with pytest.raises(ValidationError) as caught:
        validate_citizen_id("038395001234", date_of_birth=date(1996, 5, 1), sex="male")
    assert error_codes(caught.value) == [
        "citizen_id_century_mismatch",
        "citizen_id_year_mismatch",
        "citizen_id_sex_mismatch",
    ]


def test_citizen_id_with_an_unknown_sex_value_is_a_programming_error():
    with pytest.raises(ValueError):
        validate_citizen_id("038096001234", sex="nam")


def test_format_validator_checks_digits_and_length_only():
    assert citizen_id_format_validator("038896001234") is None


# --- phone -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0912345678", "0912345678"),
        ("0912 345 678", "0912345678"),
        ("0912.345.678", "0912345678"),
        ("(091) 234-5678", "0912345678"),
        ("+84 912 345 678", "0912345678"),
        ("+84 (0) 912 345 678", "0912345678"),
        ("84912345678", "0912345678"),
        ("0084912345678", "0912345678"),
        ("01691234567", "0391234567"),
        ("0169 123 4567", "0391234567"),
        ("+84 169 123 4567", "0391234567"),
        ("0237 3123 456", "02373123456"),
    ],
)
def test_valid_phone_numbers_come_back_normalised(value, expected):
    assert validate_phone(value) == expected


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("0120", "070"), ("0121", "079"), ("0122", "077"), ("0126", "076"),
        ("0128", "078"), ("0123", "083"), ("0124", "084"), ("0125", "085"),
        ("0127", "081"), ("0129", "082"), ("0162", "032"), ("0163", "033"),
        ("0164", "034"), ("0165", "035"), ("0166", "036"), ("0167", "037"),
        ("0168", "038"), ("0169", "039"), ("0186", "056"), ("0188", "058"),
        ("0199", "059"),
    ],
)  # fmt: skip
def test_every_old_eleven_digit_prefix_is_converted(old, new):
    assert normalize_phone(f"{old}1234567") == f"{new}1234567"
    assert validate_phone(f"{old}1234567") == f"{new}1234567"


def test_conversion_table_has_the_21_prefixes_of_2018():
    assert len(OLD_MOBILE_PREFIXES) == 21


def test_a_ten_digit_number_starting_with_an_old_prefix_is_not_converted():
    assert normalize_phone("0169123456") == "0169123456"


def test_phone_with_letters_is_refused():
    with pytest.raises(ValidationError) as caught:
        validate_phone("09l2345678")
    assert caught.value.messages == ["Số điện thoại chỉ được chứa chữ số."]
    assert error_codes(caught.value) == ["phone_characters"]


@pytest.mark.parametrize("value", ["0412345678", "0612345678", "01871234567"])
def test_phone_with_an_unknown_prefix_is_refused(value):
    with pytest.raises(ValidationError) as caught:
        validate_phone(value)
    assert caught.value.messages == [
        f"Đầu số {value[:2]} không phải đầu số di động (03, 05, 07, 08, 09) "
        "hay cố định (02) của Việt Nam."
    ]
    assert error_codes(caught.value) == ["phone_prefix"]


def test_phone_without_a_leading_zero_is_refused():
    with pytest.raises(ValidationError) as caught:
        validate_phone("912345678")
    assert caught.value.messages == ["Số điện thoại phải bắt đầu bằng số 0 hoặc +84."]


@pytest.mark.parametrize(("value", "given"), [("091234567", 9), ("09123456789", 11)])
def test_mobile_number_of_the_wrong_length_is_refused(value, given):
    with pytest.raises(ValidationError) as caught:
        validate_phone(value)
    assert caught.value.messages == [
        f"Số di động phải gồm đúng 10 chữ số (đã nhập {given})."
    ]
    assert error_codes(caught.value) == ["phone_length"]


@pytest.mark.parametrize("value", ["0241234567", "02412345678"])
def test_landline_of_ten_or_eleven_digits_is_accepted(value):
    assert validate_phone(value) == value


def test_landline_of_nine_digits_is_refused():
    with pytest.raises(ValidationError) as caught:
        validate_phone("024123456")
    assert caught.value.messages == [
        "Số máy cố định phải gồm 10 hoặc 11 chữ số (đã nhập 9)."
    ]


def test_foreign_phone_number_is_refused():
    with pytest.raises(ValidationError) as caught:
        validate_phone("+1 202 555 0100")
    assert error_codes(caught.value) == ["phone_foreign"]


def test_blank_phone_is_refused_by_validate_phone():
    with pytest.raises(ValidationError) as caught:
        validate_phone("  ")
    assert error_codes(caught.value) == ["phone_empty"]


def test_phone_field_validator_accepts_the_normalised_form():
    assert phone_validator("0912345678") is None


def test_phone_field_validator_asks_for_the_normalised_form():
    with pytest.raises(ValidationError) as caught:
        phone_validator("0912 345 678")
    assert caught.value.messages == [
        "Số điện thoại cần ghi liền, không dấu cách: 0912345678."
    ]
    assert error_codes(caught.value) == ["phone_not_normalized"]


def test_phone_field_validator_refuses_an_invalid_number():
    with pytest.raises(ValidationError) as caught:
        phone_validator("0412345678")
    assert error_codes(caught.value) == ["phone_prefix"]


# --- dates -------------------------------------------------------------------------


@pytest.fixture
def vietnam_time_zone(settings):
    settings.TIME_ZONE = "Asia/Ho_Chi_Minh"


@pytest.mark.usefixtures("vietnam_time_zone")
@time_machine.travel(datetime(2026, 3, 6, 0, 30, tzinfo=HO_CHI_MINH), tick=False)
def test_today_in_vietnam_is_accepted_while_utc_is_still_yesterday():
    assert validate_not_future(date(2026, 3, 6)) is None
    assert validate_not_future(date(2026, 3, 5)) is None


@pytest.mark.usefixtures("vietnam_time_zone")
@time_machine.travel(datetime(2026, 3, 6, 0, 30, tzinfo=HO_CHI_MINH), tick=False)
def test_tomorrow_is_refused():
    with pytest.raises(ValidationError) as caught:
        validate_not_future(date(2026, 3, 7))
    assert caught.value.messages == ["Ngày không được ở tương lai."]
    assert error_codes(caught.value) == ["future_date"]


@pytest.mark.usefixtures("vietnam_time_zone")
@time_machine.travel(datetime(2026, 3, 6, 0, 30, tzinfo=HO_CHI_MINH), tick=False)
def test_aware_datetime_is_compared_by_its_local_date():
    assert (
        validate_not_future(datetime(2026, 3, 5, 17, 30, tzinfo=ZoneInfo("UTC")))
        is None
    )
    with pytest.raises(ValidationError):
        validate_not_future(datetime(2026, 3, 6, 17, 30, tzinfo=ZoneInfo("UTC")))


# --- dates of birth and printable names --------------------------------------------


@pytest.mark.parametrize(
    ("value", "message"),
    [(date(1, 1, 1), "Ngày sinh 01/01/0001 không hợp lệ: phải sau năm 1900."),
     (date(1900, 12, 31), "Ngày sinh 31/12/1900 không hợp lệ: phải sau năm 1900."),
     (date(2026, 3, 6), "Ngày không được ở tương lai.")],
)  # fmt: skip
@time_machine.travel(datetime(2026, 3, 5, 12, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")))
def test_birth_dates_outside_1901_to_today_are_refused(value, message):
    with pytest.raises(ValidationError) as caught:
        validate_date_of_birth(value)
    assert caught.value.messages == [message]


@time_machine.travel(datetime(2026, 3, 5, 12, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")))
def test_birth_dates_from_1901_to_today_pass():
    validate_date_of_birth(date(1901, 1, 1))
    validate_date_of_birth(date(2026, 3, 5))


@pytest.mark.parametrize("value", ["a\x00b", "a\x07", "\x1b[31m", "a\u200bb", "\ufeffa",
                                   "a\u202eb", "a\ue000"])  # fmt: skip
def test_text_with_control_or_invisible_characters_is_refused(value):
    with pytest.raises(ValidationError) as caught:
        validate_printable(value)
    assert caught.value.messages == [
        "Có ký tự không in được (ký tự điều khiển); hãy gõ lại."
    ]


def test_printable_text_with_ordinary_whitespace_passes():
    validate_printable("Nguyễn  Văn\tAn\n")
    validate_printable("H'Hen Niê")
