"""Research topic pages: list, export, create/edit, detail with status steps,
acceptance, outputs and history."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from daotao.core.access import has_permission, home_school_id, permission_required
from daotao.core.forms import handle_action, handle_form
from daotao.core.listing import paginate, query_string_without, xlsx_response
from daotao.core.text import format_date
from daotao.faculty.selectors import school_lecturers
from daotao.research import services
from daotao.research.forms.topics import (
    AcceptForm,
    OutputForm,
    TopicFilterForm,
    TopicForm,
    TransitionForm,
)
from daotao.research.models import ResearchTopic
from daotao.research.selectors import papers
from daotao.research.selectors import topics as selectors
from daotao.research.services.topics import TRANSITIONS

VIEW = "research.view_topic"
MANAGE = "research.manage_topic"


def _lecturers(school_id: int) -> Any:
    return school_lecturers(school_id=school_id, active_only=False)


def _filters(request: HttpRequest) -> tuple[TopicFilterForm, selectors.TopicFilter]:
    form = TopicFilterForm(request.GET or None)
    if not form.is_valid():
        return form, selectors.TopicFilter()
    data = form.cleaned_data
    return form, selectors.TopicFilter(
        query=data["q"], level=data["level"], status=data["status"], year=data["year"]
    )


@permission_required(VIEW)
def topic_list_view(request: HttpRequest) -> HttpResponse:
    form, filters = _filters(request)
    topics = selectors.topic_list(actor=request.user, filters=filters)
    can_see_conferences = has_permission(request.user, "research.view_conference")
    context = {
        "filter_form": form,
        "page": paginate(request, topics),
        "is_filtered": filters != selectors.TopicFilter(),
        "query_without_page": query_string_without(request, "page"),
        "can_manage": has_permission(request.user, MANAGE),
        "can_see_conferences": can_see_conferences,
        # A reader of papers who does not see the conferences (a faculty head)
        # reaches each conference's papers from here; no delegate is shown.
        "paper_conferences": (
            papers.conferences_for_papers(request.user)
            if not can_see_conferences and has_permission(request.user, papers.VIEW)
            else ()
        ),
    }
    template = (
        "research/_topic_table.html" if request.htmx else "research/topic_list.html"
    )
    return render(request, template, context)


@permission_required(VIEW)
def topic_export_view(request: HttpRequest) -> HttpResponse:
    _form, filters = _filters(request)
    topics = selectors.topic_list(actor=request.user, filters=filters).prefetch_related(
        "members__person"
    )
    rows = (
        (
            index,
            topic.code,
            topic.title,
            topic.get_level_display(),
            topic.leader.person.full_name,
            ", ".join(m.person.full_name for m in topic.members.all()),
            format_date(topic.starts_on),
            format_date(topic.ends_on),
            topic.budget,
            topic.get_status_display(),
            topic.get_result_display() if topic.result else "",
            format_date(topic.accepted_on) if topic.accepted_on else "",
        )
        for index, topic in enumerate(topics, 1)
    )
    return xlsx_response(
        filename="danh-muc-de-tai-khoa-hoc",
        title=_("Danh mục đề tài khoa học"),
        headers=[
            _("STT"),
            _("Mã đề tài"),
            _("Tên đề tài"),
            _("Cấp"),
            _("Chủ nhiệm"),
            _("Thành viên"),
            _("Bắt đầu"),
            _("Kết thúc"),
            _("Kinh phí (đồng)"),
            _("Trạng thái"),
            _("Kết quả nghiệm thu"),
            _("Ngày nghiệm thu"),
        ],
        rows=rows,
    )


def _topic_data(data: dict) -> services.TopicData:
    return services.TopicData(
        code=data["code"].strip(),
        title=" ".join(data["title"].split()),
        level=data["level"],
        leader_id=data["leader"],
        starts_on=data["starts_on"],
        ends_on=data["ends_on"],
        budget=data["budget"],
        member_ids=tuple(data["members"]),
    )


def _detail_url(topic: ResearchTopic) -> str:
    return reverse("research:topic-detail", args=[topic.pk])


@permission_required(MANAGE)
def topic_create_view(request: HttpRequest) -> HttpResponse:
    school_id = home_school_id(request.user, MANAGE)
    return handle_form(
        request,
        TopicForm(request.POST or None, lecturers=_lecturers(school_id)),
        action=lambda data: services.topic_create(
            actor=request.user, school_id=school_id, data=_topic_data(data)
        ),
        success=lambda topic: _("Đã đăng ký đề tài %s.") % topic.code,
        redirect_to=_detail_url,
        template="research/form.html",
        context={
            "title": _("Đăng ký đề tài khoa học"),
            "back_url": reverse("research:topic-list"),
        },
    )


@permission_required(MANAGE)
def topic_update_view(request: HttpRequest, pk: int) -> HttpResponse:
    topic = selectors.get_topic_for_change(request.user, pk)
    initial = {
        "code": topic.code,
        "title": topic.title,
        "level": topic.level,
        "leader": topic.leader_id,
        "members": list(topic.members.values_list("pk", flat=True)),
        "starts_on": topic.starts_on,
        "ends_on": topic.ends_on,
        "budget": topic.budget,
    }
    return handle_form(
        request,
        TopicForm(
            request.POST or None, initial=initial, lecturers=_lecturers(topic.school_id)
        ),
        action=lambda data: services.topic_update(
            actor=request.user, topic=topic, data=_topic_data(data)
        ),
        success=lambda updated: _("Đã lưu đề tài %s.") % topic.code,
        redirect_to=_detail_url(topic),
        template="research/form.html",
        context={
            "title": _("Sửa đề tài %s") % topic.code,
            "back_url": _detail_url(topic),
        },
    )


def _render_detail(
    request: HttpRequest, topic: ResearchTopic, **forms: Any
) -> HttpResponse:
    can_manage = has_permission(request.user, MANAGE)
    lecturers = _lecturers(topic.school_id)
    context = {
        "topic": topic,
        "members": topic.members.select_related("person").order_by("person__sort_key"),
        "outputs": selectors.topic_outputs(topic=topic),
        "history": selectors.topic_history(topic=topic),
        "can_manage": can_manage,
        "next_statuses": [
            ResearchTopic.Status(s) for s in sorted(TRANSITIONS.get(topic.status, ()))
        ],
        "can_accept": can_manage and topic.status == ResearchTopic.Status.IN_PROGRESS,
    }
    if can_manage:
        context["accept_form"] = forms.get("accept_form") or AcceptForm()
        context["output_form"] = forms.get("output_form") or OutputForm(
            lecturers=lecturers
        )
    return render(request, "research/topic_detail.html", context)


@permission_required(VIEW)
def topic_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_detail(request, selectors.get_topic_for_view(request.user, pk))


@permission_required(MANAGE, methods=("POST",))
def topic_transition_view(request: HttpRequest, pk: int) -> HttpResponse:
    topic = selectors.get_topic_for_change(request.user, pk)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Trạng thái chuyển đến không hợp lệ."))
        return redirect("research:topic-detail", pk=topic.pk)
    return handle_action(
        request,
        lambda: services.topic_transition(
            actor=request.user,
            topic=topic,
            status=form.cleaned_data["status"],
            reason=form.cleaned_data["reason"],
        ),
        success=lambda moved: (
            _("Đề tài %(code)s chuyển sang “%(status)s”.")
            % {"code": moved.code, "status": moved.get_status_display()}
        ),
        redirect_to=_detail_url(topic),
    )


@permission_required(MANAGE, methods=("POST",))
def topic_accept_view(request: HttpRequest, pk: int) -> HttpResponse:
    topic = selectors.get_topic_for_change(request.user, pk)
    return handle_form(
        request,
        AcceptForm(request.POST),
        action=lambda data: services.topic_accept(
            actor=request.user, topic=topic, **data
        ),
        success=_("Đã ghi kết quả nghiệm thu đề tài."),
        redirect_to=_detail_url(topic),
        render=lambda form: _render_detail(
            request, selectors.get_topic_for_view(request.user, pk), accept_form=form
        ),
    )


@permission_required(MANAGE, methods=("POST",))
def output_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    topic = selectors.get_topic_for_change(request.user, pk)
    return handle_form(
        request,
        OutputForm(request.POST, lecturers=_lecturers(topic.school_id)),
        action=lambda data: services.output_add(
            actor=request.user,
            school_id=topic.school_id,
            topic=topic,
            data=services.OutputData(
                kind=data["kind"],
                title=data["title"],
                venue=data["venue"],
                year=data["year"],
                author_ids=tuple(data["authors"]),
            ),
        ),
        success=_("Đã ghi công trình."),
        redirect_to=_detail_url(topic),
        render=lambda form: _render_detail(
            request, selectors.get_topic_for_view(request.user, pk), output_form=form
        ),
    )
