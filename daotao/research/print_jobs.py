"""Badges and proceedings printed in the task worker (core.generated,
docs/adr/0020) when they are long: more than `SYNC_PAGES` pages of badges (eight a
page), or proceedings of more than `PROCEEDINGS_SYNC_PAPERS` papers (each paper
is a LibreOffice conversion of its own)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import IO, Any
from urllib.parse import urlencode

from django.http import QueryDict
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from daotao.core.actors import Actor
from daotao.core.generated import Built, GenerationError
from daotao.core.text import search_key
from daotao.documents.rendering.pdf import RenderError
from daotao.research.badges import COLUMNS, ROWS, badges_pdf
from daotao.research.forms.conferences import DelegateFilterForm
from daotao.research.models import Conference, Delegate
from daotao.research.proceedings import proceedings_pdf
from daotao.research.selectors import conferences as selectors
from daotao.research.selectors.papers import (
    get_conference_for_paper_change,
    papers_in_programme_order,
)

BADGES = "research:badges"
PROCEEDINGS = "research:proceedings"
BADGES_PER_PAGE = COLUMNS * ROWS
PROCEEDINGS_SYNC_PAPERS = 3
PDF = "application/pdf"


def delegate_filter(
    conference: Conference, query: QueryDict
) -> tuple[DelegateFilterForm, selectors.DelegateFilter]:
    """The delegate list's filter form and filter from its query string."""
    delegations = selectors.delegations(conference=conference)
    form = DelegateFilterForm(query or None, delegations=delegations)
    if not form.is_valid():
        return form, selectors.DelegateFilter()
    data = form.cleaned_data
    return form, selectors.DelegateFilter(
        query=data["q"],
        delegation_id=data["delegation"],
        group=data["group"],
        role=data["role"],
    )


def badge_delegates(conference: Conference, query: QueryDict) -> list[Delegate]:
    """The listed delegates (the list's filters), or the ticked ones (`id`)."""
    _form, filters = delegate_filter(conference, query)
    delegates = selectors.delegate_list(conference=conference, filters=filters)
    ids = [int(i) for i in query.getlist("id") if i.isdigit()]
    if ids:
        delegates = delegates.filter(pk__in=ids)
    return list(delegates)


def check_in_url_for(origin: str) -> Callable[[Delegate], str]:
    """The URL a badge's QR code encodes, under the site's `origin`."""
    base = origin.rstrip("/") + reverse("research:check-in")
    return lambda d: f"{base}?{urlencode({'ma': d.badge_token})}"


def badges_build(
    *, actor: Actor, params: Mapping[str, Any], out: IO[bytes], progress: Callable
) -> Built:
    conference = selectors.get_conference_for_view(actor, int(params["conference"]))
    delegates = badge_delegates(conference, QueryDict(params["query"]))
    progress(0.05)
    try:
        pdf = badges_pdf(
            delegates,
            conference_title=conference.title,
            url_for=check_in_url_for(params["origin"]),
        )
    except RenderError as error:
        raise GenerationError(str(error)) from error
    out.write(pdf)
    return Built("the-dai-bieu.pdf", PDF, len(delegates))


def proceedings_filename(conference: Conference) -> str:
    name = slugify(search_key(conference.title))[:60] or "hoi-thao"
    return f"ky-yeu-{name}.pdf"


def proceedings_build(
    *, actor: Actor, params: Mapping[str, Any], out: IO[bytes], progress: Callable
) -> Built:
    conference = get_conference_for_paper_change(actor, int(params["conference"]))
    papers = papers_in_programme_order(conference=conference)
    progress(0.05)
    try:
        pdf = proceedings_pdf(conference, papers)
    except RenderError as error:
        raise GenerationError(str(error)) from error
    out.write(pdf)
    return Built(proceedings_filename(conference), PDF, len(papers))


def badges_title(conference: Conference) -> str:
    return _("Thẻ đại biểu — %(title)s") % {"title": conference.title}


def proceedings_title(conference: Conference) -> str:
    return _("Kỷ yếu — %(title)s") % {"title": conference.title}
