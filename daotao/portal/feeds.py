"""The RSS feed of the latest articles and the sitemap of the public site."""

from __future__ import annotations

from typing import Any

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import sitemap
from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from daotao.core.access import public
from daotao.portal import selectors
from daotao.portal.content import plain_text
from daotao.portal.models import Article, Page

FEED_SIZE = 20


class LatestArticlesFeed(Feed):
    title = _("Tin mới")
    description = _("Các bài viết mới nhất trên cổng thông tin của trường.")

    def link(self) -> str:
        return reverse("portal:home")

    def items(self) -> Any:
        school_id = selectors.site_school_id()
        if school_id is None:
            return []
        return selectors.live_articles(school_id)[:FEED_SIZE]

    def item_title(self, item: Article) -> str:
        return item.title

    def item_description(self, item: Article) -> str:
        return item.summary or plain_text(item.body)[:300]

    def item_link(self, item: Article) -> str:
        return reverse("portal:article", args=[item.slug])

    def item_pubdate(self, item: Article) -> Any:
        return item.published_at


class ArticleSitemap(Sitemap):
    changefreq = "weekly"

    def items(self) -> Any:
        school_id = selectors.site_school_id()
        return selectors.live_articles(school_id) if school_id else []

    def location(self, item: Article) -> str:
        return reverse("portal:article", args=[item.slug])

    def lastmod(self, item: Article) -> Any:
        return item.updated_at


class PageSitemap(Sitemap):
    changefreq = "monthly"

    def items(self) -> Any:
        return Page.objects.filter(
            school_id=selectors.site_school_id(), is_published=True
        )

    def location(self, item: Page) -> str:
        return reverse("portal:page", args=[item.slug])


class HomeSitemap(Sitemap):
    changefreq = "daily"
    priority = 1.0

    def items(self) -> list[str]:
        return ["portal:home", "portal:article-list"]

    def location(self, item: str) -> str:
        return reverse(item)


SITEMAPS = {"home": HomeSitemap, "articles": ArticleSitemap, "pages": PageSitemap}


@public
def feed_view(request: HttpRequest) -> HttpResponse:
    return LatestArticlesFeed()(request)


@public
def sitemap_view(request: HttpRequest) -> HttpResponse:
    return sitemap(request, sitemaps=SITEMAPS)
