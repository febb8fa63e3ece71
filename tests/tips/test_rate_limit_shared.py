"""The tip-line's rate limits count across processes in production (several gunicorn workers)."""

import base64
import os
import subprocess
import sys
from pathlib import Path

import pytest

from chenbao.settings.base import cache_from_env

ROOT = Path(__file__).resolve().parent.parent.parent

HIT = """
import django
django.setup()
from django.conf import settings
from django.test import RequestFactory
from chenbao.tips import ratelimit
request = RequestFactory().post("/baoliao/", REMOTE_ADDR="203.0.113.9")
print(settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1])
print(*[ratelimit.hit("submit", request, "3/600") for _ in range(2)])
"""


def run_worker(env: dict) -> list[str]:
    out = subprocess.run(
        [sys.executable, "-c", HIT], env=env, cwd=ROOT, capture_output=True, text=True, check=True
    )
    return out.stdout.split("\n")


def test_production_workers_share_the_rate_limit_count(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "CHENBAO_CACHE_URL")}
    env.update(
        DJANGO_SETTINGS_MODULE="chenbao.settings.production",
        CHENBAO_VAR_DIR=str(tmp_path),
        CHENBAO_SECRET_KEY="x",
        CHENBAO_TIP_KEY=base64.urlsafe_b64encode(os.urandom(32)).decode(),
    )
    first = run_worker(env)  # one process: two requests, both allowed
    second = run_worker(env)  # another process: the 3rd is allowed, the 4th is over
    assert first[0] == "FileBasedCache"
    assert first[1] == "True True"
    assert second[1] == "True False"
    assert (tmp_path / "cache").is_dir()


def test_cache_url_chooses_the_backend(tmp_path):
    assert cache_from_env("")["BACKEND"].endswith("LocMemCache")
    assert cache_from_env("locmem://")["BACKEND"].endswith("LocMemCache")
    assert cache_from_env("", tmp_path)["LOCATION"] == str(tmp_path)
    assert cache_from_env("file:///srv/cache") == {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": "/srv/cache",
    }
    assert cache_from_env("redis://127.0.0.1:6379/2")["BACKEND"].endswith("RedisCache")
    with pytest.raises(ValueError, match="memcache"):
        cache_from_env("memcache://x")
