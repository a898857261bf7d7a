"""Provinces before and after Nghị quyết 202/2025/QH15 (in force 1 July 2025).

Source: daotao/org/data/provinces-2025.csv (63 old provinces with their codes of
QĐ 124/2004/QĐ-TTg and the unit each became part of).

- A province whose name continues and that absorbed nobody stays one open record.
- Every other old province ends on 30/6/2025, and each post-merger unit formed from
  it is a new record from 1/7/2025, with code "" (the new codes are not in the data)
  and the old records as predecessors.

Idempotent: old rows are matched by (level, code), new rows by (level, code "",
name, valid_from).
"""

import csv
import datetime
import unicodedata
from pathlib import Path

from django.db import migrations

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "provinces-2025.csv"

PROVINCE = "province"
LAST_DAY_OLD = datetime.date(2025, 6, 30)
FIRST_DAY_NEW = datetime.date(2025, 7, 1)

RESOLUTION = {
    "number": "202/2025/QH15",
    "issued_on": datetime.date(2025, 6, 12),
    "issuer": "Quốc hội",
    "title": "Nghị quyết về việc sắp xếp đơn vị hành chính cấp tỉnh",
    # The merger list in the data follows the annex of 60-NQ/TW; the resolution
    # text itself has not been compared.
    "is_confirmed": False,
}


# --- Frozen copy of daotao.core.text.collation_key (historical models do not run
# Area.save(), and migrations must not import application code). -------------------

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


# --- Data ---------------------------------------------------------------------------


def read_rows():
    with open(DATA_FILE, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def plan():
    """(unchanged old rows, {new name: (new kind, [old rows])}) from the CSV."""
    groups = {}
    for row in read_rows():
        groups.setdefault(row["new_name"], []).append(row)
    unchanged = []
    merged = {}
    for new_name, rows in groups.items():
        if len(rows) == 1 and rows[0]["old_name"] == new_name:
            unchanged.append(rows[0])
        else:
            kinds = {row["new_kind"] for row in rows}
            if len(kinds) != 1:
                raise ValueError(f"{new_name}: conflicting kinds {sorted(kinds)}")
            merged[new_name] = (kinds.pop(), rows)
    return unchanged, merged


def load(apps, schema_editor):
    Area = apps.get_model("org", "Area")
    LegalBasis = apps.get_model("org", "LegalBasis")

    fields = dict(RESOLUTION)
    number = fields.pop("number")
    LegalBasis.objects.update_or_create(number=number, defaults=fields)

    unchanged, merged = plan()

    def old_province(row, valid_to):
        area, _ = Area.objects.update_or_create(
            level=PROVINCE,
            code=row["old_code"],
            defaults={
                "name": row["old_name"],
                "kind": row["old_kind"],
                "valid_from": None,
                "valid_to": valid_to,
                "sort_key": collation_key(row["old_name"]),
            },
        )
        return area

    for row in unchanged:
        old_province(row, None)

    for new_name, (new_kind, rows) in merged.items():
        predecessors = [old_province(row, LAST_DAY_OLD) for row in rows]
        area, _ = Area.objects.update_or_create(
            level=PROVINCE,
            code="",
            name=new_name,
            valid_from=FIRST_DAY_NEW,
            defaults={
                "kind": new_kind,
                "valid_to": None,
                "sort_key": collation_key(new_name),
            },
        )
        area.predecessors.set(predecessors)


def unload(apps, schema_editor):
    Area = apps.get_model("org", "Area")
    LegalBasis = apps.get_model("org", "LegalBasis")
    _unchanged, merged = plan()
    Area.objects.filter(
        level=PROVINCE, code="", name__in=list(merged), valid_from=FIRST_DAY_NEW
    ).delete()
    Area.objects.filter(
        level=PROVINCE, code__in=[row["old_code"] for row in read_rows()]
    ).delete()
    LegalBasis.objects.filter(number=RESOLUTION["number"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("org", "0002_reference_data"),
    ]

    operations = [
        migrations.RunPython(load, unload),
    ]
