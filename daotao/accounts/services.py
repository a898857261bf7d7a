"""Writes on users and memberships: atomic, permission-checked, audited."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.contrib.sessions.backends.base import SessionBase
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.module_loading import import_string
from django.utils.translation import gettext

from daotao.accounts.models import Membership, User, UserSession
from daotao.core.access import Role, has_permission, require_scope
from daotao.core.history import audit_record


def _session_store(session_key: str) -> SessionBase:
    engine = import_string(settings.SESSION_ENGINE + ".SessionStore")
    return engine(session_key=session_key)


def user_end_sessions(*, user: User) -> int:
    """Delete every session the user holds; returns how many were ended."""
    keys = list(
        UserSession.objects.filter(user=user).values_list("session_key", flat=True)
    )
    for key in keys:
        _session_store(key).delete()
    UserSession.objects.filter(user=user).delete()
    return len(keys)


def user_deactivate(*, actor: User, user: User, reason: str) -> User:
    """Deactivate `user` and end all their sessions at once."""
    if not has_permission(actor, "accounts.manage_user"):
        raise PermissionDenied
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        if not user.is_active:
            return user
        user.is_active = False
        user.save(update_fields=["is_active"])
        audit_record(
            actor=actor,
            action="accounts.user_deactivate",
            instance=user,
            changes={"is_active": [True, False]},
            reason=reason,
        )
        user_end_sessions(user=user)
    return user


def membership_grant(
    *,
    actor: User | None,
    user: User,
    role: Role | str,
    school_id: int | None,
    unit_id: int | None = None,
    agency_id: int | None = None,
) -> Membership:
    """Give `user` a role in a scope (idempotent). `actor=None` is the system."""
    if actor is not None and not has_permission(actor, "accounts.manage_user"):
        raise PermissionDenied
    with transaction.atomic():
        membership, created = Membership.objects.get_or_create(
            user=user,
            role=role,
            school_id=school_id,
            unit_id=unit_id,
            agency_id=agency_id,
            defaults={"is_active": True},
        )
        if created:
            audit_record(
                actor=actor,
                action="accounts.membership_grant",
                instance=membership,
                changes={"role": [None, str(role)]},
            )
    return membership


def user_ensure(
    *,
    username: str,
    password: str,
    display_name: str,
    email: str = "",
    is_staff: bool = False,
    person: object | None = None,
) -> tuple[User, bool]:
    """The user with this username, created if missing (`person`: a people.Person);
    an existing user and their password are left as they are. The system is the
    actor: for setup commands, not for views."""
    with transaction.atomic():
        user = User.objects.filter(username=username).first()
        if user is not None:
            return user, False
        user = User(
            username=username,
            display_name=display_name,
            email=email,
            is_staff=is_staff,
            person=person,
        )
        # Set directly: the system chooses this password, so the validators that
        # guard a person's own choice (similarity to the username…) do not apply.
        user.set_password(password)
        user.save()
        audit_record(
            actor=None,
            action="accounts.user_create",
            instance=user,
            changes={"username": [None, username], "is_staff": [None, is_staff]},
        )
    return user, True


def user_create_without_password(
    *,
    actor: User | None,
    username: str,
    display_name: str,
    email: str = "",
    is_staff: bool = False,
) -> User:
    """A new user who cannot sign in until they set a password through a
    password-setting link; no password is chosen for them, printed or stored."""
    if actor is not None and not has_permission(actor, "accounts.manage_user"):
        raise PermissionDenied
    with transaction.atomic():
        user = User(
            username=username,
            display_name=display_name,
            email=email,
            is_staff=is_staff,
        )
        user.set_unusable_password()
        user.full_clean(exclude=["password"])
        user.save()
        audit_record(
            actor=actor,
            action="accounts.user_create",
            instance=user,
            changes={"username": [None, username], "is_staff": [None, is_staff]},
        )
    return user


def password_setting_path(*, user: User) -> str:
    """The path of the page where `user` sets their own password. The token is
    Django's password-reset token: it ends after PASSWORD_RESET_TIMEOUT and as soon
    as the password (or the last sign-in) changes, so it serves once."""
    return reverse(
        "accounts:password-reset-confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )


@dataclass(frozen=True)
class UserRoleData:
    """One row of a users-with-roles sheet, its unit and agency already looked up."""

    username: str
    display_name: str
    email: str
    role: str
    unit_id: int | None = None
    agency_id: int | None = None


def users_import(
    *, actor: User, school_id: int, rows: list[UserRoleData], base_url: str
) -> list[User]:
    """Create the users not there yet (without a password) and grant each row's
    role in the school; after the commit, each new user gets an e-mail with their
    password-setting link. Returns the new users."""
    require_scope(actor, "accounts.manage_user", school_id=school_id)
    created: list[User] = []
    with transaction.atomic():
        users = {
            u.username: u
            for u in User.objects.filter(username__in={row.username for row in rows})
        }
        for row in rows:
            if row.username not in users:
                users[row.username] = user_create_without_password(
                    actor=actor,
                    username=row.username,
                    display_name=row.display_name,
                    email=row.email,
                    is_staff=row.role == Role.ADMINISTRATOR,
                )
                created.append(users[row.username])
            membership_grant(
                actor=actor,
                user=users[row.username],
                role=row.role,
                school_id=school_id,
                unit_id=row.unit_id,
                agency_id=row.agency_id,
            )
        transaction.on_commit(
            lambda: [
                _send_password_setting(user=user, base_url=base_url) for user in created
            ]
        )
    return created


def _send_password_setting(*, user: User, base_url: str) -> None:
    link = base_url.rstrip("/") + password_setting_path(user=user)
    send_mail(
        subject=gettext("Tài khoản DaoTao của bạn"),
        message=gettext(
            "Chào %(name)s,\n\nTrường đã tạo cho bạn tài khoản DaoTao với tên đăng "
            "nhập %(username)s. Hãy đặt mật khẩu của bạn tại đường dẫn dưới đây "
            "(dùng được một lần, trong %(hours)d giờ):\n%(link)s\n"
        )
        % {
            "name": user.display_name,
            "username": user.username,
            "hours": settings.PASSWORD_RESET_TIMEOUT // 3600,
            "link": link,
        },
        from_email=None,
        recipient_list=[user.email],
    )
