"""The wording of the statistical report (báo cáo thống kê) a school sends the
Academy for a year or half-year, drafted from its period report
(reports/period_reports.py). Each annex table names the period report's table
it prints ("key"). Idempotent (matched by code), reversible."""

from django.db import migrations

COLUMNS = ["STT", "Nội dung", "Số liệu"]

TEMPLATE = {
    "code": "bao-cao-thong-ke-dinh-ky",
    "name": "Báo cáo thống kê số liệu định kỳ (soạn từ báo cáo số liệu của kỳ)",
    "type": "BC",
    "wording": {
        "from_data": True,
        "summary": "Số liệu đào tạo, bồi dưỡng và nghiên cứu khoa học {period_label}",
        "basis": [
            "Thực hiện chế độ báo cáo thống kê của Học viện Chính trị quốc gia Hồ "
            "Chí Minh đối với các trường chính trị tỉnh, thành phố trực thuộc Trung "
            "ương,",
            "{school_name} báo cáo số liệu đào tạo, bồi dưỡng và nghiên cứu khoa "
            "học {period_label} như sau:",
        ],
        "body": (
            "I. KẾT QUẢ CHỦ YẾU\n"
            "1. Đào tạo, bồi dưỡng\n"
            "Trong kỳ, Trường khai giảng {classes} lớp với {learners} học viên; các "
            "lớp kết thúc trong kỳ có {finished} học viên, trong đó {graduates} học "
            "viên được công nhận hoàn thành khóa học.\n"
            "2. Đội ngũ giảng viên\n"
            "Trường có {lecturers} giảng viên đang giảng dạy.\n"
            "3. Nghiên cứu khoa học\n"
            "Trong kỳ có {topics} đề tài khoa học bắt đầu thực hiện và {conferences} "
            "hội thảo khoa học được tổ chức.\n"
            "II. ĐÁNH GIÁ CHUNG\n"
            "[Nêu kết quả nổi bật, tồn tại, hạn chế và nguyên nhân.]\n"
            "III. KIẾN NGHỊ, ĐỀ XUẤT\n"
            "[Nêu kiến nghị với Học viện và cấp ủy, chính quyền địa phương.]\n"
            "Số liệu chi tiết tại Phụ lục kèm theo Báo cáo này."
        ),
        "annex_title": "PHỤ LỤC",
        "annex_name": "SỐ LIỆU THỐNG KÊ {period_label_upper}",
        "annex_subtitle": "(Kèm theo Báo cáo số [số ký hiệu] [ngày] của {school_name})",
        "annex_tables": [
            {
                "key": "so-lop",
                "heading": "I. Lớp học khai giảng theo chương trình",
                "columns": COLUMNS,
                "empty": "Không có lớp khai giảng trong kỳ.",
            },
            {
                "key": "so-hoc-vien",
                "heading": "II. Học viên theo chương trình",
                "columns": COLUMNS,
                "empty": "Không có học viên của lớp khai giảng trong kỳ.",
            },
            {
                "key": "tot-nghiep",
                "heading": "III. Hoàn thành khóa học và xếp loại",
                "columns": COLUMNS,
                "empty": "Không có số liệu.",
            },
            {
                "key": "giang-vien-chuc-danh",
                "heading": "IV. Giảng viên theo chức danh",
                "columns": COLUMNS,
                "empty": "Không có số liệu.",
            },
            {
                "key": "giang-vien-trinh-do",
                "heading": "V. Giảng viên theo trình độ chuyên môn",
                "columns": COLUMNS,
                "empty": "Không có số liệu.",
            },
            {
                "key": "giang-vien-ly-luan",
                "heading": "VI. Giảng viên theo trình độ lý luận chính trị",
                "columns": COLUMNS,
                "empty": "Không có số liệu.",
            },
            {
                "key": "gio-chuan",
                "heading": "VII. Giờ chuẩn giảng dạy so với định mức",
                "columns": COLUMNS,
                "empty": "Không có số liệu.",
            },
            {
                "key": "nghien-cuu",
                "heading": "VIII. Đề tài khoa học và hội thảo",
                "columns": COLUMNS,
                "empty": "Không có số liệu.",
            },
            {
                "key": "truong-chuan",
                "heading": "IX. Trường chính trị chuẩn: tự đánh giá",
                "columns": COLUMNS,
                "empty": "Chưa có bản tự đánh giá của năm.",
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
        ("reports", "0001_period_report"),
    ]
    operations = [migrations.RunPython(forward, backward)]
