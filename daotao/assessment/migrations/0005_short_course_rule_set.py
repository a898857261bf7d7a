"""A default assessment rule set for bồi dưỡng courses, every number UNCONFIRMED.

Without one no exam of a short course (lãnh đạo cấp phòng, ngạch chuyên viên…)
could be created, so none could be graded or end in a certificate. Their
completion rules under the current Ministry of Home Affairs programmes were not
found (domain.md, open question 10): the numbers are the TC LLCT defaults, except
that a short course ends in the final essay (tiểu luận cuối khóa) of its part
"Tìm hiểu thực tế và viết tiểu luận", with no graduation exam, and that field
study is required, as the catalogue's short-course structure has it.
"""

import datetime

from django.db import migrations

BASIS_NUMBER = "Chương trình bồi dưỡng (Bộ Nội vụ; số cần xác nhận)"
RULE_SET_NAME = "Quy chế đánh giá các lớp bồi dưỡng (mặc định, cần xác nhận)"
VALID_FROM = datetime.date(2000, 1, 1)
PROGRAM_KINDS = [
    "chuyen_vien",
    "chuyen_vien_chinh",
    "lanh_dao_phong",
    "dang_doan_the",
    "can_bo_nguon",
    "dang_vien_moi",
    "cam_tinh_dang",
    "cap_uy_vien",
]
PARAMETERS = {
    "scale": {"min": 0, "max": 10},
    "rounding_step": "0.1",
    "weights": {"attendance": "0.1", "test": "0.3", "exam": "0.6"},
    "min_attendance_share": "0.8",
    "pass_mark": "5.0",
    "retakes": 1,
    "retake_result": "highest",
    "bands": [
        {"code": "gioi", "label": "Giỏi", "min": "8.0"},
        {"code": "kha", "label": "Khá", "min": "6.5"},
        {"code": "trung_binh", "label": "Trung bình", "min": "5.0"},
    ],
    "fail_label": "Không đạt",
    "overall_weighting": "periods",
    "graduation_route": "essay",
    "field_study_required": True,
}


def forward(apps, schema_editor):
    LegalBasis = apps.get_model("org", "LegalBasis")
    RuleSet = apps.get_model("assessment", "AssessmentRuleSet")
    basis, _created = LegalBasis.objects.get_or_create(
        number=BASIS_NUMBER,
        defaults={
            "issuer": "Bộ Nội vụ",
            "title": "Chương trình bồi dưỡng cán bộ, công chức, viên chức",
            "is_confirmed": False,
        },
    )
    RuleSet.objects.update_or_create(
        legal_basis=basis,
        name=RULE_SET_NAME,
        defaults={
            "program_kinds": PROGRAM_KINDS,
            "valid_from": VALID_FROM,
            "parameters": PARAMETERS,
            "is_confirmed": False,
        },
    )


def backward(apps, schema_editor):
    RuleSet = apps.get_model("assessment", "AssessmentRuleSet")
    LegalBasis = apps.get_model("org", "LegalBasis")
    RuleSet.objects.filter(name=RULE_SET_NAME).delete()
    LegalBasis.objects.filter(number=BASIS_NUMBER).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("assessment", "0004_graduation_review_and_decision"),
        ("org", "0002_reference_data"),
    ]
    operations = [migrations.RunPython(forward, backward)]
