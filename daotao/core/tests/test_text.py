import re
import unicodedata
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from daotao.core.text import (
    NameParts,
    amount_in_words,
    collation_key,
    date_line,
    document_date,
    format_date,
    format_measure,
    format_number,
    join_name,
    name_sort_key,
    normalize,
    normalize_tone_placement,
    search_key,
    split_full_name,
)

KEY_CHARACTERS = re.compile(r"[0-9a-z]+")


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def sort_words(words: list[str]) -> list[str]:
    return sorted(words, key=collation_key)


def sort_names(full_names: list[str]) -> list[str]:
    def key(full_name: str) -> str:
        parts = split_full_name(full_name)
        return name_sort_key(
            family_name=parts.family_name,
            middle_name=parts.middle_name,
            given_name=parts.given_name,
        )

    return sorted(full_names, key=key)


# --- normalize ---------------------------------------------------------------------


def test_normalize_composes_strips_and_collapses_whitespace():
    assert normalize(nfd("  Nguyễn \t Thị\n\nÁnh  ")) == "Nguyễn Thị Ánh"
    assert normalize(nfd("Ánh")) == "\u00c1nh"


# --- names -------------------------------------------------------------------------


def test_split_full_name_three_words():
    assert split_full_name("Nguyễn Văn An") == NameParts(
        family_name="Nguyễn", middle_name="Văn", given_name="An"
    )


def test_split_full_name_title_cases_lower_case_input():
    assert split_full_name("nguyễn thị ánh") == NameParts(
        family_name="Nguyễn", middle_name="Thị", given_name="Ánh"
    )


def test_split_full_name_title_cases_upper_case_input():
    assert split_full_name("ĐẶNG THỊ ẢNH") == NameParts(
        family_name="Đặng", middle_name="Thị", given_name="Ảnh"
    )


def test_split_full_name_nfd_input_comes_out_nfc():
    parts = split_full_name(nfd("nguyễn thị ánh"))
    assert parts == NameParts(family_name="Nguyễn", middle_name="Thị", given_name="Ánh")
    for part in (parts.family_name, parts.middle_name, parts.given_name):
        assert unicodedata.is_normalized("NFC", part)


def test_split_full_name_one_word_is_the_given_name():
    assert split_full_name("  ánh ") == NameParts(
        family_name="", middle_name="", given_name="Ánh"
    )


def test_split_full_name_two_words_has_no_middle_name():
    assert split_full_name("Trần An") == NameParts(
        family_name="Trần", middle_name="", given_name="An"
    )


def test_split_full_name_four_words_keeps_two_middle_words():
    assert split_full_name("tôn  nữ thị   hà") == NameParts(
        family_name="Tôn", middle_name="Nữ Thị", given_name="Hà"
    )


def test_split_full_name_capitalises_after_apostrophe_in_ethnic_names():
    assert split_full_name("h'hen niê") == NameParts(
        family_name="H'Hen", middle_name="", given_name="Niê"
    )


def test_split_full_name_of_blank_text_is_empty():
    assert split_full_name("   ") == NameParts(
        family_name="", middle_name="", given_name=""
    )


def test_join_name_skips_an_empty_middle_name_and_composes():
    assert (
        join_name(family_name="Trần", middle_name="", given_name=nfd("Ánh"))
        == "Trần \u00c1nh"
    )
    assert (
        join_name(family_name="Tôn", middle_name=" Nữ  Thị ", given_name="Hà")
        == "Tôn Nữ Thị Hà"
    )


# --- collation ---------------------------------------------------------------------


def test_tones_sort_unmarked_huyen_hoi_nga_sac_nang():
    words = ["Ạnh", "Ánh", "Ãnh", "Ảnh", "Ành", "Anh"]
    assert sort_words(words) == ["Anh", "Ành", "Ảnh", "Ãnh", "Ánh", "Ạnh"]


@pytest.mark.parametrize(
    "ordered",
    [
        ["a", "ă", "â", "b"],
        ["d", "đ", "e"],
        ["e", "ê", "f"],
        ["o", "ô", "ơ", "p"],
        ["u", "ư", "v"],
    ],
)
def test_modified_letters_are_separate_letters(ordered):
    assert sort_words(list(reversed(ordered))) == ordered


def test_letter_difference_outweighs_any_tone():
    # ạ (a with nặng) is still the letter a, so it comes before unmarked ă.
    assert sort_words(["Ăn", "Ạn"]) == ["Ạn", "Ăn"]
    assert sort_words(["Tư", "Tú"]) == ["Tú", "Tư"]
    assert sort_words(["Ơn", "Ổn", "Ón"]) == ["Ón", "Ổn", "Ơn"]


def test_d_with_stroke_sorts_after_every_d_word():
    assert sort_words(["Đa", "Dy", "dung", "đào"]) == ["dung", "Dy", "Đa", "đào"]


def test_shorter_word_sorts_first():
    assert sort_words(["Ánh", "Anh", "An"]) == ["An", "Anh", "Ánh"]
    assert sort_words(["Anh", "An Bình"]) == ["An Bình", "Anh"]


def test_collation_ignores_case():
    assert collation_key("ĐẶNG") == collation_key("đặng")


def test_collation_key_of_nfd_equals_nfc():
    for word in ("Nguyễn", "Đặng", "Ánh", "Trường Chính trị", "Ưng", "Ặc"):
        assert collation_key(nfd(word)) == collation_key(word)


def test_collation_key_values_follow_the_documented_design():
    # a=3, n=k, h=e; "0" ends the primary segment; tones 0 and 4 (sắc).
    assert collation_key("Anh") == "3ke0000"
    assert collation_key("Ánh") == "3ke0400"
    # đ=9, ặ is a with breve (4) and nặng (5); space is "1"; digit 2 is "22";
    # the digit has no secondary weight.
    assert collation_key("Đặng 2") == "94kd122" + "0" + "0500"
    assert collation_key("") == "0"


def test_digits_sort_before_letters_and_after_spaces():
    assert sort_words(["Khoa A", "Khoa 2", "Khoa", "Khoa 10"]) == [
        "Khoa",
        "Khoa 10",
        "Khoa 2",
        "Khoa A",
    ]


def test_punctuation_runs_count_as_one_separator():
    assert collation_key("Nguyễn-Văn") == collation_key("nguyễn  văn")
    assert collation_key(" (An) ") == collation_key("An")


def test_keys_contain_only_lowercase_ascii_letters_and_digits():
    for text in ("Đỗ Thị Châu", "Lò Văn Ơn", "H'Hen Niê", "Khoa 2 — Lý luận", "ß?!"):
        assert KEY_CHARACTERS.fullmatch(collation_key(text))
    key = name_sort_key(family_name="Đỗ", middle_name="Thị", given_name="Châu")
    assert KEY_CHARACTERS.fullmatch(key)


def test_office_roster_order():
    names = [
        "Nguyễn Văn An",
        "Trần Thị Ánh",
        "Lê Đức Anh",
        "Phạm Văn Bình",
        "Đỗ Thị Châu",
        "Hoàng Văn Dũng",
        "Vũ Thị Đào",
        "Lò Văn Ơn",
        "Trần An",
        "Trần Văn Anh",
        "Ngô Thị Ân",
        "Lê Thị Dung",
        "Đinh Văn Dũng",
        "Tôn Nữ Thị Hà",
        "Nguyễn Thị Thu Hà",
        "Nguyễn Thị Hoa",
        "Trần Thị Hoa",
        "Kiều Thị Oanh",
        "Đoàn Văn Tú",
        "Mai Thị Tư",
    ]
    assert sort_names(names) == [
        "Trần An",
        "Nguyễn Văn An",
        "Lê Đức Anh",
        "Trần Văn Anh",
        "Trần Thị Ánh",
        "Ngô Thị Ân",
        "Phạm Văn Bình",
        "Đỗ Thị Châu",
        "Lê Thị Dung",
        "Đinh Văn Dũng",
        "Hoàng Văn Dũng",
        "Vũ Thị Đào",
        "Tôn Nữ Thị Hà",
        "Nguyễn Thị Thu Hà",
        "Nguyễn Thị Hoa",
        "Trần Thị Hoa",
        "Kiều Thị Oanh",
        "Lò Văn Ơn",
        "Đoàn Văn Tú",
        "Mai Thị Tư",
    ]


def test_given_name_is_compared_fully_before_middle_name():
    # Concatenating the parts would compare "anh" with "anvan" and put Lê Anh first.
    assert sort_names(["Lê Anh", "Lê Văn An", "Lê An Bình"]) == [
        "Lê Văn An",
        "Lê Anh",
        "Lê An Bình",
    ]
    # The tone of the given name decides before the letters of the middle name.
    assert sort_names(["Lê Anh Ánh", "Lê Bình Anh"]) == ["Lê Bình Anh", "Lê Anh Ánh"]


def test_name_sort_key_is_at_most_255_characters():
    long_middle = " ".join(["Nguyễn"] * 60)
    key = name_sort_key(family_name="Tôn", middle_name=long_middle, given_name="Hà")
    assert len(key) == 255
    assert KEY_CHARACTERS.fullmatch(key)
    assert key.startswith(collation_key("Hà"))


# --- tone placement -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("Hoà", "Hòa"), ("Thuý", "Thúy"), ("Khoẻ", "Khỏe"), ("HOÀ BÌNH", "HÒA BÌNH"),
     ("Thanh Hoá", "Thanh Hóa"), ("thoả thuận", "thỏa thuận"), ("Tuỳ", "Tùy"),
     ("Xoè", "Xòe"), ("Luỹ", "Lũy"), ("Hoạ", "Họa"), ("hoà-bình", "hòa-bình")],
)  # fmt: skip
def test_tone_marks_move_to_the_traditional_place(typed, stored):
    assert normalize_tone_placement(typed) == stored
    assert normalize_tone_placement(nfd(typed)) == stored
    assert normalize_tone_placement(stored) == stored


@pytest.mark.parametrize(
    "word",
    ["Quý", "Quỳnh", "Hoàng", "Toàn", "Nguyễn", "Thuở", "Khuya", "Huệ", "Quá",
     "Hòa", "Thúy", "Khuyến", "Ngoài", "Xoáy", "Khuỷu", "Hoặc", "Uyên", "Oa"],
)  # fmt: skip
def test_words_whose_tone_has_one_place_are_unchanged(word):
    assert normalize_tone_placement(word) == word


def test_names_in_either_tone_placement_compare_and_sort_equal():
    new_style = split_full_name("nguyễn thị thuý hoà")
    assert new_style == NameParts("Nguyễn", "Thị Thúy", "Hòa")
    assert join_name(family_name="Lê", middle_name="Thuý", given_name="Hoà") == (
        "Lê Thúy Hòa"
    )
    assert collation_key("Hoà") == collation_key("Hòa")
    assert name_sort_key(
        family_name="Lê", middle_name="Thuý", given_name="Hoà"
    ) == name_sort_key(family_name="Lê", middle_name="Thúy", given_name="Hòa")
    assert search_key("Khoẻ") == search_key("Khỏe") == "khoe"
    assert sort_words(["Hoà", "Hoa", "Hòe", "Hóa"]) == ["Hoa", "Hoà", "Hóa", "Hòe"]


@given(st.text(alphabet="hoaeuyqkntHOAEUYQ \u0300\u0301\u0303\u0309\u0323"))
def test_tone_placement_keeps_letters_and_tones_and_is_idempotent(text):
    placed = normalize_tone_placement(text)
    assert normalize_tone_placement(placed) == placed
    assert search_key(placed) == search_key(text)
    assert sorted(tone_marks(placed)) == sorted(tone_marks(text))


def tone_marks(text: str) -> list[str]:
    return [c for c in nfd(text) if c in "\u0300\u0301\u0303\u0309\u0323"]


# Reference comparator: built from literal tables, independent of unicodedata.
REFERENCE_LETTERS = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
REFERENCE_TONED = [
    "aàảãáạ", "ăằẳẵắặ", "âầẩẫấậ", "eèẻẽéẹ", "êềểễếệ", "iìỉĩíị",
    "oòỏõóọ", "ôồổỗốộ", "ơờởỡớợ", "uùủũúụ", "ưừửữứự", "yỳỷỹýỵ",
]  # fmt: skip
REFERENCE_TABLE: dict[str, tuple[int, int]] = {}
for letter_index, letter in enumerate(REFERENCE_LETTERS):
    REFERENCE_TABLE[letter] = (letter_index, 0)
for forms in REFERENCE_TONED:
    for tone_index, form in enumerate(forms):
        REFERENCE_TABLE[form] = (REFERENCE_LETTERS.index(forms[0]), tone_index)
for form, value in list(REFERENCE_TABLE.items()):
    REFERENCE_TABLE[form.upper()] = value
SPACE_RANK, DIGIT_RANK, LETTER_RANK = 0, 1, 11


def reference_part(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    primary: list[int] = []
    secondary: list[int] = []
    # Keys are made from the one stored tone placement ("hoà" is "hòa").
    for char in normalize_tone_placement(text):
        if char == " ":
            primary.append(SPACE_RANK)
        elif char in "0123456789":
            primary.append(DIGIT_RANK + int(char))
        else:
            letter_index, tone_index = REFERENCE_TABLE[char]
            primary.append(LETTER_RANK + letter_index)
            secondary.append(tone_index)
    return tuple(primary), tuple(secondary)


def reference_name(name: tuple[str, str, str]) -> tuple:
    family_name, middle_name, given_name = name
    return tuple(
        reference_part(part) for part in (given_name, middle_name, family_name)
    )


def key_of(name: tuple[str, str, str]) -> str:
    family_name, middle_name, given_name = name
    return name_sort_key(
        family_name=family_name, middle_name=middle_name, given_name=given_name
    )


words = st.text(
    alphabet=sorted(REFERENCE_TABLE) + list("0123456789"), min_size=1, max_size=8
)


def maybe_decomposed(text: str, is_decomposed: bool) -> str:
    return nfd(text) if is_decomposed else text


parts = st.builds(
    maybe_decomposed, st.lists(words, max_size=3).map(" ".join), st.booleans()
)
names = st.tuples(parts, parts, parts)


@given(st.lists(names, max_size=12))
def test_name_sort_key_orders_like_the_reference_comparator(name_list):
    assert sorted(name_list, key=key_of) == sorted(name_list, key=reference_name)


@given(names, names)
def test_name_sort_key_compares_pairs_like_the_reference_comparator(first, second):
    assert (key_of(first) < key_of(second)) == (
        reference_name(first) < reference_name(second)
    )
    assert (key_of(first) == key_of(second)) == (
        reference_name(first) == reference_name(second)
    )


@given(st.text())
def test_collation_key_of_any_text_is_lowercase_ascii_and_form_insensitive(text):
    key = collation_key(text)
    assert KEY_CHARACTERS.fullmatch(key)
    assert collation_key(unicodedata.normalize("NFC", text)) == collation_key(nfd(text))


# --- search ------------------------------------------------------------------------


def test_search_key_strips_diacritics_and_maps_d_with_stroke():
    assert search_key("Đặng Thị Ánh") == "dang thi anh"
    assert search_key(nfd("  ĐẶNG   thị\tÁNH ")) == "dang thi anh"
    assert search_key("Trường Chính trị tỉnh Thanh Hóa") == (
        "truong chinh tri tinh thanh hoa"
    )


def test_search_key_treats_legacy_eth_as_d_with_stroke():
    assert search_key("\u00d0ỗ Thị Châu") == "do thi chau"


@given(st.text())
def test_search_key_is_idempotent(text):
    assert search_key(search_key(text)) == search_key(text)


@given(st.text())
def test_search_key_is_normalisation_insensitive(text):
    assert search_key(unicodedata.normalize("NFC", text)) == search_key(nfd(text))


# --- dates -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 3, 5), "ngày 05 tháng 3 năm 2026"),
        (date(2023, 2, 28), "ngày 28 tháng 02 năm 2023"),
        (date(2026, 1, 12), "ngày 12 tháng 01 năm 2026"),
        (date(2025, 12, 31), "ngày 31 tháng 12 năm 2025"),
        (date(2025, 10, 1), "ngày 01 tháng 10 năm 2025"),
    ],
)
def test_document_date_pads_day_always_and_month_only_for_january_february(
    day, expected
):
    assert document_date(day) == expected


def test_date_line_joins_place_and_document_date():
    assert (
        date_line(place="Thanh Hóa", on=date(2026, 3, 5))
        == "Thanh Hóa, ngày 05 tháng 3 năm 2026"
    )
    assert (
        date_line(place=nfd(" Hưng  Yên "), on=date(2023, 2, 28))
        == "Hưng Yên, ngày 28 tháng 02 năm 2023"
    )


def test_format_date_is_day_month_year_with_slashes():
    assert format_date(date(2026, 3, 5)) == "05/03/2026"
    assert format_date(date(2012, 9, 18)) == "18/09/2012"


# --- numbers -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (1056, None, "1.056"),
        (0, None, "0"),
        (999, None, "999"),
        (1000000, None, "1.000.000"),
        (8.5, None, "8,5"),
        (Decimal("8.50"), None, "8,50"),
        (Decimal("8.50"), 2, "8,50"),
        (8, 2, "8,00"),
        (1234567.891, 2, "1.234.567,89"),
        (-1234567.891, 2, "-1.234.567,89"),
        (-1056, None, "-1.056"),
        (2.675, 2, "2,68"),
        (Decimal("0.125"), 2, "0,13"),
        (Decimal("-0.125"), 2, "-0,13"),
        (Decimal("-0.001"), 2, "0,00"),
        (7.25, 1, "7,3"),
        (1999.5, 0, "2.000"),
    ],
)
def test_format_number_uses_vietnamese_separators(value, decimals, expected):
    assert format_number(value, decimals=decimals) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (20.0, "20"),
        (Decimal("20.0"), "20"),
        (Decimal("12.50"), "12,5"),
        (1500, "1.500"),
        (Decimal("1500.00"), "1.500"),
        (0.25, "0,25"),
        (Decimal("-3.0"), "-3"),
    ],
)
def test_format_measure_drops_a_zero_fraction(value, expected):
    assert format_measure(value) == expected


def test_format_number_refuses_non_finite_values():
    with pytest.raises(ValueError):
        format_number(float("nan"))


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (0, "không"),
        (5, "năm"),
        (10, "mười"),
        (11, "mười một"),
        (14, "mười bốn"),
        (15, "mười lăm"),
        (20, "hai mươi"),
        (21, "hai mươi mốt"),
        (24, "hai mươi tư"),
        (25, "hai mươi lăm"),
        (105, "một trăm lẻ năm"),
        (110, "một trăm mười"),
        (1000, "một nghìn"),
        (1005, "một nghìn không trăm lẻ năm"),
        (1056, "một nghìn không trăm năm mươi sáu"),
        (1000056, "một triệu không trăm năm mươi sáu"),
        (2500000, "hai triệu năm trăm nghìn"),
        (
            1234567891,
            "một tỷ hai trăm ba mươi tư triệu năm trăm sáu mươi bảy nghìn "
            "tám trăm chín mươi mốt",
        ),
        (1000000005, "một tỷ không trăm lẻ năm"),
        (10**12, "một nghìn tỷ"),
        (10**15, "một triệu tỷ"),
    ],
)
def test_amount_in_words_reads_like_an_invoice(amount, expected):
    assert amount_in_words(amount) == expected


@pytest.mark.parametrize("amount", [-1, 10**15 + 1])
def test_amount_in_words_refuses_out_of_range(amount):
    with pytest.raises(ValueError):
        amount_in_words(amount)
