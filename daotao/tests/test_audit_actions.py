"""Audit actions have one shape, `<app>.<entity>_<verb>` (`core.history`): every
action a service writes is checked in the source, `audit_record` refuses any other
shape, and the rows written under the older spellings were renamed."""

import ast
import importlib
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings

from daotao.core.history import audit_record, check_action
from daotao.core.models import AuditEvent

WRITERS = {"audit_record", "audit_record_many"}
# An f-string action: the app and the entity spelled out, the rest filled in.
PREFIX = re.compile(r"[a-z]+\.[a-z]+(?:_[a-z]+)*_")
rename = importlib.import_module(
    "daotao.core.migrations.0005_audit_actions_named_by_app"
)


def _modules():
    root = Path(settings.BASE_DIR) / "daotao"
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root).parts
        if "tests" not in parts and "migrations" not in parts:
            yield path


def _name(call: ast.Call) -> str | None:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)


def _action(call: ast.Call) -> ast.expr | None:
    return next((kw.value for kw in call.keywords if kw.arg == "action"), None)


def _parents(tree: ast.AST) -> dict[ast.AST, ast.AST]:
    return {
        child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)
    }


def _enclosing_function(node, parents) -> ast.FunctionDef | None:
    while node in parents:
        node = parents[node]
        if isinstance(node, ast.FunctionDef):
            return node
    return None


def scan() -> tuple[list[str], list[str]]:
    """(every constant action written, every place that breaks the rule)."""
    seen, wrong = [], []
    for path in _modules():
        tree = ast.parse(path.read_text())
        parents, forwarders = _parents(tree), set()
        calls = [node for node in ast.walk(tree) if isinstance(node, ast.Call)]
        for call in (c for c in calls if _name(c) in WRITERS):
            action, where = _action(call), f"{path.name}:{call.lineno}"
            if isinstance(action, ast.Constant):
                seen.append(action.value)
            elif isinstance(action, ast.JoinedStr):
                head = action.values[0]
                if not (
                    isinstance(head, ast.Constant) and PREFIX.fullmatch(head.value)
                ):
                    wrong.append(f"{where}: {ast.unparse(action)}")
            elif isinstance(action, ast.Name):
                helper = _enclosing_function(call, parents)
                parameters = [a.arg for a in helper.args.kwonlyargs] if helper else []
                if action.id not in parameters:
                    wrong.append(f"{where}: {action.id} is not a parameter")
                else:
                    forwarders.add(helper.name)
            else:
                wrong.append(f"{where}: {ast.unparse(action) if action else 'none'}")
        for call in (c for c in calls if _name(c) in forwarders):
            action = _action(call)
            if isinstance(action, ast.Constant):
                seen.append(action.value)
            else:
                wrong.append(
                    f"{path.name}:{call.lineno}: {_name(call)} needs a literal"
                )
    wrong += [action for action in seen if not _is_valid(action)]
    return seen, wrong


def _is_valid(action: str) -> bool:
    try:
        check_action(action)
    except ValueError:
        return False
    return True


def test_every_action_a_service_writes_is_app_entity_verb():
    seen, wrong = scan()
    assert wrong == []
    assert len(seen) > 120
    assert {"enrolment.nomination_submit", "learning.attendance_record"} <= set(seen)


@pytest.mark.parametrize(
    "action",
    ["nomination_submit", "attendance.record", "nowhere.thing_do", "Research.x_y"],
)
def test_audit_record_refuses_other_shapes_and_writes_nothing(db, school, action):
    with pytest.raises(ValueError, match=r"is not <app>\.<entity>_<verb>"):
        audit_record(actor=None, action=action, instance=school)
    assert not AuditEvent.objects.exists()


def test_the_older_spellings_are_renamed_in_existing_history(db, school):
    for action in ("nomination_submit", "attendance.record", "research.topic_create"):
        AuditEvent.objects.create(
            action=action, object_type="org.school", object_id=str(school.pk)
        )
    rename.forward(apps, None)
    assert list(AuditEvent.objects.values_list("action", flat=True)) == [
        "enrolment.nomination_submit",
        "learning.attendance_record",
        "research.topic_create",
    ]
    assert all(_is_valid(new) for new in rename.RENAMED.values())
    rename.backward(apps, None)
    assert list(AuditEvent.objects.values_list("action", flat=True)) == [
        "nomination_submit",
        "attendance.record",
        "research.topic_create",
    ]
