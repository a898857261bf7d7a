"""Every view declares its access; anonymous users reach only the public list (S2)."""

import pytest
from django.urls import reverse

from daotao.core.access import declared_access_of
from daotao.people.tests.factories import PersonFactory
from daotao.tests.urlwalk import walk

# The public list of quality.md S2, as it stands: nothing else may be open.
PUBLIC_ROUTES = {
    "accounts:login",
    "accounts:logout",
    "accounts:password-reset",
    "accounts:password-reset-done",
    "accounts:password-reset-confirm",
    "accounts:password-reset-complete",
    "set-language",
    "health",
    "teaching:calendar-feed",  # a secret iCalendar link
    "credential-verify",  # diploma verification by its QR code
    "credential-lookup",  # by số hiệu with the date of birth, rate-limited
    # The public site.
    *(f"portal:{name}" for name in ("home", "article-list", "article", "category")),
    *(f"portal:{name}" for name in ("page", "search", "credential-lookup", "feed")),
    "portal:sitemap",
    "portal:media",  # the site's uploaded pictures, served by Django in DEBUG only
    # Conference registration: rate-limited, honeypot, no data shown back.
    "research:public-conference-list",
    "research:public-register",
    # The open API's docs page, its OpenAPI document, and /api/ (to the docs).
    "api:docs",
    "api:openapi-json",
    "api:api-root",
    "api:not-found",  # any other path under /api/: a JSON 404
}
# The open API's operations (ADR 0036) carry no session: each needs a bearer token
# and answers 401 without one (api/tests/test_openapi.py checks every operation).
API_OPERATIONS = {
    route.qualified_name
    for route in walk()
    if route.namespace == "api" and route.qualified_name not in PUBLIC_ROUTES
}
PUBLIC_ROUTES |= API_OPERATIONS
# Secret links answer 404 to the walk's made-up token.
SECRET_LINK_ROUTES = {"teaching:calendar-feed", "credential-verify"}
# Public pages named by a slug answer 404 to the walk's placeholder.
SECRET_LINK_ROUTES |= {"portal:article", "portal:category", "portal:page"}
SECRET_LINK_ROUTES |= {"research:public-register", "portal:media"}
SECRET_LINK_ROUTES |= {"api:not-found"}

APP_ROUTES = [route for route in walk() if route.namespace != "admin"]
ADMIN_ROUTES = [route for route in walk() if route.namespace == "admin"]


def test_the_walk_finds_the_routes():
    names = {route.qualified_name for route in APP_ROUTES}
    assert {"people:person-list", "reports:dashboard", "accounts:login"} <= names
    assert len(ADMIN_ROUTES) > 20


@pytest.mark.parametrize("route", APP_ROUTES, ids=lambda r: r.qualified_name)
def test_every_view_declares_its_access(route):
    access = declared_access_of(route.callback)
    assert access is not None, f"{route.route} declares no permission"
    assert (access.kind == "public") == (route.qualified_name in PUBLIC_ROUTES)


@pytest.mark.django_db
@pytest.mark.parametrize("route", APP_ROUTES, ids=lambda r: r.qualified_name)
def test_anonymous_is_sent_to_login_except_on_public_routes(client, route, school):
    person = PersonFactory(school=school)
    response = client.get(route.url(pk=person.pk))
    login = reverse("accounts:login")
    if route.qualified_name in PUBLIC_ROUTES:
        assert not (
            response.status_code == 302 and response["Location"].startswith(login)
        )
        secret = {404} if route.qualified_name in SECRET_LINK_ROUTES else set()
        if route.qualified_name in API_OPERATIONS:
            secret = {401}
        assert response.status_code in {200, 302, 405} | secret
    else:
        assert response.status_code == 302
        assert response["Location"].startswith(login + "?next=")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "route",
    [r for r in ADMIN_ROUTES if "<" not in r.route][:15],
    ids=lambda r: r.qualified_name,
)
def test_admin_refuses_anonymous_users(client, route):
    response = client.get(route.url())
    if route.name in {"login", "logout", "jsi18n"}:
        return
    assert response.status_code == 302
    assert "/quan-tri/login/" in response["Location"]
