import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('enrolment', '0007_theory_level_retirement_and_boi_duong_rule_sets'),
        ('faculty', '0001_initial'),
        ('learning', '0002_research_task_and_placement_move_to_outcomes'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    # The tables were created by learning's 0001; this records the models in the
    # outcomes app without touching the database.
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Placement',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='tạo lúc')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='cập nhật lúc')),
                        ('kind', models.CharField(choices=[('appointment', 'Bổ nhiệm'), ('reappointment', 'Bổ nhiệm lại'), ('rotation', 'Luân chuyển'), ('transfer', 'Điều động'), ('planning', 'Đưa vào quy hoạch'), ('unchanged', 'Giữ nguyên vị trí')], max_length=16, verbose_name='hình thức')),
                        ('post', models.CharField(blank=True, max_length=255, verbose_name='chức vụ')),
                        ('agency_name', models.CharField(blank=True, max_length=255, verbose_name='cơ quan')),
                        ('effective_on', models.DateField(verbose_name='từ ngày')),
                        ('decision_number', models.CharField(blank=True, max_length=64, verbose_name='số quyết định')),
                        ('enrollment', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='placements', to='enrolment.enrollment', verbose_name='học viên')),
                        ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người ghi')),
                    ],
                    options={
                        'verbose_name': 'sử dụng cán bộ sau đào tạo',
                        'verbose_name_plural': 'sử dụng cán bộ sau đào tạo',
                        'db_table': 'learning_placement',
                        'ordering': ['-effective_on', '-id'],
                    },
                ),
                migrations.CreateModel(
                    name='ResearchTask',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='tạo lúc')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='cập nhật lúc')),
                        ('title', models.CharField(max_length=300, verbose_name='tên đề tài')),
                        ('description', models.TextField(blank=True, verbose_name='yêu cầu')),
                        ('due_on', models.DateField(verbose_name='hạn nộp')),
                        ('status', models.CharField(choices=[('assigned', 'Đã giao'), ('submitted', 'Đã nộp'), ('graded', 'Đã chấm')], default='assigned', max_length=10, verbose_name='trạng thái')),
                        ('submitted_at', models.DateTimeField(blank=True, null=True, verbose_name='nộp lúc')),
                        ('grade', models.DecimalField(blank=True, decimal_places=1, max_digits=4, null=True, verbose_name='điểm')),
                        ('grader_comment', models.TextField(blank=True, verbose_name='nhận xét')),
                        ('assigned_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người giao')),
                        ('enrollment', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='research_task', to='enrolment.enrollment', verbose_name='học viên')),
                        ('grader', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='graded_research_tasks', to='faculty.lecturer', verbose_name='giảng viên chấm')),
                    ],
                    options={
                        'verbose_name': 'nhiệm vụ nghiên cứu',
                        'verbose_name_plural': 'nhiệm vụ nghiên cứu',
                        'db_table': 'learning_researchtask',
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
