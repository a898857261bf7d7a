"""The default assessment rule set for TC LLCT, every number UNCONFIRMED.

The HVCTQG training regulation (quy chế đào tạo trung cấp LLCT) was not found in
any public source (domain.md §3), so these are working defaults to be compared
with the original text and edited; the rule set and its legal basis are marked
unconfirmed:
- scale 0–10, rounding step 0.1 (half up);
- weights: chuyên cần 10 %, kiểm tra 30 %, thi 60 %;
- minimum attendance 80 % of the planned periods to sit an exam;
- pass mark 5.0; one retake; a retaken module keeps its highest result;
- bands giỏi ≥ 8.0, khá ≥ 6.5, trung bình ≥ 5.0 (no "xuất sắc"); below: không đạt;
- overall result: the mean of module results weighted by module periods;
- graduation route "both" (the graduation exam and the final essay, as one class
  reported in domain.md §3 did; "exam" or "essay" are the alternatives);
- field study required.
"""

import datetime

from django.db import migrations

BASIS_NUMBER = "Quy chế đào tạo trung cấp LLCT (HVCTQG; số cần xác nhận)"
RULE_SET_NAME = "Quy chế đánh giá trung cấp lý luận chính trị (mặc định, cần xác nhận)"

# Applies to every cohort until a confirmed rule set replaces it.
VALID_FROM = datetime.date(2000, 1, 1)

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
    "graduation_route": "both",
    "field_study_required": True,
}


def forward(apps, schema_editor):
    LegalBasis = apps.get_model("org", "LegalBasis")
    RuleSet = apps.get_model("assessment", "AssessmentRuleSet")
    basis, _created = LegalBasis.objects.get_or_create(
        number=BASIS_NUMBER,
        defaults={
            "issuer": "Học viện Chính trị quốc gia Hồ Chí Minh",
            "title": "Quy chế đào tạo trung cấp lý luận chính trị",
            "is_confirmed": False,
        },
    )
    RuleSet.objects.update_or_create(
        legal_basis=basis,
        name=RULE_SET_NAME,
        defaults={
            "program_kinds": ["tc_llct"],
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
    dependencies = [("assessment", "0001_initial"), ("org", "0002_reference_data")]
    operations = [migrations.RunPython(forward, backward)]
