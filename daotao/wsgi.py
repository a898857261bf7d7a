"""WSGI entry point (gunicorn daotao.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "daotao.settings")
application = get_wsgi_application()
