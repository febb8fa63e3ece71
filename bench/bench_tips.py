"""Tip submissions per second and latency, on SQLite and on PostgreSQL, 2 gunicorn workers.

Prints figures; asserts nothing about time. Each run starts from a freshly migrated
database, floods POST /api/v1/tips from client threads (JSON without a photo from a client
freed from the limits, the same from a client whose every request is counted in the atomic
limits, then multipart with one ~440 KB phone-sized JPEG, decoded and re-encoded in the
media worker), times requests carrying nine decompression bombs (7 KB PNGs of 7700×7700,
refused from their headers), and then checks that every 201 answer is a row in the
database (none lost). The bench's clients are told apart by the X-Forwarded-For header of
a trusted proxy (127.0.0.1), as behind nginx.

    .venv/bin/python bench/bench_tips.py [--tips 1000] [--photos 200] [--clients 16]
    BENCH_PG_URL=postgres://postgres@127.0.0.1:5432/bench_tips .venv/bin/python bench/bench_tips.py

With `--preload 50000` each database is measured twice: from empty, then with 50,000 tips
of a burst already held in the 7-day window (bench/tip_preload.py: generated with a fixed
seed), and the second run also times the tip desk's inbox pages on those tips.
"""

import argparse
import base64
import http.client
import io
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
CHENBAO = str(Path(sys.executable).parent / "chenbao")
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/bench_tips_issue3")
EXEMPT, COUNTED = "192.0.2.1", "198.51.100.1"  # the bench's two clients (documentation nets)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def photo_bytes() -> bytes:
    from PIL import Image

    img = Image.effect_noise((1200, 900), 40).convert("RGB")
    out = io.BytesIO()
    img.save(out, format="JPEG", quality=70)
    return out.getvalue()


def multipart(text: str, photo: bytes) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="text"\r\n\r\n{text}\r\n'.encode(),
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="p.jpg"\r\n'
            "Content-Type: image/jpeg\r\n\r\n"
        ).encode()
        + photo
        + b"\r\n",
        f"--{boundary}--\r\n".encode(),
    ]
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def environment(var_dir: Path, database_url: str | None) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL"}}
    env.update(
        DJANGO_SETTINGS_MODULE="chenbao.settings.production",
        CHENBAO_VAR_DIR=str(var_dir),
        CHENBAO_SECRET_KEY=base64.urlsafe_b64encode(os.urandom(48)).decode(),
        CHENBAO_SSL_REDIRECT="0",  # plain HTTP on the loopback
        CHENBAO_TIP_KEY=base64.urlsafe_b64encode(os.urandom(32)).decode(),
        CHENBAO_TIP_FILES_ROOT=str(var_dir / "files"),
        CHENBAO_TIP_RATE_LIMIT="100000000/60",  # the counted client's own budget
        CHENBAO_TIP_CLIENT_DAILY_MB="1000000",
        CHENBAO_TRUSTED_PROXIES="127.0.0.1",
        CHENBAO_TIP_LIMITS_EXEMPT=EXEMPT,
        CHENBAO_LOG_LEVEL="ERROR",
    )
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def bombs() -> tuple[bytes, str]:
    from PIL import Image

    out = io.BytesIO()
    Image.new("1", (7700, 7700)).save(out, format="PNG")
    boundary = uuid.uuid4().hex
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="text"\r\n\r\n炸弹\r\n'.encode()
    ]
    for n in range(9):
        parts.append(
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="{n}.png"\r\n'
                "Content-Type: image/png\r\n\r\n"
            ).encode()
            + out.getvalue()
            + b"\r\n"
        )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def post(
    port: int, body: bytes, ctype: str, client: str = EXEMPT, timeout: float = 60
) -> tuple[int, float]:
    started = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request(
            "POST", "/api/v1/tips", body, {"Content-Type": ctype, "X-Forwarded-For": client}
        )
        response = conn.getresponse()
        response.read()
        return response.status, time.perf_counter() - started
    finally:
        conn.close()


def flood(port: int, count: int, clients: int, make, client: str = EXEMPT) -> dict:
    """POST `count` tips from `clients` threads; return throughput and latency figures."""
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    lock = threading.Lock()
    counter = iter(range(count))

    def worker():
        while True:
            with lock:
                n = next(counter, None)
            if n is None:
                return
            body, ctype = make(n)
            status, seconds = post(port, body, ctype, client)
            with lock:
                latencies.append(seconds)
                statuses[status] = statuses.get(status, 0) + 1

    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    latencies.sort()
    return {
        "per_second": count / wall,
        "p50_ms": statistics.median(latencies) * 1000,
        "p99_ms": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000,
        "statuses": statuses,
    }


def count_rows(env: dict) -> int:
    out = subprocess.run(
        [CHENBAO, "shell", "-c", "from chenbao.tips.models import Tip; print(Tip.objects.count())"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return int(out.stdout.strip().splitlines()[-1])


def run(label: str, database_url: str | None, args, preload: int = 0) -> dict:
    if database_url:
        pg_ready(database_url)  # a fresh database for every run
    with tempfile.TemporaryDirectory(prefix="bench-tips-") as tmp:
        env = environment(Path(tmp), database_url)
        subprocess.run([CHENBAO, "migrate", "-v0"], env=env, cwd=ROOT, check=True)
        if preload:
            subprocess.run(
                [PYTHON, str(ROOT / "bench/tip_preload.py"), str(preload)],
                env=env,
                cwd=ROOT,
                check=True,
            )
        port = free_port()
        server = subprocess.Popen(
            [
                PYTHON,
                "-m",
                "gunicorn",
                "chenbao.wsgi",
                "-w",
                str(args.workers),
                "-b",
                f"127.0.0.1:{port}",
                "--timeout",
                "120",
                "--backlog",
                "2048",
            ],
            env=env,
            cwd=ROOT,
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    conn = socket.create_connection(("127.0.0.1", port), timeout=1)
                    conn.close()
                    break
                except OSError:
                    time.sleep(0.2)
                if time.monotonic() > deadline:
                    raise SystemExit("server did not start")
            # The first tip a worker takes builds its index of the window's signatures.
            firsts = [
                post(port, b'{"text": "warm-up tip"}', "application/json", timeout=600)
                for _ in range(1 + 2 * args.workers)  # warm every worker
            ]
            assert all(status == 201 for status, _ in firsts), firsts
            first_s = max(seconds for _, seconds in firsts)
            # The workers build their indexes side by side; the warm-up may all have gone to
            # the first one ready. Give the others the same time before measuring.
            time.sleep(first_s if preload else 0)
            photo = photo_bytes()
            photo_body = multipart("warm-up photo", photo)
            for _ in range(2 * args.workers):  # start every worker's media worker
                post(port, *photo_body)
            warm = 1 + 4 * args.workers
            bomb_body = bombs()
            texts = [
                f"第{n}条：{place}附近积水很深，车辆无法通行，请记者来看看。"
                for n, place in enumerate(["华光路", "柳泉路", "共青团路", "人民路"] * 10000)
            ]
            plain = flood(
                port,
                args.tips,
                args.clients,
                lambda n: (json.dumps({"text": texts[n]}).encode(), "application/json"),
            )
            counted = flood(
                port,
                args.tips,
                args.clients,
                lambda n: (json.dumps({"text": texts[-n - 1]}).encode(), "application/json"),
                COUNTED,
            )
            results = [("no photo, exempt", plain), ("no photo, counted", counted)]
            if not preload:
                with_photo = flood(
                    port, args.photos, args.clients, lambda n: multipart(texts[n], photo)
                )
                bombed = flood(port, 20, 2, lambda n: bomb_body)
                results += [
                    (f"one photo ({len(photo) // 1024} KB)", with_photo),
                    (f"nine bombs ({len(bomb_body[0]) // 1024} KB)", bombed),
                ]
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
        accepted = sum(r["statuses"].get(201, 0) for name, r in results if "bombs" not in name)
        rows = count_rows(env) - warm - preload
        held = f", {preload} tips held" if preload else ", empty window"
        print(f"{label} ({args.workers} gunicorn workers, {args.clients} clients{held})")
        print(
            f"  first answer after start (workers build their index as they start): {first_s:.2f} s"
        )
        for name, r in results:
            print(
                f"  {name:<22} {r['per_second']:7.1f} tips/s   p50 {r['p50_ms']:6.1f} ms"
                f"   p99 {r['p99_ms']:6.1f} ms   answers {r['statuses']}"
            )
        print(f"  accepted {accepted}, rows {rows}, lost {accepted - rows}", flush=True)
        if preload:
            subprocess.run(
                [PYTHON, str(ROOT / "bench/tip_preload.py"), "--inbox", "40"],
                env={**env, "CHENBAO_SECOND_FACTOR": "0"},
                cwd=ROOT,
                check=True,
            )
        return plain


def pg_ready(url: str) -> str | None:
    try:
        import psycopg
    except ImportError:
        return None
    base, _, name = url.rpartition("/")
    try:
        with psycopg.connect(base + "/postgres", autocommit=True, connect_timeout=3) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.Error:
        return None
    return url


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tips", type=int, default=1000)
    parser.add_argument("--photos", type=int, default=200)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--preload", type=int, default=0, help="also measure with this many tips held"
    )
    args = parser.parse_args()
    print(f"bench_tips: {os.cpu_count()} CPUs", flush=True)
    url = pg_ready(PG_URL)
    for label, database in (("SQLite (WAL)", None), ("PostgreSQL", url)):
        if label == "PostgreSQL" and not url:
            print("PostgreSQL: not reachable, skipped")
            continue
        empty = run(label, database, args)
        if args.preload:
            held = run(label, database, args, preload=args.preload)
            print(
                f"  {label}: with {args.preload} tips held, {held['per_second']:.1f} tips/s"
                f" = {held['per_second'] / empty['per_second']:.0%} of the empty window",
                flush=True,
            )


if __name__ == "__main__":
    main()
