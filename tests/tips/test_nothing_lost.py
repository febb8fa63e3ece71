"""Nothing accepted is lost: SIGKILL the server mid-flood, every receipt given is in the DB."""

import http.client
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.db import connection

from chenbao.tips import receipts

TIP_KEY = "a2lsbC10ZXN0LWtleS0zMi1ieXRlcy1sb25nLW9rISE="


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def post_tip(port: int, n: int) -> str | None:
    body = json.dumps({"text": f"第{n}条：小区门口积水很深，车辆无法通行，请记者来看看。"})
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        conn.request("POST", "/api/v1/tips", body, {"Content-Type": "application/json"})
        response = conn.getresponse()
        data = response.read()
        return json.loads(data)["receipt"] if response.status == 201 else None
    finally:
        conn.close()


@pytest.mark.django_db
def test_sigkill_during_submissions_loses_no_receipted_tip(tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("this test runs the server on a file SQLite database")
    # The migrated test database, copied to a file (read through the test's own connection):
    # much faster than migrating again.
    db_file = tmp_path / "chenbao.sqlite3"
    connection.ensure_connection()
    target = sqlite3.connect(db_file)
    target.executescript(
        "\n".join(
            line
            for line in connection.connection.iterdump()
            if line not in {"BEGIN TRANSACTION;", "COMMIT;"}
        )
    )
    target.commit()
    target.close()
    port = free_port()
    env = {
        k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="chenbao.settings.production",
        CHENBAO_VAR_DIR=str(tmp_path),
        CHENBAO_SECRET_KEY="kill-test-" + "k" * 20 + "-0123456789abcdefghijklmnop",
        CHENBAO_SSL_REDIRECT="0",  # plain HTTP on the loopback
        CHENBAO_TIP_KEY=TIP_KEY,
        CHENBAO_TIP_FILES_ROOT=str(tmp_path / "files"),
        CHENBAO_TIP_RATE_LIMIT="1000000/60",
        CHENBAO_LOG_LEVEL="ERROR",
    )
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "chenbao.wsgi", "-w", "2", "-b", f"127.0.0.1:{port}"],
        env=env,
        cwd=Path(__file__).resolve().parents[2],
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    given: list[str] = []
    stop = threading.Event()
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if post_tip(port, -1):
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, "server did not start"
            time.sleep(0.2)

        def flood(worker: int) -> None:
            n = 0
            while not stop.is_set():
                n += 1
                try:
                    code = post_tip(port, worker * 100000 + n)
                except (OSError, http.client.HTTPException):
                    continue  # the server is gone: no receipt, no promise
                if code:
                    given.append(code)

        threads = [threading.Thread(target=flood, args=(w,)) for w in range(8)]
        for t in threads:
            t.start()
        time.sleep(1.5)
        os.killpg(server.pid, signal.SIGKILL)  # mid-flight: requests are being handled
        server.wait(timeout=10)
        stop.set()
        for t in threads:
            t.join(timeout=10)
    finally:
        stop.set()
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()

    assert len(given) >= 20, "the flood was too small to mean anything"
    key = receipts_key()
    with sqlite3.connect(db_file) as db:
        missing = []
        for code in given:
            rows = db.execute(
                "SELECT receipt_hash FROM tips_tip WHERE receipt_index = ?",
                (receipts.receipt_index(code, key),),
            ).fetchall()
            if not any(receipts.receipt_verify(h, code) for (h,) in rows):
                missing.append(code)
    print(f"receipts given before SIGKILL: {len(given)}, missing afterwards: {len(missing)}")
    assert missing == []


def receipts_key() -> bytes:
    from django.test import override_settings

    from chenbao.tips import crypto

    with override_settings(CHENBAO_TIP_KEY=TIP_KEY):
        return crypto.index_key()
