"""Store every person's name parts, full name, sort key and search key in one
Vietnamese tone placement, the traditional one ("Hòa", "Thúy", "Khỏe"; docs/adr/
0014): names typed "Hoà" or "Thuý" before sorted apart from the same names typed
the other way. Rows already in that form are left as they are.

The key functions are a frozen copy of daotao.core.text as of this migration (a data
migration imports nothing from daotao); a test checks that they agree.
"""

import re
import unicodedata

from django.db import migrations

_BATCH = 500
_FIELDS = (
    "family_name",
    "middle_name",
    "given_name",
    "full_name",
    "sort_key",
    "search_key",
)

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


def normalize(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def join_name(*, family_name: str, middle_name: str, given_name: str) -> str:
    parts = tuple(
        normalize_tone_placement(normalize(part))
        for part in (family_name, middle_name, given_name)
    )
    return " ".join(part for part in parts if part)


def derived(family_name, middle_name, given_name):
    """(họ, tên đệm, tên, full name, sort key, search key) as the model's
    `derive_keys` writes them."""
    family_name = normalize_tone_placement(family_name)
    middle_name = normalize_tone_placement(middle_name)
    given_name = normalize_tone_placement(given_name)
    full_name = join_name(
        family_name=family_name, middle_name=middle_name, given_name=given_name
    )
    return (
        family_name,
        middle_name,
        given_name,
        full_name,
        name_sort_key(
            family_name=family_name, middle_name=middle_name, given_name=given_name
        ),
        search_key(full_name)[:255],
    )


def forward(apps, schema_editor):
    Person = apps.get_model("people", "Person")
    changed = []
    rows = Person.objects.only(*_FIELDS).order_by("pk").iterator(chunk_size=2000)
    for person in rows:
        values = derived(person.family_name, person.middle_name, person.given_name)
        if values != tuple(getattr(person, name) for name in _FIELDS):
            for name, value in zip(_FIELDS, values, strict=True):
                setattr(person, name, value)
            changed.append(person)
        if len(changed) >= _BATCH:
            Person.objects.bulk_update(changed, _FIELDS)
            changed = []
    if changed:
        Person.objects.bulk_update(changed, _FIELDS)


class Migration(migrations.Migration):
    dependencies = [("people", "0002_search_trigram_index")]
    # Backwards nothing to undo: the traditional placement is a valid spelling.
    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
