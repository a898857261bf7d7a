"""Rows of the public site for tests."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from daotao.portal.content import slug_for
from daotao.portal.models import Article, Banner, Category, Page
from daotao.portal.services import ArticleData, article_fill


def category(school: Any, name: str = "Tin hoạt động") -> Category:
    return Category.objects.get_or_create(
        school=school, slug=slug_for(name), defaults={"name": name}
    )[0]


def article(
    school: Any,
    title: str = "Hội thảo khoa học cấp trường",
    *,
    body: str = "<p>Nội dung bài viết.</p>",
    summary: str = "",
    category_obj: Category | None = None,
    status: str = Article.Status.PUBLISHED,
    published_at: datetime.datetime | None = None,
    view_count: int = 0,
) -> Article:
    """An article written as the service writes it (sanitised, with its search key)."""
    row = Article(
        school=school,
        slug=slug_for(title),
        status=status,
        view_count=view_count,
        published_at=published_at
        or (None if status == Article.Status.DRAFT else timezone.now()),
    )
    article_fill(
        row,
        ArticleData(
            title=title,
            summary=summary,
            body=body,
            category_id=category_obj.pk if category_obj else None,
        ),
    )
    row.save()
    return row


def portal_objects(school: Any) -> dict[str, int]:
    """The record each editor route with an id is walked with (role matrix)."""
    today = timezone.localdate()
    page = Page.objects.create(school=school, title="Giới thiệu", slug="gioi-thieu")
    banner = Banner.objects.create(
        school=school, title="Biểu ngữ", starts_on=today, ends_on=today
    )
    return {
        "portal": article(school, "Bài viết mẫu của ma trận quyền").pk,
        "portal:page-update": page.pk,
        "portal:banner-update": banner.pk,
    }
