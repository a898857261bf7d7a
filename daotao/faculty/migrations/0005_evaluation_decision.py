"""The decision recognising the year's evaluation results (docs/adr/0033): the model
that keeps the drafted document per school and year, and the template's wording,
citing Nghị định 90/2020/NĐ-CP. Idempotent (matched by number and code), reversible."""

import datetime

import django.db.models.deletion
from django.db import migrations, models

DECREE = {
    "issued_on": datetime.date(2020, 8, 13),
    "issuer": "Chính phủ",
    "title": "Nghị định về đánh giá, xếp loại chất lượng cán bộ, công chức, "
    "viên chức (sửa đổi bởi Nghị định 48/2023/NĐ-CP)",
    "is_confirmed": True,
    "valid_from": datetime.date(2020, 8, 13),
}
TEMPLATES = [
    {
        "code": "qd-cong-nhan-danh-gia-vien-chuc",
        "name": "Quyết định công nhận kết quả đánh giá, xếp loại viên chức (soạn từ "
        "danh sách đánh giá năm)",
        "type": "QĐ",
        "wording": {
            "from_data": True,
            "summary": "Về việc công nhận kết quả đánh giá, xếp loại chất lượng "
            "viên chức năm {year}",
            "decision_heading": "HIỆU TRƯỞNG {school_name}",
            "basis": [
                {
                    "legal_basis": "393-QĐ/TW",
                    "text": "Căn cứ Quy định số {number} {issued_on} của {issuer} "
                    "{title};",
                },
                {
                    "legal_basis": "90/2020/NĐ-CP",
                    "text": "Căn cứ Nghị định số {number} {issued_on} của {issuer} "
                    "{title};",
                },
                "Căn cứ kết quả đánh giá, xếp loại viên chức năm {year} của Trường;",
                "Theo đề nghị của {office_head}.",
            ],
            "body": (
                "Điều 1. Công nhận kết quả đánh giá, xếp loại chất lượng viên chức "
                "năm {year} đối với {count} viên chức của {school_name} ({counts}), "
                "theo danh sách kèm theo Quyết định này.\n"
                "Điều 2. Kết quả đánh giá, xếp loại là căn cứ để bố trí, sử dụng, "
                "đào tạo, bồi dưỡng, nâng ngạch, thăng hạng, khen thưởng, kỷ luật và "
                "thực hiện chính sách đối với viên chức theo quy định.\n"
                "Điều 3. {office_head}, Trưởng các khoa, phòng và các viên chức có "
                "tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./."
            ),
            "annex_title": "DANH SÁCH KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG VIÊN "
            "CHỨC NĂM {year}",
            "annex_subtitle": "(Kèm theo Quyết định số [số ký hiệu] [ngày] của "
            "Hiệu trưởng {school_name})",
            "annex_tables": [
                {
                    "columns": [
                        "STT",
                        "Họ và tên",
                        "Ngày sinh",
                        "Chức danh/Khoa",
                        "Mức xếp loại",
                    ]
                }
            ],
            "signer_authority": "",
            "signer_title": "HIỆU TRƯỞNG",
            "recipients": ["Như Điều 3;", "Lưu hồ sơ viên chức;"],
        },
    },
]


def forward(apps, schema_editor):
    LegalBasis = apps.get_model("org", "LegalBasis")
    DocumentType = apps.get_model("documents", "DocumentType")
    DocumentTemplate = apps.get_model("documents", "DocumentTemplate")
    LegalBasis.objects.get_or_create(number="90/2020/NĐ-CP", defaults=DECREE)
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
    apps.get_model("documents", "DocumentTemplate").objects.filter(
        code__in=[t["code"] for t in TEMPLATES], documents__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0007_annex_tables_wording"),
        ("faculty", "0004_default_development_rule_set"),
        ("org", "0006_room_sort_and_search_keys"),
    ]

    operations = [
        migrations.CreateModel(
            name="EvaluationDecision",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                (
                    "created_at",
                    models.DateTimeField(auto_now_add=True, verbose_name="tạo lúc"),
                ),
                (
                    "updated_at",
                    models.DateTimeField(auto_now=True, verbose_name="cập nhật lúc"),
                ),
                ("year", models.PositiveSmallIntegerField(verbose_name="năm")),
                (
                    "document",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="documents.outgoingdocument",
                        verbose_name="quyết định công nhận",
                    ),
                ),
                (
                    "school",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="org.school",
                        verbose_name="trường",
                    ),
                ),
            ],
            options={
                "verbose_name": "quyết định công nhận kết quả đánh giá",
                "verbose_name_plural": "quyết định công nhận kết quả đánh giá",
                "ordering": ["-year"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("school", "year"),
                        name="evaluation_decision_once_per_year",
                    )
                ],
            },
        ),
        migrations.RunPython(forward, backward),
    ]
