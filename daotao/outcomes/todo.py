"""What waits for a sending agency in the outcomes app: the graduation results of
its cadres' classes, to read once."""

from __future__ import annotations

import datetime

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from daotao.assessment.models import GraduationDecision
from daotao.core import todo
from daotao.core.access import has_permission
from daotao.core.actors import Actor
from daotao.core.todo import ToDo
from daotao.documents.models import OutgoingDocument
from daotao.enrolment.models import Cohort
from daotao.outcomes.selectors import VIEW, reaches_own_agencies_only

# Results recorded longer ago than this are history, not news.
RECENT = datetime.timedelta(days=365)
ISSUED = (OutgoingDocument.Status.SIGNED, OutgoingDocument.Status.PUBLISHED)


def results_to_read(actor: Actor) -> list[ToDo]:
    """The classes of the agency's cadres whose graduation decision, recorded
    within a year, is signed (one query); each gone once the coordinator opened it."""
    if not has_permission(actor, VIEW) or not reaches_own_agencies_only(actor):
        return []
    decided = GraduationDecision.objects.filter(
        cohort=OuterRef("pk"),
        document__status__in=ISSUED,
        created_at__gte=timezone.now() - RECENT,
    )
    cohorts = (
        Cohort.objects.visible_to(actor, VIEW)
        .filter(Exists(decided))
        .order_by("-ends_on", "code")
        .only("pk", "code", "name")
    )
    return [
        ToDo(
            key=f"outcomes.results:{cohort.pk}",
            group=_("Kết quả học tập mới của cán bộ"),
            title=f"{cohort.code} — {cohort.name}",
            url=reverse("outcomes:agency-cadres") + f"?cohort={cohort.pk}",
            note=_("Đã có quyết định công nhận tốt nghiệp"),
            read_once=True,
        )
        for cohort in cohorts
    ]


def register() -> None:
    """Install this app's providers (from its AppConfig.ready())."""
    todo.register("outcomes.results", results_to_read)
