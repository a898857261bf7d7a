"""`lecturer.topics` and `lecturer.preferred_topics` again, now as reverse accessors
of the relations on `Topic` (no database change)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("faculty", "0002_lecturer_topics_moved_to_programs"),
        ("programs", "0004_lecturer_topics_declared_on_topic"),
    ]

    operations = [
        migrations.AlterField(
            model_name="topic",
            name="lecturers",
            field=models.ManyToManyField(
                blank=True,
                related_name="topics",
                to="faculty.lecturer",
                verbose_name="giảng viên được giảng",
            ),
        ),
        migrations.AlterField(
            model_name="topic",
            name="preferred_by",
            field=models.ManyToManyField(
                blank=True,
                related_name="preferred_topics",
                to="faculty.lecturer",
                verbose_name="giảng viên muốn giảng",
            ),
        ),
    ]
