"""Reads on papers, reviews and the programme, narrowed to the acting user's scope."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.http import Http404

from daotao.core.actors import Actor
from daotao.core.models import AuditEvent
from daotao.core.text import search_key
from daotao.research.models import (
    Conference,
    ConferenceDocument,
    ConferencePart,
    Paper,
    PaperAuthor,
    ProgrammeSession,
    Review,
)

VIEW = "research.view_paper"
MANAGE = "research.manage_paper"


def _conference(actor: Actor, permission: str, pk: int) -> Conference:
    found = (
        Conference.objects.visible_to(actor, permission)
        .filter(pk=pk)
        .select_related("school")
        .first()
    )
    if found is None:
        raise Http404
    return found


def conferences_for_papers(actor: Actor) -> QuerySet[Conference]:
    """The conferences whose papers `actor` may read, latest first: the way in to
    the papers for a reader who does not see the conferences themselves."""
    return Conference.objects.visible_to(actor, VIEW).order_by("-starts_on", "-pk")


def get_conference_for_papers(actor: Actor, pk: int) -> Conference:
    return _conference(actor, VIEW, pk)


def get_conference_for_paper_change(actor: Actor, pk: int) -> Conference:
    return _conference(actor, MANAGE, pk)


def _papers(actor: Actor, permission: str) -> QuerySet[Paper]:
    return Paper.objects.visible_to(actor, permission)


def _with_people(papers: QuerySet[Paper]) -> QuerySet[Paper]:
    return papers.select_related(
        "theme_group", "conference", "session"
    ).prefetch_related(
        Prefetch(
            "authors",
            queryset=PaperAuthor.objects.select_related("organisation").order_by(
                "position"
            ),
        )
    )


def get_paper_for_view(actor: Actor, pk: int) -> Paper:
    found = _with_people(_papers(actor, VIEW)).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def get_paper_for_change(actor: Actor, pk: int) -> Paper:
    found = _with_people(_papers(actor, MANAGE)).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def get_review_for_change(actor: Actor, pk: int) -> Review:
    found = (
        Review.objects.visible_to(actor, MANAGE)
        .select_related("paper")
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise Http404
    return found


def get_session_for_change(actor: Actor, pk: int) -> ProgrammeSession:
    found = (
        ProgrammeSession.objects.visible_to(actor, MANAGE)
        .select_related("part__conference")
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise Http404
    return found


@dataclass(frozen=True)
class PaperFilter:
    query: str = ""
    theme_group_id: int | None = None
    status: str = ""


def paper_list(
    *, conference: Conference, filters: PaperFilter | None = None
) -> QuerySet[Paper]:
    """The conference's papers by theme group then title, authors prefetched; the
    query matches the title or an author's name without diacritics."""
    filters = filters or PaperFilter()
    papers = conference.papers.all()
    if filters.query:
        key = search_key(filters.query)
        matching_authors = PaperAuthor.objects.filter(paper__conference=conference)
        ids = [
            a.paper_id
            for a in matching_authors.only("paper_id", "full_name")
            if key in search_key(a.full_name)
        ]
        papers = papers.filter(Q(search_key__contains=key) | Q(pk__in=ids))
    if filters.theme_group_id:
        papers = papers.filter(theme_group_id=filters.theme_group_id)
    if filters.status:
        papers = papers.filter(status=filters.status)
    return (
        _with_people(papers)
        .annotate(
            review_count=Count("reviews", distinct=True),
            reviewed_count=Count(
                "reviews", filter=Q(reviews__reviewed_at__isnull=False), distinct=True
            ),
        )
        .order_by("theme_group__order", "theme_group_id", "search_key", "id")
    )


def paper_reviews(*, paper: Paper) -> QuerySet[Review]:
    return paper.reviews.select_related("organisation", "lecturer").order_by("id")


def paper_history(*, paper: Paper) -> QuerySet[AuditEvent]:
    return (
        AuditEvent.objects.filter(
            object_type=Paper._meta.label_lower, object_id=str(paper.pk)
        )
        .select_related("actor")
        .order_by("occurred_at", "id")
    )


@dataclass
class ProgrammePart:
    part: ConferencePart
    sessions: list[ProgrammeSession]


def programme(*, conference: Conference) -> list[ProgrammePart]:
    """The conference's parts in order, each with its sessions in time order and each
    session's papers (authors prefetched) in their programme order."""
    papers = _with_people(Paper.objects.filter(status=Paper.Status.ACCEPTED)).order_by(
        "position", "id"
    )
    sessions = ProgrammeSession.objects.prefetch_related(
        Prefetch("papers", queryset=papers)
    ).order_by("starts_at", "id")
    parts = conference.parts.prefetch_related(
        Prefetch("sessions", queryset=sessions)
    ).order_by("order", "starts_at", "id")
    return [ProgrammePart(part=p, sessions=list(p.sessions.all())) for p in parts]


def unplaced_accepted(*, conference: Conference) -> QuerySet[Paper]:
    """Accepted papers not yet in a session, by theme group then title."""
    return _with_people(
        conference.papers.filter(status=Paper.Status.ACCEPTED, session__isnull=True)
    ).order_by("theme_group__order", "theme_group_id", "search_key", "id")


def papers_in_programme_order(*, conference: Conference) -> list[Paper]:
    """Every accepted paper: those in the programme in its order, then the unplaced
    ones by theme group and title (the order of the proceedings)."""
    placed = [
        paper
        for part in programme(conference=conference)
        for session in part.sessions
        for paper in session.papers.all()
    ]
    return placed + list(unplaced_accepted(conference=conference))


def conference_documents(*, conference: Conference) -> QuerySet[ConferenceDocument]:
    return conference.documents.select_related("document", "organisation").order_by(
        "kind", "organisation__sort_key", "id"
    )


def conference_report(*, conference: Conference) -> ConferenceDocument | None:
    """The conference's post-event report record, if one was drafted."""
    return (
        conference.documents.filter(kind=ConferenceDocument.Kind.REPORT)
        .select_related("document")
        .first()
    )


def sessions_of(*, conference: Conference) -> QuerySet[ProgrammeSession]:
    return (
        ProgrammeSession.objects.filter(part__conference=conference)
        .select_related("part")
        .order_by("starts_at", "id")
    )


# --- The reviewer's own reviews ("Bài cần phản biện") ----------------------------

REVIEW = "research.review_paper"


@dataclass
class OwnReview:
    """One review assigned to the signed-in lecturer, with the other reviewers'
    finished reviews: shown only once the lecturer has submitted their own."""

    review: Review
    others: list[Review]
    scale: str = ""  # the conference's scale, as the page prints it

    @property
    def is_open(self) -> bool:
        return (
            self.review.reviewed_at is None
            and self.review.paper.status == Paper.Status.UNDER_REVIEW
        )


def own_reviews(*, actor: Actor) -> QuerySet[Review]:
    """The reviews assigned to the actor's own person (as a lecturer of the school),
    in the schools they reach as a reviewer; those still to do first."""
    person_id = getattr(actor, "person_id", None)
    if person_id is None:
        return Review.objects.none()
    return (
        Review.objects.visible_to(actor, REVIEW)
        .filter(lecturer__person_id=person_id)
        .select_related("paper__conference", "paper__theme_group")
        .order_by(
            F("reviewed_at").desc(nulls_first=True),
            "-paper__conference__starts_on",
            "id",
        )
    )


def own_review_list(*, actor: Actor) -> list[OwnReview]:
    rows = []
    for review in own_reviews(actor=actor):
        others: list[Review] = []
        if review.reviewed_at is not None:
            others = list(
                review.paper.reviews.exclude(pk=review.pk)
                .filter(reviewed_at__isnull=False)
                .order_by("id")
            )
        rows.append(OwnReview(review=review, others=others))
    return rows


def get_own_review(actor: Actor, pk: int) -> Review:
    """One of the actor's own reviews; 404 for anyone else's."""
    found = own_reviews(actor=actor).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found
