"""The static files listed once per test run.

In the suite WhiteNoise finds the static files through Django's finders (there is
no `collectstatic`), and it lists every one of them each time its middleware is
built: for every test client, about 40 ms of a test's time. The files do not
change during a run, so the list is taken once per configuration and the later
middlewares get the same entries; serving is WhiteNoise's own."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from whitenoise.middleware import WhiteNoiseMiddleware


def _configuration(middleware: WhiteNoiseMiddleware) -> tuple[Any, ...]:
    """What the listed files and their response headers depend on."""
    from django.conf import settings

    return (
        middleware.static_prefix,
        middleware.max_age,
        middleware.allow_all_origins,
        middleware.charset,
        middleware.add_headers_function,
        middleware.index_file,
        repr(getattr(settings, "WHITENOISE_MIMETYPES", None)),
        getattr(settings, "WHITENOISE_IMMUTABLE_FILE_TEST", None),
        repr(settings.STATICFILES_DIRS),
        tuple(settings.INSTALLED_APPS),
    )


@contextmanager
def static_files_listed_once() -> Iterator[dict[tuple[Any, ...], dict[str, Any]]]:
    """While open, each WhiteNoise middleware built with a configuration seen
    before takes the files listed then instead of asking the finders again.
    Yields the lists taken (by configuration)."""
    original = WhiteNoiseMiddleware.add_files_from_finders
    listed: dict[tuple[Any, ...], dict[str, Any]] = {}

    def add_files_from_finders(self: WhiteNoiseMiddleware) -> None:
        key = _configuration(self)
        if key in listed:
            self.files.update(listed[key])
            return
        # The entries the finders set, those over a collected file of the same URL
        # (a STATIC_ROOT left by `make prod-check`) included.
        before = dict(self.files)
        original(self)
        listed[key] = {u: f for u, f in self.files.items() if before.get(u) is not f}

    WhiteNoiseMiddleware.add_files_from_finders = add_files_from_finders
    try:
        yield listed
    finally:
        WhiteNoiseMiddleware.add_files_from_finders = original
