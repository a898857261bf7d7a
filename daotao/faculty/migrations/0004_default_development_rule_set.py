"""The default lecturer development rule set, marked unconfirmed.

The four levels of the annual classification are those of Nghị định 90/2020/NĐ-CP
(đánh giá, xếp loại chất lượng cán bộ, công chức, viên chức; amended by Nghị định
48/2023/NĐ-CP). The thresholds that put a lecturer in each level, the hours a day
of field practice counts, the days expected each year and the observation form are
the school's own and UNCONFIRMED (docs: domain.md §4): the training office edits
them once the school has checked its rules.
"""

import datetime

from django.db import migrations


D = datetime.date
# Frozen here: a later change of the defaults is a later migration.
PARAMETERS = {
    "field_practice_hours_per_day": "3",
    "field_practice_days_per_year": 5,
    "certificate_warning_days": 90,
    "observation_scale_max": 10,
    "observation_criteria": [
        {"key": "content", "label": "Nội dung khoa học, chính xác"},
        {"key": "method", "label": "Phương pháp giảng dạy"},
        {"key": "practice", "label": "Liên hệ thực tiễn"},
        {"key": "manner", "label": "Tác phong, ngôn ngữ, quản lý lớp"},
    ],
    "observation_bands": [
        {"min": "8.5", "label": "Giỏi"},
        {"min": "7", "label": "Khá"},
        {"min": "5", "label": "Đạt yêu cầu"},
        {"min": "0", "label": "Chưa đạt yêu cầu"},
    ],
    "hours_school_year_offset": -1,
    "evaluation_bands": [
        {
            "code": "excellent",
            "label": "Hoàn thành xuất sắc nhiệm vụ",
            "min_hours_percent": "110",
            "min_research": 1,
            "min_observation": "8.5",
            "field_practice_done": True,
        },
        {
            "code": "good",
            "label": "Hoàn thành tốt nhiệm vụ",
            "min_hours_percent": "100",
            "min_research": 0,
            "min_observation": "7",
            "field_practice_done": True,
        },
        {
            "code": "done",
            "label": "Hoàn thành nhiệm vụ",
            "min_hours_percent": "85",
            "min_research": 0,
            "min_observation": "0",
            "field_practice_done": False,
        },
        {"code": "not_done", "label": "Không hoàn thành nhiệm vụ"},
    ],
}
NAME = "Quy định phát triển giảng viên (mặc định, chưa xác minh)"


def forward(apps, schema_editor):
    LegalBasis = apps.get_model("org", "LegalBasis")
    RuleSet = apps.get_model("faculty", "DevelopmentRuleSet")
    basis, _created = LegalBasis.objects.get_or_create(
        number="90/2020/NĐ-CP",
        defaults={
            "issued_on": D(2020, 8, 13),
            "issuer": "Chính phủ",
            "title": "Nghị định về đánh giá, xếp loại chất lượng cán bộ, công chức, "
            "viên chức (sửa đổi bởi Nghị định 48/2023/NĐ-CP)",
            "is_confirmed": True,
            "valid_from": D(2020, 8, 13),
        },
    )
    RuleSet.objects.update_or_create(
        name=NAME,
        defaults={
            "legal_basis": basis,
            "valid_from": D(2020, 8, 13),
            "parameters": PARAMETERS,
            "is_confirmed": False,
        },
    )


def backward(apps, schema_editor):
    apps.get_model("faculty", "DevelopmentRuleSet").objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("faculty", "0003_lecturer_development"),
        ("org", "0002_reference_data"),
    ]
    operations = [migrations.RunPython(forward, backward)]
