import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('faculty', '0001_initial'),
        ('org', '0006_room_sort_and_search_keys'),
        ('teaching', '0006_ledger_models_move_to_the_ledger_app'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    # The tables were created by teaching's migrations (0001, 0002, 0004); this
    # records the models in the ledger app without touching the database.
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='HourRuleSet',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='tạo lúc')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='cập nhật lúc')),
                        ('valid_from', models.DateField(verbose_name='hiệu lực từ')),
                        ('valid_to', models.DateField(blank=True, null=True, verbose_name='hiệu lực đến')),
                        ('parameters', models.JSONField(default=dict, verbose_name='tham số')),
                        ('is_confirmed', models.BooleanField(default=False, help_text='Bỏ chọn nếu các con số chưa được đối chiếu với văn bản gốc.', verbose_name='đã đối chiếu văn bản gốc')),
                        ('name', models.CharField(max_length=200, verbose_name='tên bộ định mức')),
                        ('legal_basis', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='org.legalbasis', verbose_name='văn bản căn cứ')),
                    ],
                    options={
                        'verbose_name': 'bộ định mức giờ chuẩn',
                        'verbose_name_plural': 'bộ định mức giờ chuẩn',
                        'db_table': 'teaching_hourruleset',
                        'ordering': ['-valid_from'],
                    },
                ),
                migrations.CreateModel(
                    name='LedgerPeriod',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='tạo lúc')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='cập nhật lúc')),
                        ('school_year', models.PositiveSmallIntegerField(verbose_name='năm học (năm bắt đầu)')),
                        ('is_closed', models.BooleanField(default=False, verbose_name='đã chốt')),
                        ('closed_at', models.DateTimeField(blank=True, null=True, verbose_name='chốt lúc')),
                        ('closed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người chốt')),
                        ('school', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='org.school', verbose_name='trường')),
                    ],
                    options={
                        'verbose_name': 'kỳ tính giờ chuẩn',
                        'verbose_name_plural': 'kỳ tính giờ chuẩn',
                        'db_table': 'teaching_ledgerperiod',
                    },
                ),
                migrations.CreateModel(
                    name='LedgerEntry',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='tạo lúc')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='cập nhật lúc')),
                        ('activity', models.CharField(choices=[('lecture', 'Giảng bài'), ('discussion', 'Thảo luận'), ('case_study', 'Hướng dẫn bài tập tình huống'), ('practice', 'Hướng dẫn thực hành, báo cáo chuyên đề'), ('field_study', 'Hướng dẫn đi thực tế (ngày)'), ('essay', 'Hướng dẫn tiểu luận, đề án (học viên)'), ('thesis', 'Hướng dẫn khóa luận (học viên)'), ('exam', 'Coi thi, chấm thi')], max_length=12, verbose_name='hoạt động')),
                        ('date', models.DateField(verbose_name='ngày')),
                        ('quantity', models.DecimalField(decimal_places=2, max_digits=7, verbose_name='số lượng')),
                        ('coefficient', models.DecimalField(decimal_places=2, max_digits=5, verbose_name='hệ số')),
                        ('hours', models.DecimalField(decimal_places=2, max_digits=8, verbose_name='giờ chuẩn')),
                        ('note', models.CharField(blank=True, max_length=255, verbose_name='ghi chú')),
                        ('lecturer', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='ledger_entries', to='faculty.lecturer', verbose_name='giảng viên')),
                        ('rule_set', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='ledger.hourruleset', verbose_name='bộ định mức đã áp dụng')),
                        ('session', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='ledger_entries', to='teaching.teachingsession', verbose_name='buổi học')),
                        ('period', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='entries', to='ledger.ledgerperiod', verbose_name='năm học')),
                    ],
                    options={
                        'verbose_name': 'dòng sổ giờ chuẩn',
                        'verbose_name_plural': 'sổ giờ chuẩn',
                        'db_table': 'teaching_ledgerentry',
                        'ordering': ['date', 'id'],
                    },
                ),
                migrations.CreateModel(
                    name='LecturerYearNorm',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='tạo lúc')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='cập nhật lúc')),
                        ('school_year', models.PositiveSmallIntegerField(verbose_name='năm học (năm bắt đầu)')),
                        ('adjustment_percent', models.SmallIntegerField(default=0, verbose_name='điều chỉnh định mức (%)')),
                        ('adjustment_reason', models.CharField(blank=True, max_length=255, verbose_name='lý do điều chỉnh')),
                        ('reduction_hours', models.DecimalField(decimal_places=1, default=0, max_digits=6, verbose_name='giảm định mức (giờ chuẩn)')),
                        ('reduction_reason', models.CharField(blank=True, max_length=255, verbose_name='lý do giảm')),
                        ('lecturer', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='year_norms', to='faculty.lecturer', verbose_name='giảng viên')),
                    ],
                    options={
                        'verbose_name': 'định mức năm của giảng viên',
                        'verbose_name_plural': 'định mức năm của giảng viên',
                        'db_table': 'teaching_lectureryearnorm',
                        'constraints': [models.UniqueConstraint(fields=('lecturer', 'school_year'), name='lecturer_year_norm_unique')],
                    },
                ),
                migrations.AddConstraint(
                    model_name='ledgerperiod',
                    constraint=models.UniqueConstraint(fields=('school', 'school_year'), name='ledger_period_unique'),
                ),
                migrations.AddIndex(
                    model_name='ledgerentry',
                    index=models.Index(fields=['lecturer', 'period'], name='teaching_le_lecture_687a96_idx'),
                ),
            ],
            database_operations=[],
        ),
    ]
