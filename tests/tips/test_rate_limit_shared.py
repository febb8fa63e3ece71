"""The tip-line's limits hold across processes (several gunicorn workers, several machines):
60 simultaneous requests from one client, from 4 processes of 15 threads each, get exactly
the allowed number through, counted in the database and in Redis (issue 13, item 5)."""

import base64
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from chenbao.settings.base import cache_from_env
from tests.tips.redisserver import redis_server

ROOT = Path(__file__).resolve().parent.parent.parent
PROCESSES, THREADS = 4, 15

WORKER = """
import json, os, sys, threading, uuid
import django
django.setup()
from django.db import connections
from django.test import Client

kind = sys.argv[1]
statuses = []

def one(n):
    client = Client(REMOTE_ADDR="203.0.113.9")
    try:
        if kind == "submit":
            body = json.dumps({"text": f"第{uuid.uuid4().hex}条：华光路积水很深，车辆无法通行。"})
            answer = client.post("/api/v1/tips", body, content_type="application/json", secure=True)
        else:
            code = str(uuid.uuid4().int)[:16]  # a different wrong receipt every time
            answer = client.get("/api/v1/tips/current", HTTP_AUTHORIZATION=f"Receipt {code}", secure=True)
        statuses.append(answer.status_code)
    except Exception as exc:
        print(repr(exc), file=sys.stderr)
        statuses.append(0)
    finally:
        connections.close_all()

Client().get("/api/v1/openapi.json", secure=True)  # load the URLs and views before the race
connections.close_all()
threads = [threading.Thread(target=one, args=(n,)) for n in range(int(sys.argv[2]))]
print("ready", flush=True)
sys.stdin.readline()  # all processes start together
for t in threads:
    t.start()
for t in threads:
    t.join()
print(json.dumps(statuses), flush=True)
"""


@pytest.fixture(params=["database", "redis"])
def shared_env(request, transactional_db, tmp_path):
    """Environment for worker processes sharing this test's database (and Redis)."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "CHENBAO_CACHE_URL")}
    env.update(
        DJANGO_SETTINGS_MODULE="chenbao.settings.production",
        CHENBAO_VAR_DIR=str(tmp_path),
        CHENBAO_SECRET_KEY=base64.urlsafe_b64encode(os.urandom(48)).decode(),
        CHENBAO_SSL_REDIRECT="0",  # plain HTTP on the loopback
        CHENBAO_TIP_KEY=base64.urlsafe_b64encode(os.urandom(32)).decode(),
        CHENBAO_ALLOWED_HOSTS="testserver",
        CHENBAO_TIP_RATE_LIMIT="20/3600",
        CHENBAO_TIP_RECEIPT_FAILURES="5/3600",
        CHENBAO_LOG_LEVEL="ERROR",
    )
    db = connection.settings_dict
    if connection.vendor == "postgresql":  # the test database itself: transactional_db commits
        env["DATABASE_URL"] = (
            f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
        )
    else:  # SQLite's test database lives in memory: the workers get a copy on disk
        connection.ensure_connection()
        target = sqlite3.connect(tmp_path / "chenbao.sqlite3")
        connection.connection.backup(target)
        # In WAL already, as `migrate` leaves a real database: 60 connections opening at once
        # must not each try to switch the journal mode (SQLite answers that with "database is
        # locked" at once, without waiting).
        target.execute("PRAGMA journal_mode=WAL")
        target.close()
    if request.param == "redis":
        with redis_server(tmp_path) as url:
            env["CHENBAO_CACHE_URL"] = url
            yield env
    else:
        yield env


def run_workers(env: dict, kind: str) -> list[int]:
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, kind, str(THREADS)],
            env=env,
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(PROCESSES)
    ]
    for proc in procs:
        assert proc.stdout.readline().strip() == "ready", proc.stderr.read()
    for proc in procs:
        proc.stdin.write("go\n")
        proc.stdin.flush()
    statuses = []
    for proc in procs:
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
        statuses += json.loads(out.strip().splitlines()[-1])
        assert 0 not in statuses, err
    return statuses


def tips_in(env: dict) -> int:
    if "DATABASE_URL" in env:
        from chenbao.tips.models import Tip

        return Tip.objects.count()
    with sqlite3.connect(Path(env["CHENBAO_VAR_DIR"]) / "chenbao.sqlite3") as db:
        return db.execute("SELECT COUNT(*) FROM tips_tip").fetchone()[0]


def test_60_simultaneous_submissions_accept_exactly_the_limit(shared_env):
    statuses = run_workers(shared_env, "submit")
    assert sorted(statuses) == [201] * 20 + [429] * 40
    assert tips_in(shared_env) == 20


def test_60_simultaneous_wrong_receipts_get_exactly_the_allowed_tries(shared_env):
    statuses = run_workers(shared_env, "receipt")
    assert sorted(statuses) == [401] * 5 + [429] * 55


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
