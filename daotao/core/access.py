"""The access policy: roles, the one permission table, and view declarations.

Every view declares what it needs: ``@public``, ``@login_only`` (any signed-in user) or
``@permission_required("app.verb_entity")`` (views are functions; a form page's POST
goes through ``core.forms.handle_form``). The URL-walking test fails on any view
without one.
Rows are narrowed here too: every scoped model declares once, as `scope_path`, how
its rows reach a school, a unit and an agency (`ScopePath`); selectors read through
`Model.objects.visible_to(actor, permission)`, which fails closed for a bound role
and a model without the matching path; writes check with `require_scope`.
"""

from __future__ import annotations

import functools
import logging
import operator
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.db import models
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.utils.translation import gettext_lazy as _

from daotao.core.actors import Actor
from daotao.core.network import client_ip

security_log = logging.getLogger("daotao.security")

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class Role(models.TextChoices):
    LEADERSHIP = "leadership", _("Ban Giám hiệu")
    TRAINING_OFFICE = "training_office", _("Phòng Quản lý đào tạo")
    FACULTY_HEAD = "faculty_head", _("Trưởng khoa")
    LECTURER = "lecturer", _("Giảng viên")
    HOMEROOM_LECTURER = "homeroom_lecturer", _("Giảng viên chủ nhiệm")
    LEARNER = "learner", _("Học viên")
    AGENCY_COORDINATOR = "agency_coordinator", _("Cán bộ tổ chức cơ quan cử")
    RESEARCH_OFFICE = "research_office", _("Phòng Nghiên cứu khoa học")
    COMMUNICATIONS = "communications", _("Biên tập viên")
    SUPERVISOR = "supervisor", _("Cơ quan giám sát")
    PROVINCIAL_BOARD = "provincial_board", _("Ban Tổ chức Tỉnh ủy")
    ADMINISTRATOR = "administrator", _("Quản trị hệ thống")


# Roles that may only read: every unsafe request of theirs is refused.
READ_ONLY_ROLES = frozenset({Role.SUPERVISOR})

# Roles that read and write only through the permissions listed: every other unsafe
# request of theirs is refused, as a read-only role's is. The province's board
# (Ban Tổ chức Tỉnh ủy) reviews the school's plan and nothing else
# (docs/adr/0037-province-in-the-plan-loop.md).
WRITES_ONLY_THROUGH: dict[Role, frozenset[str]] = {
    Role.PROVINCIAL_BOARD: frozenset({"planning.review_plan"}),
}

R = Role
_STAFF = frozenset({R.ADMINISTRATOR, R.LEADERSHIP, R.TRAINING_OFFICE})

# The permission table: permission → the roles that hold it. It is the documentation
# of who may do what; docs and the role-matrix test are generated from it.
PERMISSIONS: dict[str, frozenset[Role]] = {
    "core.use_admin": frozenset({R.ADMINISTRATOR}),
    "org.view_agency": _STAFF
    | {
        R.FACULTY_HEAD,
        R.RESEARCH_OFFICE,
        R.SUPERVISOR,
        R.AGENCY_COORDINATOR,
        R.PROVINCIAL_BOARD,
    },
    "org.export_agency": _STAFF | {R.SUPERVISOR},
    "org.import_agency": frozenset({R.ADMINISTRATOR, R.TRAINING_OFFICE}),
    "org.view_unit": _STAFF | {R.FACULTY_HEAD, R.RESEARCH_OFFICE, R.SUPERVISOR},
    "org.view_room": _STAFF | {R.FACULTY_HEAD, R.SUPERVISOR},
    "org.manage_room": frozenset({R.ADMINISTRATOR, R.TRAINING_OFFICE}),
    "people.view_person": _STAFF
    | {R.FACULTY_HEAD, R.RESEARCH_OFFICE, R.SUPERVISOR, R.AGENCY_COORDINATOR},
    "people.add_person": _STAFF | {R.AGENCY_COORDINATOR},
    "people.change_person": _STAFF | {R.AGENCY_COORDINATOR},
    "people.import_person": frozenset({R.ADMINISTRATOR, R.TRAINING_OFFICE}),
    "people.export_person": _STAFF | {R.AGENCY_COORDINATOR, R.SUPERVISOR},
    "documents.view_document": _STAFF
    | {R.FACULTY_HEAD, R.RESEARCH_OFFICE, R.SUPERVISOR},
    "documents.draft_document": _STAFF | {R.RESEARCH_OFFICE},
    "documents.sign_document": frozenset({R.LEADERSHIP}),
    "documents.publish_document": frozenset({R.LEADERSHIP}),
    "documents.export_register": _STAFF | {R.RESEARCH_OFFICE, R.SUPERVISOR},
    "planning.view_plan": _STAFF
    | {R.FACULTY_HEAD, R.RESEARCH_OFFICE, R.SUPERVISOR, R.PROVINCIAL_BOARD},
    "planning.manage_plan": frozenset({R.ADMINISTRATOR, R.TRAINING_OFFICE}),
    # Leadership approves the plan of a school whose plans the province does not
    # approve (School.plans_approved_by_province False).
    "planning.approve_plan": frozenset({R.LEADERSHIP}),
    # The province's board (Ban Tổ chức Tỉnh ủy) returns with its comment or
    # approves the plan of a school whose plans it approves, and adjusts the
    # agencies' places while the plan is submitted (docs/adr/0037).
    "planning.review_plan": frozenset({R.PROVINCIAL_BOARD}),
    "enrolment.view_nomination": _STAFF | {R.SUPERVISOR, R.AGENCY_COORDINATOR},
    "enrolment.nominate": frozenset(
        {R.ADMINISTRATOR, R.TRAINING_OFFICE, R.AGENCY_COORDINATOR}
    ),
    "enrolment.review_nomination": frozenset({R.ADMINISTRATOR, R.TRAINING_OFFICE}),
    "enrolment.admit": frozenset({R.ADMINISTRATOR, R.TRAINING_OFFICE}),
    "enrolment.view_cohort": _STAFF
    | {R.FACULTY_HEAD, R.SUPERVISOR, R.AGENCY_COORDINATOR},
    "faculty.view_lecturer": _STAFF | {R.FACULTY_HEAD, R.SUPERVISOR},
    "faculty.manage_lecturer": frozenset({R.ADMINISTRATOR, R.TRAINING_OFFICE}),
    # Lecturer development: dossiers, field practice, rotation, contests, the
    # annual evaluation and who is due what. A faculty head manages their own
    # faculty's lecturers (UNIT_BOUND); leadership decides the year's band.
    "faculty.view_development": _STAFF | {R.FACULTY_HEAD, R.SUPERVISOR},
    "faculty.manage_development": frozenset(
        {R.ADMINISTRATOR, R.TRAINING_OFFICE, R.FACULTY_HEAD}
    ),
    "faculty.evaluate_lecturer": frozenset({R.ADMINISTRATOR, R.LEADERSHIP}),
    "faculty.manage_rules": frozenset({R.ADMINISTRATOR, R.TRAINING_OFFICE}),
    # A lecturer's own dossier (read-only).
    "faculty.view_own_dossier": frozenset(
        {R.LECTURER, R.HOMEROOM_LECTURER, R.FACULTY_HEAD}
    ),
    "teaching.view_schedule": _STAFF | {R.FACULTY_HEAD, R.SUPERVISOR},
    # Class observations (dự giờ, thao giảng) and their evaluation forms.
    "teaching.view_observation": _STAFF | {R.FACULTY_HEAD, R.SUPERVISOR},
    "teaching.manage_observation": frozenset(
        {R.ADMINISTRATOR, R.TRAINING_OFFICE, R.FACULTY_HEAD}
    ),
    "teaching.manage_schedule": frozenset({R.ADMINISTRATOR, R.TRAINING_OFFICE}),
    # One's own timetable: a lecturer's sessions, a learner's cohort's sessions.
    "teaching.view_own_timetable": frozenset(
        {R.LECTURER, R.HOMEROOM_LECTURER, R.FACULTY_HEAD, R.LEARNER}
    ),
    "ledger.view_ledger": _STAFF | {R.FACULTY_HEAD, R.SUPERVISOR},
    "ledger.manage_ledger": frozenset({R.ADMINISTRATOR, R.TRAINING_OFFICE}),
    "ledger.view_own_ledger": frozenset(
        {R.LECTURER, R.HOMEROOM_LECTURER, R.FACULTY_HEAD}
    ),
    "assessment.view_scores": _STAFF
    | {R.FACULTY_HEAD, R.LECTURER, R.HOMEROOM_LECTURER, R.SUPERVISOR},
    "assessment.enter_scores": frozenset(
        {R.LECTURER, R.FACULTY_HEAD, R.TRAINING_OFFICE, R.ADMINISTRATOR}
    ),
    "assessment.lock_scores": frozenset({R.TRAINING_OFFICE, R.ADMINISTRATOR}),
    "assessment.amend_scores": frozenset({R.TRAINING_OFFICE, R.ADMINISTRATOR}),
    "assessment.view_own_scores": frozenset({R.LEARNER}),
    "credentials.view_credential": _STAFF | {R.SUPERVISOR},
    "credentials.issue_credential": frozenset({R.TRAINING_OFFICE, R.ADMINISTRATOR}),
    # Bringing in the school's old registers (historical credentials).
    "credentials.import_credentials": frozenset({R.TRAINING_OFFICE, R.ADMINISTRATOR}),
    "learning.view_attendance": _STAFF
    | {R.FACULTY_HEAD, R.LECTURER, R.HOMEROOM_LECTURER, R.SUPERVISOR},
    "learning.record_attendance": frozenset(
        {R.ADMINISTRATOR, R.TRAINING_OFFICE, R.LECTURER, R.HOMEROOM_LECTURER}
    ),
    "learning.manage_class": frozenset(
        {R.ADMINISTRATOR, R.TRAINING_OFFICE, R.HOMEROOM_LECTURER}
    ),
    # The learner's own portal: their timetable, attendance, scores, leave,
    # feedback and research task.
    "learning.use_portal": frozenset({R.LEARNER}),
    # Learner support (docs/adr/0034): the rates, the communes' distances and the
    # payment lists; leadership signs the payment decision in documents.
    "learning.view_support": _STAFF | {R.SUPERVISOR},
    "learning.manage_support": frozenset({R.ADMINISTRATOR, R.TRAINING_OFFICE}),
    # Rewards, discipline and the end-of-course conduct classification: the office
    # and the homeroom lecturer (their own cohorts); the agency sees its cadres'
    # through outcomes.
    "learning.view_conduct": _STAFF | {R.HOMEROOM_LECTURER, R.SUPERVISOR},
    "learning.manage_conduct": frozenset(
        {R.ADMINISTRATOR, R.TRAINING_OFFICE, R.HOMEROOM_LECTURER}
    ),
    # The conduct bands and points (a rule set): the office alone.
    "learning.manage_conduct_rules": frozenset({R.ADMINISTRATOR, R.TRAINING_OFFICE}),
    # Who was trained, in what, with what result: an agency its own cadres; the
    # school's staff and the province's board every agency of the school.
    "outcomes.view_agency_progress": _STAFF
    | {R.AGENCY_COORDINATOR, R.SUPERVISOR, R.PROVINCIAL_BOARD},
    "outcomes.assign_research": frozenset(
        {R.ADMINISTRATOR, R.TRAINING_OFFICE, R.AGENCY_COORDINATOR}
    ),
    "outcomes.grade_research": frozenset(
        {R.LECTURER, R.HOMEROOM_LECTURER, R.FACULTY_HEAD, R.TRAINING_OFFICE}
    ),
    "outcomes.record_placement": frozenset(
        {R.ADMINISTRATOR, R.TRAINING_OFFICE, R.AGENCY_COORDINATOR}
    ),
    "programs.view_program": _STAFF
    | {R.FACULTY_HEAD, R.LECTURER, R.RESEARCH_OFFICE, R.SUPERVISOR},
    "programs.manage_program": _STAFF,
    # Research: the research office runs topics and conferences;
    # leadership and the training office read; the door staff check delegates in.
    "research.view_topic": _STAFF | {R.RESEARCH_OFFICE, R.FACULTY_HEAD, R.SUPERVISOR},
    "research.manage_topic": frozenset({R.ADMINISTRATOR, R.RESEARCH_OFFICE}),
    "research.view_conference": _STAFF | {R.RESEARCH_OFFICE, R.SUPERVISOR},
    "research.manage_conference": frozenset({R.ADMINISTRATOR, R.RESEARCH_OFFICE}),
    "research.check_in_delegate": frozenset(
        {R.ADMINISTRATOR, R.RESEARCH_OFFICE, R.TRAINING_OFFICE}
    ),
    # Papers, reviews, the programme, proceedings and the conference's documents.
    "research.view_paper": _STAFF | {R.RESEARCH_OFFICE, R.FACULTY_HEAD, R.SUPERVISOR},
    "research.manage_paper": frozenset({R.ADMINISTRATOR, R.RESEARCH_OFFICE}),
    # A lecturer assigned as reviewer enters their own reviews ("Bài cần phản
    # biện"); the rows are only the reviews assigned to their own person.
    "research.review_paper": frozenset(
        {R.LECTURER, R.HOMEROOM_LECTURER, R.FACULTY_HEAD}
    ),
    # The public site's content: articles, pages, banners.
    "portal.manage_content": frozenset({R.COMMUNICATIONS, R.LEADERSHIP}),
    # The school's figures with charts (reports:figures); each chart also needs the
    # permission of the app whose rows it counts.
    "reports.view_figures": _STAFF | {R.SUPERVISOR},
    # The schools side by side (reports:comparison): the Academy's supervisor over
    # every school; aggregates only.
    "reports.view_comparison": frozenset({R.ADMINISTRATOR, R.SUPERVISOR}),
    # A school's period report (its figures of a year or half-year, frozen) and
    # its statistical report: leadership and the training office submit it;
    # supervisors read the submitted ones.
    "reports.view_period_report": _STAFF | {R.SUPERVISOR},
    "reports.submit_period_report": _STAFF,
    # The standard-school self-assessment (Quy định 11-QĐ/TW): leadership and the
    # training office keep it; supervisors read; leadership edits the thresholds.
    "standards.view_assessment": _STAFF | {R.SUPERVISOR},
    "standards.manage_assessment": _STAFF,
    "standards.manage_rule_set": frozenset({R.ADMINISTRATOR, R.LEADERSHIP}),
    "accounts.view_user": frozenset({R.ADMINISTRATOR}),
    "accounts.manage_user": frozenset({R.ADMINISTRATOR}),
}


def roles_holding(permission: str) -> frozenset[Role]:
    """The roles that hold `permission`; an undeclared permission is an error."""
    try:
        return PERMISSIONS[permission]
    except KeyError:
        raise LookupError(f"Permission {permission!r} is not in the table") from None


def user_roles(user: Any) -> frozenset[str]:
    """The active role codes of `user` (the User model answers via `active_roles`)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    return frozenset(user.active_roles())


def has_permission(user: Any, permission: str) -> bool:
    """Whether any active role of `user` holds `permission`."""
    return bool(user_roles(user) & roles_holding(permission))


def is_read_only(user: Any) -> bool:
    """A user whose every role is read-only (a supervisor) may not write anything."""
    roles = user_roles(user)
    return bool(roles) and roles <= READ_ONLY_ROLES


def writes_limited_to(user: Any) -> frozenset[str] | None:
    """The only permissions `user` may write through, when every role of theirs is
    limited (`WRITES_ONLY_THROUGH`); None when some role of theirs writes as the
    permission table says."""
    roles = user_roles(user)
    if not roles or not roles <= set(WRITES_ONLY_THROUGH):
        return None
    return frozenset().union(*(WRITES_ONLY_THROUGH[Role(r)] for r in roles))


@dataclass(frozen=True)
class Access:
    """A view's declaration: public, any signed-in user, or one permission."""

    kind: str  # "public" | "login" | "own_account" | "permission"
    permission: str = ""
    methods: frozenset[str] | None = None  # None: any method the view handles

    def __str__(self) -> str:
        return self.permission or self.kind


PUBLIC = Access("public")
LOGIN = Access("login")
# The signed-in user's own credentials (password, second factor): read-only roles
# may write here too, since a supervisor must still be able to keep its account safe.
OWN_ACCOUNT = Access("own_account")


def check_request(request: HttpRequest, access: Access) -> HttpResponse | None:
    """None if the request may proceed; otherwise the refusal (redirect or 403)."""
    if access.kind == "public":
        return None
    user = request.user
    if not user.is_authenticated:
        # Imported here: auth views import the user model, which imports this module.
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(request.get_full_path())
    writes_own_account = access.kind == "own_account"
    if (
        request.method not in SAFE_METHODS
        and is_read_only(user)
        and not writes_own_account
    ):
        log_denied(request, access)
        raise PermissionDenied(_("Tài khoản giám sát chỉ được xem, không được sửa."))
    if request.method not in SAFE_METHODS and not writes_own_account:
        limited = writes_limited_to(user)
        if limited is not None and access.permission not in limited:
            log_denied(request, access)
            raise PermissionDenied(
                _(
                    "Tài khoản của Ban Tổ chức Tỉnh ủy chỉ được xem và thẩm định kế "
                    "hoạch đào tạo, bồi dưỡng."
                )
            )
    if access.kind == "permission" and not has_permission(user, access.permission):
        log_denied(request, access)
        raise PermissionDenied(_("Bạn không có quyền thực hiện chức năng này."))
    if access.methods is not None and request.method not in access.methods:
        return HttpResponseNotAllowed(sorted(access.methods))
    return None


def log_denied(request: HttpRequest, access: Access) -> None:
    security_log.warning(
        "access denied",
        extra={
            "event": "access_denied",
            "user": getattr(request.user, "pk", None),
            "path": request.path,
            "method": request.method,
            "permission": str(access),
            "ip": client_ip(request) or None,
            "result": "denied",
        },
    )


def log_personal_data_export(
    *, actor: Actor, object_type: str, filters: dict[str, Any], request: Any = None
) -> None:
    """Record an export of personal data: who, what, which filter,
    from where."""
    security_log.info(
        "personal data export",
        extra={
            "event": "export_personal_data",
            "user": getattr(actor, "pk", None),
            "object": object_type,
            "filters": filters,
            "ip": (client_ip(request) or None) if request is not None else None,
            "result": "ok",
        },
    )


def _declare(view: Callable[..., HttpResponse], access: Access) -> Callable[..., Any]:
    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        refusal = check_request(request, access)
        if refusal is not None:
            return refusal
        return view(request, *args, **kwargs)

    wrapped.access = access  # type: ignore[attr-defined]
    return wrapped


def public(view: Callable[..., HttpResponse]) -> Callable[..., Any]:
    """Declare a view open to everyone, signed in or not."""
    return _declare(view, PUBLIC)


def login_only(view: Callable[..., HttpResponse]) -> Callable[..., Any]:
    """Declare a view open to any signed-in user (their own account pages)."""
    return _declare(view, LOGIN)


def login_action(view: Callable[..., HttpResponse]) -> Callable[..., Any]:
    """Declare a button of any signed-in user's own (POST only)."""
    return _declare(view, Access("login", methods=frozenset({"POST"})))


def own_account(view: Callable[..., HttpResponse]) -> Callable[..., Any]:
    """Declare a page where any signed-in user changes their own credentials."""
    return _declare(view, OWN_ACCOUNT)


def permission_required(
    permission: str, *, methods: tuple[str, ...] | None = None
) -> Callable[..., Callable[..., Any]]:
    """Declare the permission a function view needs (and, for actions, the methods)."""
    roles_holding(permission)  # fail at import time on a typo
    allowed = frozenset(methods) if methods is not None else None

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., Any]:
        return _declare(view, Access("permission", permission, allowed))

    return decorator


def declared_access_of(callback: Callable[..., Any]) -> Access | None:
    """The declaration attached to a resolved view callback, if any."""
    return getattr(callback, "access", None)


def permission_table_rows(
    roles: Iterable[Role] = tuple(Role),
) -> list[tuple[str, list[bool]]]:
    """The table as rows of (permission, [holds? per role]) for docs and the UI."""
    roles = list(roles)
    return [
        (permission, [role in holders for role in roles])
        for permission, holders in sorted(PERMISSIONS.items())
    ]


@dataclass(frozen=True)
class Scope:
    """Which rows a user reaches through one permission.

    `schools` maps a school id to None (every row of that school) or to the set of
    agency ids the user is limited to there; `all_schools` is a supervisor over the
    whole deployment.
    """

    all_schools: bool = False
    schools: dict[int, frozenset[int] | None] | None = None

    @property
    def is_empty(self) -> bool:
        return not self.all_schools and not self.schools


# Roles whose reach within a school is limited to the agency of their membership.
AGENCY_BOUND_ROLES = frozenset({Role.AGENCY_COORDINATOR})
# Roles whose reach, through the permissions listed, is their own rows: the cohorts
# they teach (a published session), examine or are homeroom lecturer of, and those
# cohorts' sessions and score sheets. `visible_to` narrows through the model's
# `ScopePath.lecturer`; a model that declares none shows such a role nothing.
LECTURER_ROLES = frozenset({Role.LECTURER, Role.HOMEROOM_LECTURER})
_OWN_ROWS = frozenset(
    {
        "assessment.view_scores",
        "assessment.enter_scores",
        "learning.view_attendance",
        # the conduct of the cohorts they are homeroom lecturer of (or teach)
        "learning.view_conduct",
        "learning.manage_conduct",
        # the reviews assigned to them ("Bài cần phản biện")
        "research.review_paper",
    }
)
LECTURER_BOUND: dict[Role, frozenset[str]] = dict.fromkeys(LECTURER_ROLES, _OWN_ROWS)


# Roles whose membership names a unit and who, through the permissions listed, reach
# only that unit's rows: a faculty head reviews the workload of their own faculty.
UNIT_BOUND: dict[Role, frozenset[str]] = {
    Role.FACULTY_HEAD: frozenset({"ledger.view_ledger", "faculty.manage_development"}),
}


def unit_limit(user: Any, permission: str) -> frozenset[int] | None:
    """The units `user` is limited to through `permission`, or None when some role
    of theirs holding it reaches the whole school (or all schools)."""
    units: set[int] = set()
    holders = roles_holding(permission)
    for role, _school_id, unit_id, _agency_id in user.membership_scopes():
        if role not in holders:
            continue
        if permission not in UNIT_BOUND.get(role, ()):
            return None
        if unit_id is not None:
            units.add(unit_id)
    return frozenset(units)


def lecturer_limit(user: Any, permission: str) -> frozenset[int] | None:
    """The person ids whose own rows `user` is limited to through `permission`:
    their own (empty when they have no person record), or None when some role of
    theirs holding it reaches beyond a lecturer's own rows."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    holders = roles_holding(permission)
    bound = False
    for role, _school_id, _unit_id, _agency_id in user.membership_scopes():
        if role not in holders:
            continue
        if permission not in LECTURER_BOUND.get(role, ()):
            return None
        bound = True
    if not bound:
        return None
    person_id = getattr(user, "person_id", None)
    return frozenset() if person_id is None else frozenset({person_id})


def scope_for(user: Any, permission: str) -> Scope:
    """The rows `user` reaches through `permission`, from their memberships."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Scope()
    holders = roles_holding(permission)
    schools: dict[int, set[int] | None] = {}
    for role, school_id, _unit_id, agency_id in user.membership_scopes():
        if role not in holders:
            continue
        if school_id is None:
            return Scope(all_schools=True)
        if role in AGENCY_BOUND_ROLES:
            if schools.get(school_id, set()) is not None:
                schools.setdefault(school_id, set()).add(agency_id)
        else:
            schools[school_id] = None
    return Scope(
        schools={
            sid: None if agencies is None else frozenset(agencies)
            for sid, agencies in schools.items()
        }
    )


def home_school_id(user: Any, permission: str) -> int | None:
    """The school a new row made through `permission` belongs to (the lowest id in
    scope), or None when the user reaches no school through it."""
    scope = scope_for(user, permission)
    return min(scope.schools) if scope.schools else None


# A unit path naming no field: the rows are the same for every unit of the school
# (a ledger period), so a unit-bound role reads them all.
SCHOOL_WIDE = "*"


@dataclass(frozen=True)
class ScopePath:
    """How a model's rows reach what scopes them, as ORM lookups from the model.

    `school`: the row's school id. `agency`: the id of the sending agency the row
    belongs to, or None when the row belongs to no agency: an agency-bound role then
    sees none of it, whatever permission it is given (fail closed). `unit`: the id of
    the unit the row belongs to, or None (a unit-bound role sees none of it), or
    `SCHOOL_WIDE`. `lecturer`: lookups to the person id of a lecturer whose own
    row it is (with conditions on the same join, e.g. a published session), or
    `lecturer_via`: the relation to a model whose own rows these follow (a score
    sheet is the lecturer's when its cohort is); neither: a lecturer-bound role
    sees none of it (`LECTURER_BOUND`). Declared once per model as the class
    attribute `scope_path`; `SchoolScopedModel` declares `ScopePath()` (its school,
    no unit, no agency, no lecturer).
    """

    school: str = "school_id"
    agency: str | None = None
    unit: str | None = None
    lecturer: tuple[str | tuple[str, dict[str, Any]], ...] = ()
    lecturer_via: str | None = None

    def lecturer_q(self, model: type[models.Model], people: frozenset[int]) -> models.Q:
        """The rows that are one of `people`'s own, or no row at all."""
        if self.lecturer_via is not None:
            via = self.lecturer_via
            related = _related_model(model, via)
            inner = scope_path_of(related).lecturer_q(related, people)
            return models.Q(**{f"{via}__in": related._base_manager.filter(inner)})
        own = [
            models.Q(**{f"{lookup}__in": sorted(people), **where})
            for lookup, where in (
                entry if isinstance(entry, tuple) else (entry, {})
                for entry in self.lecturer
            )
        ]
        if not people or not own:
            return models.Q(pk__in=[])
        return functools.reduce(operator.or_, own)


def scope_path_of(model: type[models.Model]) -> ScopePath:
    """The declared path of `model`; a model that declares none cannot be narrowed,
    so reading it through `visible_to` is a programming error."""
    path = getattr(model, "scope_path", None)
    if not isinstance(path, ScopePath):
        raise ImproperlyConfigured(
            f"{model._meta.label} declares no scope_path; see core.access.ScopePath"
        )
    return path


def _related_model(model: type[models.Model], lookup: str) -> type[models.Model]:
    opts = model._meta
    for name in lookup.split("__"):
        related = opts.get_field(name).related_model
        opts = related._meta
    return opts.model


@functools.cache
def _crosses_to_many(model: type[models.Model], lookup: str) -> bool:
    """Whether `lookup` follows a reverse or many-to-many relation (joining it
    would repeat rows)."""
    opts = model._meta
    for name in lookup.split("__"):
        field = next((f for f in opts.get_fields() if f.name == name), None)
        if field is None:
            field = opts.get_field(name)  # "agency_id", "id": a concrete column
        if field.one_to_many or field.many_to_many:
            return True
        if not field.is_relation or field.related_model is None:
            return False
        opts = field.related_model._meta
    return False


def visible_to(
    queryset: models.QuerySet, actor: Actor, permission: str
) -> models.QuerySet:
    """`queryset` narrowed to the rows `actor` reaches through `permission`: the
    schools of their memberships; for an agency-bound role only its agencies' rows
    (none when the model has no agency path); for a unit-bound role only its
    units' rows (none when the model has no unit path); for a lecturer-bound role
    only its own rows (none when the model has no lecturer path)."""
    model = queryset.model
    path = scope_path_of(model)
    scope = scope_for(actor, permission)
    if scope.is_empty:
        return queryset.none()
    condition = models.Q()
    lookups = [path.school]
    if not scope.all_schools:
        schools = scope.schools or {}
        whole = [sid for sid, agencies in schools.items() if agencies is None]
        condition = models.Q(**{f"{path.school}__in": whole}) if whole else None
        bound = [(sid, agencies) for sid, agencies in schools.items() if agencies]
        if path.agency is not None and bound:
            lookups.append(path.agency)
            for sid, agencies in bound:
                mine = models.Q(
                    **{
                        path.school: sid,
                        f"{path.agency}__in": sorted(agencies - {None}),
                    }
                )
                condition = mine if condition is None else condition | mine
        if condition is None:
            return queryset.none()
    units = unit_limit(actor, permission)
    if units is not None and path.unit != SCHOOL_WIDE:
        if path.unit is None:
            return queryset.none()
        lookups.append(path.unit)
        condition &= models.Q(**{f"{path.unit}__in": sorted(units)})
    people = lecturer_limit(actor, permission)
    if people is not None:
        own = path.lecturer_q(model, people)
        condition = own if condition is None else condition & own
        lookups.extend(
            entry[0] if isinstance(entry, tuple) else entry for entry in path.lecturer
        )
    if any(_crosses_to_many(model, lookup) for lookup in lookups):
        # Through a roster or quotas: select the ids, so no row comes twice.
        return queryset.filter(
            pk__in=model._base_manager.filter(condition).values("pk")
        )
    return queryset.filter(condition)


class ScopedQuerySet(models.QuerySet):
    """The queryset of every scoped model: `Model.objects.visible_to(actor, perm)`."""

    def visible_to(self, actor: Actor, permission: str) -> ScopedQuerySet:
        return visible_to(self, actor, permission)


def require_scope(
    actor: Actor, permission: str, *, school_id: int, agency_id: int | None = None
) -> None:
    """Refuse (PermissionDenied) unless `actor` holds `permission` for that school,
    and for that agency when their role is bound to agencies."""
    if not has_permission(actor, permission):
        raise PermissionDenied
    scope = scope_for(actor, permission)
    if scope.all_schools:
        return
    schools = scope.schools or {}
    if school_id not in schools:
        raise PermissionDenied
    agencies = schools[school_id]
    if agencies is not None and agency_id not in agencies:
        raise PermissionDenied
