"""Reads of the public site (what a visitor may see) and of the editor's lists."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db.models import Q, QuerySet, Sum
from django.http import Http404
from django.utils import timezone

from daotao.core.access import home_school_id
from daotao.core.actors import Actor
from daotao.core.text import search_key
from daotao.portal import counting
from daotao.portal.models import (
    Article,
    Banner,
    Category,
    DailyVisit,
    Page,
    Picture,
)

MANAGE = "portal.manage_content"
OTHER_NEWS = 6
_STATS_TTL = 60


def site_school_id() -> int | None:
    """The school whose site this deployment serves (the first one)."""
    from daotao.org.models import School

    school_id = cache.get("portal:school")
    if school_id is None:
        school_id = School.objects.order_by("pk").values_list("pk", flat=True).first()
        if school_id is not None:
            cache.set("portal:school", school_id, timeout=300)
    return school_id


def site_school() -> Any:
    """The site's school, read from the database (a remembered id that no longer
    exists is forgotten and looked up again)."""
    from daotao.org.models import School

    school = School.objects.filter(pk=site_school_id()).first()
    if school is None:
        cache.delete("portal:school")
        school = School.objects.filter(pk=site_school_id()).first()
    if school is None:
        raise Http404
    return school


def live_articles(school_id: int) -> QuerySet[Article]:
    """Articles a visitor may read: published or scheduled, and their time has come."""
    return (
        Article.objects.filter(school_id=school_id, published_at__lte=timezone.now())
        .exclude(status=Article.Status.DRAFT)
        .select_related("category")
        .order_by("-published_at", "-id")
    )


def live_article(school_id: int, slug: str) -> Article:
    article = (
        live_articles(school_id).select_related("document").filter(slug=slug).first()
    )
    if article is None:
        raise Http404
    return article


def other_news(article: Article) -> list[Article]:
    """The same category's most recent articles, without this one."""
    return list(
        live_articles(article.school_id)
        .filter(category_id=article.category_id)
        .exclude(pk=article.pk)[:OTHER_NEWS]
    )


def article_search(school_id: int, query: str) -> QuerySet[Article]:
    """Articles whose title, summary or text hold every word of `query`, ignoring
    case and diacritics ("hoi thao" finds "Hội thảo")."""
    articles = live_articles(school_id)
    words = search_key(query).split()
    if not words:
        return articles.none()
    for word in words[:10]:
        articles = articles.filter(search_key__contains=word)
    return articles


def menu(school_id: int) -> dict[str, list[Any]]:
    return {
        "categories": list(
            Category.objects.filter(school_id=school_id, is_in_menu=True)
        ),
        "pages": list(
            Page.objects.filter(school_id=school_id, is_in_menu=True, is_published=True)
        ),
    }


def active_banners(school_id: int, on: datetime.date) -> list[Banner]:
    return list(
        Banner.objects.filter(school_id=school_id, starts_on__lte=on, ends_on__gte=on)
    )


def live_page(school_id: int, slug: str) -> Page:
    page = Page.objects.filter(
        school_id=school_id, slug=slug, is_published=True
    ).first()
    if page is None:
        raise Http404
    return page


def category_by_slug(school_id: int, slug: str) -> Category:
    category = Category.objects.filter(school_id=school_id, slug=slug).first()
    if category is None:
        raise Http404
    return category


@dataclass(frozen=True)
class VisitorStats:
    today: int
    yesterday: int
    week: int
    month: int
    total: int


def _stored_stats(school_id: int, today: datetime.date) -> dict[str, int]:
    key = f"portal:stats:{school_id}:{today.isoformat()}"
    stored = cache.get(key)
    if stored is None:
        yesterday = today - datetime.timedelta(days=1)
        week_start = today - datetime.timedelta(days=today.weekday())
        month_start = today.replace(day=1)
        rows = DailyVisit.objects.filter(school_id=school_id)
        stored = rows.aggregate(
            today=Sum("visits", filter=Q(day=today), default=0),
            yesterday=Sum("visits", filter=Q(day=yesterday), default=0),
            week=Sum("visits", filter=Q(day__gte=week_start), default=0),
            month=Sum("visits", filter=Q(day__gte=month_start), default=0),
            total=Sum("visits", default=0),
        )
        cache.set(key, stored, timeout=_STATS_TTL)
    return stored


def visitor_stats(school_id: int, today: datetime.date | None = None) -> VisitorStats:
    """Visits today, yesterday, this week (from Monday), this month and in all,
    from the flushed rows plus what is still pending in the cache."""
    today = today or counting.local_day()
    stored = _stored_stats(school_id, today)
    # Only today's and yesterday's visits can be pending: a flush runs every minute.
    yesterday = today - datetime.timedelta(days=1)
    pending = counting.pending_visits(school_id, [today, yesterday])
    week_start = today - datetime.timedelta(days=today.weekday())
    return VisitorStats(
        today=stored["today"] + pending[today],
        yesterday=stored["yesterday"] + pending[yesterday],
        week=stored["week"] + sum(n for d, n in pending.items() if d >= week_start),
        month=stored["month"]
        + sum(n for d, n in pending.items() if d >= today.replace(day=1)),
        total=stored["total"] + sum(pending.values()),
    )


# --- Editor side ------------------------------------------------------------------


def editor_school_id(actor: Actor) -> int | None:
    return home_school_id(actor, MANAGE)


def editor_articles(
    *, actor: Actor, query: str = "", status: str = ""
) -> QuerySet[Article]:
    articles = Article.objects.visible_to(actor, MANAGE)
    if query:
        articles = articles.filter(search_key__contains=search_key(query))
    if status:
        articles = articles.filter(status=status)
    return articles.select_related("category", "author").order_by(
        "-published_at", "-id"
    )


def _in_scope(actor: Actor, model: Any, pk: int) -> Any:
    obj = model.objects.visible_to(actor, MANAGE).filter(pk=pk).first()
    if obj is None:
        raise Http404
    return obj


def get_article_for_edit(actor: Actor, pk: int) -> Article:
    return _in_scope(actor, Article, pk)


def get_banner_for_edit(actor: Actor, pk: int) -> Banner:
    return _in_scope(actor, Banner, pk)


def get_page_for_edit(actor: Actor, pk: int) -> Page:
    return _in_scope(actor, Page, pk)


def editor_pictures(*, actor: Actor) -> QuerySet[Picture]:
    return Picture.objects.visible_to(actor, MANAGE)


def editor_banners(*, actor: Actor) -> QuerySet[Banner]:
    return Banner.objects.visible_to(actor, MANAGE)


def editor_pages(*, actor: Actor) -> QuerySet[Page]:
    return Page.objects.visible_to(actor, MANAGE)


def editor_categories(*, actor: Actor) -> QuerySet[Category]:
    return Category.objects.visible_to(actor, MANAGE)


def publishable_documents(*, actor: Actor, query: str = "") -> QuerySet[Any]:
    """Signed (or publicly issued) documents of the editor's school, newest first."""
    from daotao.documents.models import OutgoingDocument

    documents = OutgoingDocument.objects.visible_to(actor, MANAGE).filter(
        status__in=[
            OutgoingDocument.Status.SIGNED,
            OutgoingDocument.Status.PUBLISHED,
        ]
    )
    if query:
        documents = documents.filter(search_key__contains=search_key(query))
    return documents.select_related("document_type").order_by("-issued_on", "-id")


def get_document_for_publishing(actor: Actor, pk: int) -> Any:
    document = publishable_documents(actor=actor).filter(pk=pk).first()
    if document is None:
        raise Http404
    return document
