"""DaoTao settings: every deployment value comes from the environment (django-environ).

School policy lives in the database, not here. Defaults give a zero-setup laptop run on
SQLite; production sets DJANGO_DEBUG=false, DJANGO_SECRET_KEY, DATABASE_URL, REDIS_URL.
"""

from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off."
        )
    SECRET_KEY = "local-development-only-not-secret-" + "d" * 40
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django_htmx",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks",
    "django_tasks_db",
    # Static files only: the Tiptap bundle behind the news editor (ADR 0031).
    "django_prose_editor",
    "daotao.core",
    "daotao.org",
    "daotao.documents",
    "daotao.people",
    "daotao.accounts",
    "daotao.faculty",
    "daotao.programs",
    "daotao.planning",
    "daotao.enrolment",
    "daotao.teaching",
    "daotao.ledger",
    "daotao.learning",
    "daotao.outcomes",
    "daotao.assessment",
    "daotao.credentials",
    "daotao.research",
    "daotao.reports",
    "daotao.standards",
    "daotao.portal",
    "daotao.api",
    "daotao.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "daotao.core.middleware.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "daotao.core.page_cache.PageCacheMiddleware",
    "daotao.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "daotao.accounts.middleware.SessionLifetimeMiddleware",
    "daotao.accounts.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
    "daotao.core.middleware.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "daotao.urls"
WSGI_APPLICATION = "daotao.wsgi.application"
ASGI_APPLICATION = "daotao.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "daotao" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "daotao.core.context_processors.navigation",
            ],
            # `{% url %}` reversing each route once (core/templatetags/routes.py).
            "builtins": ["daotao.core.templatetags.routes"],
        },
    },
]

# SQLite is the zero-setup default; DATABASE_URL=postgres://... runs the same code on
# PostgreSQL.
DATABASES = {
    "default": env.db_url(
        "DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
    ),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Background tasks (docs/adr/0006): the database backend, run by `manage.py db_worker`;
# the test suite sets DJANGO_TASKS_BACKEND=immediate to run tasks in-process.
_TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
TASKS = {
    "default": {
        "BACKEND": _TASK_BACKENDS[env.str("DJANGO_TASKS_BACKEND", default="database")]
    }
}

REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    SESSION_ENGINE = "django.contrib.sessions.backends.db"
# Staff pages kept while nothing they read changed (daotao/core/page_cache.py,
# docs/adr/0038). The table versions must be shared by every process that writes
# (web workers, the task worker), so it is on only with Redis.
PAGE_CACHE = env.bool("DAOTAO_PAGE_CACHE", default=bool(REDIS_URL))

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "daotao.accounts.backends.RolePermissionBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "reports:dashboard"
LOGOUT_REDIRECT_URL = "accounts:login"

# Sessions: 30 minutes idle, 12 hours absolute (SessionLifetimeMiddleware renews the
# idle timer at most once a minute and enforces the absolute limit).
SESSION_COOKIE_AGE = 30 * 60
SESSION_ABSOLUTE_LIFETIME = timedelta(hours=12)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Two-factor sign-in (docs/adr/0023) for the roles that sign, approve, lock scores,
# issue credentials or administer: on unless DEBUG (the laptop demo), and on in
# production whatever DEBUG says once DJANGO_TWO_FACTOR_REQUIRED=true is set.
TWO_FACTOR_REQUIRED = env.bool("DJANGO_TWO_FACTOR_REQUIRED", default=not DEBUG)
TWO_FACTOR_REMEMBER_DAYS = env.int("DJANGO_TWO_FACTOR_REMEMBER_DAYS", default=14)
OTP_TOTP_ISSUER = env.str("DJANGO_OTP_ISSUER", default="DaoTao")

# Brute force: lock the (username, IP) pair after 5 failures for 15 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# The reverse proxies in front of the app servers (addresses or networks, e.g.
# "127.0.0.1,::1" for nginx on the same host): only from them is X-Forwarded-For
# believed. One resolution (daotao.core.network.client_ip) serves the lockout, the
# rate limits, the visit counter and the security log; empty means no proxy.
TRUSTED_PROXIES = env.list("DJANGO_TRUSTED_PROXIES", default=[])
AXES_CLIENT_IP_CALLABLE = "daotao.core.network.client_ip"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # The hashed manifest needs `collectstatic`; production always runs it.
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if env.bool("DJANGO_STATIC_MANIFEST", default=not DEBUG)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG or not env.bool("DJANGO_STATIC_MANIFEST", default=True)
# Uploads: the largest file any form accepts (conference papers, 20 MB) with a
# little room; SizeLimitUploadHandler stops a larger one while it streams in, and
# files over FILE_UPLOAD_MAX_MEMORY_SIZE wait on disk, not in memory.
FILE_UPLOAD_MAX_BYTES = env.int(
    "DJANGO_FILE_UPLOAD_MAX_BYTES", default=21 * 1024 * 1024
)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_HANDLERS = [
    "daotao.core.uploads.SizeLimitUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "media")

EMAIL_BACKEND = env.str(
    "DJANGO_EMAIL_BACKEND",
    default="django.core.mail.backends.console.EmailBackend",
)
DEFAULT_FROM_EMAIL = env.str("DJANGO_DEFAULT_FROM_EMAIL", default="daotao@localhost")
# The address the staff pages are reached at, for links in e-mails sent by commands.
SITE_URL = env.str("DJANGO_SITE_URL", default="http://localhost:8000")

# Production hardening: on whenever DEBUG is off (see quality.md S1, S10).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "daotao.core.logging.JsonFormatter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "security": {"class": "logging.StreamHandler", "formatter": "json"},
    },
    "loggers": {
        "daotao.security": {
            "handlers": ["security"],
            "level": "INFO",
            "propagate": False,
        },
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}

# Page size of staff lists.
PAGE_SIZE = 50
