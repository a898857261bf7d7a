from typing import Any

from django.http import HttpRequest

from daotao.core.access import user_roles
from daotao.core.navigation import menu_for


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"menu": [], "user_roles": frozenset()}
    return {"menu": menu_for(user, request.path), "user_roles": user_roles(user)}
