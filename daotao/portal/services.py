"""Writes of the public site: articles (draft → scheduled → published), pages,
banners, and publishing a signed document as an article. Each is one transaction
that re-checks the permission, records history and forgets the cached pages."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from daotao.core.access import require_scope
from daotao.core.actors import Actor
from daotao.core.history import audit_record, diff, snapshot
from daotao.core.text import search_key
from daotao.portal import images, pagecache
from daotao.portal.content import (
    body_html,
    paragraphs_html,
    plain_text,
    slug_for,
)
from daotao.portal.models import Article, Banner, Page, Picture

MANAGE = "portal.manage_content"
_TRACKED = ["title", "slug", "summary", "category", "tags", "status", "published_at"]


@dataclass(frozen=True)
class ArticleData:
    title: str
    summary: str = ""
    body: str = ""
    category_id: int | None = None
    tags: str = ""


def _unique_slug(model: Any, *, school_id: int, title: str, pk: int | None) -> str:
    base = slug_for(title)
    slug, n = base, 1
    while model.objects.filter(school_id=school_id, slug=slug).exclude(pk=pk).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def article_fill(article: Article, data: ArticleData) -> None:
    """Set the fields from `data`: text tidied, body sanitised, search key made."""
    article.title = " ".join(data.title.split())
    article.summary = " ".join(data.summary.split())
    article.body = body_html(data.body)
    article.category_id = data.category_id
    article.tags = ", ".join(t.strip() for t in data.tags.split(",") if t.strip())
    article.search_key = search_key(
        f"{article.title} {article.summary} {article.tags} {plain_text(article.body)}"
    )


def _set_cover(article: Article, cover: Any) -> None:
    if cover is None:
        return
    files = images.cover_files(cover)
    article.cover_large.save(files.large.name, files.large, save=False)
    article.cover_medium.save(files.medium.name, files.medium, save=False)
    article.cover_small.save(files.small.name, files.small, save=False)


def article_create(
    *, actor: Actor, school_id: int, data: ArticleData, cover: Any = None
) -> Article:
    """A new draft, with its slug from the title and the cover in every size."""
    require_scope(actor, MANAGE, school_id=school_id)
    with transaction.atomic():
        article = Article(school_id=school_id, author=actor)
        article_fill(article, data)
        article.slug = _unique_slug(
            Article, school_id=school_id, title=article.title, pk=None
        )
        _set_cover(article, cover)
        article.save()
        audit_record(actor=actor, action="portal.article_create", instance=article)
    return article


def article_update(
    *, actor: Actor, article: Article, data: ArticleData, cover: Any = None
) -> Article:
    """Edit the text (the slug stays, so links keep working) and maybe the cover."""
    require_scope(actor, MANAGE, school_id=article.school_id)
    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=article.pk)
        before = snapshot(article, _TRACKED)
        article_fill(article, data)
        _set_cover(article, cover)
        article.save()
        audit_record(
            actor=actor,
            action="portal.article_update",
            instance=article,
            changes=diff(before, snapshot(article, _TRACKED)),
        )
        transaction.on_commit(lambda: pagecache.content_changed([article.pk]))
    return article


def article_publish(
    *, actor: Actor, article: Article, at: datetime.datetime | None = None
) -> Article:
    """Publish now, or schedule for `at` (a time in the future)."""
    require_scope(actor, MANAGE, school_id=article.school_id)
    now = timezone.now()
    if at is not None and at <= now:
        at = None
    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=article.pk)
        if not article.title or not article.body:
            raise ValidationError(
                _("Bài viết cần có tiêu đề và nội dung trước khi đăng.")
            )
        before = snapshot(article, _TRACKED)
        article.status = Article.Status.SCHEDULED if at else Article.Status.PUBLISHED
        article.published_at = at or now
        article.save(update_fields=["status", "published_at", "updated_at"])
        audit_record(
            actor=actor,
            action="portal.article_publish",
            instance=article,
            changes=diff(before, snapshot(article, _TRACKED)),
        )
        transaction.on_commit(lambda: pagecache.content_changed([article.pk]))
    return article


def article_withdraw(*, actor: Actor, article: Article) -> Article:
    """Back to draft: the article leaves the public site at once."""
    require_scope(actor, MANAGE, school_id=article.school_id)
    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=article.pk)
        before = snapshot(article, _TRACKED)
        article.status = Article.Status.DRAFT
        article.save(update_fields=["status", "updated_at"])
        audit_record(
            actor=actor,
            action="portal.article_withdraw",
            instance=article,
            changes=diff(before, snapshot(article, _TRACKED)),
        )
        transaction.on_commit(lambda: pagecache.content_changed([article.pk]))
    return article


def article_from_document(*, actor: Actor, document: Any) -> Article:
    """A draft article made from a signed document: its summary as the title, its
    text as the body, and its PDF (the signed scan first) attached."""
    require_scope(actor, MANAGE, school_id=document.school_id)
    if document.status not in ("signed", "published"):
        raise PermissionDenied
    source = document.signed_scan or document.pdf_file
    with transaction.atomic():
        article = Article(school_id=document.school_id, author=actor, document=document)
        article_fill(
            article,
            ArticleData(
                title=document.summary,
                summary=f"{document.symbol} — {document.summary}",
                body=paragraphs_html(document.body_text) if document.body_text else "",
            ),
        )
        article.slug = _unique_slug(
            Article, school_id=document.school_id, title=article.title, pk=None
        )
        if source:
            name = f"{slug_for(document.symbol.replace('/', ' '))}.pdf"
            with source.open("rb") as handle:
                content = ContentFile(handle.read())
            article.attachment.save(name, content, save=False)
            article.attachment_name = name
        article.save()
        audit_record(
            actor=actor,
            action="portal.article_from_document",
            instance=article,
            changes={"document": document.pk},
        )
    return article


def picture_upload(*, actor: Actor, school_id: int, title: str, upload: Any) -> Picture:
    """An image for article bodies, checked by content and kept in two sizes."""
    require_scope(actor, MANAGE, school_id=school_id)
    files = images.picture_files(upload)
    with transaction.atomic():
        picture = Picture(school_id=school_id, title=title.strip(), uploaded_by=actor)
        picture.large.save(files.large.name, files.large, save=False)
        picture.medium.save(files.medium.name, files.medium, save=False)
        picture.save()
        audit_record(actor=actor, action="portal.picture_upload", instance=picture)
    return picture


# --- Pages and banners ---------------------------------------------------------------


def page_save(
    *, actor: Actor, school_id: int, page: Page | None, values: dict[str, Any]
) -> Page:
    """Create or edit a static page; its body is sanitised like an article's."""
    require_scope(actor, MANAGE, school_id=school_id)
    with transaction.atomic():
        page = page or Page(school_id=school_id)
        for name, value in values.items():
            setattr(page, name, value)
        page.body = body_html(page.body)
        if not page.slug:
            page.slug = _unique_slug(
                Page, school_id=school_id, title=page.title, pk=page.pk
            )
        page.save()
        audit_record(actor=actor, action="portal.page_save", instance=page)
        transaction.on_commit(pagecache.content_changed)
    return page


def banner_save(
    *, actor: Actor, school_id: int, banner: Banner | None, values: dict[str, Any]
) -> Banner:
    require_scope(actor, MANAGE, school_id=school_id)
    if values["ends_on"] < values["starts_on"]:
        raise ValidationError(
            {"ends_on": _("Ngày kết thúc phải sau hoặc bằng ngày bắt đầu.")}
        )
    with transaction.atomic():
        banner = banner or Banner(school_id=school_id)
        for name, value in values.items():
            setattr(banner, name, value)
        banner.save()
        audit_record(actor=actor, action="portal.banner_save", instance=banner)
        transaction.on_commit(pagecache.content_changed)
    return banner
