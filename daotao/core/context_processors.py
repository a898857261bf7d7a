from typing import Any

from django.http import HttpRequest

from daotao.core.access import user_roles
from daotao.core.navigation import menu_for, menu_groups


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"menu": [], "menu_groups": [], "user_roles": frozenset()}
    menu = menu_for(user, request.path)
    return {
        "menu": menu,
        "menu_groups": menu_groups(menu),
        "user_roles": user_roles(user),
    }
