"""A database trigger that refuses changes to the scores of a locked sheet
(quality I2), whatever path the write takes: the ORM, `QuerySet.update()` or raw
SQL. The only way through is `services.score_amend`, which opens a gate inside its
own transaction: on PostgreSQL the transaction-local setting
`daotao.score_amendment = 'on'`, on SQLite a row in `assessment_amendmentgate`.

A locked sheet cannot be reopened or deleted behind the services' back either.
"""

from django.db import migrations

MESSAGE = "Bảng điểm đã khóa: điểm chỉ được sửa bằng quyết định điều chỉnh điểm."

POSTGRESQL_FORWARD = [
    f"""
    CREATE OR REPLACE FUNCTION assessment_locked_score_guard() RETURNS trigger AS $$
    DECLARE
        sheet_status varchar;
    BEGIN
        IF coalesce(current_setting('daotao.score_amendment', true), '') = 'on' THEN
            IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
            RETURN NEW;
        END IF;
        SELECT status INTO sheet_status
            FROM assessment_scoresheet WHERE id = OLD.sheet_id;
        IF sheet_status = 'locked' THEN
            RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'check_violation';
        END IF;
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
    END;
    $$ LANGUAGE plpgsql;
    """,
    """
    CREATE TRIGGER assessment_locked_score_guard
        BEFORE UPDATE OR DELETE ON assessment_score
        FOR EACH ROW EXECUTE FUNCTION assessment_locked_score_guard();
    """,
    f"""
    CREATE OR REPLACE FUNCTION assessment_locked_sheet_guard() RETURNS trigger AS $$
    BEGIN
        IF OLD.status = 'locked'
           AND (TG_OP = 'DELETE' OR NEW.status <> 'locked')
           AND coalesce(current_setting('daotao.score_amendment', true), '') <> 'on'
        THEN
            RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'check_violation';
        END IF;
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
    END;
    $$ LANGUAGE plpgsql;
    """,
    """
    CREATE TRIGGER assessment_locked_sheet_guard
        BEFORE UPDATE OR DELETE ON assessment_scoresheet
        FOR EACH ROW EXECUTE FUNCTION assessment_locked_sheet_guard();
    """,
]

POSTGRESQL_BACKWARD = [
    "DROP TRIGGER IF EXISTS assessment_locked_sheet_guard ON assessment_scoresheet;",
    "DROP FUNCTION IF EXISTS assessment_locked_sheet_guard();",
    "DROP TRIGGER IF EXISTS assessment_locked_score_guard ON assessment_score;",
    "DROP FUNCTION IF EXISTS assessment_locked_score_guard();",
]

_SHEET_LOCKED = (
    "(SELECT status FROM assessment_scoresheet WHERE id = OLD.sheet_id) = 'locked'"
)
_GATE_CLOSED = "NOT EXISTS (SELECT 1 FROM assessment_amendmentgate)"

SQLITE_FORWARD = [
    f"""
    CREATE TRIGGER assessment_locked_score_{event.lower()}
    BEFORE {event} ON assessment_score
    WHEN {_SHEET_LOCKED} AND {_GATE_CLOSED}
    BEGIN
        SELECT RAISE(ABORT, '{MESSAGE}');
    END;
    """
    for event in ("UPDATE", "DELETE")
] + [
    f"""
    CREATE TRIGGER assessment_locked_sheet_update
    BEFORE UPDATE ON assessment_scoresheet
    WHEN OLD.status = 'locked' AND NEW.status <> 'locked' AND {_GATE_CLOSED}
    BEGIN
        SELECT RAISE(ABORT, '{MESSAGE}');
    END;
    """,
    f"""
    CREATE TRIGGER assessment_locked_sheet_delete
    BEFORE DELETE ON assessment_scoresheet
    WHEN OLD.status = 'locked' AND {_GATE_CLOSED}
    BEGIN
        SELECT RAISE(ABORT, '{MESSAGE}');
    END;
    """,
]

SQLITE_BACKWARD = [
    f"DROP TRIGGER IF EXISTS {name};"
    for name in (
        "assessment_locked_score_update",
        "assessment_locked_score_delete",
        "assessment_locked_sheet_update",
        "assessment_locked_sheet_delete",
    )
]

STATEMENTS = {
    "postgresql": (POSTGRESQL_FORWARD, POSTGRESQL_BACKWARD),
    "sqlite": (SQLITE_FORWARD, SQLITE_BACKWARD),
}


def _run(schema_editor, direction: int) -> None:
    vendor = schema_editor.connection.vendor
    if vendor not in STATEMENTS:
        raise NotImplementedError(f"No locked-score trigger for {vendor}")
    for statement in STATEMENTS[vendor][direction]:
        schema_editor.execute(statement)


def forward(apps, schema_editor):
    _run(schema_editor, 0)


def backward(apps, schema_editor):
    _run(schema_editor, 1)


class Migration(migrations.Migration):
    dependencies = [("assessment", "0002_default_rule_set")]
    operations = [migrations.RunPython(forward, backward)]
