"""The suite lists the static files once (tests/support/static_files.py); a page's
static file is still served by WhiteNoise, the same as before."""

from django.contrib.staticfiles import finders
from whitenoise.middleware import WhiteNoiseMiddleware

from daotao.tests.support.static_files import static_files_listed_once


def test_a_second_middleware_takes_the_same_files_without_asking_the_finders(
    monkeypatch,
):
    with static_files_listed_once() as listed:
        first = WhiteNoiseMiddleware(get_response=lambda request: None)
        assert len(listed) == 1
        assert "/static/core/nav.js" in first.files

        def refuse():
            raise AssertionError("the finders were asked again")

        monkeypatch.setattr(finders, "get_finders", refuse)
        second = WhiteNoiseMiddleware(get_response=lambda request: None)
    assert second.files.keys() == first.files.keys()
    assert second.files["/static/core/nav.js"] is first.files["/static/core/nav.js"]


def test_a_different_configuration_is_listed_again(settings):
    with static_files_listed_once() as listed:
        WhiteNoiseMiddleware(get_response=lambda request: None)
        settings.WHITENOISE_MAX_AGE = 7
        other = WhiteNoiseMiddleware(get_response=lambda request: None)
        assert len(listed) == 2
    response = other.files["/static/core/nav.js"].get_response("GET", {})
    assert ("Cache-Control", "max-age=7, public") in response.headers


def test_the_suites_clients_are_served_the_static_file(client):
    response = client.get("/static/core/nav.js")
    assert response.status_code == 200
    path = finders.find("core/nav.js")
    with open(path, "rb") as source:
        assert b"".join(response.streaming_content) == source.read()


def test_a_collected_copy_does_not_hide_the_finders_file(settings, tmp_path):
    """A STATIC_ROOT left by `make prod-check` holds an older copy: the finders'
    file wins in every middleware, as in WhiteNoise without the memo."""
    stale = tmp_path / "core" / "nav.js"
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"// an older copy\n")
    settings.STATIC_ROOT = tmp_path
    path = finders.find("core/nav.js")
    with open(path, "rb") as source:
        current = source.read()
    with static_files_listed_once():
        WhiteNoiseMiddleware(get_response=lambda request: None)
        second = WhiteNoiseMiddleware(get_response=lambda request: None)
    response = second.files["/static/core/nav.js"].get_response("GET", {})
    with response.file as served:
        assert served.read() == current
