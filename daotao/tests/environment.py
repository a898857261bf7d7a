"""A pytest plugin loaded with `-p` (before pytest-django reads the settings): the
environment the test suite runs in. Nothing here is a secret."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-secret-key-" + "t" * 40)
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("DJANGO_STATIC_MANIFEST", "false")
os.environ.setdefault("DJANGO_TASKS_BACKEND", "immediate")
# The second factor is on in the suite as in production, whatever DJANGO_DEBUG a
# developer's environment (or .env) sets: tests assert the gate.
os.environ["DJANGO_TWO_FACTOR_REQUIRED"] = "true"
