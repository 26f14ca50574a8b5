"""Settings, read from the environment.

SQLite under ./var is the default so a fresh clone just works; DATABASE_URL selects
PostgreSQL, the production database. Debug is off unless BORDERTWIN_DEBUG=1. Without
BORDERTWIN_SECRET_KEY a key is generated once into var/secret_key (mode 0600) and kept.
"""

import os
import secrets
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.conf import locale
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("BORDERTWIN_VAR_DIR", BASE_DIR.parent / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if not value:
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from exc


def env_secret(name: str) -> str | None:
    """A secret from NAME, or from the file NAME_FILE names."""
    if os.environ.get(name):
        return os.environ[name]
    path = os.environ.get(f"{name}_FILE")
    if path:
        return Path(path).read_text(encoding="utf-8").strip()
    return None


def generated_secret(path: Path) -> str:
    """The key kept in PATH, written once (readable by its owner only) when it does not exist yet."""
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text(encoding="utf-8").strip()
    key = secrets.token_urlsafe(64)
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        file.write(key)
    return key


DEBUG = env_bool("BORDERTWIN_DEBUG", default=False)
SECRET_KEY = env_secret("BORDERTWIN_SECRET_KEY") or generated_secret(VAR_DIR / "secret_key")
ALLOWED_HOSTS = [h for h in os.environ.get("BORDERTWIN_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("BORDERTWIN_CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "csp",
    "simple_history",
    "bordertwin.core",
    "bordertwin.accounts",
    "bordertwin.places",
    "bordertwin.partnerships",
    "bordertwin.tracking",
    "bordertwin.border",
    "bordertwin.intake",
    "bordertwin.reports",
    "bordertwin.offline",
    "bordertwin.notifications",
    "bordertwin.jobs",
    "bordertwin.operations",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "bordertwin.operations.middleware.ServiceUnavailableMiddleware",
    "csp.middleware.CSPMiddleware",
    "bordertwin.core.middleware.NoStoreJSONMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "bordertwin.accounts.middleware.UserLanguageMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "bordertwin.accounts.middleware.SignInStepsMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "bordertwin.core.middleware.ChangeContextMiddleware",
]

ROOT_URLCONF = "bordertwin.urls"
WSGI_APPLICATION = "bordertwin.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "bordertwin.core.context_processors.navigation",
                "bordertwin.notifications.context_processors.unread",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'bordertwin.sqlite3'}",
        conn_max_age=env_int("BORDERTWIN_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["OPTIONS"] = {"init_command": "PRAGMA foreign_keys=ON;", "timeout": 20}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"
# Sign-in (bordertwin.accounts.services): after this many failures within the window an account,
# or an address, is locked for a while; API tokens expire; sessions end after some hours.
BORDERTWIN_SIGNIN_ACCOUNT_FAILURES = env_int("BORDERTWIN_SIGNIN_ACCOUNT_FAILURES", 5)
BORDERTWIN_SIGNIN_ADDRESS_FAILURES = env_int("BORDERTWIN_SIGNIN_ADDRESS_FAILURES", 20)
BORDERTWIN_SIGNIN_WINDOW_MINUTES = env_int("BORDERTWIN_SIGNIN_WINDOW_MINUTES", 15)
BORDERTWIN_SIGNIN_LOCK_MINUTES = env_int("BORDERTWIN_SIGNIN_LOCK_MINUTES", 15)
BORDERTWIN_TOKEN_DAYS = env_int("BORDERTWIN_TOKEN_DAYS", 30)
# Two-factor sign-in for administrators and border officers of both sides, whatever each side's policy says.
BORDERTWIN_TWO_FACTOR_REQUIRED = env_bool("BORDERTWIN_TWO_FACTOR_REQUIRED")
OTP_TOTP_ISSUER = "BorderTwin"
SESSION_COOKIE_AGE = env_int("BORDERTWIN_SESSION_HOURS", 8) * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = env_bool("BORDERTWIN_SESSION_AT_BROWSER_CLOSE")

# Lao is not among Django's own languages: declare it so the switcher and the
# catalogues can use it.
locale.LANG_INFO["lo"] = {"bidi": False, "code": "lo", "name": "Lao", "name_local": "ພາສາລາວ"}
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("lo", _("Lao")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates d/m/Y in every language, Vietnamese and Lao numbers 1.200.000,5 (Django has no Lao formats).
FORMAT_MODULE_PATH = ["bordertwin.locale"]
USE_I18N = True
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("BORDERTWIN_MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

# Attachments: the size limit is a setting; the accepted types are checked by content.
BORDERTWIN_MAX_UPLOAD_BYTES = env_int("BORDERTWIN_MAX_UPLOAD_BYTES", 20 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = BORDERTWIN_MAX_UPLOAD_BYTES + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
BORDERTWIN_PAGE_SIZE = env_int("BORDERTWIN_PAGE_SIZE", 25)
BORDERTWIN_MAX_PAGE_SIZE = 500
BORDERTWIN_MAP_TILE_URL = os.environ.get("BORDERTWIN_MAP_TILE_URL", "")
BORDERTWIN_MARKER_INSPECTION_DAYS = env_int("BORDERTWIN_MARKER_INSPECTION_DAYS", 120)
# Document intake: the most text it reads, the largest file, and how far a .docx may unpack.
BORDERTWIN_INTAKE_MAX_TEXT_BYTES = env_int("BORDERTWIN_INTAKE_MAX_TEXT_BYTES", 2 * 1024 * 1024)
BORDERTWIN_INTAKE_MAX_FILE_BYTES = env_int("BORDERTWIN_INTAKE_MAX_FILE_BYTES", 10 * 1024 * 1024)
BORDERTWIN_INTAKE_MAX_UNPACKED_BYTES = env_int("BORDERTWIN_INTAKE_MAX_UNPACKED_BYTES", 20 * 1024 * 1024)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "bordertwin.accounts.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["bordertwin.core.api.policy.AccessPermission"],
    "DEFAULT_FILTER_BACKENDS": [
        "bordertwin.core.api.policy.FilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    # Deeply nested JSON answers 400, never a RecursionError (bordertwin.core.api.parsers).
    "DEFAULT_PARSER_CLASSES": [
        "bordertwin.core.api.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "bordertwin.core.api.policy.Pagination",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "bordertwin.core.api.policy.exception_handler",
    "PAGE_SIZE": BORDERTWIN_PAGE_SIZE,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "BorderTwin API",
    "DESCRIPTION": "The record of Vietnam–Laos border twinning partnerships.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # One schema name per choice set: fields of many names share a set, and several sets share a field name.
    "ENUM_NAME_OVERRIDES": {
        "SideEnum": "bordertwin.core.choices.Side",
        "DatePrecisionEnum": "bordertwin.core.choices.DatePrecision",
        "ResponsibleSideEnum": "bordertwin.partnerships.choices.ResponsibleSide",
        "CurrencyEnum": "bordertwin.tracking.choices.Currency",
        "AgreementKindEnum": "bordertwin.partnerships.choices.AgreementKind",
        "ActivityKindEnum": "bordertwin.tracking.choices.ActivityKind",
        "PatrolKindEnum": "bordertwin.border.choices.PatrolKind",
        "DocumentKindEnum": "bordertwin.intake.choices.DocumentKind",
        "OrganisationKindEnum": "bordertwin.places.choices.OrganisationKind",
        "SuccessionKindEnum": "bordertwin.places.choices.SuccessionKind",
        "PartnershipStatusEnum": "bordertwin.partnerships.choices.PartnershipStatus",
        "CommitmentStatusEnum": "bordertwin.partnerships.choices.CommitmentStatus",
        "IncidentStatusEnum": "bordertwin.border.choices.IncidentStatus",
        "DocumentStatusEnum": "bordertwin.intake.choices.DocumentStatus",
        "ValueQualifierEnum": "bordertwin.tracking.choices.ValueQualifier",
    },
    # The documentation page's scripts are served from here, not from the internet.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
}

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True
SIMPLE_HISTORY_REVERT_DISABLED = True

SESSION_COOKIE_HTTPONLY = True
# Behind HTTPS in production: set these (README, "Configuration"); `bordertwin check --deploy` is then clean.
SESSION_COOKIE_SECURE = env_bool("BORDERTWIN_SECURE_COOKIES")
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env_bool("BORDERTWIN_SSL_REDIRECT")
SECURE_HSTS_SECONDS = env_int("BORDERTWIN_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("BORDERTWIN_HSTS_INCLUDE_SUBDOMAINS")
SECURE_HSTS_PRELOAD = env_bool("BORDERTWIN_HSTS_PRELOAD")
if env_bool("BORDERTWIN_BEHIND_HTTPS_PROXY"):
    # Only behind a proxy that sets X-Forwarded-Proto itself (and strips the client's).
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
X_FRAME_OPTIONS = "DENY"


def tile_origin(template: str) -> list[str]:
    """Where map tiles come from, as a CSP source: https://*.tile.example.org for https://{s}.tile.example.org/{z}/…"""
    if not template:
        return []
    parts = urlsplit(template.replace("{s}", "*"))
    return [f"{parts.scheme}://{parts.netloc}"]


# No inline script, no eval, nothing from elsewhere: every script is a static file (README, "Security").
# Inline style attributes stay allowed (progress bars, indentation, Leaflet); style elements do not,
# except on the API documentation page (bordertwin/urls.py).
CSP_SELF = "'self'"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [CSP_SELF],
        "script-src": [CSP_SELF],
        "style-src": [CSP_SELF],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": [CSP_SELF, "data:", *tile_origin(BORDERTWIN_MAP_TILE_URL)],
        "connect-src": [CSP_SELF],
        "font-src": [CSP_SELF],
        "object-src": ["'none'"],
        "base-uri": [CSP_SELF],
        "form-action": [CSP_SELF],
        "frame-ancestors": ["'none'"],
    },
}

# Every log line names the request (the change log's request id) it was written in.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "bordertwin.operations.logging.RequestIdFilter"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["request_id"], "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("BORDERTWIN_LOG_LEVEL", "WARNING")},
}

# Redis, when given, is the shared cache (access, dashboards, rate limits) and the job queue.
# Without it (the embedded default) the cache is per process and jobs wait in the database.
REDIS_URL = os.environ.get("BORDERTWIN_REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {
        "BACKEND": "bordertwin.operations.cache.ForgivingRedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "bordertwin",
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }}
    # Sessions are read from the shared cache (kept in the database too): no query per request for them.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    RQ_QUEUES = {"default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": env_int("BORDERTWIN_JOB_TIMEOUT", 3600)}}
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    INSTALLED_APPS.append("django_rq")
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# A running job that shows no sign of life for this long, on a worker on another machine, is taken for dead.
BORDERTWIN_JOB_LEASE_SECONDS = env_int("BORDERTWIN_JOB_LEASE_SECONDS", 1800)
BORDERTWIN_JOB_ATTEMPTS = env_int("BORDERTWIN_JOB_ATTEMPTS", 3)
BORDERTWIN_JOB_KEEP_DAYS = env_int("BORDERTWIN_JOB_KEEP_DAYS", 14)
# Uploads larger than this (imports, document intake) are read by a background job, not within the request.
BORDERTWIN_JOB_INLINE_BYTES = env_int("BORDERTWIN_JOB_INLINE_BYTES", 256 * 1024)
# A list export of more rows than this is written by a background job; a shorter one downloads at once.
BORDERTWIN_EXPORT_INLINE_ROWS = env_int("BORDERTWIN_EXPORT_INLINE_ROWS", 5000)
# Where the service is reached, for links in e-mails; and how e-mail leaves (the console when no host is given).
BORDERTWIN_SITE_URL = os.environ.get("BORDERTWIN_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
DEFAULT_FROM_EMAIL = os.environ.get("BORDERTWIN_EMAIL_FROM", "bordertwin@localhost")
EMAIL_HOST = os.environ.get("BORDERTWIN_EMAIL_HOST", "")
EMAIL_PORT = env_int("BORDERTWIN_EMAIL_PORT", 587)
EMAIL_HOST_USER = os.environ.get("BORDERTWIN_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = env_secret("BORDERTWIN_EMAIL_PASSWORD") or ""
EMAIL_USE_TLS = env_bool("BORDERTWIN_EMAIL_TLS", default=True)
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else "django.core.mail.backends.console.EmailBackend"
# Webhooks (bordertwin.notifications): tries before a delivery fails, seconds to wait for the receiver, and whether
# loopback, private and link-local addresses may receive them (never in production, unless the receiver is yours).
BORDERTWIN_WEBHOOK_ATTEMPTS = env_int("BORDERTWIN_WEBHOOK_ATTEMPTS", 5)
BORDERTWIN_WEBHOOK_TIMEOUT = env_int("BORDERTWIN_WEBHOOK_TIMEOUT", 10)
BORDERTWIN_WEBHOOK_ALLOW_PRIVATE = env_bool("BORDERTWIN_WEBHOOK_ALLOW_PRIVATE")
# /health/ reports not ready when the media folder's disk has less than this free.
BORDERTWIN_HEALTH_MIN_FREE_BYTES = env_int("BORDERTWIN_HEALTH_MIN_FREE_BYTES", 512 * 1024 * 1024)
