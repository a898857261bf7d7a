"""Eligibility data for issue 14: the retirement-age roadmap of NĐ 135/2020/NĐ-CP
as its own dated rule set; the TC LLCT rule set (350-QĐ/TW) now flags nominees who
already hold Trung cấp or higher and those who retire before the class ends; and a
default rule set for each bồi dưỡng programme kind.

Bộ luật Lao động 2019, Điều 169, and NĐ 135/2020: from 2021 men retire at 60 years
3 months and women at 55 years 4 months, raised each year by 3 months (men) up to
62 in 2028 and by 4 months (women) up to 60 in 2035. The bồi dưỡng criteria are
the school's editable defaults, not taken from a regulation text: all are marked
unconfirmed."""

import datetime

from django.db import migrations

RETIREMENT_BASIS = {
    "number": "135/2020/NĐ-CP",
    "issued_on": datetime.date(2020, 11, 18),
    "issuer": "Chính phủ",
    "title": "Nghị định quy định về tuổi nghỉ hưu",
    "valid_from": datetime.date(2021, 1, 1),
}
RETIREMENT_NAME = "Lộ trình tuổi nghỉ hưu trong điều kiện lao động bình thường"
ROADMAP = {
    "from_year": 2021,
    "male": {"start_months": 723, "step_months": 3, "final_months": 744},
    "female": {"start_months": 664, "step_months": 4, "final_months": 720},
}
TC_ADDED = {"grants_theory_level": "TC", "check_retirement": True}

BOI_DUONG_BASIS = {
    "number": "101/2017/NĐ-CP",
    "issued_on": datetime.date(2017, 9, 1),
    "issuer": "Chính phủ",
    "title": "Nghị định về đào tạo, bồi dưỡng cán bộ, công chức, viên chức",
    "valid_from": datetime.date(2017, 9, 1),
    "is_confirmed": False,
}
BOI_DUONG_FROM = datetime.date(2017, 9, 1)
COMMON = {"rating_years": 1, "min_rating": "done", "check_retirement": True}
PARTY = {"require_party_member": True}
POST = {"require_qualifying_post": True}
BOI_DUONG = {
    "chuyen_vien": ("Tiêu chuẩn cử đi bồi dưỡng ngạch chuyên viên", {}),
    "chuyen_vien_chinh": ("Tiêu chuẩn cử đi bồi dưỡng ngạch chuyên viên chính", {}),
    "lanh_dao_phong": ("Tiêu chuẩn cử đi bồi dưỡng lãnh đạo cấp phòng", POST),
    "dang_doan_the": ("Tiêu chuẩn cử đi bồi dưỡng công tác Đảng, đoàn thể", PARTY),
    "can_bo_nguon": ("Tiêu chuẩn cử đi bồi dưỡng cán bộ nguồn", POST),
    "dang_vien_moi": ("Tiêu chuẩn cử đi bồi dưỡng đảng viên mới", PARTY),
    "cam_tinh_dang": ("Tiêu chuẩn cử đi bồi dưỡng nhận thức về Đảng", {}),
    "cap_uy_vien": ("Tiêu chuẩn cử đi bồi dưỡng cấp ủy viên", {**PARTY, **POST}),
}
DEFAULT_SUFFIX = " (mặc định của Trường, cần xác nhận)"


def _basis(LegalBasis, fields):
    fields = dict(fields)
    number = fields.pop("number")
    basis, _created = LegalBasis.objects.get_or_create(number=number, defaults=fields)
    return basis


def forward(apps, schema_editor):
    LegalBasis = apps.get_model("org", "LegalBasis")
    Retirement = apps.get_model("enrolment", "RetirementRuleSet")
    RuleSet = apps.get_model("enrolment", "EligibilityRuleSet")
    Retirement.objects.update_or_create(
        legal_basis=_basis(LegalBasis, RETIREMENT_BASIS),
        name=RETIREMENT_NAME,
        defaults={
            "valid_from": RETIREMENT_BASIS["valid_from"],
            "parameters": ROADMAP,
            "is_confirmed": False,
        },
    )
    for rule_set in RuleSet.objects.filter(legal_basis__number="350-QĐ/TW"):
        rule_set.parameters = {**rule_set.parameters, **TC_ADDED}
        rule_set.save(update_fields=["parameters"])
    basis = _basis(LegalBasis, BOI_DUONG_BASIS)
    for kind, (name, extra) in BOI_DUONG.items():
        RuleSet.objects.update_or_create(
            legal_basis=basis,
            name=name + DEFAULT_SUFFIX,
            defaults={
                "program_kinds": [kind],
                "valid_from": BOI_DUONG_FROM,
                "parameters": {**extra, **COMMON},
                "is_confirmed": False,
            },
        )


def backward(apps, schema_editor):
    LegalBasis = apps.get_model("org", "LegalBasis")
    Retirement = apps.get_model("enrolment", "RetirementRuleSet")
    RuleSet = apps.get_model("enrolment", "EligibilityRuleSet")
    RuleSet.objects.filter(legal_basis__number=BOI_DUONG_BASIS["number"]).delete()
    for rule_set in RuleSet.objects.filter(legal_basis__number="350-QĐ/TW"):
        for key in TC_ADDED:
            rule_set.parameters.pop(key, None)
        rule_set.save(update_fields=["parameters"])
    Retirement.objects.filter(legal_basis__number=RETIREMENT_BASIS["number"]).delete()
    LegalBasis.objects.filter(
        number__in=[RETIREMENT_BASIS["number"], BOI_DUONG_BASIS["number"]]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("enrolment", "0006_retirement_rule_set_and_supplementary_summons"),
        ("org", "0002_reference_data"),
    ]
    operations = [migrations.RunPython(forward, backward)]
