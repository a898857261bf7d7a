"""The eligibility thresholds of Quy định 350-QĐ/TW (29/8/2025) as a rule set.

Numbers from the press reports cited in domain.md §2.1; not yet compared with the
original text, so the rule set is marked unconfirmed and can be edited."""

import datetime

from django.db import migrations

PARAMETERS = {
    "require_party_member": True,
    "min_education": "CD",
    "minority_min_education": "THPT",
    "rating_years": 2,
    "min_rating": "good",
    "part_time_min_age": {"female": 28, "male": 30},
    "require_qualifying_post": True,
}


def forward(apps, schema_editor):
    LegalBasis = apps.get_model("org", "LegalBasis")
    RuleSet = apps.get_model("enrolment", "EligibilityRuleSet")
    basis, _created = LegalBasis.objects.get_or_create(
        number="350-QĐ/TW",
        defaults={
            "issued_on": datetime.date(2025, 8, 29),
            "issuer": "Ban Bí thư",
            "title": "Quy định về đối tượng, tiêu chuẩn và phân cấp đào tạo lý luận "
            "chính trị",
            "url": "https://vietnamnet.vn/ban-bi-thu-quy-dinh-ve-doi-tuong-dao-tao-"
            "trung-cap-cao-cap-ly-luan-chinh-tri-2439723.html",
            "is_confirmed": False,
            "valid_from": datetime.date(2025, 8, 29),
        },
    )
    RuleSet.objects.update_or_create(
        legal_basis=basis,
        name="Tiêu chuẩn cử đi học trung cấp lý luận chính trị (Quy định 350-QĐ/TW)",
        defaults={
            "program_kinds": ["tc_llct"],
            "valid_from": datetime.date(2025, 8, 29),
            "parameters": PARAMETERS,
            "is_confirmed": False,
        },
    )


def backward(apps, schema_editor):
    RuleSet = apps.get_model("enrolment", "EligibilityRuleSet")
    RuleSet.objects.filter(legal_basis__number="350-QĐ/TW").delete()


class Migration(migrations.Migration):
    dependencies = [("enrolment", "0003_relations_and_constraints"), ("org", "0002_reference_data")]
    operations = [migrations.RunPython(forward, backward)]
