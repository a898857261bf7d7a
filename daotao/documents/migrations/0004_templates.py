"""The starting templates: Báo cáo, Kế hoạch, Quyết định, Thông báo, Giấy mời, Công văn
and a Party-format Nghị quyết. Administrators edit their wording afterwards."""

from django.db import migrations

TEMPLATES = [
    {
        "code": "bao-cao",
        "name": "Báo cáo",
        "type": "BC",
        "wording": {
            "summary": "Kết quả …",
            "body": "1. Tình hình chung\n…\n2. Kết quả thực hiện\n…\n3. Đề xuất, kiến nghị\n…",
            "signer_authority": "KT. HIỆU TRƯỞNG",
            "signer_title": "PHÓ HIỆU TRƯỞNG",
            "recipients": ["Thường trực Tỉnh ủy (để b/c);", "Ban Giám hiệu;"],
        },
    },
    {
        "code": "ke-hoach",
        "name": "Kế hoạch",
        "type": "KH",
        "wording": {
            "summary": "Đào tạo, bồi dưỡng cán bộ năm …",
            "body": "I. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\n…\n2. Yêu cầu\n…\nII. NỘI DUNG\n…\nIII. TỔ CHỨC THỰC HIỆN\n…",
            "signer_authority": "",
            "signer_title": "HIỆU TRƯỞNG",
            "recipients": ["Ban Tổ chức Tỉnh ủy;", "Các khoa, phòng;"],
        },
    },
    {
        "code": "quyet-dinh",
        "name": "Quyết định",
        "type": "QĐ",
        "wording": {
            "summary": "Về việc …",
            "decision_heading": "HIỆU TRƯỞNG TRƯỜNG CHÍNH TRỊ",
            "basis": [
                "Căn cứ Quy định số 393-QĐ/TW của Ban Bí thư về chức năng, nhiệm vụ, tổ chức bộ máy của trường chính trị tỉnh, thành phố trực thuộc Trung ương;",
                "Theo đề nghị của Trưởng phòng Quản lý đào tạo và nghiên cứu khoa học.",
            ],
            "body": "Điều 1. …\nĐiều 2. …\nĐiều 3. Trưởng các khoa, phòng và cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.",
            "signer_authority": "",
            "signer_title": "HIỆU TRƯỞNG",
            "recipients": ["Như Điều 3;"],
        },
    },
    {
        "code": "thong-bao",
        "name": "Thông báo",
        "type": "TB",
        "wording": {
            "summary": "Về việc …",
            "body": "…",
            "signer_authority": "TL. HIỆU TRƯỞNG",
            "signer_title": "TRƯỞNG PHÒNG",
            "recipients": ["Các khoa, phòng;"],
        },
    },
    {
        "code": "giay-moi",
        "name": "Giấy mời",
        "type": "GM",
        "wording": {
            "summary": "Dự …",
            "body": "Trường Chính trị trân trọng kính mời: …\nTới dự: …\nThời gian: …\nĐịa điểm: …\nRất mong được đón tiếp./.",
            "signer_authority": "KT. HIỆU TRƯỞNG",
            "signer_title": "PHÓ HIỆU TRƯỞNG",
            "recipients": ["Như trên;"],
        },
    },
    {
        "code": "cong-van",
        "name": "Công văn",
        "type": None,
        "wording": {
            "summary": "V/v …",
            "body": "Kính gửi: …\n…",
            "signer_authority": "KT. HIỆU TRƯỞNG",
            "signer_title": "PHÓ HIỆU TRƯỞNG",
            "recipients": ["Như trên;"],
        },
    },
    {
        "code": "nghi-quyet-dang-uy",
        "name": "Nghị quyết của Đảng ủy Trường (thể thức Đảng)",
        "type": "NQ",
        "format": "party",
        "wording": {
            "summary": "Lãnh đạo thực hiện nhiệm vụ …",
            "body": "I. …\nII. …",
            "signer_authority": "T/M ĐẢNG ỦY",
            "signer_title": "BÍ THƯ",
            "recipients": ["Đảng ủy Khối (để b/c);", "Các chi bộ;"],
        },
    },
]


def forward(apps, schema_editor):
    DocumentTemplate = apps.get_model("documents", "DocumentTemplate")
    DocumentType = apps.get_model("documents", "DocumentType")
    for position, item in enumerate(TEMPLATES, 1):
        document_type = (
            DocumentType.objects.get(abbreviation=item["type"]) if item["type"] else None
        )
        DocumentTemplate.objects.update_or_create(
            code=item["code"],
            defaults={
                "name": item["name"],
                "document_type": document_type,
                "format": item.get("format", "state"),
                "wording": item["wording"],
                "position": position,
            },
        )


def backward(apps, schema_editor):
    DocumentTemplate = apps.get_model("documents", "DocumentTemplate")
    DocumentTemplate.objects.filter(code__in=[t["code"] for t in TEMPLATES]).delete()


class Migration(migrations.Migration):
    dependencies = [("documents", "0003_issuers_templates_register")]
    operations = [migrations.RunPython(forward, backward)]
