from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('learning', '0001_attendance_leave_feedback_research'),
    ]

    # ResearchTask and Placement now belong to the outcomes app, which keeps their
    # tables: only Django's record of the models moves.
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='researchtask',
                    name='assigned_by',
                ),
                migrations.RemoveField(
                    model_name='researchtask',
                    name='enrollment',
                ),
                migrations.RemoveField(
                    model_name='researchtask',
                    name='grader',
                ),
                migrations.DeleteModel(
                    name='Placement',
                ),
                migrations.DeleteModel(
                    name='ResearchTask',
                ),
            ],
            database_operations=[],
        ),
    ]
