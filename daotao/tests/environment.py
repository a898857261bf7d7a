"""A pytest plugin loaded with `-p` (before pytest-django reads the settings): the
environment the test suite runs in. Nothing here is a secret."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-secret-key-" + "t" * 40)
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("DJANGO_STATIC_MANIFEST", "false")
os.environ.setdefault("DJANGO_TASKS_BACKEND", "immediate")
