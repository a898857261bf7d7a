"""gunicorn for DaoTao in production (docs/adr/0024). Every value can be changed from
the environment of the systemd unit; the defaults fit a 2-core machine.

Two pools run this file: the staff pool (daotao-web, port 8000) and the public
site's pool (daotao-public, port 8001, GUNICORN_WORKERS=2), so visitors of the
public site never wait behind a staff page (nginx routes by path).
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# gthread: a worker keeps serving other requests while one waits on the database;
# processes, not threads, carry the CPU work (Django holds the GIL while rendering).
worker_class = "gthread"
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2))
threads = int(os.environ.get("GUNICORN_THREADS", 4))
# Long work (exports, PDFs of many pages, schedules) runs in the task worker; a
# request that takes longer than this is a fault, and its worker is replaced.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 60))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then: memory (quality P9: ≤ 250 MB a worker) cannot creep.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 2000))
max_requests_jitter = 200
# The proxy on this host is the only client; it sets X-Forwarded-Proto.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
proc_name = os.environ.get("GUNICORN_PROC_NAME", "daotao")
