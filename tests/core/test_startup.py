"""Operator mistakes refused before a request is served (issue 13, item 9): production
settings with a weak secret key or a malformed tip key, the demo under production
settings, and files under var/ readable by others. `check --deploy` is clean."""

import base64
import os
import secrets
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.deploystack import database_migrated

ROOT = Path(__file__).resolve().parents[2]
CHENBAO = str(Path(sys.executable).parent / "chenbao")


def production(tmp_path: Path, **overrides: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(
        DJANGO_SETTINGS_MODULE="chenbao.settings.production",
        CHENBAO_VAR_DIR=str(tmp_path / "var"),
        CHENBAO_SECRET_KEY=secrets.token_urlsafe(50),
        CHENBAO_TIP_KEY=base64.urlsafe_b64encode(os.urandom(32)).decode(),
        CHENBAO_ALLOWED_HOSTS="news.example.cn",
        CHENBAO_LOG_LEVEL="ERROR",
    )
    env.update(overrides)
    return env


def chenbao(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [CHENBAO, *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=300
    )


def migrated(env: dict) -> None:
    """var/chenbao.sqlite3 of `env` migrated (a copy of a database migrated before)."""
    var = Path(env["CHENBAO_VAR_DIR"])
    var.mkdir(parents=True, exist_ok=True)

    def migrate() -> None:
        assert chenbao(env, "migrate", "-v0").returncode == 0

    database_migrated(var / "chenbao.sqlite3", migrate)


def test_check_deploy_is_clean_under_production_settings(tmp_path):
    done = chenbao(production(tmp_path), "check", "--deploy", "--fail-level", "WARNING")
    assert done.returncode == 0, done.stderr
    assert "no issues" in done.stdout


@pytest.mark.parametrize(
    "key", ["x", "short-but-not-fifty-characters", "a" * 60, "django-insecure-" + "k1" * 30]
)
def test_a_weak_secret_key_is_refused(tmp_path, key):
    done = chenbao(production(tmp_path, CHENBAO_SECRET_KEY=key), "check")
    assert done.returncode != 0 and "CHENBAO_SECRET_KEY is too weak" in done.stderr


@pytest.mark.parametrize(
    "key",
    ["not-a-key", base64.urlsafe_b64encode(os.urandom(16)).decode()],
    ids=["not base64", "16 bytes"],
)
def test_a_malformed_tip_key_is_refused_before_serving(tmp_path, key):
    env = production(tmp_path, CHENBAO_TIP_KEY=key)
    done = chenbao(env, "check")
    assert done.returncode != 0 and "CHENBAO_TIP_KEY" in done.stderr
    assert key not in done.stderr  # the message never shows the key
    wsgi = subprocess.run(
        [sys.executable, "-c", "import chenbao.wsgi"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert wsgi.returncode != 0 and "CHENBAO_TIP_KEY" in wsgi.stderr


def test_the_server_refuses_to_start_on_a_system_check_error(settings, monkeypatch):
    from django.core import checks
    from django.core.exceptions import ImproperlyConfigured

    from chenbao.core.startup import refuse_unsafe_start

    def broken(app_configs=None, **kwargs):
        return [checks.Error("tip-line key unusable", id="tips.E001")]

    monkeypatch.setattr(checks.registry.registry, "registered_checks", {broken})
    with pytest.raises(ImproperlyConfigured, match="tips.E001"):
        refuse_unsafe_start()


def test_production_redirects_to_https_and_sets_hsts(tmp_path):
    code = (
        "from django.conf import settings as s;"
        "print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS > 0, s.SESSION_COOKIE_SECURE)"
    )
    done = chenbao(production(tmp_path), "shell", "-c", code)
    assert done.stdout.splitlines()[-1].split() == ["True", "True", "True"], done.stderr
    proxied = chenbao(production(tmp_path, CHENBAO_SSL_REDIRECT="0"), "shell", "-c", code)
    assert proxied.stdout.splitlines()[-1].split()[0] == "False"


def test_the_demo_is_refused_under_production_settings(tmp_path):
    env = production(tmp_path)
    migrated(env)
    done = chenbao(env, "demo")
    assert done.returncode != 0 and "生产环境不能加载演示数据" in done.stderr
    users = chenbao(
        env,
        "shell",
        "-c",
        "from django.contrib.auth.models import User; print(User.objects.count())",
    )
    assert users.stdout.splitlines()[-1] == "0"


def test_files_under_var_are_private(tmp_path):
    env = production(tmp_path)
    migrated(env)
    code = (
        "from chenbao.tips.services import tip_submit, Upload;"
        "import io; from PIL import Image; b = io.BytesIO();"
        "Image.new('RGB', (64, 48)).save(b, 'JPEG');"
        "tip_submit(text='柳泉路积水很深，车辆无法通行。', uploads=[Upload(b.getvalue())])"
    )
    done = chenbao(
        {**env, "CHENBAO_TIP_FILES_ROOT": str(tmp_path / "var/private/tips")}, "shell", "-c", code
    )
    assert done.returncode == 0, done.stderr
    var = tmp_path / "var"
    # var/ itself stays readable: nginx serves static/, media/ and the e-paper from it
    assert stat.S_IMODE(var.stat().st_mode) & 0o005 == 0o005
    database = var / "chenbao.sqlite3"
    assert stat.S_IMODE(database.stat().st_mode) == 0o600
    files = [p for p in (var / "private/tips").rglob("*") if p.is_file()]
    folders = [p for p in (var / "private/tips").rglob("*") if p.is_dir()]
    assert files and folders
    assert {stat.S_IMODE(p.stat().st_mode) for p in files} == {0o600}
    assert {stat.S_IMODE(p.stat().st_mode) for p in folders} == {0o700}
