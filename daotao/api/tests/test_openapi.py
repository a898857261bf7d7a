"""The OpenAPI document validates, every operation needs the bearer token, and the
docs page is the site's own (no script, nothing from another origin)."""

import re

import pytest
import schemathesis

from daotao.tests.urlwalk import walk

pytestmark = pytest.mark.django_db

OPEN = {"api:docs", "api:openapi-json", "api:api-root", "api:not-found"}


def test_the_document_is_openapi_3_and_loads_in_schemathesis(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert document["openapi"].startswith("3.")
    # schemathesis validates the document as it loads it.
    schema = schemathesis.openapi.from_dict(document)
    operations = {
        f"{op.method.upper()} {op.path}"
        for op in (result.ok() for result in schema.get_all_operations())
    }
    assert {
        "GET /api/v1/programmes",
        "GET /api/v1/cohorts/{pk}",
        "POST /api/v1/classes/{pk}/nominations",
        "GET /api/v1/credentials/verify/{code}",
    } <= operations
    for path, item in document["paths"].items():
        for method, operation in item.items():
            assert operation["security"] == [{"ClientToken": []}], (method, path)


@pytest.mark.parametrize(
    "route",
    [r for r in walk() if r.namespace == "api" and r.qualified_name not in OPEN],
    ids=lambda r: r.qualified_name,
)
def test_every_operation_without_a_token_is_401(client, route):
    url = route.url(pk=1).replace("<code>", "ABC")
    if route.name == "nominations_send":
        response = client.post(url, {}, content_type="application/json")
    else:
        response = client.get(url)
    assert response.status_code == 401
    assert response.json()["detail"]


def test_the_docs_page_lists_the_operations_without_any_script(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/api/v1/programmes" in html
    assert "/api/v1/classes/{pk}/nominations" in html
    assert "/api/openapi.json" in html
    assert not re.search(r"https?://(?!testserver)", html)
    assert "swagger" not in html.lower()
    assert client.get("/api/")["Location"] == "/api/docs/"


def test_a_path_the_api_does_not_have_is_a_json_404(client):
    for path in ("/api/v2/programmes", "/api/v1/cohorts/abc", "/api/v1/cohorts/1/x"):
        response = client.get(path)
        assert response.status_code == 404
        assert response["Content-Type"] == "application/json"
    posted = client.post("/api/v1/classes/x/nominations", {}, "application/json")
    assert posted.status_code == 404
