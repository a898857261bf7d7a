"""Vietnamese text: names, collation and search keys, dates and numbers.

Pure functions over plain values; nothing here touches the database or settings.
The date line and the amount in words are Vietnamese by definition (they appear in
official documents whatever the interface language), so they are not translated.

Tone placement (docs/adr/0014): "hoà"/"hòa", "thuý"/"thúy", "khoẻ"/"khỏe" are one
word written two ways. Names are stored, and every sort key is made, in the
traditional placement (the mark on the first vowel of a final "oa", "oe", "uy":
"Hòa", "Thúy", "Khỏe"), the form of the official names "Thanh Hóa" and "Khánh Hòa"
and of this project's own texts; `normalize_tone_placement` turns the other form
into it. Search keys drop the marks, so they were equal already.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

__all__ = [
    "NameParts",
    "amount_in_words",
    "collation_key",
    "date_line",
    "document_date",
    "format_date",
    "format_number",
    "join_name",
    "name_sort_key",
    "normalize",
    "normalize_tone_placement",
    "search_key",
    "split_full_name",
]


def normalize(text: str) -> str:
    """Return `text` in NFC, stripped, with every whitespace run made one space."""
    return " ".join(unicodedata.normalize("NFC", text).split())


# --- Tone placement ----------------------------------------------------------------

_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")
# A final "oa", "oe" or "uy" takes the tone on its first vowel in the traditional
# placement ("hòa", "khỏe", "thúy") and on its second in the new one ("hoà").
# Elsewhere both placements agree: "hoàng", "quý" (the u belongs to "qu").
_GLIDE_PAIRS = frozenset({("o", "a"), ("o", "e"), ("u", "y")})
_WORD = re.compile(r"[^\W\d_]+")
# A word that may need its mark moved: o/u then a toned a, e or y ending the word.
_NEW_PLACEMENT_HINT = re.compile(r"[oOuU][àáảãạÀÁẢÃẠèéẻẽẹÈÉẺẼẸỳýỷỹỵỲÝỶỸỴ](?![^\W\d_])")


def normalize_tone_placement(text: str) -> str:
    """Return `text` in NFC with every word in the traditional tone placement.

    "Hoà" → "Hòa", "THUÝ" → "THÚY", "khoẻ" → "khỏe"; "Hoàng", "Quý" and words
    already in that placement are unchanged. Applying it twice changes nothing.
    """
    composed = unicodedata.normalize("NFC", text)
    if not _NEW_PLACEMENT_HINT.search(composed):
        return composed
    # A mark left outside a word may compose with the letter now before it.
    return unicodedata.normalize("NFC", _WORD.sub(_traditional_word, composed))


def _traditional_word(match: re.Match[str]) -> str:
    word = match.group(0)
    clusters = _letter_clusters(unicodedata.normalize("NFD", word))
    if len(clusters) < 2:
        return word
    before, last = clusters[-2], clusters[-1]
    if (before[0].lower(), last[0].lower()) not in _GLIDE_PAIRS or len(before) > 1:
        return word
    if len(clusters) > 2 and (clusters[-3] + before[0]).lower() == "qu":
        return word
    tones = [mark for mark in last[1:] if mark in _TONE_MARKS]
    if len(tones) != 1 or len(last) != 2:
        return word
    moved = [*clusters[:-2], before + tones[0], last[0]]
    return unicodedata.normalize("NFC", "".join(moved))


# --- Names -------------------------------------------------------------------------


@dataclass(frozen=True)
class NameParts:
    """A Vietnamese full name split into họ, tên đệm and tên."""

    family_name: str
    middle_name: str
    given_name: str


# Names repeat (Nguyễn, Văn, Thị, Anh…): a 10,000-row sheet has a few hundred
# distinct words, so the pure functions of a word or a name part remember theirs.
@functools.lru_cache(maxsize=8192)
def _title_word(word: str) -> str:
    # str.title() restarts a word after a combining mark, which capitalises the
    # "nh" of a decomposed "ánh"; marks are skipped here instead. A letter after
    # an apostrophe or hyphen starts a new word, as in "H'Hen" or "Y-Blang".
    result = []
    at_word_start = True
    for char in word:
        if unicodedata.category(char).startswith("M"):
            result.append(char)
        elif char.isalpha():
            result.append(char.upper() if at_word_start else char.lower())
            at_word_start = False
        else:
            result.append(char)
            at_word_start = True
    return unicodedata.normalize("NFC", "".join(result))


def split_full_name(full_name: str) -> NameParts:
    """Split into họ (first word), tên (last word) and tên đệm, title-cased, in NFC.

    A single word is taken as the given name only.
    """
    words = [
        _title_word(word)
        for word in normalize_tone_placement(normalize(full_name)).split(" ")
        if word
    ]
    if not words:
        return NameParts(family_name="", middle_name="", given_name="")
    if len(words) == 1:
        return NameParts(family_name="", middle_name="", given_name=words[0])
    return NameParts(
        family_name=words[0],
        middle_name=" ".join(words[1:-1]),
        given_name=words[-1],
    )


def join_name(*, family_name: str, middle_name: str, given_name: str) -> str:
    """Return the full name "họ đệm tên" in NFC and the stored tone placement,
    skipping empty parts."""
    parts = tuple(
        normalize_tone_placement(normalize(part))
        for part in (family_name, middle_name, given_name)
    )
    return " ".join(part for part in parts if part)


# --- Collation ---------------------------------------------------------------------

_VIETNAMESE_ALPHABET = (
    "a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g", "h", "i", "j", "k", "l",
    "m", "n", "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "w", "x", "y",
    "z",
)  # fmt: skip
# Bytewise order of these characters is the CLDR "vi" letter order above.
_LETTER_CODES = "3456789abcdefghijklmnopqrstuvwxyz"
_LEVEL_END = "0"
_PRIMARY_SEPARATOR = "1"
_DIGIT_PREFIX = "2"
_PART_SEPARATOR = "0"
_SORT_KEY_MAX_LENGTH = 255

_LETTER_CODE = dict(zip(_VIETNAMESE_ALPHABET, _LETTER_CODES, strict=True))

_BREVE, _CIRCUMFLEX, _HORN = "\u0306", "\u0302", "\u031b"
_MODIFIED_LETTER = {
    ("a", _BREVE): "ă",
    ("a", _CIRCUMFLEX): "â",
    ("e", _CIRCUMFLEX): "ê",
    ("o", _CIRCUMFLEX): "ô",
    ("o", _HORN): "ơ",
    ("u", _HORN): "ư",
}
# Secondary weights: unmarked 0, then huyền, hỏi, ngã, sắc, nặng.
_TONE_WEIGHT = {
    "\u0300": "1",  # huyền (grave)
    "\u0309": "2",  # hỏi (hook above)
    "\u0303": "3",  # ngã (tilde)
    "\u0301": "4",  # sắc (acute)
    "\u0323": "5",  # nặng (dot below)
}
_UNMARKED = "0"
# U+00D0/U+00F0 (eth) is what legacy encodings and some keyboards produce for Đ/đ.
_D_WITH_STROKE = {"đ": "đ", "ð": "đ"}


def _collation_elements(text: str) -> list[tuple[str, str | None]]:
    """(primary code, secondary weight or None) per unit, separators collapsed."""
    elements: list[tuple[str, str | None]] = []
    placed = unicodedata.normalize("NFD", normalize_tone_placement(text))
    folded = unicodedata.normalize("NFD", placed.casefold())
    for cluster in _letter_clusters(folded):
        base, marks = cluster[0], cluster[1:]
        if base in _D_WITH_STROKE:
            elements.append((_LETTER_CODE["đ"], _tone_of(marks)))
        elif "a" <= base <= "z":
            letter = base
            for mark in marks:
                letter = _MODIFIED_LETTER.get((base, mark), letter)
            elements.append((_LETTER_CODE[letter], _tone_of(marks)))
        elif "0" <= base <= "9":
            elements.append((_DIGIT_PREFIX + base, None))
        elif elements and elements[-1][0] != _PRIMARY_SEPARATOR:
            elements.append((_PRIMARY_SEPARATOR, None))
    if elements and elements[-1][0] == _PRIMARY_SEPARATOR:
        elements.pop()
    return elements


def _is_mark(char: str) -> bool:
    return unicodedata.category(char).startswith("M")


def _letter_clusters(decomposed: str) -> list[str]:
    """Each base character with the marks that follow it; a leading mark is dropped."""
    clusters: list[str] = []
    for char in decomposed:
        if not _is_mark(char):
            clusters.append(char)
        elif clusters:
            clusters[-1] += char
    return clusters


def _tone_of(marks: str) -> str:
    for mark in marks:
        if mark in _TONE_WEIGHT:
            return _TONE_WEIGHT[mark]
    return _UNMARKED


@functools.lru_cache(maxsize=8192)
def collation_key(text: str) -> str:
    """Return an ASCII [0-9a-z] key whose bytewise order is CLDR "vi" standard order.

    Key = primary segment + "0" + secondary segment. Primary: one character per
    letter, ordered a ă â b c d đ e ê f … z and mapped to "3"-"9", "a"-"z"; each digit
    is "2" followed by itself; every run of spaces and punctuation is one "1"
    (leading and trailing runs dropped). Secondary: one digit per letter, 0 unmarked,
    1 huyền, 2 hỏi, 3 ngã, 4 sắc, 5 nặng. Case and tone placement ("hoà", "hòa")
    are ignored; input may be NFC or NFD;
    marks other than Vietnamese tones and letter modifiers are ignored. Because "0"
    ends the primary segment and is below every primary code, a shorter word sorts
    first ("An" < "Anh"), and no key is a proper prefix of another key.
    """
    elements = _collation_elements(text)
    primary = "".join(code for code, _ in elements)
    secondary = "".join(tone for _, tone in elements if tone is not None)
    return primary + _LEVEL_END + secondary


def name_sort_key(*, family_name: str, middle_name: str, given_name: str) -> str:
    """Return a key (≤ 255 chars, [0-9a-z]) ordering by tên, then tên đệm, then họ.

    Each part is compared fully (letters, then tones) before the next. No collation
    key is a prefix of another, so joined keys compare like tuples of keys; the
    joining "0" is the lowest character. Truncation can only turn an order into a
    tie, never reverse it.
    """
    key = _PART_SEPARATOR.join(
        collation_key(part) for part in (given_name, middle_name, family_name)
    )
    return key[:_SORT_KEY_MAX_LENGTH]


# --- Search ------------------------------------------------------------------------


def search_key(text: str) -> str:
    """Return `text` case-folded, without diacritics, đ as d, whitespace collapsed.

    NFC and NFD input give the same key; applying it twice changes nothing.
    """
    folded = unicodedata.normalize("NFKD", text).casefold()
    decomposed = unicodedata.normalize("NFKD", folded)
    stripped = "".join(
        "d" if char in _D_WITH_STROKE else char
        for char in decomposed
        if not _is_mark(char)
    )
    return " ".join(stripped.split())


# --- Dates -------------------------------------------------------------------------

# NĐ 30/2020 (domain brief §5.4): months 1 and 2 take a leading zero, 3-12 do not.
_ZERO_PADDED_MONTHS = frozenset({1, 2})


def document_date(d: date) -> str:
    """Return the NĐ 30 date, e.g. "ngày 05 tháng 3 năm 2026", "ngày 28 tháng 02 …"."""
    month = f"{d.month:02d}" if d.month in _ZERO_PADDED_MONTHS else str(d.month)
    return f"ngày {d.day:02d} tháng {month} năm {d.year}"


def date_line(*, place: str, on: date) -> str:
    """Return the place and date line: "Thanh Hóa, ngày 05 tháng 3 năm 2026"."""
    return f"{normalize(place)}, {document_date(on)}"


def format_date(d: date) -> str:
    """Return the date as dd/mm/yyyy, as used in tables and registers."""
    return f"{d.day:02d}/{d.month:02d}/{d.year:04d}"


# --- Numbers -----------------------------------------------------------------------


def format_number(value: int | float | Decimal, *, decimals: int | None = None) -> str:
    """Return `value` with "." between thousands and "," before decimals.

    With `decimals`, rounds half up to that many places; without, an int has no
    decimals, a float its shortest form and a Decimal its own places.
    """
    if isinstance(value, bool):
        raise TypeError("format_number() takes a number, not a bool")
    # str() of a float is its shortest round-tripping form: 2.675 rounds to 2.68.
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    if not number.is_finite():
        raise ValueError(f"cannot format {value!r}")
    if decimals is not None:
        number = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    text = format(abs(number), "f")
    integer, _, fraction = text.partition(".")
    grouped = f"{int(integer):,}".replace(",", ".")
    sign = "-" if number < 0 else ""
    return f"{sign}{grouped},{fraction}" if fraction else f"{sign}{grouped}"


def format_measure(value: int | float | Decimal) -> str:
    """A measured quantity (kilometres, days) without a zero fraction: 20.0 as "20",
    12.50 as "12,5", 1500 as "1.500"."""
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    if number.is_finite() and number == number.to_integral_value():
        return format_number(int(number))
    return format_number(number.normalize())


_DIGIT_WORDS = (
    "không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín",
)  # fmt: skip
_GROUP_NAMES = ("", "nghìn", "triệu")
_BILLION = 10**9
_AMOUNT_LIMIT = 10**15


def amount_in_words(n: int) -> str:
    """Return the Vietnamese reading of 0 ≤ n ≤ 10^15, in lower case, as on invoices.

    Uses "lẻ" for a zero tens digit, "mốt", "tư" and "lăm" after "mươi", "lăm"
    after "mười", and reads "không trăm" in every group but the first.
    """
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError("amount_in_words() takes an int")
    if not 0 <= n <= _AMOUNT_LIMIT:
        raise ValueError(f"amount out of range 0..10^15: {n}")
    if n == 0:
        return _DIGIT_WORDS[0]
    return " ".join(_read_amount(n, is_leading=True))


def _read_amount(n: int, *, is_leading: bool) -> list[str]:
    """Words for n > 0; above a billion the higher part is read, then "tỷ"."""
    billions, rest = divmod(n, _BILLION)
    words: list[str] = []
    if billions:
        words += [*_read_amount(billions, is_leading=is_leading), "tỷ"]
        is_leading = False
    groups = [(rest // 1000**power) % 1000 for power in (2, 1, 0)]
    for power, group in zip((2, 1, 0), groups, strict=True):
        if group == 0:
            continue
        words += _read_group(group, is_leading=is_leading)
        if _GROUP_NAMES[power]:
            words.append(_GROUP_NAMES[power])
        is_leading = False
    return words


def _read_group(group: int, *, is_leading: bool) -> list[str]:
    """Words for a three-digit group 1..999."""
    hundreds, tens, units = group // 100, group // 10 % 10, group % 10
    words: list[str] = []
    if hundreds or not is_leading:
        words += [_DIGIT_WORDS[hundreds], "trăm"]
    if tens == 0:
        if units and words:
            words += ["lẻ", _DIGIT_WORDS[units]]
        elif units:
            words.append(_DIGIT_WORDS[units])
        return words
    if tens == 1:
        words.append("mười")
    else:
        words += [_DIGIT_WORDS[tens], "mươi"]
    if units == 1 and tens > 1:
        words.append("mốt")
    elif units == 4 and tens > 1:
        words.append("tư")
    elif units == 5:
        words.append("lăm")
    elif units:
        words.append(_DIGIT_WORDS[units])
    return words
