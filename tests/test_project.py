"""Project-wide guarantees: migrations, settings that fail closed, a clean deploy check."""

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "k" * 20 + "-production-like-secret-0123456789abcdef",
    "ALLOWED_HOSTS": "samenspel.lindeveen.nl",
    "EMAIL_URL": "smtp://mail.lindeveen.nl:587",
    "PATH": os.environ["PATH"],
}


def _manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.mark.django_db
def test_no_model_change_lacks_a_migration():
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"}
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_the_insecure_default_prefix():
    result = _manage("check", env={**PRODUCTION_ENV, "SECRET_KEY": "django-insecure-" + "x" * 50})
    assert result.returncode != 0


def test_deploy_check_is_clean_with_production_settings():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_static_files_build_with_hashed_names(tmp_path):
    result = _manage("collectstatic", "--noinput", "-v0", env={**PRODUCTION_ENV, "STATIC_ROOT": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    manifest = (tmp_path / "staticfiles.json").read_text()
    assert "samenspel/css/samenspel.css" in manifest and "vendor/utrecht/index.css" in manifest
    assert any(tmp_path.glob("vendor/leaflet/leaflet.*.js"))


def test_starting_the_app_loads_no_heavy_library():
    """Every web process, worker and command pays for what the app imports at start; scikit-learn,
    SciPy, pandas, NumPy, ReportLab, WeasyPrint and the OIDC client belong to the functions that
    use them (a recompute, a count, a PDF, a DigiD log-in), the holiday calendars and the
    stemmer to the first term counted or search made, and the Redis client to a process whose
    cache is Redis (this one has none)."""
    heavy = (
        "sklearn",
        "scipy",
        "pandas",
        "numpy",
        "reportlab",
        "weasyprint",
        "mozilla_django_oidc",
        "holidays",
        "snowballstemmer",
        "redis",
    )
    code = (
        "import django, sys; django.setup(); import samenspel.wsgi, samenspel.urls, samenspel.api_urls; "
        f"print(sorted(m for m in {heavy!r} if m in sys.modules))"
    )
    env = {**os.environ, "DEBUG": "true", "DJANGO_SETTINGS_MODULE": "samenspel.settings"}
    env.pop("REDIS_URL", None)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
