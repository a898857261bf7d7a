"""A lecturer's own field practice (faculty) becomes a line of the ledger, with
the development rule set it was converted by."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('faculty', '0003_lecturer_development'),
        ('ledger', '0002_audit_and_content_types_from_teaching'),
    ]

    operations = [
        migrations.AddField(
            model_name='ledgerentry',
            name='development_rule_set',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='faculty.developmentruleset', verbose_name='bộ quy định phát triển giảng viên đã áp dụng'),
        ),
        migrations.AddField(
            model_name='ledgerentry',
            name='field_practice',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='ledger_entries', to='faculty.fieldpractice', verbose_name='đợt đi thực tế'),
        ),
        migrations.AlterField(
            model_name='ledgerentry',
            name='activity',
            field=models.CharField(choices=[('lecture', 'Giảng bài'), ('discussion', 'Thảo luận'), ('case_study', 'Hướng dẫn bài tập tình huống'), ('practice', 'Hướng dẫn thực hành, báo cáo chuyên đề'), ('field_study', 'Hướng dẫn đi thực tế (ngày)'), ('essay', 'Hướng dẫn tiểu luận, đề án (học viên)'), ('thesis', 'Hướng dẫn khóa luận (học viên)'), ('exam', 'Coi thi, chấm thi'), ('field_practice', 'Giảng viên đi thực tế (ngày)')], max_length=20, verbose_name='hoạt động'),
        ),
        migrations.AlterField(
            model_name='ledgerentry',
            name='rule_set',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='ledger.hourruleset', verbose_name='bộ định mức đã áp dụng'),
        ),
        migrations.AddConstraint(
            model_name='ledgerentry',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('development_rule_set__isnull', True), ('rule_set__isnull', False)), models.Q(('development_rule_set__isnull', False), ('rule_set__isnull', True)), _connector='OR'), name='ledger_entry_one_rule_set'),
        ),
    ]
