"""The căn cứ of the Kế hoạch documents drafted from a plan cite the province's
approval (docs/adr/0037): the board's Công văn (its number and date) when one was
recorded, else the day the board approved. Leadership's approval keeps its line
("approved_on"). Placeholders as in documents/0006; idempotent (a template already
citing the province is left as it is), reversible."""

from django.db import migrations

PROVINCE_LINES = {
    "ke-hoach-nam": [
        {
            "when": "province_reference",
            "text": (
                "Căn cứ {province_reference} của Ban Tổ chức Tỉnh ủy về việc phê "
                "duyệt Kế hoạch đào tạo, bồi dưỡng cán bộ năm {year} của "
                "{school_name};"
            ),
        },
        {
            "when": "province_approved_on",
            "text": (
                "Căn cứ ý kiến phê duyệt của Ban Tổ chức Tỉnh ủy ngày "
                "{province_approved_on} đối với Kế hoạch đào tạo, bồi dưỡng cán bộ "
                "năm {year} của {school_name};"
            ),
        },
    ],
    "ke-hoach-bo-sung": [
        {
            "when": "province_reference",
            "text": (
                "Căn cứ {province_reference} của Ban Tổ chức Tỉnh ủy về việc phê "
                "duyệt Kế hoạch bổ sung số {supplement_number} về đào tạo, bồi "
                "dưỡng cán bộ năm {year} của {school_name};"
            ),
        },
        {
            "when": "province_approved_on",
            "text": (
                "Căn cứ ý kiến phê duyệt của Ban Tổ chức Tỉnh ủy ngày "
                "{province_approved_on} đối với Kế hoạch bổ sung số "
                "{supplement_number} năm {year};"
            ),
        },
    ],
}
KEYS = {"province_reference", "province_approved_on"}


def _is_province_line(entry) -> bool:
    return isinstance(entry, dict) and entry.get("when") in KEYS


def forwards(apps, schema_editor):
    DocumentTemplate = apps.get_model("documents", "DocumentTemplate")
    for template in DocumentTemplate.objects.filter(code__in=PROVINCE_LINES):
        wording = dict(template.wording or {})
        basis = list(wording.get("basis") or [])
        if any(_is_province_line(entry) for entry in basis):
            continue
        # Before the closing sentence ("… xây dựng Kế hoạch … như sau:").
        at = len(basis) - 1 if basis and isinstance(basis[-1], str) else len(basis)
        basis[at:at] = PROVINCE_LINES[template.code]
        wording["basis"] = basis
        template.wording = wording
        template.save(update_fields=["wording"])


def backwards(apps, schema_editor):
    DocumentTemplate = apps.get_model("documents", "DocumentTemplate")
    for template in DocumentTemplate.objects.filter(code__in=PROVINCE_LINES):
        wording = dict(template.wording or {})
        basis = [e for e in wording.get("basis") or [] if not _is_province_line(e)]
        wording["basis"] = basis
        template.wording = wording
        template.save(update_fields=["wording"])


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0007_annex_tables_wording"),
        ("planning", "0005_plan_review_steps"),
    ]
    operations = [migrations.RunPython(forwards, backwards)]
