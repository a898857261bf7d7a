"""Public holidays of 2026 and 2027 and the default giờ chuẩn rule set.

Holidays: the fixed days of Bộ luật Lao động 2019 (Điều 112) are confirmed; the
lunar-calendar days (Tết Nguyên đán, Giỗ Tổ Hùng Vương) and the extra day next to
Quốc khánh are the usual pattern and must be checked against each year's official
notice, so they are marked unconfirmed and can be edited.

Rule set: the figures of the BNV circular effective 15/6/2023 as reported (docs
domain.md §4); its number is unconfirmed. Where a range is given, the default is
its lower end; the training office edits the parameters once checked.
"""

import datetime

from django.db import migrations

D = datetime.date
HOLIDAYS = [
    (D(2026, 1, 1), "Tết Dương lịch", True),
    (D(2026, 2, 16), "Tết Nguyên đán Bính Ngọ", False),
    (D(2026, 2, 17), "Tết Nguyên đán Bính Ngọ", False),
    (D(2026, 2, 18), "Tết Nguyên đán Bính Ngọ", False),
    (D(2026, 2, 19), "Tết Nguyên đán Bính Ngọ", False),
    (D(2026, 2, 20), "Tết Nguyên đán Bính Ngọ", False),
    (D(2026, 4, 27), "Giỗ Tổ Hùng Vương (nghỉ bù)", False),
    (D(2026, 4, 30), "Ngày Chiến thắng", True),
    (D(2026, 5, 1), "Ngày Quốc tế Lao động", True),
    (D(2026, 9, 1), "Quốc khánh (ngày liền kề)", False),
    (D(2026, 9, 2), "Quốc khánh", True),
    (D(2027, 1, 1), "Tết Dương lịch", True),
    (D(2027, 2, 5), "Tết Nguyên đán Đinh Mùi", False),
    (D(2027, 2, 8), "Tết Nguyên đán Đinh Mùi", False),
    (D(2027, 2, 9), "Tết Nguyên đán Đinh Mùi", False),
    (D(2027, 2, 10), "Tết Nguyên đán Đinh Mùi", False),
    (D(2027, 2, 11), "Tết Nguyên đán Đinh Mùi", False),
    (D(2027, 4, 16), "Giỗ Tổ Hùng Vương", False),
    (D(2027, 4, 30), "Ngày Chiến thắng", True),
    (D(2027, 5, 3), "Ngày Quốc tế Lao động (nghỉ bù)", False),
    (D(2027, 9, 2), "Quốc khánh", True),
    (D(2027, 9, 3), "Quốc khánh (ngày liền kề)", False),
]

PARAMETERS = {
    # giờ chuẩn per unit of each activity (per tiết; field study per day; essays and
    # theses per learner supervised)
    "coefficients": {
        "lecture": 1,
        "discussion": 1,
        "case_study": 2,
        "practice": 1.5,
        "field_study": 3,
        "essay": 3,
        "thesis": 8,
        "exam": 0,
    },
    "ranges": {
        "case_study": [2, 2.5],
        "practice": [1.5, 2],
        "field_study": [3, 4],
        "essay": [3, 5],
        "thesis": [8, 10],
    },
    "norms": {"trainee": 90, "lecturer": 270, "principal": 290, "senior": 310},
    "max_adjustment_percent": 15,
    "post_reductions": {},
}


def forward(apps, schema_editor):
    LegalBasis = apps.get_model("org", "LegalBasis")
    Holiday = apps.get_model("teaching", "Holiday")
    RuleSet = apps.get_model("teaching", "HourRuleSet")
    labour, _created = LegalBasis.objects.get_or_create(
        number="45/2019/QH14",
        defaults={
            "issued_on": D(2019, 11, 20),
            "issuer": "Quốc hội",
            "title": "Bộ luật Lao động (Điều 112: nghỉ lễ, tết)",
            "is_confirmed": True,
            "valid_from": D(2021, 1, 1),
        },
    )
    for day, name, confirmed in HOLIDAYS:
        Holiday.objects.update_or_create(
            date=day,
            defaults={"name": name, "legal_basis": labour, "is_confirmed": confirmed},
        )
    norms, _created = LegalBasis.objects.get_or_create(
        number="TT-BNV 2023 (số cần xác nhận)",
        defaults={
            "issued_on": None,
            "issuer": "Bộ Nội vụ",
            "title": "Thông tư quy định chế độ làm việc của giảng viên cơ sở đào tạo, "
            "bồi dưỡng cán bộ, công chức, viên chức (hiệu lực 15/6/2023)",
            "url": "https://vietnam.vn/?p=149911",
            "is_confirmed": False,
            "valid_from": D(2023, 6, 15),
        },
    )
    RuleSet.objects.update_or_create(
        legal_basis=norms,
        name="Định mức giờ chuẩn giảng viên (Thông tư BNV, hiệu lực 15/6/2023)",
        defaults={
            "valid_from": D(2023, 6, 15),
            "parameters": PARAMETERS,
            "is_confirmed": False,
        },
    )


def backward(apps, schema_editor):
    apps.get_model("teaching", "HourRuleSet").objects.all().delete()
    apps.get_model("teaching", "Holiday").objects.filter(
        date__in=[day for day, _name, _confirmed in HOLIDAYS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("teaching", "0001_initial"), ("org", "0002_reference_data")]
    operations = [migrations.RunPython(forward, backward)]
