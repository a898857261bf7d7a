"""/api/: version 1 under /api/v1/, the OpenAPI document at /api/openapi.json and
the docs page at /api/docs/."""

from django.urls import path, re_path

from daotao.api import views
from daotao.api.gate import gated_patterns
from daotao.api.v1 import api

patterns, _app, _namespace = api.urls

app_name = "api"
urlpatterns = [
    path("docs/", views.docs_view, name="docs"),
    *[p for p in gated_patterns(patterns) if p.name != "api-root"],
    path("", views.root_view, name="api-root"),
    # Anything else under /api/ is a JSON 404, not the site's HTML page.
    re_path(r"^.+$", views.not_found_view, name="not-found"),
]
