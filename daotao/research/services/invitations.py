"""The conference's invitations (Giấy mời), one per invited organisation, drafted
through the documents app. The signer's authority follows the addressee's rank;
what an office should check before sending comes back as warnings."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from daotao.core.access import require_scope
from daotao.core.actors import Actor
from daotao.core.history import audit_record
from daotao.core.text import format_date
from daotao.documents.models import DocumentTemplate
from daotao.research import rules
from daotao.research.models import Conference, ConferenceDocument, InvitedOrganisation
from daotao.research.services.drafting import MANAGE, DraftSettings, draft_document

Group = InvitedOrganisation.Group
# Neither the host school's own staff nor its learners are sent an invitation.
NOT_INVITED = (Group.HOST_SCHOOL, Group.LEARNERS)
HEAD_TITLE = "HIỆU TRƯỞNG"


@dataclass(frozen=True)
class InvitationsResult:
    created: list[ConferenceDocument]
    warnings: list[str]


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
            _("Thời gian: %s.")
            % rules.event_days(conference.starts_on, conference.ends_on),
            *when,
            _("Địa điểm: %s.") % conference.venue,
            _("Rất mong được đón tiếp./."),
        ]
    )


def invitees(conference: Conference) -> list[InvitedOrganisation]:
    """The organisations an invitation goes to, in the conference's own order."""
    return [
        d.organisation
        for d in conference.delegations.select_related("organisation")
        .exclude(organisation__group__in=NOT_INVITED)
        .order_by("organisation__group", "position", "organisation__sort_key", "id")
    ]


def signer_for(
    organisation: InvitedOrganisation, settings: DraftSettings
) -> DraftSettings:
    """The settings as typed; left blank, the head signs in person to the provincial
    standing committee and above, and the template's signer to everyone else."""
    if settings.signer_authority or settings.signer_title:
        return settings
    if rules.is_high_rank(group=organisation.group, name=organisation.name):
        return DraftSettings(
            issuer=settings.issuer,
            drafting_unit_id=settings.drafting_unit_id,
            signer_title=HEAD_TITLE,
            signer_authority="",
            signer_name=settings.signer_name,
        )
    return settings


def invitation_warnings(
    *,
    conference: Conference,
    settings: DraftSettings,
    today: datetime.date,
    default_authority: str = "",
) -> list[str]:
    """Warnings for drafting now with these settings: far ahead of the event, or a
    deputy's KT. signature to an addressee at or above the standing committee."""
    high = []
    for organisation in invitees(conference):
        if rules.is_high_rank(group=organisation.group, name=organisation.name):
            signer = signer_for(organisation, settings)
            authority = signer.signer_authority
            if not (signer.signer_authority or signer.signer_title):
                authority = default_authority
            if rules.is_deputy_signature(authority):
                high.append(organisation.name)
    return rules.invitation_warnings(
        starts_on=conference.starts_on,
        today=today,
        deputy_signs=bool(high),
        high_rank_addressees=high,
    )


def invitations_draft(
    *,
    actor: Actor,
    conference: Conference,
    settings: DraftSettings,
    today: datetime.date | None = None,
) -> InvitationsResult:
    """Draft an invitation for each invitee that has none yet, signed as its rank
    asks; returns the new ones and the warnings the office should read."""
    require_scope(actor, MANAGE, school_id=conference.school_id)
    created = []
    with transaction.atomic():
        Conference.objects.select_for_update().get(pk=conference.pk)
        done = set(
            conference.documents.filter(
                kind=ConferenceDocument.Kind.INVITATION
            ).values_list("organisation_id", flat=True)
        )
        for organisation in invitees(conference):
            if organisation.pk in done:
                continue
            document = draft_document(
                actor,
                conference,
                "giay-moi",
                signer_for(organisation, settings),
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
    warnings = invitation_warnings(
        conference=conference,
        settings=settings,
        today=today or timezone.localdate(),
        default_authority=_template_authority(),
    )
    return InvitationsResult(created=created, warnings=warnings if created else [])


def _template_authority() -> str:
    template = DocumentTemplate.objects.filter(code="giay-moi").first()
    return template.wording.get("signer_authority", "") if template else ""
