"""Fill the Vietnamese sort key and the diacritic-free search key of the rooms
that existed before them."""

import unicodedata

from django.db import migrations

# --- Frozen copy of daotao.core.text.collation_key (historical models do not run
# Room.save(), and migrations must not import application code). -------------------

_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"  # one NFC code point per letter
_LETTER_CODE = dict(zip(_ALPHABET, "3456789abcdefghijklmnopqrstuvwxyz", strict=True))
_MODIFIED_LETTER = {
    ("a", "\u0306"): "ă",
    ("a", "\u0302"): "â",
    ("e", "\u0302"): "ê",
    ("o", "\u0302"): "ô",
    ("o", "\u031b"): "ơ",
    ("u", "\u031b"): "ư",
}
_TONE_WEIGHT = {
    "\u0300": "1",
    "\u0309": "2",
    "\u0303": "3",
    "\u0301": "4",
    "\u0323": "5",
}
_D_WITH_STROKE = {"đ", "ð"}


def _is_mark(char):
    return unicodedata.category(char).startswith("M")


def _tone_of(marks):
    for mark in marks:
        if mark in _TONE_WEIGHT:
            return _TONE_WEIGHT[mark]
    return "0"


def collation_key(text):
    folded = unicodedata.normalize("NFD", unicodedata.normalize("NFD", text).casefold())
    clusters = []
    for char in folded:
        if not _is_mark(char):
            clusters.append(char)
        elif clusters:
            clusters[-1] += char
    elements = []
    for cluster in clusters:
        base, marks = cluster[0], cluster[1:]
        if base in _D_WITH_STROKE:
            elements.append((_LETTER_CODE["đ"], _tone_of(marks)))
        elif "a" <= base <= "z":
            letter = base
            for mark in marks:
                letter = _MODIFIED_LETTER.get((base, mark), letter)
            elements.append((_LETTER_CODE[letter], _tone_of(marks)))
        elif "0" <= base <= "9":
            elements.append(("2" + base, None))
        elif not elements or elements[-1][0] != "1":
            elements.append(("1", None))
    while elements and elements[-1][0] == "1":
        elements.pop()
    primary = "".join(code for code, _ in elements)
    secondary = "".join(tone for _, tone in elements if tone is not None)
    return primary + "0" + secondary



def search_key(text):
    decomposed = unicodedata.normalize(
        "NFKD", unicodedata.normalize("NFKD", text).casefold()
    )
    stripped = "".join(
        "d" if char in _D_WITH_STROKE else char
        for char in decomposed
        if not _is_mark(char)
    )
    return " ".join(stripped.split())


def fill(apps, schema_editor):
    Room = apps.get_model("org", "Room")
    for room in Room.objects.all():
        room.sort_key = collation_key(room.name)[:255]
        room.search_key = search_key(room.name)[:255]
        room.save(update_fields=["sort_key", "search_key"])


class Migration(migrations.Migration):
    dependencies = [("org", "0005_room_kind_note_closures")]
    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
