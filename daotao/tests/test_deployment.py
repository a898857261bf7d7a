"""Production settings and error pages."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import OperationalError
from django.test import override_settings
from django.urls import path

from daotao.core.access import public
from daotao.urls import urlpatterns as app_urlpatterns

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.every_database  # the subprocess reads the suite's DATABASE_URL, REDIS_URL
def test_check_deploy_is_clean_with_production_environment():
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": "production-like-" + "s3cr3t" * 10,
        "DJANGO_ALLOWED_HOSTS": "daotao.example.vn",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env["DJANGO_DEBUG"] = "false"
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


@pytest.mark.django_db
def test_security_headers(client):
    response = client.get("/dang-nhap/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_pages_carry_no_inline_script(client, make_user):
    from daotao.core.access import Role

    client.force_login(make_user(Role.TRAINING_OFFICE))
    for url in ("/", "/quan-ly/", "/can-bo/", "/can-bo/them/", "/to-chuc/co-quan/"):
        html = client.get(url).content.decode()
        for chunk in html.split("<script")[1:]:
            assert chunk.split(">", 1)[0].strip().startswith("src="), url


@public
def _boom(request):
    raise RuntimeError("SELECT secret FROM table")


@public
def _database_down(request):
    raise OperationalError("connection refused")


urlpatterns = [
    *app_urlpatterns,
    path("boom/", _boom),
    path("db-down/", _database_down),
]


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__, DEBUG=False)
def test_server_error_page_shows_no_trace_or_sql(client):
    client.raise_request_exception = False
    response = client.get("/boom/")
    body = response.content.decode()
    assert response.status_code == 500
    assert "Hệ thống gặp lỗi" in body
    assert "SELECT" not in body and "Traceback" not in body


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__, DEBUG=False)
def test_database_down_answers_503(client):
    client.raise_request_exception = False
    response = client.get("/db-down/")
    assert response.status_code == 503
    assert "Cơ sở dữ liệu đang không trả lời" in response.content.decode()


@pytest.mark.django_db
def test_health(client):
    response = client.get("/suc-khoe/")
    assert response.json() == {"status": "ok"}


def test_wsgi_application_loads():
    from daotao.wsgi import application

    assert callable(application)


@pytest.mark.django_db
def test_vietnamese_is_the_default_whatever_the_browser_says(client):
    response = client.get("/dang-nhap/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "vi"
    assert "Đăng nhập" in response.content.decode()


@pytest.mark.django_db
def test_the_language_switch_gives_english(client):
    response = client.post("/ngon-ngu/", {"language": "en", "next": "/dang-nhap/"})
    assert response.status_code == 302
    page = client.get("/dang-nhap/")
    assert page["Content-Language"] == "en"
    assert "Log in" in page.content.decode()
    assert "Đăng nhập" not in page.content.decode()


@pytest.mark.django_db
@override_settings(DEBUG=False)
def test_database_down_answers_503_to_a_signed_in_user(client, make_user):
    """The outage is met first by the middleware loading the session's user."""
    from django.db import connection

    from daotao.core.access import Role

    client.force_login(make_user(Role.TRAINING_OFFICE))
    client.raise_request_exception = False

    def refuse(execute, sql, params, many, context):
        raise OperationalError("server closed the connection unexpectedly")

    with connection.execute_wrapper(refuse):
        response = client.get("/quan-ly/")
    assert response.status_code == 503
    assert "Cơ sở dữ liệu đang không trả lời" in response.content.decode()
