"""The type names as printed, Quy định 393-QĐ/TW in the legal-basis registry, and
the wording of the documents the domain apps draft from data: the summons decision,
the graduation and completion decisions, and the annual plan.

Wording placeholders in braces ({school_name}) are filled by the drafting app; a
basis line {"legal_basis": number, "text": …} takes number, date, issuer and title
from the registry; a line {"when": key, …} is printed only when the data has that
key. "[số ký hiệu]" and "[ngày]" in an annex subtitle are filled at signing.
Idempotent (matched by name, number and code), reversible.
"""

from django.db import migrations

PRINTED_NAMES = {
    "Nghị quyết (cá biệt)": "Nghị quyết",
    "Quyết định (cá biệt)": "Quyết định",
}

BASIS_393 = {
    "number": "393-QĐ/TW",
    "issuer": "Ban Bí thư",
    "title": (
        "về chức năng, nhiệm vụ, tổ chức bộ máy của trường chính trị tỉnh, "
        "thành phố trực thuộc Trung ương"
    ),
    "url": (
        "https://news.laodong.vn/thoi-su/"
        "ban-bi-thu-co-quy-dinh-moi-ve-truong-chinh-tri-tinh-thanh-pho-1642743.ldo"
    ),
    # The date of the original is not yet confirmed (docs/domain.md §1.1): the
    # office enters it in the registry and every document drafted after cites it.
    "issued_on": None,
    "is_confirmed": False,
}

SCHOOL_BASIS = {
    "legal_basis": "393-QĐ/TW",
    "text": "Căn cứ Quy định số {number} {issued_on} của {issuer} {title};",
}
PROPOSAL = "Theo đề nghị của {office_head}."
DECISION_ANNEX_SUBTITLE = (
    "(Kèm theo Quyết định số [số ký hiệu] [ngày] của Hiệu trưởng {school_name})"
)
ENFORCEMENT = (
    "Điều 3. {office_head}, Thủ trưởng các cơ quan, đơn vị có liên quan và các "
    "học viên có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./."
)

TEMPLATES = [
    {
        "code": "qd-trieu-tap",
        "name": "Quyết định triệu tập học viên (soạn từ dữ liệu tuyển sinh)",
        "type": "QĐ",
        "wording": {
            "from_data": True,
            "summary": "Về việc triệu tập học viên lớp {class_name}",
            "decision_heading": "HIỆU TRƯỞNG {school_name}",
            "basis": [
                SCHOOL_BASIS,
                {
                    "when": "plan_symbol",
                    "text": (
                        "Căn cứ Kế hoạch số {plan_symbol} ngày {plan_date} của "
                        "{school_name} về đào tạo, bồi dưỡng cán bộ năm {plan_year};"
                    ),
                },
                "Căn cứ danh sách cán bộ do các cơ quan, đơn vị cử đi học;",
                PROPOSAL,
            ],
            "body": (
                "Điều 1. Triệu tập {count} học viên có tên trong danh sách kèm theo "
                "Quyết định này tham gia lớp {class_name}, khai giảng ngày {start} "
                "tại {site}.\n"
                "Điều 2. Các cơ quan, đơn vị cử cán bộ đi học tạo điều kiện để học "
                "viên tham gia đầy đủ khóa học; học viên chấp hành nghiêm nội quy, "
                "quy chế học tập của Trường.\n" + ENFORCEMENT
            ),
            "annex_title": "DANH SÁCH HỌC VIÊN LỚP {class_name_upper}",
            "annex_subtitle": DECISION_ANNEX_SUBTITLE,
            "signer_authority": "",
            "signer_title": "HIỆU TRƯỞNG",
            "recipients": ["Như Điều 3;", "Các cơ quan, đơn vị cử cán bộ đi học;"],
        },
    },
    {
        "code": "qd-trieu-tap-bo-sung",
        "name": "Quyết định triệu tập bổ sung học viên (soạn từ dữ liệu tuyển sinh)",
        "type": "QĐ",
        "wording": {
            "from_data": True,
            "summary": "Về việc triệu tập bổ sung học viên lớp {class_name}",
            "decision_heading": "HIỆU TRƯỞNG {school_name}",
            "basis": [
                SCHOOL_BASIS,
                {
                    "when": "summons_symbol",
                    "text": (
                        "Căn cứ Quyết định số {summons_symbol} ngày {summons_date} "
                        "của Hiệu trưởng {school_name} về việc triệu tập học viên "
                        "lớp {class_name};"
                    ),
                },
                "Căn cứ danh sách cán bộ do các cơ quan, đơn vị cử đi học bổ sung;",
                PROPOSAL,
            ],
            "body": (
                "Điều 1. Triệu tập bổ sung {count} học viên có tên trong danh sách "
                "kèm theo Quyết định này tham gia lớp {class_name}, khai giảng ngày "
                "{start} tại {site}.\n"
                "Điều 2. Các cơ quan, đơn vị cử cán bộ đi học tạo điều kiện để học "
                "viên tham gia đầy đủ khóa học; học viên chấp hành nghiêm nội quy, "
                "quy chế học tập của Trường.\n" + ENFORCEMENT
            ),
            "annex_title": (
                "DANH SÁCH HỌC VIÊN TRIỆU TẬP BỔ SUNG LỚP {class_name_upper}"
            ),
            "annex_subtitle": DECISION_ANNEX_SUBTITLE,
            "signer_authority": "",
            "signer_title": "HIỆU TRƯỞNG",
            "recipients": ["Như Điều 3;", "Các cơ quan, đơn vị cử cán bộ đi học;"],
        },
    },
    {
        "code": "qd-tot-nghiep",
        "name": "Quyết định công nhận tốt nghiệp (soạn từ dữ liệu xét tốt nghiệp)",
        "type": "QĐ",
        "wording": {
            "from_data": True,
            "summary": "Về việc công nhận tốt nghiệp lớp {class_name}",
            "decision_heading": "HIỆU TRƯỞNG {school_name}",
            "basis": [
                SCHOOL_BASIS,
                {
                    "when": "summons_symbol",
                    "text": (
                        "Căn cứ Quyết định số {summons_symbol} ngày {summons_date} "
                        "của Hiệu trưởng {school_name} về việc triệu tập học viên "
                        "lớp {class_name};"
                    ),
                },
                "Căn cứ kết quả học tập và kết quả xét tốt nghiệp của học viên;",
                PROPOSAL,
            ],
            "body": (
                "Điều 1. Công nhận tốt nghiệp {program_name} cho {count} học viên "
                "lớp {class_name} (khai giảng ngày {start}) có tên trong danh sách "
                "kèm theo Quyết định này.\n"
                "Điều 2. {office_name} làm thủ tục cấp bằng tốt nghiệp cho các học "
                "viên có tên tại Điều 1.\n" + ENFORCEMENT
            ),
            "annex_title": "DANH SÁCH HỌC VIÊN TỐT NGHIỆP LỚP {class_name_upper}",
            "annex_subtitle": DECISION_ANNEX_SUBTITLE,
            "signer_authority": "",
            "signer_title": "HIỆU TRƯỞNG",
            "recipients": ["Như Điều 3;", "Các cơ quan, đơn vị cử cán bộ đi học;"],
        },
    },
    {
        "code": "qd-hoan-thanh",
        "name": "Quyết định công nhận hoàn thành chương trình bồi dưỡng",
        "type": "QĐ",
        "wording": {
            "from_data": True,
            "summary": "Về việc công nhận hoàn thành chương trình lớp {class_name}",
            "decision_heading": "HIỆU TRƯỞNG {school_name}",
            "basis": [
                SCHOOL_BASIS,
                {
                    "when": "summons_symbol",
                    "text": (
                        "Căn cứ Quyết định số {summons_symbol} ngày {summons_date} "
                        "của Hiệu trưởng {school_name} về việc triệu tập học viên "
                        "lớp {class_name};"
                    ),
                },
                "Căn cứ kết quả học tập của học viên;",
                PROPOSAL,
            ],
            "body": (
                "Điều 1. Công nhận {count} học viên lớp {class_name} (khai giảng "
                "ngày {start}) có tên trong danh sách kèm theo Quyết định này đã "
                "hoàn thành chương trình {program_name}.\n"
                "Điều 2. {office_name} làm thủ tục cấp chứng chỉ cho các học viên "
                "có tên tại Điều 1.\n" + ENFORCEMENT
            ),
            "annex_title": (
                "DANH SÁCH HỌC VIÊN HOÀN THÀNH CHƯƠNG TRÌNH LỚP {class_name_upper}"
            ),
            "annex_subtitle": DECISION_ANNEX_SUBTITLE,
            "signer_authority": "",
            "signer_title": "HIỆU TRƯỞNG",
            "recipients": ["Như Điều 3;", "Các cơ quan, đơn vị cử cán bộ đi học;"],
        },
    },
    {
        "code": "ke-hoach-nam",
        "name": "Kế hoạch đào tạo, bồi dưỡng năm (soạn từ kế hoạch năm)",
        "type": "KH",
        "wording": {
            "from_data": True,
            "summary": "{plan_title}",
            "basis": [
                SCHOOL_BASIS,
                {
                    "when": "approved_on",
                    "text": (
                        "Căn cứ ý kiến phê duyệt kế hoạch đào tạo, bồi dưỡng năm "
                        "{year} ngày {approved_on};"
                    ),
                },
                "{school_name} xây dựng Kế hoạch đào tạo, bồi dưỡng cán bộ năm "
                "{year} như sau:",
            ],
            "body": (
                "I. MỤC ĐÍCH, YÊU CẦU\n"
                "1. Mục đích\n"
                "Đào tạo, bồi dưỡng cán bộ theo quy hoạch và chỉ tiêu được giao năm "
                "{year}.\n"
                "2. Yêu cầu\n"
                "Bám sát quy hoạch cán bộ của các cơ quan, đơn vị cử đi học; gắn "
                "đào tạo với sử dụng cán bộ.\n"
                "II. NỘI DUNG\n"
                "Năm {year}, Trường mở {count} lớp với {size} học viên; danh mục "
                "các lớp và chỉ tiêu của từng cơ quan, đơn vị tại Phụ lục kèm theo "
                "Kế hoạch này.\n"
                "III. TỔ CHỨC THỰC HIỆN\n"
                "{office_name} chủ trì, phối hợp với các khoa và các cơ quan, đơn "
                "vị cử cán bộ đi học thực hiện Kế hoạch này."
            ),
            "annex_title": "PHỤ LỤC",
            "annex_name": "DANH MỤC CÁC LỚP VÀ CHỈ TIÊU ĐÀO TẠO, BỒI DƯỠNG NĂM {year}",
            "annex_subtitle": (
                "(Kèm theo Kế hoạch số [số ký hiệu] [ngày] của {school_name})"
            ),
            "classes_heading": "I. Các lớp đào tạo, bồi dưỡng",
            "quotas_heading": "II. Chỉ tiêu của các cơ quan, đơn vị cử cán bộ đi học",
            "signer_authority": "",
            "signer_title": "HIỆU TRƯỞNG",
            "recipients": [
                "Ban Tổ chức Tỉnh ủy (để b/c);",
                "Các cơ quan, đơn vị cử cán bộ đi học;",
                "Các khoa, phòng;",
            ],
        },
    },
]


# The hand-typed Quyết định of 0004 takes its authority line, căn cứ and Điều 3 from
# the records too (only if an administrator has not edited it since).
DECISION_BEFORE = {
    "decision_heading": "HIỆU TRƯỞNG TRƯỜNG CHÍNH TRỊ",
    "basis": [
        "Căn cứ Quy định số 393-QĐ/TW của Ban Bí thư về chức năng, nhiệm vụ, tổ "
        "chức bộ máy của trường chính trị tỉnh, thành phố trực thuộc Trung ương;",
        "Theo đề nghị của Trưởng phòng Quản lý đào tạo và nghiên cứu khoa học.",
    ],
    "body": "Điều 1. …\nĐiều 2. …\nĐiều 3. Trưởng các khoa, phòng và cá nhân có "
    "tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.",
}
DECISION_AFTER = {
    "decision_heading": "HIỆU TRƯỞNG {school_name}",
    "basis": [SCHOOL_BASIS, PROPOSAL],
    "body": "Điều 1. …\nĐiều 2. …\nĐiều 3. {office_head}, Trưởng các khoa, phòng "
    "và cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.",
}


def _replace_wording(DocumentTemplate, code, old, new):
    template = DocumentTemplate.objects.filter(code=code).first()
    if template is None:
        return
    wording = dict(template.wording)
    if all(wording.get(key) == value for key, value in old.items()):
        wording.update(new)
        template.wording = wording
        template.save(update_fields=["wording"])


def forward(apps, schema_editor):
    DocumentType = apps.get_model("documents", "DocumentType")
    DocumentTemplate = apps.get_model("documents", "DocumentTemplate")
    LegalBasis = apps.get_model("org", "LegalBasis")
    for name, printed in PRINTED_NAMES.items():
        DocumentType.objects.filter(name=name).update(printed_name=printed)
    fields = dict(BASIS_393)
    number = fields.pop("number")
    if not LegalBasis.objects.filter(number=number).exists():
        LegalBasis.objects.create(number=number, **fields)
    _replace_wording(DocumentTemplate, "quyet-dinh", DECISION_BEFORE, DECISION_AFTER)
    start = DocumentTemplate.objects.count()
    for position, item in enumerate(TEMPLATES, start + 1):
        DocumentTemplate.objects.update_or_create(
            code=item["code"],
            defaults={
                "name": item["name"],
                "document_type": DocumentType.objects.get(abbreviation=item["type"]),
                "wording": item["wording"],
                "position": position,
            },
        )


def backward(apps, schema_editor):
    DocumentType = apps.get_model("documents", "DocumentType")
    DocumentTemplate = apps.get_model("documents", "DocumentTemplate")
    DocumentType.objects.filter(name__in=PRINTED_NAMES).update(printed_name="")
    _replace_wording(DocumentTemplate, "quyet-dinh", DECISION_AFTER, DECISION_BEFORE)
    DocumentTemplate.objects.filter(
        code__in=[t["code"] for t in TEMPLATES], documents__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0005_document_printed_name_and_generated_parts"),
        ("org", "0002_reference_data"),
    ]
    operations = [migrations.RunPython(forward, backward)]
