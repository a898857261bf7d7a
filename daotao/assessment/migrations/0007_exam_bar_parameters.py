"""What a rule set records for a learner barred from an exam (issue 14), added to
the seeded rule sets; every value UNCONFIRMED.

domain.md §3 lists the attendance minimum and the retake rules as unconfirmed and
says nothing of what a barred learner's line carries, so the defaults are working
assumptions to be compared with the regulation and edited (`is_confirmed` says so
on the rule set's own terms):
- `label`: the words written on the line, "Không đủ điều kiện dự thi";
- `result`: the line's module score, None (no score: the module stays without a
  result until a later attempt) or a number such as "0";
- `may_retake`: whether the learner is listed on the module's retake sheet (True)
  or must study the module again first (False).
"""

from django.db import migrations

EXAM_BAR = {
    "label": "Không đủ điều kiện dự thi",
    "result": None,
    "may_retake": True,
    "is_confirmed": False,
}


def forward(apps, schema_editor):
    RuleSet = apps.get_model("assessment", "AssessmentRuleSet")
    for rule_set in RuleSet.objects.all():
        if "exam_bar" not in rule_set.parameters:
            rule_set.parameters = {**rule_set.parameters, "exam_bar": EXAM_BAR}
            rule_set.save(update_fields=["parameters"])


def backward(apps, schema_editor):
    RuleSet = apps.get_model("assessment", "AssessmentRuleSet")
    for rule_set in RuleSet.objects.all():
        if "exam_bar" in rule_set.parameters:
            parameters = dict(rule_set.parameters)
            del parameters["exam_bar"]
            rule_set.parameters = parameters
            rule_set.save(update_fields=["parameters"])


class Migration(migrations.Migration):
    dependencies = [("assessment", "0006_barred_line_and_examiner")]
    operations = [migrations.RunPython(forward, backward)]
