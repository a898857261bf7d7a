"""The conference's official documents drafted from its data through the documents
app: an invitation (Giấy mời) per invited organisation and the post-event report
(Báo cáo kết quả thực hiện Hội thảo), shaped like the school's report 104/BC-TrCT.

Every figure of the report comes from `conference_figures`; the narrative parts are
placeholders the research office writes in the draft."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from daotao.core.access import require_scope
from daotao.core.history import audit_record
from daotao.core.text import format_date, format_number
from daotao.documents import services as documents
from daotao.documents.models import DocumentTemplate
from daotao.documents.rendering.docx import ANNEX_DATE_MARK, ANNEX_SYMBOL_MARK
from daotao.research.models import (
    Conference,
    ConferenceDocument,
    InvitedOrganisation,
    Liaison,
    Paper,
)
from daotao.research.selectors import attendance_by_group

MANAGE = "research.manage_paper"
Group = InvitedOrganisation.Group
TO_WRITE = "[…]"


@dataclass(frozen=True)
class ConferenceFigures:
    """What the report states, counted from the database."""

    days: int
    first_day: str
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
    delegations: int
    lodging: int
    meals: int


def _school_names(conference: Conference, group: str) -> list[str]:
    return list(
        conference.delegations.filter(organisation__group=group)
        .order_by("organisation__sort_key", "id")
        .values_list("organisation__name", flat=True)
    )


def _part_label(part: Any) -> str:
    """ "Phần tọa đàm", or "Phiên chiều (tọa đàm)" when the name does not say it."""
    kind = str(part.get_kind_display()).lower()
    return part.name if kind in part.name.lower() else f"{part.name} ({kind})"


def conference_figures(*, conference: Conference) -> ConferenceFigures:
    """The report's figures: delegates by group, the schools by name, papers by theme
    group (withdrawn ones not counted), the parts, liaisons, lodging and meals."""
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
    return ConferenceFigures(
        days=(conference.ends_on - conference.starts_on).days + 1,
        first_day=format_date(conference.starts_on),
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
        liaisons=Liaison.objects.filter(delegation__conference=conference)
        .values("lecturer_id")
        .distinct()
        .count(),
        delegations=conference.delegations.count(),
        lodging=delegates["lodging"],
        meals=delegates["meals"] or 0,
    )


def _n(value: int) -> str:
    return format_number(value)


def _attendance_paragraph(figures: ConferenceFigures) -> str:
    groups = "; ".join(
        _("%(group)s: %(count)s đại biểu") % {"group": label, "count": _n(count)}
        for label, count in figures.delegates_by_group
    )
    text = _("- Thành phần tham dự Hội thảo có %(total)s đại biểu (%(groups)s)") % {
        "total": _n(figures.delegates),
        "groups": groups,
    }
    if figures.regional_schools:
        text += _("; %(count)s trường chính trị trong khu vực (%(names)s)") % {
            "count": _n(len(figures.regional_schools)),
            "names": "; ".join(figures.regional_schools),
        }
    if figures.partner_schools:
        text += _(" và %(count)s trường bạn (%(names)s)") % {
            "count": _n(len(figures.partner_schools)),
            "names": "; ".join(figures.partner_schools),
        }
    return text + "."


def report_body(conference: Conference, figures: ConferenceFigures) -> str:
    """The report's text in the seed's shape: figures filled in, narrative to write."""
    basis = conference.basis_line
    if basis[:1].isdigit():  # a bare number: say what it is
        basis = _("văn bản số %s") % basis
    lines = [
        _(
            "Thực hiện %(basis)s về việc tổ chức Hội thảo khoa học "
            "“%(title)s”, sau một thời gian chuẩn bị và tiến hành tổ chức Hội "
            "thảo, %(host)s báo cáo kết quả như sau:"
        )
        % {
            "basis": basis or TO_WRITE,
            "title": conference.title,
            "host": conference.host,
        },
        _("1. Công tác tham mưu, phối hợp"),
        TO_WRITE,
        _("2. Kết quả cụ thể"),
        _("- Hội thảo được tổ chức %(days)s ngày (từ ngày %(day)s) tại %(venue)s.")
        % {
            "days": _n(figures.days),
            "day": figures.first_day,
            "venue": conference.venue,
        },
        _attendance_paragraph(figures),
    ]
    if figures.checked_in:
        lines.append(
            _("- Số đại biểu đã điểm danh tại Hội thảo: %(count)s.")
            % {"count": _n(figures.checked_in)}
        )
    lines.append(
        _(
            "- Hội thảo đã nhận được %(received)s tham luận, trong đó %(accepted)s "
            "tham luận được chấp nhận, theo các nhóm chủ đề:"
        )
        % {
            "received": _n(figures.papers_received),
            "accepted": _n(figures.papers_accepted),
        }
    )
    lines += [
        _("+ %(theme)s: %(count)s tham luận") % {"theme": name, "count": _n(count)}
        for name, count in figures.papers_by_theme
    ]
    lines += [
        TO_WRITE,
        _("- Hội thảo được tổ chức thành %(count)s phần: %(parts)s.")
        % {"count": _n(len(figures.parts)), "parts": "; ".join(figures.parts)},
        _("3. Công tác phục vụ"),
        _(
            "- Chọn cử %(liaisons)s giảng viên của Nhà trường làm liên lạc viên với "
            "%(delegations)s đoàn đại biểu, nắm thông tin về lịch trình và hướng dẫn "
            "các đoàn nơi ăn, nghỉ."
        )
        % {"liaisons": _n(figures.liaisons), "delegations": _n(figures.delegations)},
        _("- Bố trí nơi nghỉ cho %(lodging)s đại biểu; phục vụ %(meals)s suất ăn.")
        % {"lodging": _n(figures.lodging), "meals": _n(figures.meals)},
        _("4. Đánh giá chung"),
        TO_WRITE,
        _("5. Những kiến nghị, đề xuất"),
        TO_WRITE,
    ]
    return "\n".join(lines)


def _tables(figures: ConferenceFigures) -> tuple[dict[str, Any], ...]:
    """The figures as an annex; a paragraph between the tables keeps Word from
    joining them (adjacent tables merge), and the annex keeps them off the
    signature table."""
    delegates = {
        "kind": "table",
        "header": [_("Thành phần tham dự"), _("Số đại biểu")],
        "rows": [[label, _n(count)] for label, count in figures.delegates_by_group]
        + [[_("Tổng cộng"), _n(figures.delegates)]],
    }
    papers = {
        "kind": "table",
        "header": [_("Nhóm chủ đề"), _("Số tham luận")],
        "rows": [[name, _n(count)] for name, count in figures.papers_by_theme]
        + [[_("Tổng cộng"), _n(figures.papers_received)]],
    }
    return (
        {
            "kind": "annex",
            "title": _("SỐ LIỆU HỘI THẢO"),
            "subtitle": _("(Kèm theo Báo cáo số %(symbol)s %(date)s)")
            % {"symbol": ANNEX_SYMBOL_MARK, "date": ANNEX_DATE_MARK},
            "blocks": [
                {"kind": "paragraph", "text": _("1. Đại biểu theo thành phần")},
                delegates,
                {"kind": "paragraph", "text": _("2. Tham luận theo nhóm chủ đề")},
                papers,
            ],
        },
    )


@dataclass(frozen=True)
class DraftSettings:
    """Who drafts and signs: the issuer, the drafting unit, the signer's title."""

    issuer: Any
    drafting_unit_id: int
    signer_title: str = ""
    signer_authority: str = ""
    signer_name: str = ""


def _draft(
    actor: Any, conference: Conference, code: str, settings: DraftSettings, **data: Any
) -> Any:
    template = DocumentTemplate.objects.get(code=code)
    wording = template.wording
    return documents.document_draft_create(
        actor=actor,
        school_id=conference.school_id,
        template=template,
        issuer=settings.issuer,
        data=documents.DraftData(
            drafting_unit_id=settings.drafting_unit_id,
            signer_title=settings.signer_title or wording.get("signer_title", ""),
            signer_authority=settings.signer_authority
            or wording.get("signer_authority", ""),
            signer_name=settings.signer_name,
            **data,
        ),
    )


def report_draft(
    *, actor: Any, conference: Conference, settings: DraftSettings
) -> ConferenceDocument:
    """Draft the post-event report from the data (one per conference) and keep the
    figures it was drafted with."""
    require_scope(actor, MANAGE, school_id=conference.school_id)
    with transaction.atomic():
        Conference.objects.select_for_update().get(pk=conference.pk)
        if ConferenceDocument.objects.filter(
            conference=conference, kind=ConferenceDocument.Kind.REPORT
        ).exists():
            raise ValidationError(
                _("Hội thảo này đã có dự thảo báo cáo kết quả."), code="exists"
            )
        figures = conference_figures(conference=conference)
        document = _draft(
            actor,
            conference,
            "bao-cao",
            settings,
            summary=_("Kết quả thực hiện Hội thảo khoa học “%s”") % conference.title,
            body_text=report_body(conference, figures),
            recipients_text=_recipients(conference),
            extra_blocks=_tables(figures),
        )
        record = ConferenceDocument.objects.create(
            conference=conference,
            kind=ConferenceDocument.Kind.REPORT,
            document=document,
            figures=asdict(figures),
            created_by=actor,
        )
        audit_record(
            actor=actor,
            action="research.report_draft",
            instance=conference,
            changes={"report": [None, document.pk]},
        )
    return record


def _recipients(conference: Conference) -> str:
    lines = [
        _("%s (để b/c);") % name
        for name in conference.delegations.filter(
            organisation__group__in=[Group.ACADEMY, Group.PROVINCE_LEADERS]
        )
        .order_by("organisation__sort_key")
        .values_list("organisation__name", flat=True)
    ]
    return "\n".join([*lines, _("Ban Giám hiệu;"), _("Các khoa, phòng;")])


def invitation_body(conference: Conference, organisation: InvitedOrganisation) -> str:
    parts = conference.parts.order_by("order", "starts_at", "id")
    when = [
        _("- %(part)s: %(time)s, ngày %(day)s")
        % {
            "part": part.name,
            "time": timezone.localtime(part.starts_at).strftime("%H giờ %M"),
            "day": format_date(timezone.localtime(part.starts_at).date()),
        }
        for part in parts
    ]
    return "\n".join(
        [
            _("%(host)s trân trọng kính mời: Lãnh đạo và đại biểu %(organisation)s")
            % {"host": conference.host, "organisation": organisation.name},
            _("Tới dự: Hội thảo khoa học “%s”.") % conference.title,
            _("Thời gian: từ ngày %(start)s đến ngày %(end)s.")
            % {
                "start": format_date(conference.starts_on),
                "end": format_date(conference.ends_on),
            },
            *when,
            _("Địa điểm: %s.") % conference.venue,
            _("Rất mong được đón tiếp./."),
        ]
    )


def invitations_draft(
    *, actor: Any, conference: Conference, settings: DraftSettings
) -> list[ConferenceDocument]:
    """Draft an invitation for each delegation's organisation that has none yet
    (the host school's own staff are not invited). Returns the new ones."""
    require_scope(actor, MANAGE, school_id=conference.school_id)
    created = []
    with transaction.atomic():
        Conference.objects.select_for_update().get(pk=conference.pk)
        done = set(
            conference.documents.filter(
                kind=ConferenceDocument.Kind.INVITATION
            ).values_list("organisation_id", flat=True)
        )
        organisations = [
            d.organisation
            for d in conference.delegations.select_related("organisation").order_by(
                "organisation__sort_key", "id"
            )
            if d.organisation.group != Group.HOST_SCHOOL
            and d.organisation_id not in done
        ]
        for organisation in organisations:
            document = _draft(
                actor,
                conference,
                "giay-moi",
                settings,
                summary=_("Dự Hội thảo khoa học “%s”") % conference.title,
                body_text=invitation_body(conference, organisation),
                recipients_text=_("%s;") % organisation.name,
            )
            created.append(
                ConferenceDocument.objects.create(
                    conference=conference,
                    kind=ConferenceDocument.Kind.INVITATION,
                    organisation=organisation,
                    document=document,
                    created_by=actor,
                )
            )
        if created:
            audit_record(
                actor=actor,
                action="research.invitations_draft",
                instance=conference,
                changes={"invitations": [None, len(created)]},
            )
    return created
