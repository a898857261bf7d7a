"""The public site: home, articles, categories, pages, search and the public
services. Every page counts a visit in the cache and shows the live counters;
home and article pages come from the page cache (see pagecache)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse

from daotao.core.access import public
from daotao.core.listing import paginate, query_string_without
from daotao.core.ratelimit import over_limit
from daotao.core.text import format_number
from daotao.portal import counting, pagecache, selectors
from daotao.portal.forms import CredentialLookupForm, SearchForm

LATEST = 10
PAGE_SIZE = 12


def _school_id() -> int:
    """The site's school id for pages read from the database (checked there)."""
    return selectors.site_school().pk


def _remembered_school_id() -> int:
    """The site's school id for cached pages, from the cache (no query)."""
    school_id = selectors.site_school_id()
    if school_id is None:
        raise Http404
    return school_id


def public_service_links() -> dict[str, str | None]:
    """The public services that exist in this deployment (a link only if so)."""
    try:
        conferences = reverse("research:public-conference-list")
    except NoReverseMatch:
        conferences = None
    return {"conferences": conferences, "lookup": reverse("portal:credential-lookup")}


def site_context(school_id: int) -> dict[str, Any]:
    """What the site's frame shows: school, menu, banners, services, lookup box."""
    return {
        "school": selectors.site_school(),
        "site_menu": selectors.menu(school_id),
        "banners": selectors.active_banners(school_id, counting.local_day()),
        "services": public_service_links(),
        "lookup_form": CredentialLookupForm(),
        "marker": {name: pagecache.marker(name) for name in pagecache.MARKERS},
    }


def render_site(
    request: HttpRequest, template: str, context: dict[str, Any], school_id: int
) -> str:
    return render_to_string(
        template, {**site_context(school_id), **context}, request=request
    )


def respond(
    html: str | list[str], school_id: int, *, views: int = 0, status: int = 200
) -> HttpResponse:
    stats = selectors.visitor_stats(school_id)
    values = {
        "views": views,
        "today": stats.today,
        "yesterday": stats.yesterday,
        "week": stats.week,
        "month": stats.month,
        "total": stats.total,
    }
    body = pagecache.fill(html, {k: format_number(v) for k, v in values.items()})
    return HttpResponse(body, status=status)


def _cached_page(request: HttpRequest, name: str, build) -> HttpResponse:
    school_id = _remembered_school_id()
    counting.count_hit(request, school_id=school_id)
    key = pagecache.page_key(name)
    parts = pagecache.get(key)
    if parts is None:
        school_id = _school_id()
        parts = pagecache.split(build(school_id))
        pagecache.put(key, parts)
    return respond(parts, school_id)


@public
def home_view(request: HttpRequest) -> HttpResponse:
    def build(school_id: int) -> str:
        articles = list(selectors.live_articles(school_id)[:LATEST])
        context = {"featured": articles[:1], "latest": articles[1:]}
        return render_site(request, "portal/home.html", context, school_id)

    return _cached_page(request, "home", build)


@public
def article_view(request: HttpRequest, slug: str) -> HttpResponse:
    school_id = _remembered_school_id()
    key = pagecache.article_key(slug)
    entry = pagecache.get(key)
    if entry is None:
        school_id = _school_id()
        article = selectors.live_article(school_id, slug)
        context = {"article": article, "other_news": selectors.other_news(article)}
        html = render_site(request, "portal/article.html", context, school_id)
        entry = (article.pk, article.view_count, pagecache.split(html))
        pagecache.put(key, entry)
    article_id, stored_views, parts = entry
    pending = counting.count_hit(request, school_id=school_id, article_id=article_id)
    return respond(parts, school_id, views=stored_views + pending)


@public
def article_list_view(request: HttpRequest) -> HttpResponse:
    school_id = _school_id()
    counting.count_hit(request, school_id=school_id)
    page = paginate(request, selectors.live_articles(school_id), PAGE_SIZE)
    context = {"page": page, "heading": None, "query_without_page": ""}
    html = render_site(request, "portal/article_list.html", context, school_id)
    return respond(html, school_id)


@public
def category_view(request: HttpRequest, slug: str) -> HttpResponse:
    school_id = _school_id()
    category = selectors.category_by_slug(school_id, slug)
    counting.count_hit(request, school_id=school_id)
    articles = selectors.live_articles(school_id).filter(category=category)
    context = {
        "page": paginate(request, articles, PAGE_SIZE),
        "heading": category.name,
        "query_without_page": "",
    }
    html = render_site(request, "portal/article_list.html", context, school_id)
    return respond(html, school_id)


@public
def page_view(request: HttpRequest, slug: str) -> HttpResponse:
    school_id = _school_id()
    page = selectors.live_page(school_id, slug)
    counting.count_hit(request, school_id=school_id)
    html = render_site(request, "portal/page.html", {"page": page}, school_id)
    return respond(html, school_id)


@public
def search_view(request: HttpRequest) -> HttpResponse:
    school_id = _school_id()
    limit = getattr(settings, "PORTAL_SEARCH_LIMIT", 60)  # per minute and address
    if over_limit(request, scope="portal:search", limit=limit, window=60):
        html = render_site(request, "portal/limited.html", {}, school_id)
        return respond(html, school_id, status=429)
    counting.count_hit(request, school_id=school_id)
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    results = selectors.article_search(school_id, query)
    context = {
        "search_form": form,
        "query": query,
        "page": paginate(request, results, PAGE_SIZE),
        "query_without_page": query_string_without(request, "page"),
    }
    html = render_site(request, "portal/search.html", context, school_id)
    return respond(html, school_id)


@public
def credential_lookup_view(request: HttpRequest) -> HttpResponse:
    """ "Tra cứu văn bằng": the code typed in leads to the verification page (which
    has its own rate limit); the box's other form, số hiệu with the date of birth,
    goes to the credentials look-up (/xac-minh/) directly."""
    school_id = _school_id()
    form = CredentialLookupForm(request.GET or None)
    if form.is_valid():
        return redirect("credential-verify", code=form.cleaned_data["code"])
    counting.count_hit(request, school_id=school_id)
    html = render_site(request, "portal/lookup.html", {"lookup_form": form}, school_id)
    return respond(html, school_id)
