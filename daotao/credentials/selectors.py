"""Reads of registers, credentials and blanks, narrowed to the acting user's scope;
and the one public read, a credential by its verification code."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404

from daotao.assessment import selectors as assessment
from daotao.core.actors import Actor
from daotao.core.text import format_number, search_key
from daotao.credentials.models import (
    BlankStock,
    Credential,
    CredentialEvent,
    CredentialTemplate,
    Register,
    SpoiledBlank,
)

VIEW = "credentials.view_credential"
ISSUE = "credentials.issue_credential"


@dataclass(frozen=True)
class CredentialFilter:
    year: int | None = None
    kind: str = ""
    status: str = ""
    query: str = ""
    by_entry: bool = False
    class_code: str = ""  # the cohort's code, or a historical entry's class


def register_years(*, actor: Actor) -> list[int]:
    """The years that have a register in the actor's scope, latest first."""
    return list(
        Register.objects.visible_to(actor, VIEW)
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )


def register_classes(*, actor: Actor) -> list[str]:
    """The classes (cohort codes, or the classes of entries imported from old
    registers) that have credentials in the actor's scope, in code order."""
    credentials = Credential.objects.visible_to(actor, VIEW)
    codes = set(
        credentials.filter(enrollment__isnull=False)
        .values_list("enrollment__cohort__code", flat=True)
        .distinct()
    ) | set(
        credentials.filter(enrollment__isnull=True)
        .exclude(class_name="")
        .values_list("class_name", flat=True)
        .distinct()
    )
    return sorted(codes)


def credential_list(
    *, actor: Actor, filters: CredentialFilter | None = None
) -> QuerySet[Credential]:
    """Credentials the actor may see, filtered, in Vietnamese name order (or in
    register order)."""
    filters = filters or CredentialFilter()
    credentials = Credential.objects.visible_to(actor, VIEW)
    if filters.year:
        credentials = credentials.filter(register__year=filters.year)
    if filters.kind:
        credentials = credentials.filter(kind=filters.kind)
    if filters.status:
        credentials = credentials.filter(status=filters.status)
    if filters.query:
        key = search_key(filters.query)
        credentials = credentials.filter(holder_search_key__contains=key)
    if filters.class_code:
        credentials = credentials.filter(
            Q(enrollment__cohort__code=filters.class_code)
            | Q(enrollment__isnull=True, class_name=filters.class_code)
        )
    order = (
        ["register__year", "kind", "entry_number"]
        if filters.by_entry
        else ["holder_sort_key", "id"]
    )
    return credentials.select_related("register", "enrollment__cohort").order_by(*order)


def master_register(
    *, actor: Actor, filters: CredentialFilter | None = None
) -> QuerySet[Credential]:
    """The list's credentials as the sổ gốc keeps them: in register order (year,
    kind, book, số vào sổ) whatever the list's sort, with the holder's person
    record, ethnicity, cohort and the credential it replaced joined."""
    filters = filters or CredentialFilter()
    return (
        credential_list(actor=actor, filters=filters)
        .select_related(
            "enrollment__person__ethnicity",
            "enrollment__cohort",
            "replaced_by",
            "replaces",
        )
        .order_by("register__year", "kind", "register__book_number", "entry_number")
    )


def _get(actor: Actor, pk: int, permission: str) -> Credential:
    credential = (
        Credential.objects.visible_to(actor, permission)
        .filter(pk=pk)
        .select_related("register", "stock", "replaced_by", "issued_by")
        .first()
    )
    if credential is None:
        raise Http404
    return credential


def get_credential_for_view(actor: Actor, pk: int) -> Credential:
    """The credential if in the actor's scope; 404 otherwise."""
    return _get(actor, pk, VIEW)


def get_credential_for_change(actor: Actor, pk: int) -> Credential:
    return _get(actor, pk, ISSUE)


def credential_events(*, credential: Credential) -> QuerySet[CredentialEvent]:
    return credential.events.select_related("actor").order_by("occurred_at", "id")


def credential_replaces(*, credential: Credential) -> Credential | None:
    """The credential this one replaced, if it is a reissue."""
    return Credential.objects.filter(replaced_by=credential).first()


def credential_by_code(code: str) -> Credential | None:
    """The credential with exactly this verification code, with its replacement."""
    return (
        Credential.objects.filter(verification_code=code)
        .select_related("replaced_by", "school")
        .first()
    )


def credential_by_serial(
    serial: str, date_of_birth: datetime.date
) -> Credential | None:
    """The credential with this số hiệu (as printed, any letter case) whose holder
    was born on `date_of_birth`; None for a wrong pair as for a missing number. A
    số hiệu repeated across kinds or schools answers the latest issued."""
    return (
        Credential.objects.filter(
            serial=serial.upper(), holder_date_of_birth=date_of_birth
        )
        .select_related("replaced_by", "school")
        .order_by("-issued_on", "-id")
        .first()
    )


def _count(model: Any) -> Subquery:
    rows = (
        model.objects.filter(stock=OuterRef("pk"))
        .order_by()
        .values("stock")
        .annotate(n=Count("id"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def blank_stock_list(*, actor: Actor) -> QuerySet[BlankStock]:
    """Stocks in scope with `used_count`, `spoiled_count` and `remaining_count`,
    newest first."""
    return (
        BlankStock.objects.visible_to(actor, VIEW)
        .annotate(used_count=_count(Credential), spoiled_count=_count(SpoiledBlank))
        .annotate(
            remaining_count=F("last_number")
            - F("first_number")
            + 1
            - F("used_count")
            - F("spoiled_count")
        )
        .order_by("kind", "-received_on", "-id")
    )


def get_stock_for_change(actor: Actor, pk: int) -> BlankStock:
    stock = BlankStock.objects.visible_to(actor, ISSUE).filter(pk=pk).first()
    if stock is None:
        raise Http404
    return stock


def remaining_by_kind(stocks: list[BlankStock]) -> list[tuple[str, int]]:
    """(kind label, unused blanks) per kind over the annotated stocks."""
    remaining: dict[str, int] = {}
    for stock in stocks:
        label = str(stock.get_kind_display())
        remaining[label] = remaining.get(label, 0) + stock.remaining_count
    return list(remaining.items())


def get_template_for_change(actor: Actor, pk: int) -> CredentialTemplate:
    template = CredentialTemplate.objects.visible_to(actor, ISSUE).filter(pk=pk).first()
    if template is None:
        raise Http404
    return template


# --- Transcripts ---------------------------------------------------------------------


@dataclass(frozen=True)
class TranscriptLines:
    rows: list[tuple[str, str]]
    overall: str


def transcript_lines(credentials: list[Credential]) -> dict[int, TranscriptLines]:
    """credential id → the (module, result) rows of its bảng điểm from the locked
    score sheets of the holder's cohort, and the overall result; one results
    computation per cohort, whatever the number of credentials."""
    by_cohort: dict[int, list[Credential]] = {}
    for credential in credentials:
        by_cohort.setdefault(credential.enrollment.cohort_id, []).append(credential)
    lines: dict[int, TranscriptLines] = {}
    for group in by_cohort.values():
        results = assessment.cohort_results(
            cohort=group[0].enrollment.cohort,
            enrollments=[c.enrollment for c in group],
        )
        for credential, learner in zip(group, results.learners, strict=True):
            rows = [
                (column.name, _score(result))
                for column, result in zip(results.columns, learner.modules, strict=True)
            ]
            lines[credential.pk] = TranscriptLines(rows, _score(learner.overall))
    return lines


def _score(value: Any) -> str:
    return format_number(value) if value is not None else "–"


def cohort_credentials(*, actor: Actor, cohort_id: int) -> list[Credential]:
    """The valid credentials of a cohort's learners, in the register's order."""
    return list(
        Credential.objects.visible_to(actor, VIEW)
        .filter(enrollment__cohort_id=cohort_id, status=Credential.Status.VALID)
        .select_related("school", "enrollment__cohort")
        .order_by("register__year", "register__book_number", "entry_number")
    )


# --- The school's figures (reports:figures) --------------------------------------


def issued_by_kind(*, actor: Actor, year: int) -> dict[str, dict[str, int]]:
    """Credentials issued in `year` by kind (old registers brought in count in
    the year they were issued): how many, and how many still valid. One query."""
    return {
        row.pop("kind"): row
        for row in Credential.objects.visible_to(actor, VIEW)
        .filter(issued_on__year=year)
        .values("kind")
        .annotate(
            issued=Count("id"),
            valid=Count("id", filter=Q(status=Credential.Status.VALID)),
        )
        .order_by()
    }
