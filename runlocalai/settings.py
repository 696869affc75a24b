"""
Settings for runlocalai.

Everything that differs between environments comes from environment
variables (or a git-ignored .env file). .env.example documents development,
.env.production.example every variable a deployment sets.
"""

import subprocess
import tomllib
from pathlib import Path

import environ
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# DJANGO_ENV_FILE picks another file, e.g. .env.production.example in CI.
env.read_env(env.str("DJANGO_ENV_FILE", default=str(BASE_DIR / ".env")))

DEBUG = env.bool("DJANGO_DEBUG", default=False)
# The "django-insecure-" prefix makes `check --deploy` fail loudly if this
# default ever reaches production; it is a constant, never generated per process.
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="django-insecure-local-development-only")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

# The public address of the site, used for canonical URLs and OpenGraph tags so
# they never depend on the Host header a request happened to carry.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
SITE_NAME = "RunLocalAI"


def _site_version():
    with open(BASE_DIR / "pyproject.toml", "rb") as file:
        version = tomllib.load(file)["project"]["version"]
    release = env.str("RUNLOCALAI_RELEASE", default="")
    if not release:
        try:
            release = subprocess.run(
                ["git", "rev-parse", "--short", "HEAD"],
                cwd=BASE_DIR,
                capture_output=True,
                text=True,
                timeout=2,
                check=True,
            ).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            release = ""
    return f"{version}+{release}" if release else version


SITE_VERSION = _site_version()

INSTALLED_APPS = [
    "runlocalai.apps.SiteAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django_htmx",
    "axes",
    "pgtrigger",
    "pghistory",
    "pghistory.admin",
    "runlocalai",
    "catalog",
    "editorial",
    "glossary",
    "newsletter",
    "tools",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # HTML compressed on the way out; public pages carry no secrets to leak
    # (no CSRF token, no session), and Django randomises the gzip header for
    # the rest (BREACH).
    "django.middleware.gzip.GZipMiddleware",
    # ETag from the body + 304 on revalidation; Last-Modified from the content
    # version (runlocalai/freshness.py) below it.
    "django.middleware.http.ConditionalGetMiddleware",
    "runlocalai.freshness.LastModifiedMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Attaches the user and URL to every audit event a write request causes.
    "pghistory.middleware.HistoryMiddleware",
    # Last, so it sees the outcome of authentication (django-axes' own rule).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "runlocalai.urls"
WSGI_APPLICATION = "runlocalai.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "runlocalai.context_processors.site",
                "runlocalai.context_processors.content_version",
            ],
        },
    },
]


if env.str("DATABASE_URL", default=""):
    DATABASES = {"default": env.db_url_config(env.str("DATABASE_URL"))}
else:
    # No DATABASE_URL: the project's own PostgreSQL under var/ (SQLite is never used).
    from runlocalai import embedded_db

    DATABASES = {"default": embedded_db.database_settings(env.str("DATABASE_NAME", default=""))}
# Another database on the same server (make bench uses its own, beside the real content).
if env.str("DATABASE_NAME", default=""):
    DATABASES["default"]["NAME"] = env.str("DATABASE_NAME")
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    # Staff accounts guard unpublished content and the four-eyes rule.
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 15},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Login throttling: five failures per username and address, then a cool-off
# rather than a permanent lock-out that an attacker could use against editors.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.25)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_IPWARE_PROXY_COUNT = env.int("DJANGO_PROXY_COUNT", default=0)

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
    },
}
# Hashed file names never change content, so they can be cached for a year.
WHITENOISE_MAX_AGE = 365 * 24 * 60 * 60

CACHES = {
    "default": env.cache_url("CACHE_URL", default="locmemcache://"),
}

EMAIL_BACKEND_PATH = env.str(
    "DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend"
)
MAILERS = {"default": {"BACKEND": EMAIL_BACKEND_PATH}}
if EMAIL_BACKEND_PATH == "django.core.mail.backends.smtp.EmailBackend":
    MAILERS["default"]["OPTIONS"] = {
        "host": env.str("DJANGO_EMAIL_HOST"),
        "port": env.int("DJANGO_EMAIL_PORT", default=587),
        "username": env.str("DJANGO_EMAIL_HOST_USER", default=""),
        "password": env.str("DJANGO_EMAIL_HOST_PASSWORD", default=""),
        "use_tls": env.bool("DJANGO_EMAIL_USE_TLS", default=True),
        "timeout": 10,
    }
DEFAULT_FROM_EMAIL = env.str("DJANGO_DEFAULT_FROM_EMAIL", default="RunLocalAI <digest@localhost>")

# --- Newsletter (newsletter/) -------------------------------------------------
# Background work runs through django.tasks. The default is django-tasks-db's
# database backend, worked off by `manage.py db_worker` (`make run` starts one);
# DJANGO_TASKS_BACKEND=django.tasks.backends.immediate.ImmediateBackend runs
# tasks inline instead (development without a worker; never in production,
# where it would send mail inside the request).
INSTALLED_APPS += ["django_tasks_db"]
TASKS = {
    "default": {
        "BACKEND": env.str("DJANGO_TASKS_BACKEND", default="django_tasks_db.DatabaseBackend"),
    }
}
# Links in mails (confirm, unsubscribe, archive) are absolute and built from
# SITE_URL (https in production), never from a request's Host header.
# A confirmation link works once, for this long.
NEWSLETTER_CONFIRMATION_MAX_AGE_HOURS = env.int("NEWSLETTER_CONFIRMATION_MAX_AGE_HOURS", default=72)
# At most one confirmation mail per address in this many minutes.
NEWSLETTER_RESEND_MINUTES = env.int("NEWSLETTER_RESEND_MINUTES", default=15)
# Signup POSTs per client IP per hour; counted in CACHES["default"], so production
# needs a cache shared by every app server (CACHE_URL=redis://…).
NEWSLETTER_SIGNUPS_PER_IP_PER_HOUR = env.int("NEWSLETTER_SIGNUPS_PER_IP_PER_HOUR", default=10)
# Reverse proxies in front of the app: the client IP is read from X-Forwarded-For
# this many hops from the right (the same variable as login throttling).
NEWSLETTER_PROXY_COUNT = env.int("DJANGO_PROXY_COUNT", default=0)
# --- end newsletter ------------------------------------------------------------

# Messages from /contact/ are stored for editors and, when this is set, mailed here.
CONTACT_EMAIL = env.str("CONTACT_EMAIL", default="")

# HTTP hardening. HTTPS-only settings are on unless DEBUG; `check --deploy` audits them.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
# Load balancers probe health over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=False)
# Preloading binds every subdomain of the operator's domain to HTTPS for months
# and is hard to undo; it is the operator's call (DJANGO_SECURE_HSTS_PRELOAD),
# so its absence is not a deployment error.
SILENCED_SYSTEM_CHECKS = ["security.W021"]
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = "Lax"
if not DEBUG:
    # The __Host- prefix makes browsers refuse these cookies unless they are
    # Secure, host-only and path=/ (plain-HTTP development cannot use it).
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"

# Content Security Policy: nothing is allowed unless listed. No inline scripts
# or styles anywhere, so no nonces and pages stay cacheable.
SECURE_CSP = {
    "default-src": [CSP.NONE],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "manifest-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.NONE],
}

# Audit context only for writes: reading request.user on GET would touch the
# session and add "Vary: Cookie" to every public page.
PGHISTORY_MIDDLEWARE_METHODS = ("POST", "PUT", "PATCH", "DELETE")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {
        "handlers": ["console"],
        "level": env.str("DJANGO_LOG_LEVEL", default="INFO"),
    },
    "loggers": {"axes": {"level": "WARNING"}},
}
