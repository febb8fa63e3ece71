"""The deploy/ stack on this machine: nginx from deploy/nginx, gunicorn from deploy/, production
settings, a fresh var/ with the reference page imported and its e-paper published.

Used by tests/site/test_deploy.py and bench/bench_read.py. nginx runs unprivileged on free
ports with its own prefix; nothing outside the temporary directory is touched.
"""

from __future__ import annotations

import base64
import hashlib
import http.client
import os
import pwd
import secrets
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
FIXTURE = ROOT / "chenbao" / "archive" / "fixtures" / "reference-2022-12-02-A02.txt"
DATE, PAGE = "2022-12-02", "A02"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def database_migrated(database: Path, migrate: Callable[[], object]) -> None:
    """Put a migrated SQLite database at `database`: a copy of the one migrated before with
    the same migrations (in the temporary folder), or `migrate()` it and keep a copy. Running
    every migration takes 10–15 s; a copy, a few milliseconds."""
    template = Path(tempfile.gettempdir()) / f"chenbao-deploy-{_migrations_hash()}.sqlite3"
    if template.exists():
        shutil.copyfile(template, database)
        return
    migrate()
    partial = template.with_suffix(f".{os.getpid()}.part")
    with sqlite3.connect(database) as source, sqlite3.connect(partial) as copy:
        source.backup(copy)
    partial.replace(template)


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes

    def header(self, name: str) -> str:
        return self.headers.get(name.lower(), "")


def get(port: int, path: str, headers: dict[str, str] | None = None) -> Answer:
    return request(port, "GET", path, headers=headers)


def request(
    port: int, method: str, path: str, body: bytes | None = None, headers: dict | None = None
) -> Answer:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        body = response.read()
        return Answer(response.status, {k.lower(): v for k, v in response.getheaders()}, body)
    finally:
        conn.close()


def _migrations_hash() -> str:
    digest = hashlib.sha256()
    for path in sorted(ROOT.glob("chenbao/*/migrations/*.py")):
        digest.update(path.name.encode() + path.read_bytes())
    import wagtail

    digest.update(wagtail.__version__.encode())
    return digest.hexdigest()[:16]


class DeployStack:
    """nginx + gunicorn as deploy/ configures them, in a temporary directory."""

    def __init__(self, workdir: Path, *, web_workers: int = 2, threads: int = 4):
        self.dir = workdir
        self.var = workdir / "var"
        self.port = free_port()
        self.purge_port = free_port()
        self.app_port = free_port()
        self.web_workers = web_workers
        self.threads = threads
        self.processes: list[subprocess.Popen] = []
        self.env = self._environment()

    def _environment(self) -> dict[str, str]:
        env = {
            k: v for k, v in os.environ.items() if not k.startswith(("CHENBAO_", "DATABASE_URL"))
        }
        env.update(
            DJANGO_SETTINGS_MODULE="chenbao.settings.production",
            CHENBAO_VAR_DIR=str(self.var),
            CHENBAO_SECRET_KEY=secrets.token_urlsafe(50),
            CHENBAO_TIP_KEY=base64.urlsafe_b64encode(os.urandom(32)).decode(),
            CHENBAO_ALLOWED_HOSTS="127.0.0.1,localhost",
            CHENBAO_BASE_URL=f"http://127.0.0.1:{self.port}",
            CHENBAO_PURGE_URL=f"http://127.0.0.1:{self.purge_port}",
            CHENBAO_BIND=f"127.0.0.1:{self.app_port}",
            CHENBAO_WEB_WORKERS=str(self.web_workers),
            CHENBAO_WEB_THREADS=str(self.threads),
            CHENBAO_TRUSTED_PROXIES="127.0.0.1",
            # Plain HTTP on the loopback: no TLS in front here.
            CHENBAO_SECURE_COOKIES="0",
            CHENBAO_SSL_REDIRECT="0",
            CHENBAO_LOG_LEVEL="WARNING",
        )
        return env

    # --- preparing var/ -------------------------------------------------------------------

    def chenbao(self, *args: str, timeout: float = 600, env: dict | None = None) -> str:
        """Run `chenbao ARGS` with the stack's settings (and `env` over them); return its
        output, fail loudly."""
        done = subprocess.run(
            [str(BIN / "chenbao"), *args],
            env={**self.env, **(env or {})},
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if done.returncode != 0:
            raise RuntimeError(f"chenbao {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
        return done.stdout

    def prepare(self) -> None:
        """Migrate (from a cached migrated database when the migrations are unchanged), collect
        the static files, import the reference page and publish its e-paper."""
        self.var.mkdir(parents=True, exist_ok=True)
        database_migrated(
            self.var / "chenbao.sqlite3", lambda: self.chenbao("migrate", "--noinput")
        )
        self.chenbao("migrate", "--noinput")
        self.chenbao("collectstatic", "--noinput")
        self.chenbao("import-page", str(FIXTURE), "--date", DATE, "--page", PAGE)
        self.chenbao("render", "--date", DATE, "--no-progress")

    # --- running ----------------------------------------------------------------------------

    def start(self) -> None:
        conf_dir = self.dir / "conf"
        self.chenbao(
            "deploy-config",
            str(conf_dir),
            "--listen",
            f"127.0.0.1:{self.port}",
            "--server-name",
            "127.0.0.1 localhost",
            "--purge-listen",
            f"127.0.0.1:{self.purge_port}",
            "--cache-dir",
            str(self.dir / "nginx-cache"),
        )
        nginx_dir = self.dir / "nginx"
        (nginx_dir / "logs").mkdir(parents=True, exist_ok=True)
        # Root would hand the workers to "nobody", who cannot read a private temporary dir.
        user = f"user {pwd.getpwuid(os.geteuid()).pw_name};" if os.geteuid() == 0 else ""
        temp = "\n".join(
            f"    {kind}_temp_path {nginx_dir}/{kind};"
            for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        (nginx_dir / "nginx.conf").write_text(
            f"""{user}
worker_processes 2;
pid {nginx_dir}/nginx.pid;
error_log {nginx_dir}/logs/error.log warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    tcp_nopush on;
    access_log off;
{temp}
    include {conf_dir}/nginx/chenbao.conf;
}}
"""
        )
        self.processes.append(
            subprocess.Popen(
                [
                    str(BIN / "gunicorn"),
                    "chenbao.wsgi",
                    "--config",
                    str(ROOT / "deploy/gunicorn.conf.py"),
                ],
                env=self.env,
                cwd=ROOT,
                stdout=subprocess.DEVNULL,
                stderr=open(self.dir / "gunicorn.log", "wb"),  # noqa: SIM115
            )
        )
        self.processes.append(
            subprocess.Popen(
                [
                    NGINX,
                    "-p",
                    str(nginx_dir),
                    "-c",
                    str(nginx_dir / "nginx.conf"),
                    "-e",
                    str(nginx_dir / "logs/error.log"),
                    "-g",
                    "daemon off;",
                ],
                stdout=subprocess.DEVNULL,
                stderr=open(self.dir / "nginx.log", "wb"),  # noqa: SIM115
            )
        )
        self._wait_for(self.app_port, "gunicorn", self.dir / "gunicorn.log")
        self._wait_for(self.port, "nginx", self.dir / "nginx.log")

    def _wait_for(self, port: int, name: str, log: Path) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if any(p.poll() is not None for p in self.processes):
                break
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"{name} did not start:\n{log.read_text(errors='replace')}")

    def stop(self) -> None:
        for process in reversed(self.processes):
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        self.processes.clear()

    def get(self, path: str, headers: dict[str, str] | None = None) -> Answer:
        """GET `path` through nginx, as a reader."""
        return get(self.port, path, headers)

    def post(self, path: str, body: bytes, headers: dict[str, str]) -> Answer:
        """POST `body` to `path` through nginx."""
        return request(self.port, "POST", path, body, headers)

    def __enter__(self) -> DeployStack:
        self.prepare()
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()
