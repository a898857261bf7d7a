"""The post-event report (Báo cáo kết quả thực hiện Hội thảo) drafted from the
conference's data through the documents app, shaped like the school's report
104/BC-TrCT: five sections, the figures, speeches and experience from the data.

Every figure of the report comes from `conference_figures`; the parts only the
office can write are "[…]" in the draft, and a refresh from new data keeps them."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _

from daotao.core.access import require_scope
from daotao.core.actors import Actor
from daotao.core.history import audit_record
from daotao.core.text import format_date, format_number
from daotao.documents import services as documents
from daotao.documents.annexes import AnnexTable, annex_of
from daotao.documents.rendering.spec import Annex
from daotao.documents.wording import fill, load_wording
from daotao.research.models import (
    Conference,
    ConferenceDocument,
    InvitedOrganisation,
    Liaison,
    Paper,
)
from daotao.research.selectors.conferences import attendance_by_group
from daotao.research.services.drafting import MANAGE, DraftSettings, draft_document

Group = InvitedOrganisation.Group
# Every word of the report is in this file; the code gives the figures.
WORDING = load_wording(Path(__file__).parents[1] / "wording" / "conference_report.json")
TO_WRITE = WORDING["to_write"]
SECTIONS = tuple(WORDING["sections"])
# The seed's Nơi nhận (104/BC-TrCT), with the bodies' post-2025 names; "Lưu" is
# added by the documents app from the drafting unit.
DEFAULT_RECIPIENTS = tuple(WORDING["recipients"])


def _say(key: str, **values: Any) -> str:
    return fill(WORDING[key], values)


@dataclass(frozen=True)
class ConferenceFigures:
    """What the report states, counted from the database."""

    days: int
    first_day: str
    last_day: str
    delegates: int
    checked_in: int
    delegates_by_group: list[tuple[str, int]]
    regional_schools: list[str]
    partner_schools: list[str]
    papers_received: int
    papers_accepted: int
    papers_by_theme: list[tuple[str, int]]
    parts: list[str]
    liaisons: int
    delegations_with_liaison: int
    delegations: int
    lodging: int
    meals: int


def _school_names(conference: Conference, group: str) -> list[str]:
    """The schools of a group in the conference's own order (then by name)."""
    return list(
        conference.delegations.filter(organisation__group=group)
        .order_by("position", "organisation__sort_key", "id")
        .values_list("organisation__name", flat=True)
    )


def _part_label(part: Any) -> str:
    """ "Phần tọa đàm", or "Phiên chiều (tọa đàm)" when the name does not say it."""
    kind = str(part.get_kind_display()).lower()
    return part.name if kind in part.name.lower() else f"{part.name} ({kind})"


def conference_figures(*, conference: Conference) -> ConferenceFigures:
    """The report's figures: delegates by group, the schools in the conference's
    order, papers by theme group (withdrawn ones not counted), the parts, the
    liaisons and the delegations they serve, lodging and meals."""
    by_group = attendance_by_group(conference=conference)
    delegates = conference.delegates.aggregate(
        total=Count("id"),
        present=Count("id", filter=Q(checked_in_at__isnull=False)),
        lodging=Count("id", filter=Q(needs_lodging=True) | ~Q(lodging="")),
        meals=Sum("meals"),
    )
    received = conference.papers.exclude(status=Paper.Status.WITHDRAWN)
    themes = conference.themes.annotate(
        count=Count("papers", filter=~Q(papers__status=Paper.Status.WITHDRAWN))
    ).order_by("order", "id")
    liaisons = Liaison.objects.filter(delegation__conference=conference)
    return ConferenceFigures(
        days=(conference.ends_on - conference.starts_on).days + 1,
        first_day=format_date(conference.starts_on),
        last_day=format_date(conference.ends_on),
        delegates=delegates["total"],
        checked_in=delegates["present"],
        delegates_by_group=[(str(r["label"]), r["expected"]) for r in by_group],
        regional_schools=_school_names(conference, Group.REGIONAL_SCHOOL),
        partner_schools=_school_names(conference, Group.PARTNER_SCHOOL),
        papers_received=received.count(),
        papers_accepted=received.filter(status=Paper.Status.ACCEPTED).count(),
        papers_by_theme=[(t.name, t.count) for t in themes],
        parts=[
            _part_label(part)
            for part in conference.parts.order_by("order", "starts_at", "id")
        ],
        liaisons=liaisons.values("lecturer_id").distinct().count(),
        delegations_with_liaison=liaisons.values("delegation_id").distinct().count(),
        delegations=conference.delegations.count(),
        lodging=delegates["lodging"],
        meals=delegates["meals"] or 0,
    )


def _n(value: int) -> str:
    return format_number(value)


def _attendance_paragraph(figures: ConferenceFigures) -> str:
    groups = "; ".join(
        _say("attendance_group", group=label, count=_n(count))
        for label, count in figures.delegates_by_group
    )
    schools = ""
    if figures.regional_schools:
        schools += _say(
            "attendance_regional",
            count=_n(len(figures.regional_schools)),
            names="; ".join(figures.regional_schools),
        )
    if figures.partner_schools:
        schools += " " + _say(
            "attendance_partner",
            count=_n(len(figures.partner_schools)),
            names="; ".join(figures.partner_schools),
        )
    return _say(
        "attendance", total=_n(figures.delegates), groups=groups, schools=schools
    )


def _duration(figures: ConferenceFigures) -> str:
    """ "1 ngày (ngày 07/04/2026)"; "2 ngày (từ ngày … đến ngày …)"."""
    if figures.days == 1:
        return _say("one_day", first=figures.first_day)
    return _say(
        "days",
        days=_n(figures.days),
        first=figures.first_day,
        last=figures.last_day,
    )


def _speech_line(speech: Any) -> str:
    gist = speech.gist.strip().rstrip(".")
    return _say("speech", speaker=speech.speaker, post=speech.post, gist=gist)


def _service_lines(figures: ConferenceFigures) -> list[str]:
    lines = [_say("service")]
    if figures.liaisons:
        lines.append(
            _say(
                "liaisons",
                liaisons=_n(figures.liaisons),
                delegations=_n(figures.delegations_with_liaison),
            )
        )
    lines.append(_say("lodging", lodging=_n(figures.lodging), meals=_n(figures.meals)))
    return lines


def _results(conference: Conference, figures: ConferenceFigures) -> list[str]:
    lines = [
        _say("held", duration=_duration(figures), venue=conference.venue),
        _attendance_paragraph(figures),
    ]
    if figures.checked_in:
        lines.append(_say("checked_in", count=_n(figures.checked_in)))
    lines.append(
        _say(
            "papers",
            received=_n(figures.papers_received),
            accepted=_n(figures.papers_accepted),
        )
    )
    lines += [
        _say("papers_theme", theme=name, count=_n(count))
        for name, count in figures.papers_by_theme
    ]
    lines.append(TO_WRITE)
    lines += [_speech_line(s) for s in conference.speeches.order_by("order", "id")]
    lines.append(
        _say("parts", count=_n(len(figures.parts)), parts="; ".join(figures.parts))
    )
    return lines + _service_lines(figures)


def _experience(conference: Conference) -> list[str]:
    lines = [line.strip() for line in conference.experience.splitlines()]
    lines = [line for line in lines if line]
    if not lines:
        return [TO_WRITE]
    return [_say("experience", host=conference.host), *lines]


def report_body(conference: Conference, figures: ConferenceFigures) -> str:
    """The report's text in the seed's five sections: figures, speeches and the
    experience from the data; "[…]" where only the office can write."""
    basis = conference.basis_line
    if basis[:1].isdigit():  # a bare number: say what it is
        basis = _say("bare_basis", number=basis)
    lines = [
        _say(
            "opening",
            basis=basis or TO_WRITE,
            title=conference.title,
            host=conference.host,
        ),
        SECTIONS[0],
        TO_WRITE,
        SECTIONS[1],
        *_results(conference, figures),
        SECTIONS[2],
        TO_WRITE,
        SECTIONS[3],
        *_experience(conference),
        SECTIONS[4],
        TO_WRITE,
    ]
    return "\n".join(lines)


def _tables(figures: ConferenceFigures) -> tuple[Annex, ...]:
    """The figures as an annex; a paragraph between the tables keeps Word from
    joining them (adjacent tables merge), and the annex keeps them off the
    signature table."""
    delegates = AnnexTable(
        rows=tuple((label, _n(count)) for label, count in figures.delegates_by_group),
        numbered=False,
        total=(_n(figures.delegates),),
    )
    papers = AnnexTable(
        rows=tuple((name, _n(count)) for name, count in figures.papers_by_theme),
        numbered=False,
        total=(_n(figures.papers_received),),
    )
    annex = annex_of(WORDING, (delegates, papers), {}, default_title="")
    return () if annex is None else (annex,)


def _recipients(conference: Conference) -> str:
    lines = [line.strip() for line in conference.report_recipients.splitlines()]
    return "\n".join([line for line in lines if line] or list(DEFAULT_RECIPIENTS))


def report_draft(
    *, actor: Actor, conference: Conference, settings: DraftSettings
) -> ConferenceDocument:
    """Draft the post-event report from the data (one per conference) and keep the
    figures and the text it was drafted with."""
    require_scope(actor, MANAGE, school_id=conference.school_id)
    with transaction.atomic():
        Conference.objects.select_for_update().get(pk=conference.pk)
        if ConferenceDocument.objects.filter(
            conference=conference, kind=ConferenceDocument.Kind.REPORT
        ).exists():
            raise ValidationError(
                _(
                    "Hội thảo này đã có dự thảo báo cáo kết quả: hãy cập nhật dự thảo "
                    "từ số liệu."
                ),
                code="exists",
            )
        figures = conference_figures(conference=conference)
        body = report_body(conference, figures)
        document = draft_document(
            actor,
            conference,
            "bao-cao",
            settings,
            summary=_say("summary", title=conference.title),
            body_text=body,
            recipients_text=_recipients(conference),
            extra_blocks=_tables(figures),
        )
        record = ConferenceDocument.objects.create(
            conference=conference,
            kind=ConferenceDocument.Kind.REPORT,
            document=document,
            figures=asdict(figures),
            generated_text=body,
            created_by=actor,
        )
        audit_record(
            actor=actor,
            action="research.report_draft",
            instance=conference,
            changes={"report": [None, document.pk]},
        )
    return record


def report_refresh(*, actor: Actor, record: ConferenceDocument) -> ConferenceDocument:
    """Draft the report's text and tables again from the current data, keeping what
    the office wrote (every line of the draft that was not generated) in its
    section; only a draft can be refreshed."""
    conference = record.conference
    require_scope(actor, MANAGE, school_id=conference.school_id)
    with transaction.atomic():
        record = ConferenceDocument.objects.select_for_update().get(pk=record.pk)
        document = record.document
        figures = conference_figures(conference=conference)
        body = report_body(conference, figures)
        merged = merge_office_text(
            previous=record.generated_text, current=document.body_text, new=body
        )
        documents.document_draft_update(
            actor=actor,
            document=document,
            expected_version=document.version,
            data=documents.DraftData(
                summary=document.summary,
                body_text=merged,
                drafting_unit_id=document.drafting_unit_id,
                signer_title=document.signer_title,
                signer_authority=document.signer_authority,
                signer_name=document.signer_name,
                decision_heading=document.decision_heading,
                basis_text="\n".join(document.basis),
                recipients_text="\n".join(document.recipients),
                archive_units_text=", ".join(document.archive_units),
                extra_blocks=_tables(figures),
            ),
        )
        before = record.figures
        record.figures = asdict(figures)
        record.generated_text = body
        record.save(update_fields=["figures", "generated_text", "updated_at"])
        audit_record(
            actor=actor,
            action="research.report_refresh",
            instance=conference,
            changes={
                k: [before.get(k), v]
                for k, v in record.figures.items()
                if before.get(k) != v
            },
        )
    return record


def _sections(text: str) -> dict[str, list[str]]:
    """The text's lines under each section heading ("" before the first)."""
    headings = set(SECTIONS)
    sections: dict[str, list[str]] = {"": []}
    key = ""
    for line in (raw.strip() for raw in text.splitlines()):
        if line in headings:
            key = line
            sections.setdefault(key, [])
        elif line:
            sections[key].append(line)
    return sections


def merge_office_text(*, previous: str, current: str, new: str) -> str:
    """The new generated text with the office's own lines of `current` (those not in
    the `previous` generated text) put back in their section: where the section's
    "[…]" stands, or after the section's data when it has none."""
    before, edited, fresh = _sections(previous), _sections(current), _sections(new)
    lines: list[str] = []
    for key in [*fresh, *(k for k in edited if k not in fresh)]:
        generated = fresh.get(key, [])
        own = [line for line in edited.get(key, []) if line not in before.get(key, [])]
        if key:
            lines.append(key)
        if own and TO_WRITE in generated:
            at = generated.index(TO_WRITE)
            lines += generated[:at] + own + generated[at + 1 :]
        else:
            lines += generated + own
    return "\n".join(lines)
