"""The one settings module of Samenspel.

Every value an operator may change is read from the environment, with its meaning
beside it; `docs/configuration.md` lists them. The module fails closed: without
DEBUG it refuses to start unless a real SECRET_KEY and ALLOWED_HOSTS are given.
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# A local `.env` is a convenience for developers; production sets real variables.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# --- Core -----------------------------------------------------------------------------

# DEBUG: development mode (detailed errors, console mail). Never on in production.
DEBUG = env.bool("DEBUG", default=False)
# SAMENSPEL_TESTING: set by the test suite (fast password hashing, immediate tasks).
TESTING = env.bool("SAMENSPEL_TESTING", default=False)

# SECRET_KEY: signs sessions, cookies and tokens. Required when DEBUG is off.
if DEBUG or TESTING:
    SECRET_KEY = env.str("SECRET_KEY", default="development-only-key-never-use-in-production-0123456789")
else:
    SECRET_KEY = env.str("SECRET_KEY", default="")
    if len(SECRET_KEY) < 50 or SECRET_KEY.startswith("django-insecure"):
        raise ImproperlyConfigured(
            "SECRET_KEY must be set to a random string of at least 50 characters when DEBUG is off."
        )

# ALLOWED_HOSTS: comma-separated host names this site answers to.
ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"] if (DEBUG or TESTING) else []
)
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DEBUG is off.")
# CSRF_TRUSTED_ORIGINS: comma-separated origins (https://samenspel.example.nl) behind a proxy.
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# BUDGET_CODE_KEY: secret key for hashing voting codes (stemcodes); keep it stable, or printed
# codes stop working. Defaults to one derived from SECRET_KEY.
BUDGET_CODE_KEY = env.str("BUDGET_CODE_KEY", default="")

# SITE_URL: the public base URL (https://samenspel.example.nl); every link in every e-mail
# starts with it, whatever host name the request that sent the mail came in on.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")
# SITE_NAME: how e-mails name the site ("Hallo van ...", the subject prefix).
SITE_NAME = env.str("SITE_NAME", default="Samenspel")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "allauth",
    "allauth.account",
    # Staff log in with a second step (TOTP, recovery codes): STAFF_MFA_REQUIRED.
    "allauth.mfa",
    "rules.apps.AutodiscoverRulesConfig",
    "rest_framework",
    "drf_spectacular",
    "django_tasks",
    "django_tasks_db",
    # Samenspel's own apps, one per concept.
    "samenspel.core",
    "samenspel.accounts",
    "samenspel.municipalities",
    "samenspel.organisations",
    "samenspel.audit",
    "samenspel.notifications",
    "samenspel.initiatives",
    "samenspel.marketplace",
    "samenspel.coaching",
    "samenspel.comments",
    "samenspel.conversations",
    "samenspel.vision",
    "samenspel.budgeting",
    "samenspel.rights",
    "samenspel.funding",
    "samenspel.experiments",
    "samenspel.practices",
    "samenspel.insights",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "samenspel.core.middleware.DutchFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Staff without an authenticator app are sent to set one up first (STAFF_MFA_REQUIRED).
    "samenspel.accounts.mfa.StaffMFAMiddleware",
    "samenspel.municipalities.middleware.MunicipalityMiddleware",
    "samenspel.core.middleware.ApiVersionMiddleware",
    # A NUL byte in the address, query, form or cookies: 400 before any view (PostgreSQL refuses it).
    "samenspel.core.middleware.RefuseNulBytesMiddleware",
    # Anonymous visitors of a refused page go to log-in (then back) instead of a bare 403.
    "samenspel.core.login_required.LoginForAnonymousMiddleware",
    # Redis unreachable inside a view (allauth's log-in limits): a Dutch 503 page, not a 500.
    "samenspel.core.middleware.CacheOutageMiddleware",
]

ROOT_URLCONF = "samenspel.urls"
WSGI_APPLICATION = "samenspel.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "samenspel" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "samenspel.core.context_processors.site",
            ],
            # One money and one date style per language in every template (core/formats.py).
            "builtins": ["samenspel.core.templatetags.formats"],
        },
    },
]

# --- Data -----------------------------------------------------------------------------

# DATABASE_URL: sqlite:///var/samenspel.sqlite3 (default, embedded) or
# postgres://user:password@host:5432/name (production and CI).
DATABASES = {"default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'samenspel.sqlite3'}")}
# DATABASE_CONN_MAX_AGE: seconds a PostgreSQL connection is kept open between requests.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=0)
# DATABASE_POOL_MAX_SIZE: connections each app server or worker process may hold open in
# psycopg's pool on PostgreSQL, shared by its threads (0, the default: no pool). Set it to
# gunicorn's --threads; with a pool DATABASE_CONN_MAX_AGE must stay 0 (docs/deployment.md).
# DATABASE_POOL_MIN_SIZE: connections the pool keeps open while idle (default 1).
DATABASE_POOL_MAX_SIZE = env.int("DATABASE_POOL_MAX_SIZE", default=0)
if DATABASE_POOL_MAX_SIZE and DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    if DATABASES["default"]["CONN_MAX_AGE"]:
        raise ImproperlyConfigured("DATABASE_POOL_MAX_SIZE needs DATABASE_CONN_MAX_AGE=0: the pool keeps connections.")
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": min(env.int("DATABASE_POOL_MIN_SIZE", default=1), DATABASE_POOL_MAX_SIZE),
        "max_size": DATABASE_POOL_MAX_SIZE,
        # A request that finds every connection busy waits this long, then fails (a 500), rather than hang.
        "timeout": 10,
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the task worker write while pages are read; the timeout rides out short locks.
    # IMMEDIATE takes the write lock when a transaction starts: a transaction that read first
    # and then tried to write would otherwise fail at once with "database is locked" (SQLite
    # does not wait there, to avoid a deadlock), which lost votes on the demo with the worker on.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
    DATABASES["default"]["TEST"] = {"NAME": None}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# REDIS_URL: redis://127.0.0.1:6379/0 to share cache and rate limits between app servers.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
    # Sessions read from Redis by every app server and kept in the database (samenspel/core/sessions.py).
    SESSION_ENGINE = "samenspel.core.sessions"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# TASK_BACKEND: "database" (default; run `manage.py db_worker`), "immediate" (runs in
# the request, for a single-process demo) or "redis" (an RQ queue on REDIS_URL, for
# several app servers; run `manage.py rqworker default`).
TASK_BACKEND = env.str("TASK_BACKEND", default="immediate" if TESTING else "database")
_TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "redis": "django_tasks_rq.RQBackend",
}
if TASK_BACKEND not in _TASK_BACKENDS:
    raise ImproperlyConfigured(f"TASK_BACKEND must be one of {', '.join(_TASK_BACKENDS)}.")
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[TASK_BACKEND]}}
if TASK_BACKEND == "redis":
    if not REDIS_URL:
        raise ImproperlyConfigured("TASK_BACKEND=redis needs REDIS_URL.")
    INSTALLED_APPS.append("django_rq")
    RQ_QUEUES = {"default": {"URL": REDIS_URL}}
    # django_tasks_rq's job class runs the tasks; ours retry a task whose worker died (core/task_queue.py).
    RQ = {
        "JOB_CLASS": "django_tasks_rq.backend.Job",
        "QUEUE_CLASS": "samenspel.core.task_queue.RetryingQueue",
        "WORKER_CLASS": "samenspel.core.task_queue.Worker",
    }
# TASK_RETRIES: with TASK_BACKEND=redis, how often a task is run again after it failed or its
# worker died mid-task (default 2; 0: never, and a dead worker's task is lost).
TASK_RETRIES = env.int("TASK_RETRIES", default=2)
# TASK_ABANDONED_CHECK_SECONDS: with TASK_BACKEND=redis, how often a worker looks for tasks of
# workers that died (default 60); such a task is queued again 70 s after its worker's last
# heartbeat at the earliest.
TASK_ABANDONED_CHECK_SECONDS = env.int("TASK_ABANDONED_CHECK_SECONDS", default=60)

# MEDIA_ROOT: where uploaded images are stored (a shared volume with several app servers).
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "var" / "media")))
MEDIA_URL = "/media/"
# INITIATIVE_MAX_PHOTOS: how many photos one initiative may have (each upload costs a worker
# a decode; the page shows them all).
INITIATIVE_MAX_PHOTOS = env.int("INITIATIVE_MAX_PHOTOS", default=12)

# --- Accounts -------------------------------------------------------------------------

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_LOGOUT_REDIRECT_URL = "home"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_SIGNUP_FORM_CLASS = "samenspel.accounts.forms.SignupForm"
# The log-in form keeps "Wachtwoord vergeten?" out of the password field (focus order).
ACCOUNT_FORMS = {"login": "samenspel.accounts.login_form.LoginForm"}
ACCOUNT_ADAPTER = "samenspel.accounts.adapter.AccountAdapter"
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{SITE_NAME}] "
# LOGIN_FAILURE_LIMIT: failed log-ins per 5 minutes for one account from one client before
# that client must wait (allauth rate limits, kept in the cache). A client is its address as
# TRUSTED_PROXIES reveals it, so someone guessing one account's password locks out neither
# the account's owner elsewhere nor other accounts.
# LOGIN_FAILURE_LIMIT_CLIENT: failed log-ins per 5 minutes from one client over all accounts.
# LOGIN_FAILURE_LIMIT_ACCOUNT: failed log-ins per hour for one account from all clients together
# (a bound on guessing spread over many addresses).
LOGIN_FAILURE_LIMIT_ACCOUNT = env.int("LOGIN_FAILURE_LIMIT_ACCOUNT", default=50)
ACCOUNT_RATE_LIMITS = {
    "login_failed": "{}/5m/ip,{}/5m/key".format(
        env.int("LOGIN_FAILURE_LIMIT_CLIENT", default=20), env.int("LOGIN_FAILURE_LIMIT", default=5)
    ),
    "signup": "20/h/ip",
    "reset_password": "20/m/ip,5/m/key",
}
# --- Identity: DigiD, eHerkenning, staff MFA (docs/identity.md) ----------------------

# STAFF_MFA_REQUIRED: coaches, moderators, municipality administrators and superusers must
# set up an authenticator app (TOTP, with recovery codes) before they reach any page.
# Default: on without DEBUG (BIO2 asks it for privileged accounts), off in development.
STAFF_MFA_REQUIRED = env.bool("STAFF_MFA_REQUIRED", default=not (DEBUG or TESTING))
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = SITE_NAME
# IDENTITY_HASH_KEY: secret key of the keyed hash (HMAC-SHA256) kept of a BSN instead of the
# BSN itself; keep it stable, or DigiD links stop matching. Defaults to one derived from SECRET_KEY.
IDENTITY_HASH_KEY = env.str("IDENTITY_HASH_KEY", default="")
# The broker's DigiD and eHerkenning clients (docs/identity.md); the level names are those of
# django-digid-eherkenning.
# DIGID_OIDC_ISSUER: issuer URL of the OIDC broker for DigiD (its /.well-known/openid-configuration
# is read); empty: no DigiD.
# DIGID_OIDC_CLIENT_ID: this site's client id at the DigiD broker.
# DIGID_OIDC_CLIENT_SECRET: this site's client secret at the DigiD broker.
# DIGID_OIDC_BSN_CLAIM: the claim holding the BSN (default "bsn").
# DIGID_OIDC_LOA_CLAIM: the claim holding the DigiD level of assurance (default "acr").
# DIGID_MIN_LOA: the lowest DigiD level accepted: base, middle (default), substantial or high.
_DIGID = {
    "issuer": env.str("DIGID_OIDC_ISSUER", default=""),
    "client_id": env.str("DIGID_OIDC_CLIENT_ID", default=""),
    "client_secret": env.str("DIGID_OIDC_CLIENT_SECRET", default=""),
    "scopes": "openid bsn",
    "subject_claim": env.str("DIGID_OIDC_BSN_CLAIM", default="bsn"),
    "loa_claim": env.str("DIGID_OIDC_LOA_CLAIM", default="acr"),
    "min_loa": env.str("DIGID_MIN_LOA", default="middle"),
}
# EHERKENNING_OIDC_ISSUER: issuer URL of the OIDC broker for eHerkenning; empty: no eHerkenning.
# EHERKENNING_OIDC_CLIENT_ID: this site's client id at the eHerkenning broker.
# EHERKENNING_OIDC_CLIENT_SECRET: this site's client secret at the eHerkenning broker.
# EHERKENNING_OIDC_KVK_CLAIM: the claim holding the KvK number (default "kvk").
# EHERKENNING_OIDC_LOA_CLAIM: the claim holding the eHerkenning level of assurance (default "acr").
# EHERKENNING_MIN_LOA: the lowest eHerkenning level accepted: low, low_plus, substantial
# (default) or high.
_EHERKENNING = {
    "issuer": env.str("EHERKENNING_OIDC_ISSUER", default=""),
    "client_id": env.str("EHERKENNING_OIDC_CLIENT_ID", default=""),
    "client_secret": env.str("EHERKENNING_OIDC_CLIENT_SECRET", default=""),
    "scopes": "openid kvk",
    "subject_claim": env.str("EHERKENNING_OIDC_KVK_CLAIM", default="kvk"),
    "loa_claim": env.str("EHERKENNING_OIDC_LOA_CLAIM", default="acr"),
    "min_loa": env.str("EHERKENNING_MIN_LOA", default="substantial"),
}
IDENTITY_PROVIDERS = {"digid": _DIGID, "eherkenning": _EHERKENNING}
# OIDC_TIMEOUT: seconds to wait for the DigiD or eHerkenning broker's server.
OIDC_TIMEOUT = env.float("OIDC_TIMEOUT", default=5.0)
# SECURITY_CONTACT: where to report a vulnerability (mailto: or https:), in /.well-known/security.txt.
SECURITY_CONTACT = env.str("SECURITY_CONTACT", default="mailto:security@samenspel.localhost")

PASSWORD_HASHERS = (
    ["django.contrib.auth.hashers.MD5PasswordHasher"]
    if TESTING
    else ["django.contrib.auth.hashers.PBKDF2PasswordHasher", "django.contrib.auth.hashers.Argon2PasswordHasher"]
)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "samenspel.accounts.validators.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Mail -----------------------------------------------------------------------------

# EMAIL_URL: outgoing mail server, smtp://user:password@host:587 (add ?tls=True); empty in
# development prints mails to the console.
# EMAIL_FILE_PATH: write mails as files to this folder instead of sending them.
EMAIL_FILE_PATH = env.str("EMAIL_FILE_PATH", default="")
if env.str("EMAIL_URL", default=""):
    vars().update(env.email_url("EMAIL_URL"))
elif EMAIL_FILE_PATH:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
elif DEBUG or TESTING:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
else:
    raise ImproperlyConfigured("Set EMAIL_URL (or EMAIL_FILE_PATH) when DEBUG is off.")
# DEFAULT_FROM_EMAIL: the sender of every mail Samenspel sends.
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Samenspel <noreply@samenspel.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Language -------------------------------------------------------------------------

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "samenspel" / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

# --- Static files ---------------------------------------------------------------------

STATIC_URL = "/static/"
# STATIC_ROOT: where `collectstatic` gathers the static files in production.
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
# Third-party CSS and JavaScript come from npm (package.json); nothing is committed.
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    ("vendor/utrecht", NODE_MODULES / "@utrecht" / "component-library-css" / "dist"),
    ("vendor/utrecht-tokens", NODE_MODULES / "@utrecht" / "design-tokens" / "dist"),
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
    ("vendor/leaflet", NODE_MODULES / "leaflet" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if (DEBUG or TESTING)
        else "samenspel.core.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG or TESTING

# --- Security -------------------------------------------------------------------------

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# SECURE_COOKIES: send session and CSRF cookies over HTTPS only (default: on without DEBUG).
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=not (DEBUG or TESTING))
# SECURE_SSL_REDIRECT: redirect plain HTTP to HTTPS (off when a proxy already does).
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not (DEBUG or TESTING))
# TRUSTED_PROXIES: comma-separated addresses or networks (10.0.0.5, 10.0.0.0/24) of the reverse
# proxies in front of the app. A request from one of them names its client in X-Forwarded-For,
# read from the right past these hops (core/client.py); every limit counts that client. Empty
# (the default): REMOTE_ADDR is the client and X-Forwarded-For is ignored.
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=[])
# USE_X_FORWARDED_PROTO: trust the proxy's X-Forwarded-Proto header (behind a TLS-terminating proxy).
if env.bool("USE_X_FORWARDED_PROTO", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# SECURE_HSTS_SECONDS: how long browsers must use HTTPS only (default one year without DEBUG).
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if (DEBUG or TESTING) else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = SECURE_HSTS_SECONDS > 0
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# The pages carry no inline script or style, so the policy can forbid both. Map tiles
# come from TILE_URL's host when one is configured; without one, maps draw only vectors.
# Address search never runs in the browser: our own view asks GEOCODER_URL, so
# connect-src stays 'self'.
_PRODUCTION = not (DEBUG or TESTING)
# TILE_URL: the base map, an XYZ tile URL. Default in production: PDOK BRT-Achtergrondkaart
# (https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:3857/{z}/{x}/{y}.png);
# empty in development and tests. Set it empty for no tiles (outlines on grey).
TILE_URL = env.str(
    "TILE_URL",
    default="https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:3857/{z}/{x}/{y}.png"
    if _PRODUCTION
    else "",
)
# TILE_ATTRIBUTION: the attribution the tile server's licence asks for (HTML allowed).
TILE_ATTRIBUTION = env.str(
    "TILE_ATTRIBUTION",
    default='Kaartgegevens &copy; <a href="https://www.kadaster.nl">Kadaster</a>'
    if TILE_URL.startswith("https://service.pdok.nl/")
    else "",
)
# GEOCODER_URL: the PDOK Locatieserver search API for address search on the place picker.
# Default in production: https://api.pdok.nl/bzk/locatieserver/search/v3_1 ; empty in
# development and tests. Set it empty for no search box (the map and the lists still work).
GEOCODER_URL = env.str(
    "GEOCODER_URL", default="https://api.pdok.nl/bzk/locatieserver/search/v3_1" if _PRODUCTION else ""
)
# GEOCODER_TIMEOUT: seconds to wait for the Locatieserver before telling the person it failed.
GEOCODER_TIMEOUT = env.float("GEOCODER_TIMEOUT", default=3.0)
_img_src = ["'self'", "data:"]
if TILE_URL:
    from urllib.parse import urlsplit

    _tiles = urlsplit(TILE_URL)
    _img_src.append(f"{_tiles.scheme}://{_tiles.netloc.replace('{s}', '*')}")
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": _img_src,
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# --- API ------------------------------------------------------------------------------

API_VERSION = "1.0.0"
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_PAGINATION_CLASS": "samenspel.core.api.Pagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "samenspel.core.api.problem_exception_handler",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    # JSON with a size and depth guard (core.parsers.JSONParser); forms as DRF's defaults.
    "DEFAULT_PARSER_CLASSES": [
        "samenspel.core.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    # Requests per client address (anonymous) or per account, counted atomically (core/ratelimit.py).
    "DEFAULT_THROTTLE_CLASSES": ["samenspel.core.ratelimit.AnonThrottle", "samenspel.core.ratelimit.UserThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": "600/min", "user": "1200/min"},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Samenspel API",
    "DESCRIPTION": "Open data en samenwerking tussen gemeente en inwoners. Fouten volgen RFC 9457 (problem+json).",
    "VERSION": API_VERSION,
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    # Several models have a `status`; name each choice set after its concept in the schema.
    "ENUM_NAME_OVERRIDES": {
        "InitiativeStatusEnum": "samenspel.initiatives.models.Status",
        "ListingStatusEnum": "samenspel.marketplace.models.ListingStatus",
        "BudgetPlanStatusEnum": "samenspel.budgeting.models.PlanStatus",
        "ImplementationStatusEnum": "samenspel.budgeting.models.ImplementationStatus",
    },
}

# --- Logging --------------------------------------------------------------------------

# LOG_LEVEL: level of the application log written to standard error.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

FORM_RENDERER = "samenspel.core.forms.FormRenderer"
