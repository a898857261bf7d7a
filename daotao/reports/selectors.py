"""Figures for the role dashboards, each narrowed to the viewer's scope; the
administrator's setup checklist (it reads many apps, so it lives on top)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.apps import apps as django_apps
from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from daotao.accounts.models import Membership
from daotao.core.access import Role, has_permission, home_school_id
from daotao.core.actors import Actor
from daotao.core.listing import ESTIMATE_FROM, planner_estimate
from daotao.credentials.models import BlankStock
from daotao.documents.models import Issuer
from daotao.faculty.models import Lecturer
from daotao.org.models import Agency, DatedRuleSet, Room, School, Site, Unit
from daotao.people.models import Person
from daotao.programs.models import Program, ProgramVersion


@dataclass(frozen=True)
class DashboardFigures:
    people: int | None
    party_members: int | None
    agencies: int | None
    units: int | None
    # The persons are counted by the planner's estimate once they are many.
    people_estimated: bool = False


def dashboard_figures(*, actor: Actor) -> DashboardFigures:
    """Counts the actor may see; None where the role has no view of that area."""
    people = party = agencies = units = None
    estimated = False
    if has_permission(actor, "people.view_person"):
        in_scope = Person.objects.visible_to(actor, "people.view_person")
        members = in_scope.filter(party_joined_on__isnull=False)
        estimate = planner_estimate(in_scope)
        estimated = estimate is not None and estimate >= ESTIMATE_FROM
        if estimated:  # the share estimated too: no scan of the whole table
            people, party = estimate, planner_estimate(members)
        else:  # both counts in one pass
            counts = in_scope.aggregate(
                people=Count("id"),
                party=Count("id", filter=Q(party_joined_on__isnull=False)),
            )
            people, party = counts["people"], counts["party"]
    if has_permission(actor, "org.view_agency"):
        agencies = (
            Agency.objects.visible_to(actor, "org.view_agency")
            .filter(valid_to__isnull=True)
            .count()
        )
    if has_permission(actor, "org.view_unit"):
        units = (
            Unit.objects.visible_to(actor, "org.view_unit")
            .filter(valid_to__isnull=True)
            .count()
        )
    return DashboardFigures(
        people=people,
        party_members=party,
        agencies=agencies,
        units=units,
        people_estimated=estimated,
    )


# The roles a school needs before its first class: someone approves and signs,
# someone runs the training cycle.
NEEDED_ROLES = (Role.LEADERSHIP, Role.TRAINING_OFFICE)


def rule_set_models() -> tuple[type[DatedRuleSet], ...]:
    """Every kind of dated rule set installed, in the order of INSTALLED_APPS:
    each app's subclass of `org.DatedRuleSet` (hours, development, eligibility,
    support, conduct, assessment, the standard school, ...). Found through the
    app registry, so reports imports none of them: `standards` is its sibling,
    and a new kind of rule set cannot be left off the checklist."""
    return tuple(
        model
        for model in django_apps.get_models()
        if issubclass(model, DatedRuleSet) and not model._meta.proxy
    )


@dataclass(frozen=True)
class SetupStep:
    key: str
    title: str
    missing: tuple[str, ...]  # what is still to do; empty when the step is done
    url: str
    links: tuple[tuple[str, str], ...] = field(default=())  # further pages

    @property
    def is_done(self) -> bool:
        return not self.missing


def _identity(school: School) -> SetupStep:
    missing = [
        label
        for label, value in (
            (_("địa chỉ"), school.address),
            (_("điện thoại"), school.phone),
            (_("thư điện tử"), school.email),
        )
        if not value
    ]
    lines = [_("chưa có %(what)s") % {"what": ", ".join(missing)}] if missing else []
    if not Issuer.objects.filter(school=school).exists():
        lines.append(_("chưa có tiêu đề văn bản của trường"))
    return SetupStep(
        key="identity",
        title=_("Thông tin trường và tiêu đề văn bản"),
        missing=tuple(lines),
        url=reverse("reports:school-identity"),
    )


def _units(school: School) -> SetupStep:
    units = Unit.objects.filter(school=school, valid_to__isnull=True)
    kinds = set(units.values_list("kind", flat=True))
    lines = []
    if not kinds:
        lines.append(_("chưa có khoa, phòng nào"))
    else:
        if Unit.Kind.FACULTY not in kinds:
            lines.append(_("chưa có khoa nào"))
        if Unit.Kind.OFFICE not in kinds:
            lines.append(_("chưa có phòng nào"))
    headed = Membership.objects.filter(
        unit=OuterRef("pk"), role=Role.FACULTY_HEAD, is_active=True
    )
    headless = units.filter(kind=Unit.Kind.FACULTY).exclude(Exists(headed)).count()
    if headless:
        lines.append(
            ngettext(
                "%(count)d khoa chưa có trưởng khoa",
                "%(count)d khoa chưa có trưởng khoa",
                headless,
            )
            % {"count": headless}
        )
    return SetupStep(
        key="units",
        title=_("Khoa, phòng và trưởng khoa"),
        missing=tuple(lines),
        url=reverse("org:unit-list"),
        links=(
            (_("Thêm khoa, phòng"), reverse("org:unit-create")),
            (_("Giao trưởng khoa"), reverse("accounts:user-import")),
        ),
    )


def _sites(school: School) -> SetupStep:
    lines = []
    if not Site.objects.filter(school=school, is_active=True).exists():
        lines.append(_("chưa có địa điểm học nào"))
    if not Room.objects.filter(
        site__school=school, site__is_active=True, is_active=True
    ).exists():
        lines.append(_("chưa có phòng học nào"))
    return SetupStep(
        key="sites",
        title=_("Địa điểm học và phòng học"),
        missing=tuple(lines),
        url=reverse("org:site-list"),
        links=(
            (_("Phòng học"), reverse("org:room-list")),
            (_("Nhập từ Excel"), reverse("org:room-import")),
        ),
    )


def _agencies(school: School) -> SetupStep:
    has_any = Agency.objects.filter(school=school, valid_to__isnull=True).exists()
    return SetupStep(
        key="agencies",
        title=_("Cơ quan cử đi học"),
        missing=() if has_any else (_("chưa có cơ quan cử đi học nào"),),
        url=reverse("org:agency-list"),
        links=((_("Nhập từ Excel"), reverse("org:agency-import")),),
    )


def _users(school: School) -> SetupStep:
    held = set(
        Membership.objects.filter(
            school=school, is_active=True, user__is_active=True
        ).values_list("role", flat=True)
    )
    lines = [
        _("chưa có tài khoản %(role)s") % {"role": role.label}
        for role in NEEDED_ROLES
        if role not in held
    ]
    return SetupStep(
        key="users",
        title=_("Người dùng và vai trò"),
        missing=tuple(lines),
        url=reverse("accounts:user-list"),
        links=(
            (_("Nhập từ Excel"), reverse("accounts:user-import")),
            (_("Bảng phân quyền"), reverse("accounts:permission-table")),
        ),
    )


def _lecturers(school: School) -> SetupStep:
    has_any = Lecturer.objects.filter(school=school, is_active=True).exists()
    return SetupStep(
        key="lecturers",
        title=_("Giảng viên"),
        missing=() if has_any else (_("chưa có giảng viên nào"),),
        url=reverse("faculty:lecturer-list"),
        links=((_("Nhập từ Excel"), reverse("programs:lecturer-import")),),
    )


def _programmes(school: School) -> SetupStep:
    lines = []
    if not Program.objects.filter(school=school).exists():
        lines.append(_("chưa có chương trình nào"))
    unconfirmed = ProgramVersion.objects.filter(
        program__school=school, is_confirmed=False
    ).count()
    if unconfirmed:
        lines.append(
            ngettext(
                "%(count)d phiên bản chương trình chưa đối chiếu văn bản gốc",
                "%(count)d phiên bản chương trình chưa đối chiếu văn bản gốc",
                unconfirmed,
            )
            % {"count": unconfirmed}
        )
    return SetupStep(
        key="programmes",
        title=_("Chương trình đào tạo, bồi dưỡng"),
        missing=tuple(lines),
        url=reverse("programs:program-list"),
    )


def _rule_sets() -> SetupStep:
    today = timezone.localdate()
    unconfirmed = sum(
        model.objects.in_force_on(today).filter(is_confirmed=False).count()
        for model in rule_set_models()
    )
    lines = []
    if unconfirmed:
        lines.append(
            ngettext(
                "%(count)d bộ quy định chưa xác nhận",
                "%(count)d bộ quy định chưa xác nhận",
                unconfirmed,
            )
            % {"count": unconfirmed}
        )
    return SetupStep(
        key="rule_sets",
        title=_("Bộ quy định cần xác nhận"),
        missing=tuple(lines),
        url=reverse("reports:rule-sets"),
        links=((_("Định mức giờ giảng"), reverse("ledger:hour-rule-set-list")),),
    )


def _blanks(school: School) -> SetupStep:
    has_any = BlankStock.objects.filter(school=school).exists()
    return SetupStep(
        key="blanks",
        title=_("Phôi văn bằng, chứng chỉ"),
        missing=() if has_any else (_("chưa nhập lô phôi nào"),),
        url=reverse("credentials:stock-list"),
    )


def setup_checklist(*, actor: Actor) -> list[SetupStep] | None:
    """The setup steps of the school the actor administers, in the order a new
    school does them; None for anyone but its administrator."""
    if not has_permission(actor, "core.use_admin"):
        return None
    school_id = home_school_id(actor, "core.use_admin")
    school = School.objects.filter(pk=school_id).first()
    if school is None:
        return None
    return [
        _identity(school),
        _units(school),
        _sites(school),
        _agencies(school),
        _users(school),
        _lecturers(school),
        _programmes(school),
        _rule_sets(),
        _blanks(school),
    ]
