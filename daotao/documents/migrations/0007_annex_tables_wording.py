"""The words of the annex tables of the documents drafted from data (docs/adr/0027):
the columns of the summons and graduation lists, the plan's two tables with their
headings, total row and the line printed when no places are assigned. They were in
the drafting services; now the office edits them with the rest of the wording.
Idempotent (a template that has "annex_tables" keeps them), reversible."""

from django.db import migrations

SUMMONS = [
    {
        "columns": [
            "STT",
            "Họ và tên",
            "Ngày sinh",
            "Chức vụ",
            "Cơ quan, đơn vị cử đi học",
        ]
    }
]
GRADUATES = [
    {
        "columns": [
            "STT",
            "Họ và tên",
            "Ngày sinh",
            "Cơ quan, đơn vị",
            "Điểm trung bình",
            "Xếp loại",
        ]
    }
]
PLAN_CLASSES = {
    "columns": ["STT", "Tên lớp", "Đối tượng", "Số lượng", "Thời gian", "Địa điểm"]
}
PLAN_QUOTAS = {
    "columns": ["STT", "Lớp", "Cơ quan, đơn vị", "Chỉ tiêu"],
    "total": "Tổng cộng",
    "empty": "Chưa giao chỉ tiêu cho cơ quan nào.",
}
TABLES = {
    "qd-trieu-tap": SUMMONS,
    "qd-trieu-tap-bo-sung": SUMMONS,
    "qd-tot-nghiep": GRADUATES,
    "qd-hoan-thanh": GRADUATES,
}
PLAN = "ke-hoach-nam"
HEADINGS = ("classes_heading", "quotas_heading")


def forwards(apps, schema_editor):
    DocumentTemplate = apps.get_model("documents", "DocumentTemplate")
    for template in DocumentTemplate.objects.filter(code__in=[*TABLES, PLAN]):
        wording = dict(template.wording or {})
        if "annex_tables" in wording:
            continue
        if template.code == PLAN:
            classes, quotas = (wording.pop(key, "") for key in HEADINGS)
            tables = [
                {"heading": classes, **PLAN_CLASSES},
                {"heading": quotas, **PLAN_QUOTAS},
            ]
        else:
            tables = TABLES[template.code]
        wording["annex_tables"] = tables
        template.wording = wording
        template.save(update_fields=["wording"])


def backwards(apps, schema_editor):
    DocumentTemplate = apps.get_model("documents", "DocumentTemplate")
    for template in DocumentTemplate.objects.filter(code__in=[*TABLES, PLAN]):
        wording = dict(template.wording or {})
        tables = wording.pop("annex_tables", None)
        if tables is None:
            continue
        if template.code == PLAN:
            for key, table in zip(HEADINGS, tables, strict=False):
                wording[key] = table.get("heading", "")
        template.wording = wording
        template.save(update_fields=["wording"])


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0006_printed_type_names_and_drafting_templates"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
