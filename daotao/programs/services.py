"""Writes on the programme catalogue: atomic, permission re-checked, audited.

A version's structure (blocks, modules, topics) and its defining fields may change
only while it is a draft that no class refers to; a version in use is changed by
copying it into a new draft.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from daotao.core.access import require_scope
from daotao.core.actors import Actor
from daotao.core.history import audit_record, diff, snapshot
from daotao.core.text import normalize, search_key
from daotao.programs.models import Block, Module, ProgramVersion, Topic

MANAGE = "programs.manage_program"

# Fields that define what is taught: frozen once a version is in use.
DEFINING_FIELDS = ["label", "mode", "valid_from", "stated_total_periods"]
# Fields that describe the version and may be corrected at any time.
DESCRIPTIVE_FIELDS = ["legal_basis", "valid_to", "duration", "is_confirmed", "notes"]


@dataclass(frozen=True)
class VersionData:
    label: str
    mode: str
    legal_basis_id: int | None = None
    valid_from: datetime.date | None = None
    valid_to: datetime.date | None = None
    stated_total_periods: int | None = None
    duration: str = ""
    is_confirmed: bool = False
    notes: str = ""


@dataclass(frozen=True)
class TopicData:
    name: str
    lecture_periods: int = 0
    discussion_periods: int = 0
    practice_periods: int = 0
    field_study_periods: int = 0


@dataclass(frozen=True)
class StructureRow:
    """One imported chuyên đề with the block and module it belongs to."""

    block: str
    module: str
    topic: TopicData
    module_code: str = ""


def version_is_referenced(version: ProgramVersion) -> bool:
    """Whether a row outside the catalogue (a planned class, a cohort…) names the
    version; the catalogue does not know which apps those are."""
    for relation in ProgramVersion._meta.related_objects:
        if relation.related_model._meta.app_label == "programs":
            continue
        if not isinstance(relation, models.ManyToOneRel):
            continue
        manager = relation.related_model._default_manager
        if manager.filter(**{relation.field.name: version}).exists():
            return True
    return False


def _check_editable(version: ProgramVersion) -> None:
    """Refuse a change to what is taught unless the version is an unused draft."""
    if version.status != ProgramVersion.Status.DRAFT:
        raise ValidationError(
            _(
                "Phiên bản “%(label)s” đang ở trạng thái “%(status)s”: không được "
                "sửa cấu trúc hay số tiết. Hãy sao chép thành phiên bản mới để sửa."
            )
            % {"label": version.label, "status": version.get_status_display()},
            code="in_use",
        )
    if version_is_referenced(version):
        raise ValidationError(
            _(
                "Phiên bản “%(label)s” đã được dùng cho lớp trong kế hoạch: không "
                "được sửa cấu trúc hay số tiết. Hãy sao chép thành phiên bản mới."
            )
            % {"label": version.label},
            code="referenced",
        )


def _locked(version: ProgramVersion) -> ProgramVersion:
    return (
        ProgramVersion.objects.select_for_update()
        .select_related("program")
        .get(pk=version.pk)
    )


def _check_label_free(*, program_id: int, label: str, exclude_pk: int | None) -> None:
    clash = ProgramVersion.objects.filter(program_id=program_id, label=label)
    if exclude_pk:
        clash = clash.exclude(pk=exclude_pk)
    if clash.exists():
        raise ValidationError(
            {"label": [_("Chương trình đã có phiên bản “%s”.") % label]}
        )


# --- Versions ------------------------------------------------------------------------


def copy_structure(*, source: ProgramVersion, target: ProgramVersion) -> None:
    """Copy every block, module and topic of `source` under `target` (no checks)."""
    for block in source.blocks.prefetch_related("modules__topics"):
        new_block = Block.objects.create(
            version=target, position=block.position, name=block.name
        )
        for module in block.modules.all():
            new_module = Module.objects.create(
                block=new_block,
                position=module.position,
                code=module.code,
                name=module.name,
                is_assessed=module.is_assessed,
                assessment_note=module.assessment_note,
            )
            Topic.objects.bulk_create(
                Topic(
                    module=new_module,
                    position=topic.position,
                    name=topic.name,
                    lecture_periods=topic.lecture_periods,
                    discussion_periods=topic.discussion_periods,
                    practice_periods=topic.practice_periods,
                    field_study_periods=topic.field_study_periods,
                )
                for topic in module.topics.all()
            )


def program_version_copy(
    *, actor: Actor, version: ProgramVersion, label: str
) -> ProgramVersion:
    """A new draft of the same programme with a deep, independent copy of the
    structure; it records which version it came from."""
    require_scope(actor, MANAGE, school_id=version.program.school_id)
    label = normalize(label)
    if not label:
        raise ValidationError({"label": [_("Chưa nhập tên phiên bản.")]})
    with transaction.atomic():
        _check_label_free(program_id=version.program_id, label=label, exclude_pk=None)
        copy = ProgramVersion.objects.create(
            program=version.program,
            label=label,
            mode=version.mode,
            legal_basis=version.legal_basis,
            stated_total_periods=version.stated_total_periods,
            duration=version.duration,
            is_confirmed=False,
            notes=version.notes,
            status=ProgramVersion.Status.DRAFT,
            copied_from=version,
        )
        copy_structure(source=version, target=copy)
        audit_record(
            actor=actor,
            action="programs.program_version_copy",
            instance=copy,
            changes={"copied_from": [None, version.pk], "label": [None, label]},
        )
    return copy


def program_version_update(
    *, actor: Actor, version: ProgramVersion, data: VersionData
) -> ProgramVersion:
    """Save the version's fields; the defining ones only while it is an unused draft."""
    require_scope(actor, MANAGE, school_id=version.program.school_id)
    values = {
        "label": normalize(data.label),
        "mode": data.mode,
        "legal_basis": data.legal_basis_id,
        "valid_from": data.valid_from,
        "valid_to": data.valid_to,
        "stated_total_periods": data.stated_total_periods,
        "duration": normalize(data.duration),
        "is_confirmed": data.is_confirmed,
        "notes": data.notes.strip(),
    }
    with transaction.atomic():
        current = _locked(version)
        before = snapshot(current, DEFINING_FIELDS + DESCRIPTIVE_FIELDS)
        if any(before[name] != values[name] for name in DEFINING_FIELDS):
            _check_editable(current)
        starts, ends = values["valid_from"], values["valid_to"]
        if starts and ends and ends < starts:
            raise ValidationError(
                {"valid_to": [_("Ngày kết thúc phải sau ngày bắt đầu áp dụng.")]}
            )
        _check_label_free(
            program_id=current.program_id,
            label=values["label"],
            exclude_pk=current.pk,
        )
        values["legal_basis_id"] = values.pop("legal_basis")
        for name, value in values.items():
            setattr(current, name, value)
        changes = diff(before, snapshot(current, DEFINING_FIELDS + DESCRIPTIVE_FIELDS))
        if not changes:
            return current
        current.save()
        audit_record(
            actor=actor,
            action="programs.program_version_update",
            instance=current,
            changes=changes,
        )
    return current


def _set_status(
    *, actor: Actor, version: ProgramVersion, allowed_from: str, to: str, action: str
) -> ProgramVersion:
    require_scope(actor, MANAGE, school_id=version.program.school_id)
    with transaction.atomic():
        current = _locked(version)
        if current.status != allowed_from:
            raise ValidationError(
                _("Không thực hiện được: phiên bản “%(label)s” đang “%(status)s”.")
                % {"label": current.label, "status": current.get_status_display()},
                code="status",
            )
        if (
            to == ProgramVersion.Status.IN_USE
            and not Topic.objects.filter(module__block__version=current).exists()
        ):
            raise ValidationError(
                _("Phiên bản chưa có chuyên đề nào: chưa thể đưa vào áp dụng."),
                code="empty",
            )
        old = current.status
        current.status = to
        current.save(update_fields=["status", "updated_at"])
        audit_record(
            actor=actor,
            action=action,
            instance=current,
            changes={"status": [old, to]},
        )
    return current


def program_version_put_in_use(
    *, actor: Actor, version: ProgramVersion
) -> ProgramVersion:
    """A draft with at least one topic becomes the version classes are planned with."""
    return _set_status(
        actor=actor,
        version=version,
        allowed_from=ProgramVersion.Status.DRAFT,
        to=ProgramVersion.Status.IN_USE,
        action="programs.program_version_put_in_use",
    )


def program_version_retire(*, actor: Actor, version: ProgramVersion) -> ProgramVersion:
    """A version in use stops being offered for new classes; existing ones keep it."""
    return _set_status(
        actor=actor,
        version=version,
        allowed_from=ProgramVersion.Status.IN_USE,
        to=ProgramVersion.Status.RETIRED,
        action="programs.program_version_retire",
    )


# --- Structure -----------------------------------------------------------------------


def _next_position(queryset: models.QuerySet) -> int:
    last = queryset.aggregate(last=models.Max("position"))["last"]
    return (last or 0) + 1


def _require_name(name: str) -> str:
    name = normalize(name)
    if not name:
        raise ValidationError({"name": [_("Chưa nhập tên.")]})
    return name


def block_add(*, actor: Actor, version: ProgramVersion, name: str) -> Block:
    """Append a knowledge block to a draft version."""
    require_scope(actor, MANAGE, school_id=version.program.school_id)
    name = _require_name(name)
    with transaction.atomic():
        current = _locked(version)
        _check_editable(current)
        block = Block.objects.create(
            version=current, position=_next_position(current.blocks), name=name
        )
        audit_record(
            actor=actor,
            action="programs.program_block_add",
            instance=current,
            changes={"block": [None, name]},
        )
    return block


def module_add(
    *,
    actor: Actor,
    block: Block,
    name: str,
    code: str = "",
    is_assessed: bool = True,
    assessment_note: str = "",
) -> Module:
    """Append a học phần to a block of a draft version."""
    version = block.version
    require_scope(actor, MANAGE, school_id=version.program.school_id)
    name = _require_name(name)
    with transaction.atomic():
        current = _locked(version)
        _check_editable(current)
        module = Module.objects.create(
            block=block,
            position=_next_position(block.modules),
            code=normalize(code),
            name=name,
            is_assessed=is_assessed,
            assessment_note=normalize(assessment_note),
        )
        audit_record(
            actor=actor,
            action="programs.program_module_add",
            instance=current,
            changes={"module": [None, name]},
        )
    return module


def _topic_values(data: TopicData) -> dict[str, Any]:
    return {
        "name": _require_name(data.name),
        "lecture_periods": data.lecture_periods,
        "discussion_periods": data.discussion_periods,
        "practice_periods": data.practice_periods,
        "field_study_periods": data.field_study_periods,
    }


TOPIC_FIELDS = [
    "name",
    "lecture_periods",
    "discussion_periods",
    "practice_periods",
    "field_study_periods",
]


def topic_add(*, actor: Actor, module: Module, data: TopicData) -> Topic:
    """Append a chuyên đề with its periods to a module of a draft version."""
    version = module.block.version
    require_scope(actor, MANAGE, school_id=version.program.school_id)
    values = _topic_values(data)
    with transaction.atomic():
        current = _locked(version)
        _check_editable(current)
        topic = Topic(module=module, position=_next_position(module.topics), **values)
        topic.full_clean(exclude=["module"], validate_unique=False)
        topic.save()
        audit_record(
            actor=actor,
            action="programs.program_topic_add",
            instance=current,
            changes={"topic": [None, values]},
        )
    return topic


def topic_update(*, actor: Actor, topic: Topic, data: TopicData) -> Topic:
    """Change a topic's name or periods while its version is an unused draft."""
    version = topic.module.block.version
    require_scope(actor, MANAGE, school_id=version.program.school_id)
    values = _topic_values(data)
    with transaction.atomic():
        current = _locked(version)
        _check_editable(current)
        before = snapshot(topic, TOPIC_FIELDS)
        for name, value in values.items():
            setattr(topic, name, value)
        topic.full_clean(exclude=["module"], validate_unique=False)
        topic.save()
        audit_record(
            actor=actor,
            action="programs.program_topic_update",
            instance=current,
            changes={"topic": [topic.pk, diff(before, snapshot(topic, TOPIC_FIELDS))]},
        )
    return topic


def structure_item_delete(*, actor: Actor, item: Block | Module | Topic) -> None:
    """Delete a block, module or topic (with what lies under it) of an unused draft."""
    version = _version_of(item)
    require_scope(actor, MANAGE, school_id=version.program.school_id)
    with transaction.atomic():
        current = _locked(version)
        _check_editable(current)
        label = f"{item._meta.model_name}#{item.pk} {item.name}"
        item.delete()
        audit_record(
            actor=actor,
            action="programs.program_structure_delete",
            instance=current,
            changes={"deleted": [label, None]},
        )


def _version_of(item: Block | Module | Topic) -> ProgramVersion:
    if isinstance(item, Topic):
        return item.module.block.version
    if isinstance(item, Module):
        return item.block.version
    return item.version


def version_structure_import(
    *, actor: Actor, version: ProgramVersion, rows: list[StructureRow]
) -> int:
    """Add the rows' topics to a draft version, making their blocks and modules
    (matched by name) when new; a module's summary topic (named after the module)
    gives way to the imported ones. Returns the number of topics added."""
    require_scope(actor, MANAGE, school_id=version.program.school_id)
    if not rows:  # a sheet whose rows are all there already: nothing to record
        return 0
    with transaction.atomic():
        current = _locked(version)
        _check_editable(current)
        blocks = {search_key(b.name): b for b in current.blocks.all()}
        modules = {
            (search_key(m.block.name), search_key(m.name)): m
            for m in Module.objects.filter(block__version=current).select_related(
                "block"
            )
        }
        replaced = set()
        for row in rows:
            block = blocks.get(search_key(row.block))
            if block is None:
                block = Block.objects.create(
                    version=current,
                    position=_next_position(current.blocks),
                    name=_require_name(row.block),
                )
                blocks[search_key(row.block)] = block
            place = (search_key(block.name), search_key(row.module))
            module = modules.get(place)
            if module is None:
                module = modules[place] = Module.objects.create(
                    block=block,
                    position=_next_position(block.modules),
                    code=normalize(row.module_code),
                    name=_require_name(row.module),
                )
            elif module.pk not in replaced:
                replaced.add(module.pk)
                if [t.name for t in module.topics.all()] == [module.name]:
                    module.topics.all().delete()
            topic = Topic(
                module=module,
                position=_next_position(module.topics),
                **_topic_values(row.topic),
            )
            topic.full_clean(exclude=["module"], validate_unique=False)
            topic.save()
        audit_record(
            actor=actor,
            action="programs.program_structure_import",
            instance=current,
            changes={"topics": [None, len(rows)]},
        )
    return len(rows)
