"""The layers checked down to the schema: every relation (FK, one-to-one,
many-to-many) of every model points to its own app or to an app below it, in the
order of the import-linter contracts in `pyproject.toml` (the one list of the
layers). import-linter sees imports; a relation declared by string it cannot see.

The user model (`settings.AUTH_USER_MODEL`), the tenant (`org.School`, which the
kernel's audit and import records carry like the user) and apps outside `daotao`
(Django's contrib apps, third-party apps) may be named from any layer."""

import tomllib
from pathlib import Path

from django.apps import apps
from django.conf import settings

PYPROJECT = Path(settings.BASE_DIR) / "pyproject.toml"
# Named from every layer, as the user model is: every row belongs to a school.
TENANT = "org.School"


def _contracts() -> list[dict]:
    with PYPROJECT.open("rb") as handle:
        return tomllib.load(handle)["tool"]["importlinter"]["contracts"]


def _label(module: str) -> str:
    """`(daotao.portal)` → `portal`."""
    return module.strip().strip("()").removeprefix("daotao.")


def layer_ranks() -> dict[str, int]:
    """Each app's layer, 0 the lowest (`core`); siblings share a rank."""
    (layers,) = (c["layers"] for c in _contracts() if c["type"] == "layers")
    return {
        _label(app): rank
        for rank, layer in enumerate(reversed(layers))
        for app in layer.replace(":", "|").split("|")
    }


def forbidden_pairs() -> set[tuple[str, str]]:
    """(source, target) apps that a `forbidden` contract keeps apart."""
    return {
        (_label(source), _label(target))
        for contract in _contracts()
        if contract["type"] == "forbidden"
        for source in contract["source_modules"]
        for target in contract["forbidden_modules"]
    }


def _is_ours(model) -> bool:
    return model.__module__.startswith("daotao.")


def relations():
    """(model, field, target model) for every relation a daotao model declares."""
    for model in apps.get_models(include_auto_created=False):
        if not _is_ours(model):
            continue
        for field in model._meta.get_fields(include_hidden=True):
            # Reverse relations are auto-created; a generic FK has no model.
            if field.is_relation and not field.auto_created and field.related_model:
                yield model, field, field.related_model


def violation(source: str, target: str, ranks: dict, forbidden: set) -> str:
    """Why a relation from app `source` to app `target` breaks the layers, or ''."""
    if source == target:
        return ""
    if (source, target) in forbidden:
        return "a forbidden contract keeps these apps apart"
    if ranks[target] >= ranks[source]:
        return "the target is not below the source"
    return ""


def test_every_daotao_app_has_a_layer():
    ranks = layer_ranks()
    ours = {c.label for c in apps.get_app_configs() if c.name.startswith("daotao.")}
    assert sorted(ours - ranks.keys()) == []


def test_every_relation_points_to_its_own_app_or_below():
    ranks, forbidden = layer_ranks(), forbidden_pairs()
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    wrong = []
    for model, field, target in relations():
        if target is user_model or target._meta.label == TENANT:
            continue
        if not _is_ours(target):
            continue
        source_app, target_app = model._meta.app_label, target._meta.app_label
        reason = violation(source_app, target_app, ranks, forbidden)
        if reason:
            wrong.append(
                f"{model._meta.label}.{field.name} → {target._meta.label}: {reason}"
            )
    assert wrong == []


def test_the_check_sees_a_climbing_relation():
    """The guard itself: a faculty field to a programme topic, the relation this
    test was written for, is refused; the reverse direction is allowed."""
    ranks, forbidden = layer_ranks(), forbidden_pairs()
    assert violation("faculty", "programs", ranks, forbidden)
    assert violation("programs", "faculty", ranks, forbidden) == ""
    assert violation("programs", "research", ranks, forbidden)
    assert violation("enrolment", "research", ranks, forbidden)
    assert violation("reports", "research", ranks, forbidden) == ""


def test_the_relation_walk_sees_string_references_of_every_kind():
    found = {
        (model._meta.label, field.name): target._meta.label
        for model, field, target in relations()
    }
    assert found[("programs.Topic", "lecturers")] == "faculty.Lecturer"
    assert found[("faculty.Lecturer", "person")] == "people.Person"
    assert found[("faculty.Lecturer", "unit")] == "org.Unit"
