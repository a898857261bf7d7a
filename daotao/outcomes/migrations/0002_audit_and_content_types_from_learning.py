"""Rows that name the research task and placement models by app label follow them
from learning to outcomes: the audit trail's object types and the content types
(with the Django permissions attached to them)."""

from django.db import migrations

MODELS = ("researchtask", "placement")


def relabel(apps, schema_editor, old="learning", new="outcomes"):
    AuditEvent = apps.get_model("core", "AuditEvent")
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        AuditEvent.objects.filter(object_type=f"{old}.{model}").update(
            object_type=f"{new}.{model}"
        )
        # A fresh database has no content type yet (post_migrate creates them);
        # one that already has the new label keeps it.
        if not ContentType.objects.filter(app_label=new, model=model).exists():
            ContentType.objects.filter(app_label=old, model=model).update(
                app_label=new
            )


def relabel_back(apps, schema_editor):
    relabel(apps, schema_editor, old="outcomes", new="learning")


class Migration(migrations.Migration):
    dependencies = [
        ("outcomes", "0001_research_task_and_placement_tables_from_learning"),
        ("core", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(relabel, relabel_back)]
