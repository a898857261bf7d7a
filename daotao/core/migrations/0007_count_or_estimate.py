"""The function behind long lists' totals on PostgreSQL (core.listing): the
planner's estimate of a query and, below the threshold, its exact count, in one
statement. Nothing on SQLite, whose lists are always counted."""

from django.db import migrations

FUNCTION = """
CREATE OR REPLACE FUNCTION daotao_count_or_estimate(query text, estimate_from bigint)
RETURNS bigint[]
LANGUAGE plpgsql
AS $$
DECLARE
    plan json;
    planned bigint;
    counted bigint;
BEGIN
    EXECUTE 'EXPLAIN (FORMAT JSON) ' || query INTO plan;
    planned := (plan -> 0 -> 'Plan' ->> 'Plan Rows')::numeric::bigint;
    IF planned >= estimate_from THEN
        RETURN ARRAY[planned, 1];
    END IF;
    EXECUTE 'SELECT count(*) FROM (' || query || ') AS counted' INTO counted;
    RETURN ARRAY[counted, 0];
END;
$$;
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FUNCTION)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "DROP FUNCTION IF EXISTS daotao_count_or_estimate(text, bigint)"
        )


class Migration(migrations.Migration):
    dependencies = [("core", "0006_todo_marks_and_digest")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
