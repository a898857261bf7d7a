"""Fixtures shared by every app's tests."""

import shutil
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from daotao.accounts.models import Membership, User
from daotao.core.access import Role
from daotao.org.tests.factories import AgencyFactory, SchoolFactory, UnitFactory
from daotao.tests.support.browser import launched_chromium
from daotao.tests.support.demo_database import DemoTemplate, Migrated
from daotao.tests.support.static_files import static_files_listed_once


@pytest.fixture(autouse=True, scope="session")
def _fast_hashing() -> Iterator[None]:
    # Argon2 is the production hasher (its test checks the setting); MD5 keeps
    # the suite fast where a test only needs some password. For the whole session,
    # so the worlds built once (the demo template, module worlds) hash with it too:
    # Argon2 costs about a quarter of a second of CPU per password.
    from django.conf import settings
    from django.test import override_settings

    with override_settings(
        PASSWORD_HASHERS=[
            "django.contrib.auth.hashers.MD5PasswordHasher",
            *settings.PASSWORD_HASHERS,
        ]
    ):
        yield


@pytest.fixture(autouse=True, scope="session")
def _static_files_listed_once() -> Iterator[None]:
    # Each test client builds the middleware; WhiteNoise's list of the static
    # files is taken once (tests/support/static_files.py): 40 ms a test less.
    with static_files_listed_once():
        yield


@pytest.fixture(autouse=True)
def _media_root(settings: Any, tmp_path: Any) -> None:
    # Generated and uploaded files of a test stay in its own temporary folder.
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _second_factor_passed_on_force_login(monkeypatch: Any) -> None:
    # force_login stands for "signed in" in the suite: for the roles that need a
    # second factor it also verifies one, as the code page would. The second
    # factor's own tests sign in with the password (accounts/tests).
    from django.test import Client

    from daotao.accounts.second_factor import requires_second_factor
    from daotao.accounts.tests.second_factor import verify_second_factor

    original = Client.force_login

    def force_login(self: Client, user: Any, backend: str | None = None) -> None:
        original(self, user, backend)
        if requires_second_factor(user):
            verify_second_factor(self, user)

    monkeypatch.setattr(Client, "force_login", force_login)


@pytest.fixture
def browser() -> Iterator[Any]:
    """A headless Chromium for a browser walk (marker `browser`)."""
    with launched_chromium() as launched:
        yield launched


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker) -> Iterator[Migrated]:
    """pytest-django's test database, and a copy of it as migrated (before any
    transactional test flushes the migrations' reference data away)."""
    with django_db_blocker.unblock():
        migrated = Migrated.take()
    yield migrated
    with django_db_blocker.unblock():
        migrated.drop()


@pytest.fixture(scope="session")
def demo_template(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo school, seeded once per run (seed_demo solves a schedule with
    CP-SAT) on the database as migrated; the tests that need it clone it
    (`seeded_module`, `demo_clone`)."""
    template = DemoTemplate(
        media_root=tmp_path_factory.mktemp("demo") / "media",
        migrated=django_db_setup,
    )
    with django_db_blocker.unblock():
        template.build()
    yield template
    with django_db_blocker.unblock():
        template.drop()


@pytest.fixture
def demo_clone(transactional_db, demo_template, settings) -> Iterator[str]:
    """For a transactional test (a browser walk): the database is a clone of the
    seeded demo during the test, its files in the test's media folder;
    seed_demo's output."""
    if demo_template.media_root.exists():
        shutil.copytree(
            demo_template.media_root, settings.MEDIA_ROOT, dirs_exist_ok=True
        )
    with demo_template.cloned() as output:
        yield output


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
