"""The wording of the self-assessment report (Báo cáo tự đánh giá trường chính
trị chuẩn), drafted from a year's self-assessment (standards/drafting.py).
Placeholders as in documents/0006; idempotent (matched by code), reversible."""

from django.db import migrations

TEMPLATE = {
    "code": "bao-cao-tu-danh-gia-truong-chuan",
    "name": "Báo cáo tự đánh giá trường chính trị chuẩn (soạn từ bản tự đánh giá)",
    "type": "BC",
    "wording": {
        "from_data": True,
        "summary": "Kết quả tự đánh giá trường chính trị chuẩn mức {level} năm {year}",
        "basis": [
            {
                "legal_basis": "11-QĐ/TW",
                "text": "Căn cứ Quy định số {number} {issued_on} của {issuer} {title};",
            },
            "{school_name} báo cáo kết quả tự đánh giá theo tiêu chí trường chính "
            "trị chuẩn mức {level} năm {year} như sau:",
        ],
        "body": (
            "I. KẾT QUẢ TỰ ĐÁNH GIÁ\n"
            "Trường tự đánh giá {count_text} chỉ tiêu của 6 tiêu chí ({rule_count} chỉ "
            "tiêu theo Quy định), trong đó {computed} chỉ tiêu tính từ số liệu quản lý "
            "của Trường, các chỉ tiêu còn lại có minh chứng kèm theo. Kết quả: {met} "
            "chỉ tiêu đạt, trong đó {above} chỉ tiêu vượt chuẩn; {not_met} chỉ tiêu "
            "chưa đạt; {no_data} chỉ tiêu chưa có số liệu.\n"
            "{criterion_1}\n{criterion_2}\n{criterion_3}\n{criterion_4}\n"
            "{criterion_5}\n{criterion_6}\n"
            "II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN\n"
            "[Nêu các chỉ tiêu chưa đạt và nguyên nhân.]\n"
            "III. PHƯƠNG HƯỚNG, GIẢI PHÁP\n"
            "[Nêu giải pháp khắc phục các chỉ tiêu chưa đạt và kiến nghị.]\n"
            "Chi tiết từng chỉ tiêu tại Phụ lục kèm theo Báo cáo này."
        ),
        # One line of section I per criterion (standards/drafting.py fills it).
        "criterion_line": (
            "Tiêu chí {number} ({name}): {met}/{count} chỉ tiêu đạt, trong đó "
            "{above} chỉ tiêu vượt chuẩn; {not_met} chỉ tiêu chưa đạt; {no_data} "
            "chỉ tiêu chưa có số liệu."
        ),
        # The evidence column of the annex: a computed value, and none yet.
        "evidence_computed": "Số liệu quản lý của Trường",
        "evidence_none": "Chưa có minh chứng",
        "annex_title": "PHỤ LỤC",
        "annex_name": "KẾT QUẢ TỰ ĐÁNH GIÁ TRƯỜNG CHÍNH TRỊ CHUẨN NĂM {year}",
        "annex_subtitle": "(Kèm theo Báo cáo số [số ký hiệu] [ngày] của {school_name})",
        "annex_tables": [
            {
                "heading": "I. Tổng hợp theo tiêu chí",
                "columns": [
                    "STT",
                    "Tiêu chí",
                    "Số chỉ tiêu",
                    "Đạt",
                    "Vượt chuẩn",
                    "Chưa đạt",
                    "Chưa có số liệu",
                ],
                "total": "Tổng cộng",
            },
            {
                "heading": "II. Kết quả từng chỉ tiêu",
                "columns": [
                    "Mã",
                    "Chỉ tiêu",
                    "Ngưỡng đạt",
                    "Giá trị",
                    "Kết quả",
                    "Minh chứng",
                ],
            },
        ],
        "signer_authority": "",
        "signer_title": "HIỆU TRƯỞNG",
        "recipients": [
            "Học viện Chính trị quốc gia Hồ Chí Minh (để b/c);",
            "Ban Tổ chức Tỉnh ủy (để b/c);",
            "Ban Giám hiệu;",
            "Các khoa, phòng;",
        ],
    },
}


def forward(apps, schema_editor):
    DocumentType = apps.get_model("documents", "DocumentType")
    DocumentTemplate = apps.get_model("documents", "DocumentTemplate")
    DocumentTemplate.objects.update_or_create(
        code=TEMPLATE["code"],
        defaults={
            "name": TEMPLATE["name"],
            "document_type": DocumentType.objects.get(abbreviation=TEMPLATE["type"]),
            "wording": TEMPLATE["wording"],
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
        ("standards", "0002_rule_set_11_qd_tw"),
    ]
    operations = [migrations.RunPython(forward, backward)]
