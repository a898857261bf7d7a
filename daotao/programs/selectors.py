"""Reads of the programme catalogue, narrowed to the acting user's schools."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import F, IntegerField, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce
from django.http import Http404

from daotao.core.actors import Actor
from daotao.core.text import search_key
from daotao.programs.models import Block, Module, ProgramVersion, Topic
from daotao.programs.rules import Periods, sum_periods, total_mismatch

VIEW = "programs.view_program"
MANAGE = "programs.manage_program"

SORTS = {
    "name": ("program__sort_key", "program_id", "label"),
    "-name": ("-program__sort_key", "-program_id", "label"),
    "code": ("program__code", "label"),
    "-code": ("-program__code", "label"),
}


@dataclass(frozen=True)
class VersionFilter:
    query: str = ""
    kind: str = ""
    status: str = ""
    sort: str = "name"


def _in_scope(actor: Actor, permission: str) -> QuerySet[ProgramVersion]:
    # No agency-bound role holds a programme permission; "id" only fills the slot.
    return ProgramVersion.objects.visible_to(actor, permission)


def program_version_list(
    *, actor: Actor, filters: VersionFilter | None = None
) -> QuerySet[ProgramVersion]:
    """Versions the actor may see, with their computed total, in Vietnamese order
    of the programme name."""
    filters = filters or VersionFilter()
    versions = _in_scope(actor, VIEW)
    if filters.query:
        versions = versions.filter(
            Q(program__search_key__contains=search_key(filters.query))
            | Q(label__icontains=filters.query.strip())
        )
    if filters.kind:
        versions = versions.filter(program__kind=filters.kind)
    if filters.status:
        versions = versions.filter(status=filters.status)
    return (
        versions.select_related("program", "legal_basis")
        .annotate(computed_total=_total_expression())
        .order_by(*SORTS.get(filters.sort, SORTS["name"]))
    )


def _total_expression():
    prefix = "blocks__modules__topics__"
    return Coalesce(
        Sum(
            F(prefix + "lecture_periods")
            + F(prefix + "discussion_periods")
            + F(prefix + "practice_periods")
            + F(prefix + "field_study_periods")
        ),
        Value(0),
        output_field=IntegerField(),
    )


def get_version_for_view(actor: Actor, pk: int) -> ProgramVersion:
    """The version if in the actor's schools; 404 otherwise."""
    return _get_in_scope(actor, pk, VIEW)


def get_version_for_manage(actor: Actor, pk: int) -> ProgramVersion:
    return _get_in_scope(actor, pk, MANAGE)


def _get_in_scope(actor: Actor, pk: int, permission: str) -> ProgramVersion:
    version = (
        _in_scope(actor, permission)
        .filter(pk=pk)
        .select_related("program", "legal_basis", "copied_from")
        .first()
    )
    if version is None:
        raise Http404
    return version


def version_choices(*, actor: Actor) -> QuerySet[ProgramVersion]:
    """Versions a class may be planned with: in use, in the actor's schools."""
    return (
        ProgramVersion.objects.visible_to(actor, "planning.view_plan")
        .filter(status=ProgramVersion.Status.IN_USE)
        .select_related("program")
        .order_by("program__sort_key", "label")
    )


# --- The structure as a tree with totals --------------------------------------------


@dataclass(frozen=True)
class TopicNode:
    topic: Topic
    periods: Periods


@dataclass(frozen=True)
class ModuleNode:
    module: Module
    topics: list[TopicNode]
    periods: Periods


@dataclass(frozen=True)
class BlockNode:
    block: Block
    modules: list[ModuleNode]
    periods: Periods


@dataclass(frozen=True)
class VersionTree:
    blocks: list[BlockNode]
    periods: Periods
    stated_total: int | None

    @property
    def is_mismatch(self) -> bool:
        return total_mismatch(self.stated_total, self.periods.total)


def version_tree(*, version: ProgramVersion) -> VersionTree:
    """Blocks → modules → topics with the period sums at every level (3 queries)."""
    blocks = []
    for block in version.blocks.prefetch_related("modules__topics"):
        modules = []
        for module in block.modules.all():
            topics = [
                TopicNode(
                    topic=topic,
                    periods=Periods(
                        lecture=topic.lecture_periods,
                        discussion=topic.discussion_periods,
                        practice=topic.practice_periods,
                        field_study=topic.field_study_periods,
                    ),
                )
                for topic in module.topics.all()
            ]
            modules.append(
                ModuleNode(
                    module=module,
                    topics=topics,
                    periods=sum_periods(node.periods for node in topics),
                )
            )
        blocks.append(
            BlockNode(
                block=block,
                modules=modules,
                periods=sum_periods(node.periods for node in modules),
            )
        )
    return VersionTree(
        blocks=blocks,
        periods=sum_periods(node.periods for node in blocks),
        stated_total=version.stated_total_periods,
    )
