"""The catalogue's summary topics named "Các chuyên đề của học phần (danh mục chi
tiết cần xác nhận)" take their module's name, so every timetable, attendance grid
and print says what is taught until the real topics are entered or imported."""

from django.db import migrations

PLACEHOLDER = "Các chuyên đề của học phần (danh mục chi tiết cần xác nhận)"


def name_after_module(apps, schema_editor):
    topic_model = apps.get_model("programs", "Topic")
    for topic in topic_model.objects.filter(name=PLACEHOLDER).select_related("module"):
        topic.name = topic.module.name[:255]
        topic.save(update_fields=["name"])


class Migration(migrations.Migration):
    dependencies = [("programs", "0002_version_mode_notes_and_keys")]

    operations = [migrations.RunPython(name_after_module, migrations.RunPython.noop)]
