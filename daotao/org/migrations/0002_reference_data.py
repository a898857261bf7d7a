"""Reference lists: ethnic groups (QĐ 1019/QĐ-TCTK), religions, education and
political-theory levels, loaded from the CSV files in daotao/org/data/.

Idempotent: every row is matched by its code (legal bases by their number), so
running the forward step again only rewrites the same values.
"""

import csv
import datetime
from pathlib import Path

from django.db import migrations

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

ETHNICITY_BASIS = {
    "number": "1019/QĐ-TCTK",
    "issued_on": datetime.date(2008, 11, 12),
    "issuer": "Tổng cục Thống kê",
    "title": "Ban hành Danh mục các dân tộc Việt Nam",
    "url": "https://www.gso.gov.vn/Modules/Doc_Download.aspx?DocID=15172",
    # Codes 01-20 were checked against the GSO table; 21-54 are not yet
    # compared with the original decision.
    "is_confirmed": False,
}

LEGAL_BASES = [ETHNICITY_BASIS]


def read_rows(filename):
    with open(DATA_DIR / filename, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def parse_bool(value):
    value = value.strip().lower()
    if value in {"true", "1", "yes"}:
        return True
    if value in {"false", "0", "no"}:
        return False
    raise ValueError(f"Not a boolean: {value!r}")


def load(apps, schema_editor):
    LegalBasis = apps.get_model("org", "LegalBasis")
    Ethnicity = apps.get_model("org", "Ethnicity")
    Religion = apps.get_model("org", "Religion")
    EducationLevel = apps.get_model("org", "EducationLevel")
    TheoryLevel = apps.get_model("org", "TheoryLevel")

    bases = {}
    for basis in LEGAL_BASES:
        fields = dict(basis)
        number = fields.pop("number")
        bases[number], _ = LegalBasis.objects.update_or_create(
            number=number, defaults=fields
        )
    ethnicity_basis = bases[ETHNICITY_BASIS["number"]]

    for position, row in enumerate(read_rows("ethnicities.csv"), start=1):
        Ethnicity.objects.update_or_create(
            code=row["code"],
            defaults={
                "name": row["name"],
                "other_names": row["other_names"],
                "is_minority": parse_bool(row["is_minority"]),
                "position": position,
                "legal_basis": ethnicity_basis,
            },
        )

    for position, row in enumerate(read_rows("religions.csv"), start=1):
        Religion.objects.update_or_create(
            code=row["code"], defaults={"name": row["name"], "position": position}
        )

    for model, filename in (
        (EducationLevel, "education_levels.csv"),
        (TheoryLevel, "theory_levels.csv"),
    ):
        for row in read_rows(filename):
            model.objects.update_or_create(
                code=row["code"],
                defaults={"name": row["name"], "position": int(row["position"])},
            )


def unload(apps, schema_editor):
    for model_name, filename in (
        ("Ethnicity", "ethnicities.csv"),
        ("Religion", "religions.csv"),
        ("EducationLevel", "education_levels.csv"),
        ("TheoryLevel", "theory_levels.csv"),
    ):
        model = apps.get_model("org", model_name)
        codes = [row["code"] for row in read_rows(filename)]
        model.objects.filter(code__in=codes).delete()
    LegalBasis = apps.get_model("org", "LegalBasis")
    LegalBasis.objects.filter(
        number__in=[basis["number"] for basis in LEGAL_BASES]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("org", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(load, unload),
    ]
