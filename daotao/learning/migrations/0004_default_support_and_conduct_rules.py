"""The defaults of learner support and conduct, both UNCONFIRMED (docs/domain.md,
"Learner support"; docs/adr/0034): a support rate set for any province without its
own (the office enters its HĐND resolution's rates), the conduct bands, and the
wording of the three decisions drafted from data (support payment, reward,
discipline). Idempotent (matched by name, number and code), reversible."""

import datetime

from django.db import migrations

SUPPORT_BASIS = {
    "number": "101/2017/NĐ-CP",
    "issuer": "Chính phủ",
    "issued_on": datetime.date(2017, 9, 1),
    "title": "về đào tạo, bồi dưỡng cán bộ, công chức, viên chức",
    "is_confirmed": False,
}
CONDUCT_BASIS = {
    "number": "Quy chế học viên của Trường",
    "issuer": "Hiệu trưởng",
    "issued_on": None,
    "title": "quy chế học viên (quy định của Trường, chưa nhập số hiệu)",
    "is_confirmed": False,
}
SUPPORT_RATES = {
    "name": "Mức hỗ trợ mặc định (chưa có nghị quyết HĐND tỉnh)",
    "valid_from": datetime.date(2017, 9, 1),
    "parameters": {
        "meal_per_day": 100000,
        "lodging_per_night": 150000,
        "lodging_from_km": 15,
        "travel_bands": [
            {"up_to_km": 15, "amount": 0},
            {"up_to_km": 50, "amount": 100000},
            {"up_to_km": 100, "amount": 200000},
            {"up_to_km": None, "amount": 300000},
        ],
        "extra_per_day": {"female": 20000, "ethnic_minority": 30000, "remote": 30000},
        "extra_combine": "sum",
    },
}
CONDUCT_RULES = {
    "name": "Xếp loại rèn luyện học viên (mặc định)",
    "valid_from": datetime.date(2017, 9, 1),
    "parameters": {
        "start": 100,
        "floor": 0,
        "ceiling": 100,
        "points": {
            "absent": -5,
            "late": -1,
            "reminder": -2,
            "criticism": -5,
            "praise": 2,
            "commendation": 5,
            "reprimand": -15,
            "warning": -30,
            "suspension": -50,
            "expulsion": -100,
        },
        "bands": [
            {"min": 90, "label": "Tốt"},
            {"min": 70, "label": "Khá"},
            {"min": 50, "label": "Trung bình"},
            {"min": 0, "label": "Yếu"},
        ],
    },
}
SCHOOL_BASIS = {
    "legal_basis": "393-QĐ/TW",
    "text": "Căn cứ Quy định số {number} {issued_on} của {issuer} {title};",
}
PROPOSAL = "Theo đề nghị của {office_head}."
ANNEX_SUBTITLE = (
    "(Kèm theo Quyết định số [số ký hiệu] [ngày] của Hiệu trưởng {school_name})"
)
TEMPLATES = [
    {
        "code": "qd-chi-ho-tro",
        "name": "Quyết định chi hỗ trợ học viên (soạn từ danh sách chi hỗ trợ)",
        "type": "QĐ",
        "wording": {
            "from_data": True,
            "summary": "Về việc chi hỗ trợ cho học viên lớp {class_name}",
            "decision_heading": "HIỆU TRƯỞNG {school_name}",
            "basis": [
                SCHOOL_BASIS,
                {
                    "legal_basis": "101/2017/NĐ-CP",
                    "text": "Căn cứ Nghị định số {number} {issued_on} của {issuer} "
                    "{title};",
                },
                {
                    "when": "rate_basis",
                    "text": "Căn cứ {rate_basis} về mức hỗ trợ cho học viên;",
                },
                "Căn cứ kết quả theo dõi chuyên cần của học viên lớp {class_name};",
                PROPOSAL,
            ],
            "body": (
                "Điều 1. Chi hỗ trợ cho {count} học viên lớp {class_name} (từ ngày "
                "{start} đến ngày {end}) với tổng số tiền {total} đồng (Bằng chữ: "
                "{total_words} đồng), theo danh sách kèm theo Quyết định này.\n"
                "Điều 2. Kinh phí chi từ nguồn kinh phí đào tạo, bồi dưỡng cán bộ "
                "năm {year} của Trường.\n"
                "Điều 3. {office_head}, Kế toán và các học viên có tên tại Điều 1 "
                "chịu trách nhiệm thi hành Quyết định này./."
            ),
            "annex_title": "DANH SÁCH CHI HỖ TRỢ HỌC VIÊN LỚP {class_name_upper}",
            "annex_subtitle": ANNEX_SUBTITLE,
            "annex_tables": [
                {
                    "columns": [
                        "STT",
                        "Họ và tên",
                        "Ngày sinh",
                        "Số ngày học",
                        "Tiền ăn",
                        "Tiền nghỉ",
                        "Tiền đi lại",
                        "Hỗ trợ thêm",
                        "Cộng (đồng)",
                        "Ký nhận",
                    ],
                    "total": "Tổng cộng",
                }
            ],
            "signer_authority": "",
            "signer_title": "HIỆU TRƯỞNG",
            "recipients": ["Như Điều 3;", "Kế toán;"],
        },
    },
    {
        "code": "qd-khen-thuong-hoc-vien",
        "name": "Quyết định khen thưởng học viên (soạn từ đề nghị khen thưởng)",
        "type": "QĐ",
        "wording": {
            "from_data": True,
            "summary": "Về việc khen thưởng học viên lớp {class_name}",
            "decision_heading": "HIỆU TRƯỞNG {school_name}",
            "basis": [
                SCHOOL_BASIS,
                "Xét thành tích của học viên {learner_name} lớp {class_name};",
                PROPOSAL,
            ],
            "body": (
                "Điều 1. Khen thưởng ({form}) học viên {learner_name}, sinh ngày "
                "{birth_date}, {agency_name}, học viên lớp {class_name}, vì đã có "
                "thành tích: {reason}.\n"
                "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.\n"
                "Điều 3. {office_head}, học viên có tên tại Điều 1 chịu trách nhiệm "
                "thi hành Quyết định này./."
            ),
            "signer_authority": "",
            "signer_title": "HIỆU TRƯỞNG",
            "recipients": ["Như Điều 3;", "{agency_name} (để biết);"],
        },
    },
    {
        "code": "qd-ky-luat-hoc-vien",
        "name": "Quyết định kỷ luật học viên (soạn từ đề nghị kỷ luật)",
        "type": "QĐ",
        "wording": {
            "from_data": True,
            "summary": "Về việc thi hành kỷ luật học viên lớp {class_name}",
            "decision_heading": "HIỆU TRƯỞNG {school_name}",
            "basis": [
                SCHOOL_BASIS,
                "Xét vi phạm của học viên {learner_name} lớp {class_name};",
                PROPOSAL,
            ],
            "body": (
                "Điều 1. Thi hành kỷ luật với hình thức {form} đối với học viên "
                "{learner_name}, sinh ngày {birth_date}, {agency_name}, học viên "
                "lớp {class_name}, vì đã vi phạm: {reason}.\n"
                "Điều 2. Quyết định này có hiệu lực kể từ ngày ký và được thông báo "
                "đến cơ quan, đơn vị cử học viên đi học.\n"
                "Điều 3. {office_head}, học viên có tên tại Điều 1 chịu trách nhiệm "
                "thi hành Quyết định này./."
            ),
            "signer_authority": "",
            "signer_title": "HIỆU TRƯỞNG",
            "recipients": ["Như Điều 3;", "{agency_name};"],
        },
    },
]


def _basis(LegalBasis, fields):
    fields = dict(fields)
    number = fields.pop("number")
    basis, _created = LegalBasis.objects.get_or_create(number=number, defaults=fields)
    return basis


def forward(apps, schema_editor):
    LegalBasis = apps.get_model("org", "LegalBasis")
    SupportRateSet = apps.get_model("learning", "SupportRateSet")
    ConductRuleSet = apps.get_model("learning", "ConductRuleSet")
    DocumentType = apps.get_model("documents", "DocumentType")
    DocumentTemplate = apps.get_model("documents", "DocumentTemplate")
    support = _basis(LegalBasis, SUPPORT_BASIS)
    conduct = _basis(LegalBasis, CONDUCT_BASIS)
    if not SupportRateSet.objects.filter(name=SUPPORT_RATES["name"]).exists():
        SupportRateSet.objects.create(
            legal_basis=support, province=None, is_confirmed=False, **SUPPORT_RATES
        )
    if not ConductRuleSet.objects.filter(name=CONDUCT_RULES["name"]).exists():
        ConductRuleSet.objects.create(
            legal_basis=conduct, is_confirmed=False, **CONDUCT_RULES
        )
    start = DocumentTemplate.objects.count()
    for position, item in enumerate(TEMPLATES, start + 1):
        kind = DocumentType.objects.filter(abbreviation=item["type"]).first()
        if kind is None:
            continue
        DocumentTemplate.objects.get_or_create(
            code=item["code"],
            defaults={
                "name": item["name"],
                "document_type": kind,
                "wording": item["wording"],
                "position": position,
            },
        )


def backward(apps, schema_editor):
    DocumentTemplate = apps.get_model("documents", "DocumentTemplate")
    apps.get_model("learning", "SupportRateSet").objects.filter(
        name=SUPPORT_RATES["name"]
    ).delete()
    apps.get_model("learning", "ConductRuleSet").objects.filter(
        name=CONDUCT_RULES["name"]
    ).delete()
    DocumentTemplate.objects.filter(
        code__in=[t["code"] for t in TEMPLATES], documents__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("learning", "0003_support_rates_conduct_decisions"),
        ("documents", "0007_annex_tables_wording"),
        ("org", "0006_room_sort_and_search_keys"),
    ]
    operations = [migrations.RunPython(forward, backward)]
