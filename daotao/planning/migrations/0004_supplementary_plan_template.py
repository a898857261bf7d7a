"""The wording of the Kế hoạch bổ sung, drafted from a supplementary plan: it cites
the year's main plan (its number and date once signed) and says that it adds classes
to it. Placeholders as in documents/0006; idempotent (matched by code), reversible."""

from django.db import migrations

TEMPLATE = {
    "code": "ke-hoach-bo-sung",
    "name": "Kế hoạch bổ sung đào tạo, bồi dưỡng (soạn từ kế hoạch bổ sung)",
    "type": "KH",
    "wording": {
        "from_data": True,
        "summary": "{plan_title}",
        "basis": [
            {
                "legal_basis": "393-QĐ/TW",
                "text": "Căn cứ Quy định số {number} {issued_on} của {issuer} {title};",
            },
            {
                "when": "main_symbol",
                "text": (
                    "Căn cứ Kế hoạch số {main_symbol} ngày {main_issued_on} của "
                    "{school_name} về đào tạo, bồi dưỡng cán bộ năm {year};"
                ),
            },
            {
                "when": "approved_on",
                "text": (
                    "Căn cứ ý kiến phê duyệt kế hoạch bổ sung số {supplement_number} "
                    "năm {year} ngày {approved_on};"
                ),
            },
            "{school_name} xây dựng Kế hoạch bổ sung số {supplement_number} về đào "
            "tạo, bồi dưỡng cán bộ năm {year} như sau:",
        ],
        "body": (
            "I. MỤC ĐÍCH, YÊU CẦU\n"
            "Bổ sung các lớp đào tạo, bồi dưỡng chưa có trong Kế hoạch đào tạo, bồi "
            "dưỡng cán bộ năm {year} của Trường, đáp ứng yêu cầu của các cơ quan, "
            "đơn vị cử cán bộ đi học.\n"
            "II. NỘI DUNG BỔ SUNG\n"
            "Bổ sung {count} lớp với {size} học viên; danh mục các lớp bổ sung và "
            "chỉ tiêu của từng cơ quan, đơn vị tại Phụ lục kèm theo Kế hoạch này. "
            "Các nội dung khác giữ nguyên như Kế hoạch đào tạo, bồi dưỡng cán bộ "
            "năm {year}.\n"
            "III. TỔ CHỨC THỰC HIỆN\n"
            "{office_name} chủ trì, phối hợp với các khoa và các cơ quan, đơn vị cử "
            "cán bộ đi học thực hiện Kế hoạch này."
        ),
        "annex_title": "PHỤ LỤC",
        "annex_name": (
            "DANH MỤC CÁC LỚP VÀ CHỈ TIÊU BỔ SUNG SỐ {supplement_number} NĂM {year}"
        ),
        "annex_subtitle": "(Kèm theo Kế hoạch số [số ký hiệu] [ngày] của {school_name})",
        "annex_tables": [
            {
                "heading": "I. Các lớp bổ sung",
                "columns": [
                    "STT",
                    "Tên lớp",
                    "Đối tượng",
                    "Số lượng",
                    "Thời gian",
                    "Địa điểm",
                ],
            },
            {
                "heading": "II. Chỉ tiêu của các cơ quan, đơn vị cử cán bộ đi học",
                "columns": ["STT", "Lớp", "Cơ quan, đơn vị", "Chỉ tiêu"],
                "total": "Tổng cộng",
                "empty": "Chưa giao chỉ tiêu cho cơ quan nào.",
            },
        ],
        "signer_authority": "",
        "signer_title": "HIỆU TRƯỞNG",
        "recipients": [
            "Ban Tổ chức Tỉnh ủy (để b/c);",
            "Các cơ quan, đơn vị cử cán bộ đi học;",
            "Các khoa, phòng;",
        ],
    },
}


def forward(apps, schema_editor):
    DocumentType = apps.get_model("documents", "DocumentType")
    DocumentTemplate = apps.get_model("documents", "DocumentTemplate")
    main = DocumentTemplate.objects.filter(code="ke-hoach-nam").first()
    DocumentTemplate.objects.update_or_create(
        code=TEMPLATE["code"],
        defaults={
            "name": TEMPLATE["name"],
            "document_type": DocumentType.objects.get(abbreviation=TEMPLATE["type"]),
            "wording": TEMPLATE["wording"],
            "position": (main.position if main else 0) + 1,
        },
    )


def backward(apps, schema_editor):
    DocumentTemplate = apps.get_model("documents", "DocumentTemplate")
    DocumentTemplate.objects.filter(
        code=TEMPLATE["code"], documents__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0007_annex_tables_wording"),
        ("planning", "0003_supplementary_plans"),
    ]
    operations = [migrations.RunPython(forward, backward)]
