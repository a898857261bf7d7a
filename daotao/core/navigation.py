"""The main menu: one entry per area, shown to the roles whose permission it needs."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from django.urls import get_script_prefix, reverse
from django.utils.translation import gettext_lazy as _

from daotao.core.access import roles_holding, user_roles


@dataclass(frozen=True)
class MenuItem:
    label: Any
    url_name: str
    permission: str | None  # None: any signed-in user


MENU: tuple[MenuItem, ...] = (
    MenuItem(_("Tổng quan"), "reports:dashboard", None),
    MenuItem(_("Số liệu"), "reports:figures", "reports.view_figures"),
    MenuItem(_("So sánh các trường"), "reports:comparison", "reports.view_comparison"),
    MenuItem(
        _("Trường chính trị chuẩn"),
        "standards:assessment-list",
        "standards.view_assessment",
    ),
    MenuItem(_("Lịch của tôi"), "teaching:my-timetable", "teaching.view_own_timetable"),
    MenuItem(_("Học tập của tôi"), "learning:portal", "learning.use_portal"),
    MenuItem(_("Điểm của tôi"), "assessment:my-scores", "assessment.view_own_scores"),
    MenuItem(_("Cán bộ"), "people:person-list", "people.view_person"),
    MenuItem(_("Chương trình"), "programs:program-list", "programs.view_program"),
    MenuItem(_("Cơ quan cử đi học"), "org:agency-list", "org.view_agency"),
    MenuItem(_("Khoa, phòng"), "org:unit-list", "org.view_unit"),
    MenuItem(_("Phòng học"), "org:room-list", "org.view_room"),
    MenuItem(_("Giảng viên"), "faculty:lecturer-list", "faculty.view_lecturer"),
    MenuItem(
        _("Phát triển giảng viên"), "faculty:due-list", "faculty.view_development"
    ),
    MenuItem(_("Kế hoạch"), "planning:plan-list", "planning.view_plan"),
    MenuItem(_("Tuyển sinh"), "enrolment:class-list", "enrolment.view_nomination"),
    MenuItem(
        _("Cán bộ đi học"), "outcomes:agency-cadres", "outcomes.view_agency_progress"
    ),
    MenuItem(_("Xếp lịch giảng"), "teaching:term-list", "teaching.view_schedule"),
    MenuItem(_("Điểm danh"), "learning:session-list", "learning.view_attendance"),
    MenuItem(_("Lớp chủ nhiệm"), "learning:class", "learning.manage_class"),
    MenuItem(_("Hỗ trợ học viên"), "learning:support-list", "learning.view_support"),
    MenuItem(
        _("Khen thưởng, rèn luyện"), "learning:decision-list", "learning.view_conduct"
    ),
    MenuItem(_("Đánh giá"), "assessment:cohort-list", "assessment.view_scores"),
    MenuItem(
        _("Chấm nghiên cứu"), "outcomes:research-task-list", "outcomes.grade_research"
    ),
    MenuItem(_("Văn bản đi"), "documents:register", "documents.view_document"),
    MenuItem(_("Giờ chuẩn"), "ledger:ledger-report", "ledger.view_ledger"),
    MenuItem(_("Văn bằng"), "credentials:register-list", "credentials.view_credential"),
    MenuItem(_("Đề tài khoa học"), "research:topic-list", "research.view_topic"),
    MenuItem(
        _("Hội thảo khoa học"), "research:conference-list", "research.view_conference"
    ),
    MenuItem(_("Cổng thông tin"), "portal:article-admin", "portal.manage_content"),
    MenuItem(_("Giờ chuẩn của tôi"), "ledger:ledger-own", "ledger.view_own_ledger"),
    MenuItem(
        _("Phản hồi của học viên"), "learning:feedback-own", "ledger.view_own_ledger"
    ),
    MenuItem(_("Bài cần phản biện"), "research:my-reviews", "research.review_paper"),
    MenuItem(
        _("Hồ sơ phát triển của tôi"), "faculty:my-dossier", "faculty.view_own_dossier"
    ),
    MenuItem(_("Phân quyền"), "accounts:permission-table", "accounts.view_user"),
    MenuItem(_("Quản trị"), "admin:index", "core.use_admin"),
)


# The top bar shows one drop-down per group (an entry not listed here stands
# alone); a group the user sees only one entry of shows that entry alone.
GROUPS: dict[str, Any] = {
    **dict.fromkeys(
        (
            "teaching:my-timetable",
            "learning:portal",
            "assessment:my-scores",
            "ledger:ledger-own",
            "learning:feedback-own",
            "research:my-reviews",
            "faculty:my-dossier",
        ),
        _("Của tôi"),
    ),
    **dict.fromkeys(
        ("research:topic-list", "research:conference-list"), _("Nghiên cứu khoa học")
    ),
    **dict.fromkeys(
        (
            "programs:program-list",
            "planning:plan-list",
            "enrolment:class-list",
            "teaching:term-list",
            "learning:session-list",
            "learning:class",
            "learning:support-list",
            "learning:decision-list",
            "assessment:cohort-list",
            "outcomes:research-task-list",
            "credentials:register-list",
        ),
        _("Đào tạo"),
    ),
    **dict.fromkeys(
        (
            "people:person-list",
            "faculty:lecturer-list",
            "faculty:due-list",
            "ledger:ledger-report",
            "outcomes:agency-cadres",
        ),
        _("Cán bộ, giảng viên"),
    ),
    **dict.fromkeys(
        ("org:agency-list", "org:unit-list", "org:room-list"), _("Tổ chức")
    ),
    **dict.fromkeys(("accounts:permission-table", "admin:index"), _("Hệ thống")),
}


def menu_groups(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """`menu_for`'s entries as the top bar shows them: groups in the order of their
    first entry, each {"label", "items", "is_current"}; a lone entry has no label."""
    entries: list[dict[str, Any]] = []
    by_label: dict[Any, dict[str, Any]] = {}
    for item in items:
        label = item.get("group")
        if label is None:
            entries.append({"label": None, "items": [item]})
            continue
        if label not in by_label:
            by_label[label] = {"label": label, "items": []}
            entries.append(by_label[label])
        by_label[label]["items"].append(item)
    for entry in entries:
        if len(entry["items"]) == 1:
            entry["label"] = None
        entry["is_current"] = any(i["is_current"] for i in entry["items"])
    return entries


@functools.cache
def _url(url_name: str, script_prefix: str) -> str:
    """The menu's URLs are the same on every request of a process: reversed once
    (per script prefix), not 26 times a page (docs/adr/0029)."""
    return reverse(url_name)


def menu_for(user: Any, current_path: str = "") -> list[dict[str, Any]]:
    """The menu entries `user` may open, marking the one `current_path` is under."""
    prefix = get_script_prefix()
    roles = user_roles(user)
    home = _url("reports:dashboard", prefix)
    items = []
    for item in MENU:
        if item.permission and not roles & roles_holding(item.permission):
            continue
        url = _url(item.url_name, prefix)
        is_current = current_path.startswith(url) and (
            url != home or current_path == url
        )
        items.append(
            {
                "label": item.label,
                "url": url,
                "is_current": is_current,
                "group": GROUPS.get(item.url_name),
            }
        )
    return items
