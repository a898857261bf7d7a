"""The API's own docs page: the operations read from the OpenAPI document,
rendered on the server (no script, no CDN: the site's CSP allows neither)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from daotao.core.access import public

METHODS = ("get", "post", "put", "patch", "delete")


@public
def docs_view(request: HttpRequest) -> HttpResponse:
    from daotao.api.v1 import api

    schema = api.get_openapi_schema(path_prefix=reverse("api:api-root").rstrip("/"))
    operations = [
        {
            "method": method.upper(),
            "path": url,
            "summary": operation.get("summary", ""),
            "description": operation.get("description", ""),
            "parameters": [
                p for p in operation.get("parameters", []) if p.get("in") != "header"
            ],
            "responses": sorted(operation.get("responses", {})),
        }
        for url, item in schema["paths"].items()
        for method in METHODS
        if (operation := item.get(method))
    ]
    return render(
        request,
        "api/docs.html",
        {
            "info": schema["info"],
            "operations": operations,
            "openapi_url": reverse("api:openapi-json"),
        },
    )


@public
def root_view(request: HttpRequest) -> HttpResponse:
    return redirect("api:docs")


@csrf_exempt  # a POST to a path the API does not have is a 404 too
@public
def not_found_view(request: HttpRequest) -> HttpResponse:
    return JsonResponse({"detail": _("Không tìm thấy hoặc ngoài phạm vi.")}, status=404)
