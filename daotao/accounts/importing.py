"""Users with their roles from an Excel/CSV sheet, through the core import
framework. A new user gets an e-mail with a password-setting link: a password is
never in the file. A row whose user already holds that role in that scope is
reported and left as is, so the same (or a corrected) sheet can be sent again."""

from __future__ import annotations

from typing import IO, Any

from django.utils.translation import gettext as _

from daotao.accounts import services
from daotao.accounts.models import Membership, User
from daotao.core.access import Role
from daotao.core.actors import Actor
from daotao.core.importing import (
    CREATE,
    EMAIL,
    FULL_NAME,
    Column,
    ImportReport,
    ParsedRow,
    RowOutcome,
    Schema,
    email_column,
    full_name_column,
    parse_text,
    run_import,
    template_workbook,
    text_column,
)
from daotao.core.importing.parsers import CellError, choice_key, display_value
from daotao.core.text import search_key
from daotao.org.models import Agency, Unit

KIND = "accounts.users"
USERNAME, ROLE, UNIT, AGENCY = "username", "role", "unit", "agency"
# Roles a school grants; a supervisor sees every school and is granted by the
# system's operator, not by one school's sheet.
IMPORTABLE_ROLES = [role for role in Role if role != Role.SUPERVISOR]


def parse_username(value: Any) -> str | None:
    text = parse_text(value)
    if text is None:
        return None
    if not all(char.isascii() and (char.isalnum() or char in "._-@+") for char in text):
        raise CellError(
            _("tên đăng nhập '%s' chỉ được gồm chữ không dấu, chữ số và . _ - @ +.")
            % display_value(value)
        )
    return text.lower()[:150]


def parse_role(value: Any) -> str | None:
    text = parse_text(value)
    if text is None:
        return None
    key = choice_key(text)
    for role in IMPORTABLE_ROLES:
        if key in (choice_key(str(role.label)), choice_key(role.value)):
            return role.value
    raise CellError(
        _("không nhận ra vai trò '%(value)s'; hãy ghi một trong: %(roles)s.")
        % {
            "value": display_value(value),
            "roles": ", ".join(str(role.label) for role in IMPORTABLE_ROLES),
        }
    )


def user_schema() -> Schema:
    return Schema(
        columns=(
            Column(
                key=USERNAME,
                label=_("Tên đăng nhập"),
                aliases=(_("Tên đăng nhập"), _("Tài khoản"), "Username"),
                parser=parse_username,
                required=True,
                example="nguyenthilan",
            ),
            full_name_column(),
            email_column(required=True, example="lan@truongchinhtri.vn"),
            Column(
                key=ROLE,
                label=_("Vai trò"),
                aliases=(_("Vai trò"), _("Quyền")),
                parser=parse_role,
                required=True,
                example=str(Role.TRAINING_OFFICE.label),
            ),
            text_column(
                UNIT,
                _("Khoa, phòng"),
                (_("Khoa, phòng"), _("Đơn vị")),
                example="QLĐT",
            ),
            text_column(
                AGENCY,
                _("Cơ quan"),
                (_("Cơ quan"), _("Cơ quan cử đi học")),
                example=_("Đảng ủy xã Thọ Xuân"),
            ),
        ),
        natural_key=(USERNAME, ROLE),
    )


class UserHandler:
    """Decides each row against the school's units, agencies, users and roles."""

    def __init__(self, *, actor: Actor, school: Any, base_url: str) -> None:
        self.actor = actor
        self.school = school
        self.base_url = base_url

    def prepare(self, rows: list[ParsedRow]) -> None:
        self.units: dict[str, int] = {}
        for unit in Unit.objects.filter(school=self.school, valid_to__isnull=True):
            self.units[search_key(unit.abbreviation)] = unit.pk
            self.units[search_key(unit.name)] = unit.pk
        self.agencies: dict[str, int] = {}
        for agency in Agency.objects.filter(school=self.school, valid_to__isnull=True):
            self.agencies[search_key(agency.name)] = agency.pk
            if agency.short_name:
                self.agencies.setdefault(search_key(agency.short_name), agency.pk)
        names = {row[USERNAME] for row in rows}
        self.emails = dict(
            User.objects.filter(username__in=names).values_list("username", "email")
        )
        self.held = set(
            Membership.objects.filter(
                user__username__in=names, school=self.school
            ).values_list("user__username", "role", "unit_id", "agency_id")
        )
        self.first_email: dict[str, tuple[str, int]] = {}
        for row in rows:
            self.first_email.setdefault(row[USERNAME], (row[EMAIL], row.number))

    def check(self, row: ParsedRow) -> RowOutcome:
        username, email = row[USERNAME], row[EMAIL]
        first, at = self.first_email[username]
        if email != first:
            return RowOutcome.refuse(
                _("cùng tên đăng nhập với dòng %d nhưng khác thư điện tử.") % at,
                column=EMAIL,
            )
        if username in self.emails and self.emails[username].lower() != email:
            return RowOutcome.refuse(
                _(
                    "tên đăng nhập “%s” đã là của một người dùng khác "
                    "(khác thư điện tử)."
                )
                % username,
                column=USERNAME,
            )
        unit_id, agency_id, refusal = self._scope(row)
        if refusal is not None:
            return refusal
        if (username, row[ROLE], unit_id, agency_id) in self.held:
            return RowOutcome.match(_("đã có vai trò này; giữ nguyên."))
        return RowOutcome.create()

    def _scope(self, row: ParsedRow) -> tuple[int | None, int | None, Any]:
        unit_id = agency_id = None
        if row.get(UNIT):
            unit_id = self.units.get(search_key(row[UNIT]))
            if unit_id is None:
                return (
                    None,
                    None,
                    RowOutcome.refuse(
                        _("trường không có khoa, phòng “%s”.") % row[UNIT], column=UNIT
                    ),
                )
        if row.get(AGENCY):
            agency_id = self.agencies.get(search_key(row[AGENCY]))
            if agency_id is None:
                return (
                    None,
                    None,
                    RowOutcome.refuse(
                        _("không có cơ quan “%s” trong danh sách cơ quan cử đi học.")
                        % row[AGENCY],
                        column=AGENCY,
                    ),
                )
        if row[ROLE] == Role.AGENCY_COORDINATOR and agency_id is None:
            return (
                None,
                None,
                RowOutcome.refuse(_("vai trò này cần ghi cơ quan."), column=AGENCY),
            )
        if row[ROLE] == Role.FACULTY_HEAD and unit_id is None:
            return (
                None,
                None,
                RowOutcome.refuse(_("vai trò này cần ghi khoa."), column=UNIT),
            )
        return unit_id, agency_id, None

    def commit(self, rows: list[ParsedRow]) -> None:
        data = []
        for row in rows:
            if row.outcome.action != CREATE:
                continue
            unit_id, agency_id, _refusal = self._scope(row)
            data.append(
                services.UserRoleData(
                    username=row[USERNAME],
                    display_name=row[FULL_NAME],
                    email=row[EMAIL],
                    role=row[ROLE],
                    unit_id=unit_id,
                    agency_id=agency_id,
                )
            )
        services.users_import(
            actor=self.actor,
            school_id=self.school.pk,
            rows=data,
            base_url=self.base_url,
        )


def users_import_run(
    *,
    upload: bytes | IO[bytes],
    filename: str,
    actor: Actor,
    school: Any,
    base_url: str,
    dry_run: bool,
) -> ImportReport:
    """Dry-run or commit a users-with-roles sheet for one school."""
    return run_import(
        upload=upload,
        filename=filename,
        schema=user_schema(),
        handler=UserHandler(actor=actor, school=school, base_url=base_url),
        actor=actor,
        kind=KIND,
        scope_key=f"school:{school.pk}",
        school=school,
        dry_run=dry_run,
    )


def users_template() -> bytes:
    return template_workbook(user_schema(), title=_("DANH SÁCH NGƯỜI DÙNG VÀ VAI TRÒ"))
