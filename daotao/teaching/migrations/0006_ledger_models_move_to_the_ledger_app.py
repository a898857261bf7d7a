from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('teaching', '0005_schedule_run_heartbeat_and_unplaced'),
    ]

    # The ledger's models now belong to the ledger app, which keeps their tables:
    # only Django's record of the models moves, the database is left as it is.
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='ledgerentry',
                    name='rule_set',
                ),
                migrations.RemoveField(
                    model_name='lectureryearnorm',
                    name='lecturer',
                ),
                migrations.RemoveField(
                    model_name='ledgerentry',
                    name='lecturer',
                ),
                migrations.RemoveField(
                    model_name='ledgerentry',
                    name='period',
                ),
                migrations.RemoveField(
                    model_name='ledgerentry',
                    name='session',
                ),
                migrations.RemoveField(
                    model_name='ledgerperiod',
                    name='closed_by',
                ),
                migrations.RemoveField(
                    model_name='ledgerperiod',
                    name='school',
                ),
                migrations.DeleteModel(
                    name='HourRuleSet',
                ),
                migrations.DeleteModel(
                    name='LecturerYearNorm',
                ),
                migrations.DeleteModel(
                    name='LedgerEntry',
                ),
                migrations.DeleteModel(
                    name='LedgerPeriod',
                ),
            ],
            database_operations=[],
        ),
    ]
