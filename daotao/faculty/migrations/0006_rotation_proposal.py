"""The proposal the school sends for a lecturer's rotation (docs/adr/0033): the
decision itself is the Party committee's (its Ban Tổ chức advises); what the school
drafts is a Tờ trình đề nghị luân chuyển giảng viên. The rotation keeps that
document (the field held for "the decision" is renamed for what it holds), and the
template's wording. Idempotent (matched by code), reversible."""

import django.db.models.deletion
from django.db import migrations, models

TEMPLATES = [
    {
        "code": "ttr-de-nghi-luan-chuyen-giang-vien",
        "name": "Tờ trình đề nghị luân chuyển giảng viên (soạn từ đợt luân chuyển)",
        "type": "TTr",
        "wording": {
            "from_data": True,
            "summary": "Về việc đề nghị luân chuyển giảng viên {lecturer_name}",
            "body": (
                "Kính gửi: Ban Tổ chức {committee}.\n"
                "Thực hiện Quy định số 65-QĐ/TW ngày 28/4/2022 của Bộ Chính trị về "
                "luân chuyển cán bộ và yêu cầu giảng viên trường chính trị đi thực "
                "tiễn ở cơ sở, {school_name} đề nghị luân chuyển đồng chí "
                "{lecturer_name}, {lecturer_title}, {unit_name}, đến đảm nhiệm chức "
                "vụ {post}, {host} ({level}), thời gian từ ngày {starts_on} đến ngày "
                "{ends_on}.\n"
                "Mục đích luân chuyển: để giảng viên trực tiếp tham gia công tác lãnh "
                "đạo, quản lý ở cơ sở, bổ sung kiến thức thực tiễn, gắn lý luận với "
                "thực tiễn trong giảng dạy.\n"
                "Trong thời gian luân chuyển, {school_name} bố trí giảng viên khác "
                "đảm nhận nhiệm vụ giảng dạy của đồng chí {lecturer_name}; khi kết "
                "thúc, đồng chí {lecturer_name} trở về Trường công tác và báo cáo kết "
                "quả luân chuyển.\n"
                "{school_name} kính trình Ban Tổ chức {committee} xem xét, tham mưu "
                "cấp có thẩm quyền quyết định./."
            ),
            "signer_authority": "",
            "signer_title": "HIỆU TRƯỞNG",
            "recipients": ["Như trên;", "Đồng chí {lecturer_name};"],
        },
    },
]


def forward(apps, schema_editor):
    DocumentType = apps.get_model("documents", "DocumentType")
    DocumentTemplate = apps.get_model("documents", "DocumentTemplate")
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
        ("faculty", "0005_evaluation_decision"),
    ]

    operations = [
        migrations.RenameField(
            model_name="rotation",
            old_name="decision_document",
            new_name="proposal_document",
        ),
        migrations.AlterField(
            model_name="rotation",
            name="proposal_document",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="documents.outgoingdocument",
                verbose_name="tờ trình đề nghị luân chuyển",
            ),
        ),
        migrations.RunPython(forward, backward),
    ]
