"""The lecturer's topics now live on `programs.Topic` (copied by `programs.0004`)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("faculty", "0001_initial"),
        ("programs", "0004_lecturer_topics_declared_on_topic"),
    ]

    operations = [
        migrations.RemoveField(model_name="lecturer", name="preferred_topics"),
        migrations.RemoveField(model_name="lecturer", name="topics"),
    ]
