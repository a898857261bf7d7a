"""Indicators 2.8 (field practice done) and 2.9 (rated "hoàn thành tốt nhiệm vụ"
or better) are computed from the lecturers' development records (faculty), and 5.4
(no learner suspended) from the learners' discipline decisions (learning), now that
they exist; they were entered by hand. Only indicators still entered are changed
(a school that chose a computation keeps it); reversible."""

from django.db import migrations

RULE_SET_NAME = "Tiêu chí trường chính trị chuẩn mức 1"
SOURCES = {
    "2.8": "field_practice_share",
    "2.9": "evaluation_good_share",
    "5.4": "no_learner_suspended",
}


def forward(apps, schema_editor):
    Indicator = apps.get_model("standards", "Indicator")
    for code, source in SOURCES.items():
        Indicator.objects.filter(
            criterion__rule_set__name=RULE_SET_NAME, code=code, source=""
        ).update(source=source)


def backward(apps, schema_editor):
    Indicator = apps.get_model("standards", "Indicator")
    for code, source in SOURCES.items():
        Indicator.objects.filter(
            criterion__rule_set__name=RULE_SET_NAME, code=code, source=source
        ).update(source="")


class Migration(migrations.Migration):
    dependencies = [
        ("standards", "0003_report_template"),
        ("faculty", "0004_default_development_rule_set"),
        ("learning", "0004_default_support_and_conduct_rules"),
    ]

    operations = [migrations.RunPython(forward, backward)]
