"""A school's empty start: the school, what every school needs, its first
administrator. It sits on top because it calls the services of many apps (org,
documents, accounts, programs, credentials); it writes nothing itself."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from daotao.accounts.models import User
from daotao.accounts.services import (
    membership_grant,
    password_setting_path,
    user_create_without_password,
)
from daotao.core.access import Role
from daotao.core.text import normalize, search_key
from daotao.credentials.models import Kind as CredentialKind
from daotao.credentials.services.templates import credential_template_for
from daotao.documents.services import issuer_ensure_default
from daotao.org import services as org
from daotao.org.models import Area, School
from daotao.programs.catalogue import program_catalogue_ensure


@dataclass(frozen=True)
class SchoolData:
    name: str
    province: str  # the 2025 province's name (diacritics optional) or its code
    abbreviation: str
    governing_body: str
    short_name: str = "TRƯỜNG CHÍNH TRỊ"
    place_name: str = ""  # the province's name when empty
    address: str = ""
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class AdministratorData:
    username: str
    display_name: str
    email: str = ""


@dataclass(frozen=True)
class SchoolStart:
    school: School
    administrator: User
    programmes: int
    sign_in_path: str


def province_find(text: str, *, on: datetime.date | None = None) -> Area | None:
    """The province in force on `on` (today) named `text` (or with that code)."""
    provinces = Area.objects.in_force_on(on or timezone.localdate()).filter(
        level=Area.Level.PROVINCE
    )
    wanted = search_key(text)
    for province in provinces:
        if wanted in (search_key(province.name), province.code) and wanted:
            return province
    return None


def school_start(
    *, school: SchoolData, administrator: AdministratorData
) -> SchoolStart:
    """Create the school with its catalogue, document issuer and credential wording,
    and its first administrator (no password: they set it through the returned
    link). Refuses, changing nothing, if the school or the username exists."""
    province = province_find(school.province)
    errors = _refusals(school, administrator, province)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        created, _is_new = org.school_ensure(
            name=school.name,
            short_name=school.short_name,
            abbreviation=school.abbreviation,
            governing_body=school.governing_body,
            province=province,
            place_name=school.place_name or province.name,
            address=school.address,
            phone=school.phone,
            email=school.email,
        )
        programmes = program_catalogue_ensure(school=created)
        issuer_ensure_default(school=created)
        for kind in CredentialKind.values:
            credential_template_for(school_id=created.pk, kind=kind)
        user = user_create_without_password(
            actor=None,
            username=administrator.username,
            display_name=normalize(administrator.display_name),
            email=administrator.email,
            is_staff=True,
        )
        membership_grant(
            actor=None, user=user, role=Role.ADMINISTRATOR, school_id=created.pk
        )
    return SchoolStart(
        school=created,
        administrator=user,
        programmes=programmes,
        sign_in_path=password_setting_path(user=user),
    )


def _refusals(
    school: SchoolData, administrator: AdministratorData, province: Area | None
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    required = {
        "name": school.name,
        "abbreviation": school.abbreviation,
        "governing_body": school.governing_body,
        "short_name": school.short_name,
        "username": administrator.username,
        "display_name": administrator.display_name,
    }
    for field, value in required.items():
        if not normalize(value):
            errors[field] = [_("Chưa nhập thông tin này.")]
    if province is None:
        errors["province"] = [
            _("Không có tỉnh, thành phố “%(name)s” trong danh mục từ 01/7/2025.")
            % {"name": school.province}
        ]
    elif School.objects.filter(
        province=province, abbreviation=normalize(school.abbreviation)
    ).exists():
        errors["abbreviation"] = [
            _(
                "%(province)s đã có trường viết tắt “%(abbreviation)s”; "
                "không tạo lại, không thay đổi gì."
            )
            % {"province": province.name, "abbreviation": school.abbreviation}
        ]
    if User.objects.filter(username=administrator.username).exists():
        errors["username"] = [
            _("Tên đăng nhập “%(username)s” đã có người dùng.")
            % {"username": administrator.username}
        ]
    return errors
