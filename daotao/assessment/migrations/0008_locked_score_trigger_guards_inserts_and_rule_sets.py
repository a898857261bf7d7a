"""The locked-score trigger of 0003 widened (issue 14, quality I2): besides
updates and deletes of a locked sheet's lines, the database now refuses
- an INSERT of a line into a locked sheet;
- an UPDATE that moves a line from an open sheet into a locked one;
- changing the rule set (or cohort, module, attempt) of an exam whose sheet is
  locked, and changing the parameters (pass mark, weights, bands…) of a rule set
  an exam with a locked sheet follows.
The only way through stays the amendment gate (`services.amendment_gate`):
`score_amend` for a line, `exam_rule_set_amend` for an exam's rule set, both by
decision. A rule set's numbers in use are never rewritten in place: a corrected
version is a new rule set that an exam is moved to by decision.
"""

from django.db import migrations

MESSAGE = "Bảng điểm đã khóa: điểm chỉ được sửa bằng quyết định điều chỉnh điểm."
EXAM_MESSAGE = (
    "Kỳ thi đã có bảng điểm khóa: quy chế và điểm đạt chỉ đổi bằng quyết định "
    "điều chỉnh."
)
GATE_OPEN_PG = "coalesce(current_setting('daotao.score_amendment', true), '') = 'on'"

POSTGRESQL_FORWARD = [
    f"""
    CREATE OR REPLACE FUNCTION assessment_locked_score_guard() RETURNS trigger AS $$
    BEGIN
        IF {GATE_OPEN_PG} THEN
            IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
            RETURN NEW;
        END IF;
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
            IF EXISTS (SELECT 1 FROM assessment_scoresheet
                       WHERE id = OLD.sheet_id AND status = 'locked') THEN
                RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'check_violation';
            END IF;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
            IF EXISTS (SELECT 1 FROM assessment_scoresheet
                       WHERE id = NEW.sheet_id AND status = 'locked') THEN
                RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'check_violation';
            END IF;
        END IF;
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
    END;
    $$ LANGUAGE plpgsql;
    """,
    "DROP TRIGGER IF EXISTS assessment_locked_score_guard ON assessment_score;",
    """
    CREATE TRIGGER assessment_locked_score_guard
        BEFORE INSERT OR UPDATE OR DELETE ON assessment_score
        FOR EACH ROW EXECUTE FUNCTION assessment_locked_score_guard();
    """,
    f"""
    CREATE OR REPLACE FUNCTION assessment_locked_exam_guard() RETURNS trigger AS $$
    BEGIN
        IF (NEW.rule_set_id, NEW.cohort_id, NEW.module_id, NEW.attempt)
               IS DISTINCT FROM
           (OLD.rule_set_id, OLD.cohort_id, OLD.module_id, OLD.attempt)
           AND NOT {GATE_OPEN_PG}
           AND EXISTS (SELECT 1 FROM assessment_scoresheet
                       WHERE exam_id = OLD.id AND status = 'locked')
        THEN
            RAISE EXCEPTION '{EXAM_MESSAGE}' USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
    END;
    $$ LANGUAGE plpgsql;
    """,
    """
    CREATE TRIGGER assessment_locked_exam_guard
        BEFORE UPDATE ON assessment_exam
        FOR EACH ROW EXECUTE FUNCTION assessment_locked_exam_guard();
    """,
    f"""
    CREATE OR REPLACE FUNCTION assessment_locked_rule_set_guard() RETURNS trigger
    AS $$
    BEGIN
        IF NEW.parameters IS DISTINCT FROM OLD.parameters
           AND NOT {GATE_OPEN_PG}
           AND EXISTS (SELECT 1 FROM assessment_exam e
                       JOIN assessment_scoresheet s ON s.exam_id = e.id
                       WHERE e.rule_set_id = OLD.id AND s.status = 'locked')
        THEN
            RAISE EXCEPTION '{EXAM_MESSAGE}' USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
    END;
    $$ LANGUAGE plpgsql;
    """,
    """
    CREATE TRIGGER assessment_locked_rule_set_guard
        BEFORE UPDATE ON assessment_assessmentruleset
        FOR EACH ROW EXECUTE FUNCTION assessment_locked_rule_set_guard();
    """,
]

# Back to 0003's function and trigger (updates and deletes only).
POSTGRESQL_BACKWARD = [
    "DROP TRIGGER IF EXISTS assessment_locked_rule_set_guard "
    "ON assessment_assessmentruleset;",
    "DROP FUNCTION IF EXISTS assessment_locked_rule_set_guard();",
    "DROP TRIGGER IF EXISTS assessment_locked_exam_guard ON assessment_exam;",
    "DROP FUNCTION IF EXISTS assessment_locked_exam_guard();",
    "DROP TRIGGER IF EXISTS assessment_locked_score_guard ON assessment_score;",
    """
    CREATE TRIGGER assessment_locked_score_guard
        BEFORE UPDATE OR DELETE ON assessment_score
        FOR EACH ROW EXECUTE FUNCTION assessment_locked_score_guard();
    """,
]

_GATE_CLOSED = "NOT EXISTS (SELECT 1 FROM assessment_amendmentgate)"


def _locked(sheet_id: str) -> str:
    return (
        "EXISTS (SELECT 1 FROM assessment_scoresheet "
        f"WHERE id = {sheet_id} AND status = 'locked')"
    )


def _sqlite_trigger(name: str, event: str, when: str, message: str) -> str:
    return f"""
    CREATE TRIGGER {name}
    BEFORE {event}
    WHEN {when} AND {_GATE_CLOSED}
    BEGIN
        SELECT RAISE(ABORT, '{message}');
    END;
    """


# 0006 added a column to assessment_score, which SQLite does by rebuilding the
# table: the rebuild dropped 0003's triggers on it, so they are made again here.
SQLITE_FORWARD = [
    "DROP TRIGGER IF EXISTS assessment_locked_score_update;",
    "DROP TRIGGER IF EXISTS assessment_locked_score_delete;",
    *(
        _sqlite_trigger(
            f"assessment_locked_score_{event.lower()}",
            f"{event} ON assessment_score",
            _locked("OLD.sheet_id"),
            MESSAGE,
        )
        for event in ("UPDATE", "DELETE")
    ),
    _sqlite_trigger(
        "assessment_locked_score_insert",
        "INSERT ON assessment_score",
        _locked("NEW.sheet_id"),
        MESSAGE,
    ),
    _sqlite_trigger(
        "assessment_locked_score_move",
        "UPDATE OF sheet_id ON assessment_score",
        _locked("NEW.sheet_id"),
        MESSAGE,
    ),
    _sqlite_trigger(
        "assessment_locked_exam_update",
        "UPDATE ON assessment_exam",
        "(NEW.rule_set_id IS NOT OLD.rule_set_id OR NEW.cohort_id IS NOT "
        "OLD.cohort_id OR NEW.module_id IS NOT OLD.module_id OR NEW.attempt IS NOT "
        "OLD.attempt) AND EXISTS (SELECT 1 FROM assessment_scoresheet "
        "WHERE exam_id = OLD.id AND status = 'locked')",
        EXAM_MESSAGE,
    ),
    _sqlite_trigger(
        "assessment_locked_rule_set_update",
        "UPDATE ON assessment_assessmentruleset",
        "NEW.parameters IS NOT OLD.parameters AND EXISTS (SELECT 1 FROM "
        "assessment_exam e JOIN assessment_scoresheet s ON s.exam_id = e.id "
        "WHERE e.rule_set_id = OLD.id AND s.status = 'locked')",
        EXAM_MESSAGE,
    ),
]

SQLITE_BACKWARD = [
    f"DROP TRIGGER IF EXISTS {name};"
    for name in (
        "assessment_locked_score_insert",
        "assessment_locked_score_move",
        "assessment_locked_exam_update",
        "assessment_locked_rule_set_update",
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
    dependencies = [("assessment", "0007_exam_bar_parameters")]
    operations = [migrations.RunPython(forward, backward)]
