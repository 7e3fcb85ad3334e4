"""Settings read from the environment (django-environ); README.md lists every variable.

Defaults give the zero-setup demo: DEBUG on, embedded SQLite. Production sets
DEBUG=false, SECRET_KEY, DATABASE_URL (PostgreSQL) and ALLOWED_HOSTS.
"""

from pathlib import Path

import environ

from khuyenhoc.cache_config import cache_from_url

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=True)
if DEBUG:
    SECRET_KEY = env.str("SECRET_KEY", default="demo-only-insecure-key-change-me")
else:
    SECRET_KEY = env.str("SECRET_KEY")  # required: no default outside DEBUG

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# Official 2025 code of the province this portal serves (14 = Tỉnh Sơn La).
PROVINCE_CODE = env.int("PROVINCE_CODE", default=14)
# People per commune in the small demo (seed_demo --scale small); the test run lowers it,
# since its seeds check how the demo is built and its rates, not its size.
DEMO_PEOPLE_PER_COMMUNE = env.int("DEMO_PEOPLE_PER_COMMUNE", default=6_000)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.humanize",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "simple_history",
    "axes",
    "khuyenhoc.core",
    "khuyenhoc.areas",
    "khuyenhoc.public",
    "khuyenhoc.reports",
    "khuyenhoc.submissions",
    "django_tasks_db",
    "khuyenhoc.jobs",
    "khuyenhoc.quality",
    "members",
    "titles",
    "funds",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "khuyenhoc.core.web.middleware.query_without_nul",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "khuyenhoc.core.access.scope.ReadOnlyReviewersMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "khuyenhoc.core.web.errors.method_not_allowed_page",
    "simple_history.middleware.HistoryRequestMiddleware",
    # last, as django-axes asks: it turns a lock-out into our Vietnamese page
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses locked-out logins before checking
    # ModelBackend that reads the staff profile with the user (core/access/backends.py)
    "khuyenhoc.core.access.backends.StaffBackend",
]
# Login throttling (khuyenhoc/core/access/lockout.py). Failures count per account, never per address
# alone: a commune office shares one address, and one person's typos must not lock out the
# colleagues who type their own passwords right. Five failures on one account from one
# address lock that pair for 15 minutes: room for a few typos, and the owner's good login
# forgives them. Twenty on one account from every address together lock the account
# everywhere: a guesser spread over many addresses gets 20 tries in 15 minutes (under
# 2.000 a day against a 10-character, not common password), while locking someone out on
# purpose takes four times the failures a mistyping owner makes.
AXES_HANDLER = "khuyenhoc.core.access.lockout.AccountLockoutHandler"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "username"]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
LOGIN_ACCOUNT_FAILURE_LIMIT = env.int("LOGIN_ACCOUNT_FAILURE_LIMIT", default=20)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.25)
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Reverse proxies in front of the app; README.md tells what too few or too many does.
PROXY_COUNT = env.int("PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "khuyenhoc.core.access.lockout.client_address"
# Argon2 first: memory-hard, unlike PBKDF2; older hashes are rehashed at the next login.
PASSWORD_HASHERS = [
    "khuyenhoc.core.access.hashers.TunedArgon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

ROOT_URLCONF = "khuyenhoc.urls"
WSGI_APPLICATION = "khuyenhoc.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "khuyenhoc.areas.context_processors.portal",
            ],
        },
    }
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASES["default"]["ATOMIC_REQUESTS"] = False
SILENCED_SYSTEM_CHECKS = []
if "sqlite" in DATABASES["default"]["ENGINE"]:
    # The demo's SQLite: two staff saving at once got "database is locked". A transaction
    # takes the write lock when it begins (IMMEDIATE), so the second one waits up to
    # `timeout` seconds for the first to commit, instead of failing when it upgrades a read
    # lock; WAL lets pages be read meanwhile.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        init_command="PRAGMA journal_mode=WAL", transaction_mode="IMMEDIATE", timeout=20
    )
    # SQLite builds the member list's covering index without its included columns
    # (members.Member.Meta.indexes); PostgreSQL builds it whole.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Each process's own memory by default; CACHE_URL=redis://host:6379/1 gives every app host
# one shared cache (khuyenhoc/cache_config.py; README "Chạy nhiều máy chủ ứng dụng").
CACHES = {"default": cache_from_url(env.str("CACHE_URL", default="") or "locmemcache://khuyenhoc")}
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "areas:staff_home"
LOGOUT_REDIRECT_URL = "public:home"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
LOCALE_PATHS = [BASE_DIR / "khuyenhoc" / "locale"]  # a few of Django's messages, reworded
USE_TZ = True
# Counts go through the |so filter; a global separator would also print years as "2.026".
USE_THOUSAND_SEPARATOR = False
FORMAT_MODULE_PATH = ["khuyenhoc.formats"]

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Files never served as static or media (scans of signed payout lists): a view hands
# each to the staff of its fund only (funds.views_batches).
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=BASE_DIR / "private")

# Uploads (Excel lists) are read in memory up to this size and refused beyond it.
DATA_UPLOAD_MAX_MEMORY_SIZE = 30 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 30 * 1024 * 1024
MAX_IMPORT_BYTES = env.int("MAX_IMPORT_BYTES", default=20 * 1024 * 1024)
# stores at most MAX_IMPORT_BYTES + 1 bytes of an uploaded file, whatever its size
FILE_UPLOAD_HANDLERS = [
    "khuyenhoc.core.sheets.uploads.CappedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

# Background jobs (khuyenhoc/jobs): Django's tasks framework with django-tasks-db's
# database backend, run by `manage.py db_worker` beside the server (make run starts it).
# An import sheet of more rows than this runs as a job with a progress page.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
IMPORT_IN_BACKGROUND_ROWS = env.int("IMPORT_IN_BACKGROUND_ROWS", default=2000)

# Self-service (titles/selfservice): wrong registration codes allowed per address in a
# window before the form refuses for the rest of it; the size of one evidence file as
# sent (photos are then kept at about 300 KB); and how long what people send (answers,
# ID numbers, evidence) is kept after the commune's decision: `manage.py
# purge_self_service` and a nightly task (titles/selfservice/tasks.py) delete it afterwards
# (Nghị định 13/2023/NĐ-CP).
SELF_SERVICE_CODE_FAILURES = env.int("SELF_SERVICE_CODE_FAILURES", default=10)
SELF_SERVICE_CODE_WINDOW_MINUTES = env.int("SELF_SERVICE_CODE_WINDOW_MINUTES", default=15)
SELF_SERVICE_EVIDENCE_BYTES = env.int("SELF_SERVICE_EVIDENCE_BYTES", default=5 * 1024 * 1024)
SELF_SERVICE_RETENTION_DAYS = env.int("SELF_SERVICE_RETENTION_DAYS", default=730)

SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=2 * 60 * 60)
SESSION_SAVE_EVERY_REQUEST = True  # idle expiry: the clock restarts on each request

from django.utils.csp import CSP  # noqa: E402

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# HSTS is only ever sent over HTTPS, so it is on in every mode.
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_HTTPONLY = True
# The demo runs on plain http://127.0.0.1, so only production insists on HTTPS.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}
# History is read record by record (its `id` index), never across records by date: an
# index on history_date would only slow every write, and an import writes 100,000 rows.
SIMPLE_HISTORY_DATE_INDEX = False
