"""What a lecturer may teach moves from `faculty.Lecturer` (below this app) to
`programs.Topic`: the new relations are added, the rows copied, and
`faculty.0002` then drops the old ones; `0005` gives the new ones the accessor
names the old fields had (`lecturer.topics`, `lecturer.preferred_topics`)."""

from django.db import migrations, models

# (old through model in faculty, new through model in programs)
PAIRS = [
    ("Lecturer_topics", "Topic_lecturers"),
    ("Lecturer_preferred_topics", "Topic_preferred_by"),
]


def _copy(apps, source_app, target_app, names):
    for source_name, target_name in names:
        source = apps.get_model(source_app, source_name)
        target = apps.get_model(target_app, target_name)
        target.objects.bulk_create(
            target(topic_id=row.topic_id, lecturer_id=row.lecturer_id)
            for row in source.objects.order_by("pk").iterator()
        )


def forward(apps, schema_editor):
    _copy(apps, "faculty", "programs", PAIRS)


def backward(apps, schema_editor):
    _copy(apps, "programs", "faculty", [(new, old) for old, new in PAIRS])


class Migration(migrations.Migration):
    dependencies = [
        ("faculty", "0001_initial"),
        ("programs", "0003_placeholder_topics_named_after_module"),
    ]

    operations = [
        migrations.AddField(
            model_name="topic",
            name="lecturers",
            field=models.ManyToManyField(
                blank=True,
                related_name="+",
                to="faculty.lecturer",
                verbose_name="giảng viên được giảng",
            ),
        ),
        migrations.AddField(
            model_name="topic",
            name="preferred_by",
            field=models.ManyToManyField(
                blank=True,
                related_name="+",
                to="faculty.lecturer",
                verbose_name="giảng viên muốn giảng",
            ),
        ),
        migrations.RunPython(forward, backward),
    ]
