"""Users, their scoped role memberships, and the sessions they hold."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from daotao.core.access import Role
from daotao.core.models import TimeStampedModel


class User(AbstractUser):
    display_name = models.CharField(_("họ và tên"), max_length=180, blank=True)
    person = models.OneToOneField(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="user",
        verbose_name=_("hồ sơ cán bộ"),
    )

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")

    def __str__(self) -> str:
        return self.display_name or self.username

    def membership_scopes(
        self,
    ) -> tuple[tuple[str, int | None, int | None, int | None], ...]:
        """(role, school id, unit id, agency id) of each active membership, cached."""
        cached = getattr(self, "_membership_scopes", None)
        if cached is None:
            cached = tuple(
                self.memberships.filter(is_active=True).values_list(
                    "role", "school_id", "unit_id", "agency_id"
                )
            )
            self._membership_scopes = cached
        return cached

    def active_roles(self) -> frozenset[str]:
        return frozenset(scope[0] for scope in self.membership_scopes())


class Membership(TimeStampedModel):
    """A role held by a user in a school, optionally narrowed to a unit or agency."""

    user = models.ForeignKey(
        User,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("người dùng"),
    )
    role = models.CharField(_("vai trò"), max_length=32, choices=Role.choices)
    school = models.ForeignKey(
        "org.School",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("trường"),
        help_text=_("Để trống cho cơ quan giám sát xem được mọi trường."),
    )
    unit = models.ForeignKey(
        "org.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("khoa, phòng"),
    )
    agency = models.ForeignKey(
        "org.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cơ quan"),
    )
    is_active = models.BooleanField(_("đang hiệu lực"), default=True)

    class Meta:
        verbose_name = _("vai trò của người dùng")
        verbose_name_plural = _("vai trò của người dùng")
        constraints = [
            models.CheckConstraint(
                condition=~Q(role=Role.AGENCY_COORDINATOR) | Q(agency__isnull=False),
                name="membership_coordinator_has_agency",
            ),
            models.CheckConstraint(
                condition=~Q(role=Role.FACULTY_HEAD) | Q(unit__isnull=False),
                name="membership_faculty_head_has_unit",
            ),
            models.CheckConstraint(
                condition=Q(role=Role.SUPERVISOR) | Q(school__isnull=False),
                name="membership_school_unless_supervisor",
            ),
            # The province's board reaches its province's school as a whole: no
            # unit, no agency.
            models.CheckConstraint(
                condition=~Q(role=Role.PROVINCIAL_BOARD)
                | Q(unit__isnull=True, agency__isnull=True),
                name="membership_board_whole_school",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "school", "unit", "agency"],
                name="membership_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()}"


class UserSession(models.Model):
    """A session a user opened, so that deactivating the user can end it."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="sessions_held"
    )
    session_key = models.CharField(max_length=40, unique=True)
    started_at = models.DateTimeField(auto_now_add=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        verbose_name = _("phiên đăng nhập")
        verbose_name_plural = _("phiên đăng nhập")

    def __str__(self) -> str:
        return f"{self.user} {self.started_at:%d/%m/%Y %H:%M}"
