"""Fixtures shared by every app's tests."""

from collections.abc import Callable
from typing import Any

import pytest

from daotao.accounts.models import Membership, User
from daotao.core.access import Role
from daotao.org.tests.factories import AgencyFactory, SchoolFactory, UnitFactory


@pytest.fixture(autouse=True)
def _fast_hashing(settings: Any) -> None:
    # Argon2 is the production hasher (its test checks the setting); MD5 keeps
    # the suite fast where a test only needs some password.
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        *settings.PASSWORD_HASHERS,
    ]


@pytest.fixture(autouse=True)
def _media_root(settings: Any, tmp_path: Any) -> None:
    # Generated and uploaded files of a test stay in its own temporary folder.
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def school(db):
    return SchoolFactory()


@pytest.fixture
def agency(school):
    return AgencyFactory(school=school)


@pytest.fixture
def unit(school):
    return UnitFactory(school=school)


@pytest.fixture
def make_user(db, school) -> Callable[..., User]:
    """A user holding `role` in the default school (or the given scope)."""
    counter = iter(range(10_000))

    def make(role: Role | str | None, **scope: Any) -> User:
        user = User.objects.create_user(
            username=f"{role or 'none'}-{next(counter)}",
            password="Mật-khẩu-thử-2026",
            display_name=f"Người dùng {role}",
        )
        if role is None:
            return user
        if role == Role.AGENCY_COORDINATOR and "agency" not in scope:
            scope["agency"] = AgencyFactory(school=school)
        if role == Role.FACULTY_HEAD and "unit" not in scope:
            scope["unit"] = UnitFactory(school=school)
        if "school" not in scope:
            scope["school"] = None if role == Role.SUPERVISOR else school
        Membership.objects.create(user=user, role=role, **scope)
        return user

    return make
