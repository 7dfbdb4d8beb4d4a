"""Django settings for Gongkai, read from the environment (django-environ).

One module serves development, tests (SQLite and PostgreSQL runs) and production; the
environment decides. Bad combinations fail at import time with ``ImproperlyConfigured``.

Environment variables:

``DATABASE_URL``
    ``sqlite:///…`` or ``postgres://user:pass@host:port/name``. Default: SQLite file
    ``<var dir>/gongkai.sqlite3``.
``DATABASE_REPLICA_URL``
    ``postgres://…`` of a streaming replica of that database (PostgreSQL only). When set, the
    reads of read-only requests (public pages, the open API's reads, the supervisor's overview,
    the charts) go to it (:mod:`gongkai.kernel.replica`); a client who has just written reads
    the primary for ``GONGKAI_REPLICA_PIN_SECONDS`` (default 10). Unset: one database.
``GONGKAI_VAR_DIR``
    Directory for mutable files (database, secret key, collected static). Default ``<repo>/var``.
``GONGKAI_DEBUG``
    ``true``/``false`` (default ``false``).
``GONGKAI_SECRET_KEY``
    The secret key. When unset, ``<var dir>/secret_key`` is read (``gongkai serve`` and the
    other CLI commands create it on first use). A fixed development key is used only when
    ``GONGKAI_DEBUG`` is true; the tests and mypy use ``gongkai.web.settings_test``.
``GONGKAI_ALLOWED_HOSTS``, ``GONGKAI_CSRF_TRUSTED_ORIGINS``
    Comma-separated lists.
``GONGKAI_HTTPS``
    ``true`` behind TLS: secure cookies, HSTS (``GONGKAI_HSTS_SECONDS``,
    ``GONGKAI_HSTS_INCLUDE_SUBDOMAINS``, ``GONGKAI_HSTS_PRELOAD``), HTTPS redirect.
``GONGKAI_MAX_UPLOAD_BYTES``
    Largest accepted upload (reports, ledgers, attachments; default 5 MB). A request body larger
    than this (plus a little for the form fields) is refused before it is read.
``GONGKAI_READER_CPU_SECONDS``, ``GONGKAI_READER_MEMORY_MB``
    Limits of the child process that reads an uploaded report (default 15 s of CPU, 1024 MB
    of address space; the wall clock allows twice the CPU time): ``gongkai.domain.sandbox``.
``GONGKAI_BEHIND_PROXY``, ``GONGKAI_TRUSTED_PROXY_COUNT``
    Behind reverse proxies: their ``X-Forwarded-Proto`` is believed, and the client address is
    the ``X-Forwarded-For`` hop written by the outermost of ``GONGKAI_TRUSTED_PROXY_COUNT``
    proxies (default 1), counted from the right (:func:`gongkai.kernel.throttle.client_address`).
``GONGKAI_LOGIN_FAILURE_LIMIT``, ``GONGKAI_LOGIN_LOCKOUT_MINUTES``
    Failed logins (default 5) after which an account, and separately a client address, is
    locked out of ``/accounts/login/`` and ``/admin/`` for the window (default 15 minutes).
``GONGKAI_SMS_SENDER``
    Dotted path of a class sending the applicant's notifications by SMS (the interface is
    ``gongkai.apps.applications.notifications.NotificationSender``); empty: e-mail only.
``GONGKAI_SUMMARIES_AUTO_REFRESH``
    ``true`` (default): after every change to a body's records, queue the background job that
    recomputes its stale year summaries (the supervisor's overview, the roll-up tables, the
    charts); ``false``: only ``gongkai summaries refresh`` does.
``GONGKAI_SOFFICE``
    The LibreOffice program that converts Word documents to PDF (default ``soffice`` on the
    ``PATH``); read at each conversion by :mod:`gongkai.domain.render.pdf`, not a setting.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import environ  # type: ignore[import-untyped]
from django.contrib.messages import constants as message_constants
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from gongkai.web.paths import SECRET_KEY_FILENAME, var_dir

env = environ.Env()

PACKAGE_DIR = Path(__file__).resolve().parent.parent  # src/gongkai
GONGKAI_VAR_DIR: Path = var_dir(create=True)

DEBUG: bool = env.bool("GONGKAI_DEBUG", default=False)

# =============================================================================================
# Secret key
# =============================================================================================

_DEV_SECRET_KEY = "django-insecure-gongkai-development-key-do-not-use-in-production"


def read_secret_key(configured: str, key_file: Path, *, debug: bool) -> str:
    """The secret key: ``GONGKAI_SECRET_KEY``, else the key file, else (debug only) a fixed
    development key. The test suite and mypy use ``gongkai.web.settings_test``."""
    configured = configured.strip()
    if configured:
        if not debug and configured.startswith("django-insecure"):
            raise ImproperlyConfigured(
                "GONGKAI_SECRET_KEY 是不安全的开发密钥，GONGKAI_DEBUG=false 时不能使用。"
            )
        return configured
    if key_file.is_file():
        key = key_file.read_text(encoding="ascii").strip()
        if not key:
            raise ImproperlyConfigured(
                f"密钥文件 {key_file} 为空；删除它后重新运行 gongkai serve。"
            )
        return key
    if debug:
        return _DEV_SECRET_KEY
    raise ImproperlyConfigured(
        "未设置 GONGKAI_SECRET_KEY，也没有密钥文件 "
        f"{key_file}。生产环境（GONGKAI_DEBUG=false）必须提供密钥：设置 GONGKAI_SECRET_KEY，"
        "或运行 gongkai serve 自动生成密钥文件。"
    )


SECRET_KEY = read_secret_key(
    env.str("GONGKAI_SECRET_KEY", default=""),
    GONGKAI_VAR_DIR / SECRET_KEY_FILENAME,
    debug=DEBUG,
)

# =============================================================================================
# Hosts and HTTPS
# =============================================================================================

ALLOWED_HOSTS: list[str] = env.list(
    "GONGKAI_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"]
)
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("GONGKAI_DEBUG=false 时 GONGKAI_ALLOWED_HOSTS 不能为空。")
CSRF_TRUSTED_ORIGINS: list[str] = env.list("GONGKAI_CSRF_TRUSTED_ORIGINS", default=[])

GONGKAI_HTTPS: bool = env.bool("GONGKAI_HTTPS", default=False)
SESSION_COOKIE_SECURE = GONGKAI_HTTPS
CSRF_COOKIE_SECURE = GONGKAI_HTTPS
SECURE_SSL_REDIRECT = GONGKAI_HTTPS and env.bool("GONGKAI_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS: int = env.int("GONGKAI_HSTS_SECONDS", default=31536000) if GONGKAI_HTTPS else 0
# Both off by default (check --deploy warns W005/W021; README "Production" says why): a body's
# domain often has subdomains without HTTPS, and preload is hard to undo.
SECURE_HSTS_INCLUDE_SUBDOMAINS: bool = GONGKAI_HTTPS and env.bool(
    "GONGKAI_HSTS_INCLUDE_SUBDOMAINS", default=False
)
SECURE_HSTS_PRELOAD: bool = GONGKAI_HTTPS and env.bool("GONGKAI_HSTS_PRELOAD", default=False)
# Behind trusted reverse proxies: their X-Forwarded-Proto and X-Forwarded-For are believed; the
# client address is the X-Forwarded-For hop GONGKAI_TRUSTED_PROXY_COUNT entries from the right
# (what the outermost trusted proxy saw), never an entry the client could write.
GONGKAI_BEHIND_PROXY: bool = env.bool("GONGKAI_BEHIND_PROXY", default=False)
GONGKAI_TRUSTED_PROXY_COUNT: int = env.int("GONGKAI_TRUSTED_PROXY_COUNT", default=1)
if GONGKAI_TRUSTED_PROXY_COUNT < 1:
    raise ImproperlyConfigured("GONGKAI_TRUSTED_PROXY_COUNT 必须是正整数（前置代理的层数）。")
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if GONGKAI_BEHIND_PROXY else None
# Public 网上申请: submissions and status checks per client address (count, seconds).
GONGKAI_APPLY_SUBMIT_LIMIT: tuple[int, int] = (
    env.int("GONGKAI_APPLY_SUBMITS_PER_HOUR", default=10),
    3600,
)
# Public 意见征集: comments per client address (count, seconds).
GONGKAI_CONSULT_COMMENT_LIMIT: tuple[int, int] = (
    env.int("GONGKAI_CONSULT_COMMENTS_PER_HOUR", default=10),
    3600,
)
GONGKAI_APPLY_STATUS_LIMIT: tuple[int, int] = (
    env.int("GONGKAI_APPLY_CHECKS_PER_HOUR", default=30),
    3600,
)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 12  # one working day
CSRF_COOKIE_HTTPONLY = True

# Content-Security-Policy (django-csp): every script and style is a file of our own static
# files (the templates hold no inline script, no inline style attribute); no frames, no plugins.
CONTENT_SECURITY_POLICY: dict[str, Any] = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        # Bootstrap's icons (the navbar toggler, the select arrow) are data: SVG images.
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# Permissions-Policy: the platform uses no device or sensor API (gongkai.kernel.middleware).
GONGKAI_PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)

# =============================================================================================
# Applications
# =============================================================================================

INSTALLED_APPS = [
    # Project apps first so their templates (registration/login.html, 404.html …) win.
    "gongkai.kernel",
    "gongkai.apps.reports",
    "gongkai.apps.checks",
    "gongkai.apps.orgs",
    "gongkai.apps.workcal",
    "gongkai.apps.applications",
    "gongkai.apps.online",
    "gongkai.apps.cases",
    "gongkai.apps.catalog",
    "gongkai.apps.stats",
    "gongkai.apps.engagement",
    "gongkai.apps.letters",
    "gongkai.apps.meetings",
    "gongkai.apps.notices",
    "gongkai.apps.api",
    "gongkai.apps.assessment",
    "gongkai.apps.charts",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    # Before staticfiles so `runserver` does not serve static files itself.
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "gongkai.kernel.axes_config.LoginProtectionConfig",  # django-axes, named in Chinese
    "csp",
    "django_tasks",
    "django_tasks_db",
    # django-ninja: listed so its docs page uses its own bundled Swagger UI (static files), not
    # the CDN it falls back to otherwise (docs/api.md).
    "ninja",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Read-only requests may read the replica; a client who wrote is pinned to the primary.
    "gongkai.kernel.replica.ReplicaMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "gongkai.kernel.middleware.PermissionsPolicyMiddleware",
    # Last: turns a login refused by django-axes into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "gongkai.web.urls"
WSGI_APPLICATION = "gongkai.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "web" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "gongkai.web.context_processors.staff",
                "gongkai.web.context_processors.display",
            ],
        },
    },
]

# =============================================================================================
# Database
# =============================================================================================

_SQLITE_OPTIONS: dict[str, Any] = {
    # Take the write lock at BEGIN: avoids "database is locked" when a read transaction
    # later tries to upgrade to a write under concurrent gunicorn workers.
    "transaction_mode": "IMMEDIATE",
    "init_command": (
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;"
    ),
}


def database_config() -> dict[str, Any]:
    """``DATABASES["default"]`` from ``DATABASE_URL`` (SQLite in the var dir by default)."""
    default_url = f"sqlite:///{GONGKAI_VAR_DIR / 'gongkai.sqlite3'}"
    try:
        config: dict[str, Any] = env.db_url("DATABASE_URL", default=default_url)
    except Exception as exc:  # django-environ raises several types on malformed URLs
        raise ImproperlyConfigured(f"无法解析 DATABASE_URL：{exc}") from exc
    engine = config.get("ENGINE", "")
    if engine == "django.db.backends.sqlite3":
        options = dict(_SQLITE_OPTIONS)
        options.update(config.get("OPTIONS") or {})
        config["OPTIONS"] = options
    elif engine == "django.db.backends.postgresql":
        config.setdefault("CONN_MAX_AGE", env.int("GONGKAI_CONN_MAX_AGE", default=60))
        config["CONN_HEALTH_CHECKS"] = True
    else:
        raise ImproperlyConfigured(
            f"DATABASE_URL 指向不支持的数据库（{engine or '未知'}）：只支持 sqlite:// 和 postgres://。"
        )
    return config


def replica_config(default: dict[str, Any]) -> dict[str, Any] | None:
    """``DATABASES["replica"]`` from ``DATABASE_REPLICA_URL`` (None when unset): a streaming
    replica of the PostgreSQL primary ``default``, a mirror of it in the tests."""
    url = env.str("DATABASE_REPLICA_URL", default="").strip()
    if not url:
        return None
    if default.get("ENGINE") != "django.db.backends.postgresql":
        raise ImproperlyConfigured(
            "DATABASE_REPLICA_URL 只能与 PostgreSQL 主库一起使用（DATABASE_URL=postgres://…）。"
        )
    try:
        config: dict[str, Any] = env.db_url_config(url)
    except Exception as exc:  # django-environ raises several types on malformed URLs
        raise ImproperlyConfigured(f"无法解析 DATABASE_REPLICA_URL：{exc}") from exc
    if config.get("ENGINE") != "django.db.backends.postgresql":
        raise ImproperlyConfigured("DATABASE_REPLICA_URL 必须是 postgres://… 地址（只读副本）。")
    config.setdefault("CONN_MAX_AGE", default.get("CONN_MAX_AGE", 60))
    config["CONN_HEALTH_CHECKS"] = True
    config["TEST"] = {"MIRROR": "default"}
    return config


DATABASES = {"default": database_config()}
_REPLICA = replica_config(DATABASES["default"])
if _REPLICA is not None:
    DATABASES["replica"] = _REPLICA  # gongkai.kernel.replica.REPLICA
# The router sends the reads of read-only requests to the replica (gongkai.kernel.replica);
# without one, nothing is routed and ReplicaMiddleware does nothing.
DATABASE_ROUTERS: list[str] = (
    ["gongkai.kernel.replica.ReplicaRouter"] if "replica" in DATABASES else []
)
GONGKAI_REPLICA_PIN_SECONDS: int = env.int("GONGKAI_REPLICA_PIN_SECONDS", default=10)
if GONGKAI_REPLICA_PIN_SECONDS < 1:
    raise ImproperlyConfigured("GONGKAI_REPLICA_PIN_SECONDS 必须是正整数（秒）。")

# Background jobs (gongkai.kernel.jobs): Django's Tasks API (the django-tasks backport) with its
# database backend, so the queue is a table of the platform's database: `gongkai worker` runs
# it; several workers (on several machines) share it through PostgreSQL; on SQLite
# `gongkai serve` and `gongkai demo` start one worker beside the web server.
TASK_QUEUES = ["default", "notifications"]
TASKS: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": TASK_QUEUES}
}
# The stored year summaries (issue 15, gongkai.apps.reports.summaries): after every commit
# that changed some body's records, queue the job that recomputes the stale ones (one queued at
# a time). Off: only `gongkai summaries refresh` (e.g. from a timer) brings them up to date.
GONGKAI_SUMMARIES_AUTO_REFRESH: bool = env.bool("GONGKAI_SUMMARIES_AUTO_REFRESH", default=True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# =============================================================================================
# Authentication
# =============================================================================================

# OWASP ASVS 4.0 L2 (V2.1): at least 12 characters, no password of the common/breached list
# (Django's list of 20,000), none like the user's name, not all digits. Chinese messages.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "gongkai.kernel.passwords.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "gongkai.kernel.passwords.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Permissions on records are asked of the models' permission policies
# (gongkai.kernel.permissions); Django's model permissions serve the admin only. django-axes
# comes first: it refuses a locked-out account or address before any password is hashed.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Login throttling (django-axes) on /accounts/login/ and /admin/ alike: after
# GONGKAI_LOGIN_FAILURE_LIMIT failures within the window, the account (whatever the address) and,
# separately, the address (whatever the account) are refused until the window has passed since
# the last counted failure; attempts during a lockout do not prolong it. The lockout is one
# entry of the audit log (gongkai.kernel.login); the attempts are in axes' tables (admin).
AXES_FAILURE_LIMIT: int = env.int("GONGKAI_LOGIN_FAILURE_LIMIT", default=5)
GONGKAI_LOGIN_LOCKOUT_MINUTES: int = env.int("GONGKAI_LOGIN_LOCKOUT_MINUTES", default=15)
if AXES_FAILURE_LIMIT < 1 or GONGKAI_LOGIN_LOCKOUT_MINUTES < 1:
    raise ImproperlyConfigured(
        "GONGKAI_LOGIN_FAILURE_LIMIT 和 GONGKAI_LOGIN_LOCKOUT_MINUTES 必须是正整数。"
    )
AXES_COOLOFF_TIME = timedelta(minutes=GONGKAI_LOGIN_LOCKOUT_MINUTES)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_CLIENT_IP_CALLABLE = "gongkai.kernel.throttle.client_address"
AXES_LOCKOUT_CALLABLE = "gongkai.kernel.login.lockout_response"
AXES_COOLOFF_MESSAGE = _("登录失败次数过多，已暂时锁定，请稍后再试。")
AXES_VERBOSE = False
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# =============================================================================================
# Internationalisation: source strings are written in Chinese (project decision)
# =============================================================================================

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("简体中文"))]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [PACKAGE_DIR / "locale"]

# =============================================================================================
# Static files (whitenoise serves them from STATIC_ROOT in production)
# =============================================================================================

STATIC_URL = "static/"
# The official report tables' stylesheet lives with their renderer (one definition for the
# pages and the HTML download): served as report/report-tables.css.
STATICFILES_DIRS = [("report", PACKAGE_DIR / "domain" / "render" / "css")]
STATIC_ROOT = GONGKAI_VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # whitenoise warns at start-up when it is missing
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# =============================================================================================
# Uploads
# =============================================================================================

GONGKAI_MAX_UPLOAD_BYTES: int = env.int("GONGKAI_MAX_UPLOAD_BYTES", default=5 * 1024 * 1024)
if GONGKAI_MAX_UPLOAD_BYTES <= 0:
    raise ImproperlyConfigured("GONGKAI_MAX_UPLOAD_BYTES 必须是正整数（字节数）。")
# Uploads are small: keep them up to the limit in memory, no temp files.
FILE_UPLOAD_MAX_MEMORY_SIZE = GONGKAI_MAX_UPLOAD_BYTES
# An uploaded report is read in a child process under these limits (issue 9).
GONGKAI_READER_CPU_SECONDS: int = env.int("GONGKAI_READER_CPU_SECONDS", default=15)
GONGKAI_READER_MEMORY_MB: int = env.int("GONGKAI_READER_MEMORY_MB", default=1024)
if GONGKAI_READER_CPU_SECONDS <= 0 or GONGKAI_READER_MEMORY_MB <= 0:
    raise ImproperlyConfigured(
        "GONGKAI_READER_CPU_SECONDS 和 GONGKAI_READER_MEMORY_MB 必须是正整数。"
    )
# Non-file form fields only (file bodies are not counted here).
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FILES = 5
# A request body over GONGKAI_MAX_UPLOAD_BYTES + DATA_UPLOAD_MAX_MEMORY_SIZE is refused before it
# is read (413), uploads are never spooled to disk (gongkai.kernel.uploads).
FILE_UPLOAD_HANDLERS = ["gongkai.kernel.uploads.LimitedMemoryFileUploadHandler"]

# =============================================================================================
# E-mail (deadline reminders, the applicant's notifications). GONGKAI_EMAIL_URL:
# smtp://user:pass@host:25, consolemail://, filemail:///mail (a folder, relative to the var dir) …
# =============================================================================================

_EMAIL: dict[str, Any] = env.email_url("GONGKAI_EMAIL_URL", default="smtp://localhost:25")
EMAIL_BACKEND: str = _EMAIL["EMAIL_BACKEND"]
EMAIL_HOST: str = _EMAIL.get("EMAIL_HOST") or "localhost"
EMAIL_PORT: int = int(_EMAIL.get("EMAIL_PORT") or 25)
EMAIL_HOST_USER: str = _EMAIL.get("EMAIL_HOST_USER") or ""
EMAIL_HOST_PASSWORD: str = _EMAIL.get("EMAIL_HOST_PASSWORD") or ""
EMAIL_USE_TLS: bool = bool(_EMAIL.get("EMAIL_USE_TLS", False))
EMAIL_USE_SSL: bool = bool(_EMAIL.get("EMAIL_USE_SSL", False))
EMAIL_TIMEOUT = 10
if _EMAIL.get("EMAIL_FILE_PATH"):
    EMAIL_FILE_PATH = str(GONGKAI_VAR_DIR / _EMAIL["EMAIL_FILE_PATH"])
DEFAULT_FROM_EMAIL: str = env.str("GONGKAI_FROM_EMAIL", default="gongkai@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The applicant's notifications (gongkai.apps.applications.notifications): SMS is off unless
# GONGKAI_SMS_SENDER names a sender class (dotted path) implementing NotificationSender.
GONGKAI_SMS_SENDER: str = env.str("GONGKAI_SMS_SENDER", default="")

MESSAGE_TAGS = {message_constants.ERROR: "danger"}  # Bootstrap calls it alert-danger

LOGGING: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    # A deliberate refusal (403) is one line, not a traceback (gongkai.kernel.errors).
    "filters": {"quiet_refusals": {"()": "gongkai.kernel.errors.QuietRefusals"}},
    "loggers": {"django.request": {"filters": ["quiet_refusals"]}},
    "root": {"handlers": ["console"], "level": env.str("GONGKAI_LOG_LEVEL", default="WARNING")},
}
