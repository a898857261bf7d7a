"""Document types and their abbreviations: Phụ lục III of Nghị định 30/2020/NĐ-CP.

The 27 document types that have an abbreviation (Công văn and Thư công, the other
two of the 29 types in Article 7, have none) and the 3 copy forms. Idempotent
(matched by name), reversible.
"""

from django.db import migrations

ADMINISTRATIVE = "administrative"
COPY = "copy"

DOCUMENT_TYPES = [
    ("Nghị quyết (cá biệt)", "NQ", ADMINISTRATIVE),
    ("Quyết định (cá biệt)", "QĐ", ADMINISTRATIVE),
    ("Chỉ thị", "CT", ADMINISTRATIVE),
    ("Quy chế", "QC", ADMINISTRATIVE),
    ("Quy định", "QyĐ", ADMINISTRATIVE),
    ("Thông cáo", "TC", ADMINISTRATIVE),
    ("Thông báo", "TB", ADMINISTRATIVE),
    ("Hướng dẫn", "HD", ADMINISTRATIVE),
    ("Chương trình", "CTr", ADMINISTRATIVE),
    ("Kế hoạch", "KH", ADMINISTRATIVE),
    ("Phương án", "PA", ADMINISTRATIVE),
    ("Đề án", "ĐA", ADMINISTRATIVE),
    ("Dự án", "DA", ADMINISTRATIVE),
    ("Báo cáo", "BC", ADMINISTRATIVE),
    ("Biên bản", "BB", ADMINISTRATIVE),
    ("Tờ trình", "TTr", ADMINISTRATIVE),
    ("Hợp đồng", "HĐ", ADMINISTRATIVE),
    ("Công điện", "CĐ", ADMINISTRATIVE),
    ("Bản ghi nhớ", "BGN", ADMINISTRATIVE),
    ("Bản thỏa thuận", "BTT", ADMINISTRATIVE),
    ("Giấy ủy quyền", "GUQ", ADMINISTRATIVE),
    ("Giấy mời", "GM", ADMINISTRATIVE),
    ("Giấy giới thiệu", "GGT", ADMINISTRATIVE),
    ("Giấy nghỉ phép", "GNP", ADMINISTRATIVE),
    ("Phiếu gửi", "PG", ADMINISTRATIVE),
    ("Phiếu chuyển", "PC", ADMINISTRATIVE),
    ("Phiếu báo", "PB", ADMINISTRATIVE),
    ("Bản sao y", "SY", COPY),
    ("Bản trích sao", "TrS", COPY),
    ("Bản sao lục", "SL", COPY),
]


def load(apps, schema_editor):
    DocumentType = apps.get_model("documents", "DocumentType")
    for position, (name, abbreviation, family) in enumerate(DOCUMENT_TYPES, start=1):
        DocumentType.objects.update_or_create(
            name=name,
            defaults={
                "abbreviation": abbreviation,
                "family": family,
                "position": position,
            },
        )


def unload(apps, schema_editor):
    DocumentType = apps.get_model("documents", "DocumentType")
    DocumentType.objects.filter(
        name__in=[name for name, _, _ in DOCUMENT_TYPES]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(load, unload),
    ]
