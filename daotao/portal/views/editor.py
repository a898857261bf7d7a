"""The editor side of the public site (role Biên tập viên, and leadership):
articles from draft to published, pages, banners, and signed documents."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from daotao.core.access import permission_required
from daotao.core.forms import add_service_errors
from daotao.core.listing import paginate, query_string_without
from daotao.portal import selectors, services
from daotao.portal.forms import (
    ArticleForm,
    BannerForm,
    EditorFilterForm,
    PageForm,
    PictureForm,
    PublishForm,
)
from daotao.portal.models import Article
from daotao.portal.views import public

MANAGE = "portal.manage_content"


def _school_id(request: HttpRequest) -> int:
    school_id = selectors.editor_school_id(request.user)
    if school_id is None:
        raise Http404
    return school_id


# --- Articles ------------------------------------------------------------------------


@permission_required(MANAGE)
def article_list_view(request: HttpRequest) -> HttpResponse:
    form = EditorFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {"q": "", "status": ""}
    articles = selectors.editor_articles(
        actor=request.user, query=filters["q"], status=filters["status"]
    )
    context = {
        "filter_form": form,
        "page": paginate(request, articles),
        "query_without_page": query_string_without(request, "page"),
    }
    return render(request, "portal/editor/article_list.html", context)


def _article_data(form: ArticleForm) -> services.ArticleData:
    data = form.cleaned_data
    return services.ArticleData(
        title=data["title"],
        summary=data["summary"],
        body=data["body"],
        category_id=data["category"].pk if data["category"] else None,
        tags=data["tags"],
    )


def _article_form(request: HttpRequest, **kwargs: Any) -> ArticleForm:
    categories = selectors.editor_categories(actor=request.user)
    if request.method == "POST":
        return ArticleForm(request.POST, request.FILES, categories=categories)
    return ArticleForm(categories=categories, **kwargs)


@permission_required(MANAGE)
def article_create_view(request: HttpRequest) -> HttpResponse:
    form = _article_form(request)
    if request.method == "POST" and form.is_valid():
        try:
            article = services.article_create(
                actor=request.user,
                school_id=_school_id(request),
                data=_article_data(form),
                cover=form.cleaned_data["cover"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã lưu bản nháp “%s”.") % article.title)
            return redirect("portal:article-update", pk=article.pk)
    return render(request, "portal/editor/article_form.html", {"form": form})


@permission_required(MANAGE)
def article_update_view(request: HttpRequest, pk: int) -> HttpResponse:
    article = selectors.get_article_for_edit(request.user, pk)
    initial = {
        "title": article.title,
        "summary": article.summary,
        "body": article.body,
        "category": article.category_id,
        "tags": article.tags,
    }
    form = _article_form(request, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.article_update(
                actor=request.user,
                article=article,
                data=_article_data(form),
                cover=form.cleaned_data["cover"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã lưu bài viết."))
            return redirect("portal:article-update", pk=article.pk)
    context = {"form": form, "article": article, "publish_form": PublishForm()}
    return render(request, "portal/editor/article_form.html", context)


@permission_required(MANAGE)
def article_preview_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The article as the public will see it, even as a draft; never cached."""
    article = selectors.get_article_for_edit(request.user, pk)
    context = {
        "article": article,
        "other_news": selectors.other_news(article),
        "is_preview": True,
    }
    html = public.render_site(
        request, "portal/article.html", context, article.school_id
    )
    response = public.respond(html, article.school_id, views=article.view_count)
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "no-store"
    return response


@permission_required(MANAGE, methods=("POST",))
def article_publish_view(request: HttpRequest, pk: int) -> HttpResponse:
    article = selectors.get_article_for_edit(request.user, pk)
    form = PublishForm(request.POST)
    if not form.is_valid():
        messages.error(
            request, _("Thời điểm hẹn đăng không đúng dạng dd/mm/yyyy hh:mm.")
        )
        return redirect("portal:article-update", pk=pk)
    try:
        article = services.article_publish(
            actor=request.user, article=article, at=form.cleaned_data["at"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if article.status == Article.Status.SCHEDULED:
            messages.success(request, _("Đã hẹn giờ đăng bài viết."))
        else:
            messages.success(request, _("Đã đăng bài viết lên cổng thông tin."))
    return redirect("portal:article-update", pk=pk)


@permission_required(MANAGE, methods=("POST",))
def article_withdraw_view(request: HttpRequest, pk: int) -> HttpResponse:
    article = selectors.get_article_for_edit(request.user, pk)
    services.article_withdraw(actor=request.user, article=article)
    messages.success(request, _("Đã gỡ bài viết khỏi cổng thông tin."))
    return redirect("portal:article-update", pk=pk)


# --- Signed documents ----------------------------------------------------------------


@permission_required(MANAGE)
def document_list_view(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")[:100]
    documents = selectors.publishable_documents(actor=request.user, query=query)
    context = {
        "page": paginate(request, documents),
        "query": query,
        "query_without_page": query_string_without(request, "page"),
    }
    return render(request, "portal/editor/document_list.html", context)


@permission_required(MANAGE, methods=("POST",))
def document_publish_view(request: HttpRequest, pk: int) -> HttpResponse:
    document = selectors.get_document_for_publishing(request.user, pk)
    article = services.article_from_document(actor=request.user, document=document)
    messages.success(
        request,
        _("Đã tạo bản nháp từ văn bản %s; kiểm tra rồi bấm “Đăng”.") % document.symbol,
    )
    return redirect("portal:article-update", pk=article.pk)


@permission_required(MANAGE)
def picture_list_view(request: HttpRequest) -> HttpResponse:
    """Images for article bodies: upload one, copy its HTML into a body."""
    form = PictureForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.picture_upload(
                actor=request.user,
                school_id=_school_id(request),
                title=form.cleaned_data["title"],
                upload=form.cleaned_data["image"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã tải ảnh lên."))
            return redirect("portal:picture-list")
    context = {
        "form": form,
        "page": paginate(request, selectors.editor_pictures(actor=request.user)),
        "query_without_page": query_string_without(request, "page"),
    }
    return render(request, "portal/editor/picture_list.html", context)


@permission_required(MANAGE, methods=("POST",))
def picture_upload_view(request: HttpRequest) -> HttpResponse:
    """The editor's image button: the image goes through the same checks as on the
    pictures page (type by content, 5 MB, pixels) and the answer is its URL."""
    form = PictureForm(request.POST, request.FILES)
    if not form.is_valid():
        errors = [e for field in form.errors.values() for e in field]
        return JsonResponse({"error": " ".join(errors)}, status=400)
    try:
        picture = services.picture_upload(
            actor=request.user,
            school_id=_school_id(request),
            title=form.cleaned_data["title"],
            upload=form.cleaned_data["image"],
        )
    except ValidationError as error:
        return JsonResponse({"error": " ".join(error.messages)}, status=400)
    return JsonResponse({"src": picture.large.url, "alt": picture.title}, status=201)


# --- Pages and banners ---------------------------------------------------------------


@permission_required(MANAGE)
def page_list_view(request: HttpRequest) -> HttpResponse:
    pages = selectors.editor_pages(actor=request.user)
    return render(request, "portal/editor/page_list.html", {"pages": pages})


def _page_form_view(request: HttpRequest, page: Any) -> HttpResponse:
    initial = (
        {
            "title": page.title,
            "body": page.body,
            "position": page.position,
            "is_in_menu": page.is_in_menu,
            "is_published": page.is_published,
        }
        if page
        else {"is_in_menu": True, "is_published": True}
    )
    form = PageForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.page_save(
            actor=request.user,
            school_id=_school_id(request),
            page=page,
            values=form.cleaned_data,
        )
        messages.success(request, _("Đã lưu trang."))
        return redirect("portal:page-list")
    return render(request, "portal/editor/page_form.html", {"form": form, "page": page})


@permission_required(MANAGE)
def page_create_view(request: HttpRequest) -> HttpResponse:
    return _page_form_view(request, None)


@permission_required(MANAGE)
def page_update_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _page_form_view(request, selectors.get_page_for_edit(request.user, pk))


@permission_required(MANAGE)
def banner_list_view(request: HttpRequest) -> HttpResponse:
    banners = selectors.editor_banners(actor=request.user)
    return render(request, "portal/editor/banner_list.html", {"banners": banners})


def _banner_form_view(request: HttpRequest, banner: Any) -> HttpResponse:
    fields = ("title", "link_url", "starts_on", "ends_on", "position")
    initial = {name: getattr(banner, name) for name in fields} if banner else {}
    form = BannerForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.banner_save(
                actor=request.user,
                school_id=_school_id(request),
                banner=banner,
                values=form.cleaned_data,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã lưu biểu ngữ."))
            return redirect("portal:banner-list")
    context = {"form": form, "banner": banner}
    return render(request, "portal/editor/banner_form.html", context)


@permission_required(MANAGE)
def banner_create_view(request: HttpRequest) -> HttpResponse:
    return _banner_form_view(request, None)


@permission_required(MANAGE)
def banner_update_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _banner_form_view(request, selectors.get_banner_for_edit(request.user, pk))
