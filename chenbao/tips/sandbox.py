"""Decode readers' files in a separate process under a memory, CPU and wall-time budget.

Pure: no Django. Each serving process starts one worker (`python -m chenbao.tips.sandbox`)
the first time a request carries files, and keeps it. The worker caps its own address space
(RLIMIT_AS) once and its CPU seconds before every job (RLIMIT_CPU: over budget, the kernel
ends it); the caller gives up after a wall-clock deadline and ends it too. A worker that
died, ran out of time or answered nonsense is replaced for the next request, and the
reader gets a clear refusal, never a 500 and never a half-decoded file.

Only bytes and a small JSON header cross the pipe in either direction (no pickle): a
worker subverted by a hostile file could still only hand back bytes that are then stored
as a file, never code for the serving process to run.
"""

import json
import logging
import os
import resource
import select
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from chenbao.tips.media import CleanFile, Limits, MediaError

logger = logging.getLogger(__name__)

FAILED = "文件太大或太复杂，无法在限定时间内处理，请压缩后再上传。"
_EXTS = {
    ("image", ".jpg", "image/jpeg"),
    ("image", ".png", "image/png"),
    ("video", ".mp4", "video/mp4"),
    ("video", ".mov", "video/quicktime"),
    ("video", ".3gp", "video/3gpp"),
    ("video", ".webm", "video/webm"),
    ("video", ".mkv", "video/x-matroska"),
}
_ROOT = Path(__file__).resolve().parent.parent.parent  # holds the chenbao package


@dataclass(frozen=True)
class Budget:
    memory_mb: int = 2048  # address space of the worker (and of ffmpeg, which inherits it)
    cpu_seconds: int = 20  # CPU time of one request's files
    wall_seconds: float = 60.0  # the caller waits no longer for one request's files


class _Dead(Exception):
    """The worker is gone or broke the protocol."""


def _frame(header: dict) -> bytes:
    raw = json.dumps(header).encode()
    return struct.pack(">Q", len(raw)) + raw


class _Worker:
    def __init__(self, memory_mb: int) -> None:
        self.memory_mb = memory_mb
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "LANG": "C.UTF-8",
            "MALLOC_ARENA_MAX": "2",  # glibc's per-thread arenas would eat the address space
            "PYTHONDONTWRITEBYTECODE": "1",
        }
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "chenbao.tips.sandbox", str(memory_mb)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            cwd=_ROOT,
            env=env,
        )
        self.pid = os.getpid()

    def run(self, datas: Sequence[bytes], limits: Limits, budget: Budget) -> dict | str:
        """Return the worker's answer: the files' header and data, or its refusal."""
        assert self.proc.stdin is not None and self.proc.stdout is not None
        deadline = time.monotonic() + budget.wall_seconds
        header = {
            "limits": asdict(limits),
            "cpu_seconds": budget.cpu_seconds,
            "sizes": [len(d) for d in datas],
        }
        try:
            self.proc.stdin.write(_frame(header))
            for data in datas:
                self.proc.stdin.write(data)
            self.proc.stdin.flush()
        except OSError as exc:
            raise _Dead from exc
        (length,) = struct.unpack(">Q", self._read(8, deadline))
        if length > 1 << 20:
            raise _Dead
        try:
            answer = json.loads(self._read(length, deadline))
        except ValueError as exc:
            raise _Dead from exc
        if "error" in answer:
            return str(answer["error"])
        files = answer.get("files")
        if not isinstance(files, list) or len(files) != len(datas):
            raise _Dead
        for f in files:
            if (f.get("kind"), f.get("ext"), f.get("content_type")) not in _EXTS:
                raise _Dead
            f["data"] = self._read(int(f["size"]), deadline)
        return answer

    def _read(self, n: int, deadline: float) -> bytes:
        assert self.proc.stdout is not None
        fd = self.proc.stdout.fileno()
        chunks, left = [], n
        while left:
            wait = deadline - time.monotonic()
            if wait <= 0 or not select.select([fd], [], [], wait)[0]:
                raise _Dead("timed out")
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                raise _Dead("ended")
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        for stream in (self.proc.stdin, self.proc.stdout):
            if stream is not None:
                stream.close()


_lock = threading.Lock()
_worker: _Worker | None = None


_DEFAULT_LIMITS, _DEFAULT_BUDGET = Limits(), Budget()


def clean_in_worker(
    datas: Sequence[bytes], limits: Limits = _DEFAULT_LIMITS, budget: Budget = _DEFAULT_BUDGET
) -> list[CleanFile]:
    """Return `media.clean_all(datas, limits)` computed by the worker, or raise MediaError."""
    if not datas:
        return []
    global _worker
    with _lock:
        if _worker is not None and (
            _worker.pid != os.getpid()  # a forked copy: the pipe belongs to the parent
            or _worker.memory_mb != budget.memory_mb
            or _worker.proc.poll() is not None
        ):
            if _worker.pid == os.getpid():
                _worker.stop()
            _worker = None
        if _worker is None:
            _worker = _Worker(budget.memory_mb)
        try:
            answer = _worker.run(datas, limits, budget)
        except _Dead as exc:
            code = _worker.proc.poll()
            _worker.stop()
            _worker = None
            logger.warning("media worker stopped (%s, exit %s): files refused", exc, code)
            raise MediaError(FAILED) from exc
    if isinstance(answer, str):
        raise MediaError(answer)
    return [CleanFile(f["kind"], f["ext"], f["content_type"], f["data"]) for f in answer["files"]]


# --- the worker process ---


def _read_exact(stream, n: int) -> bytes | None:
    data = stream.read(n)
    if len(data) < n:
        return None
    return data


def _serve(memory_mb: int) -> None:
    from PIL import Image

    from chenbao.tips import media

    memory = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_FSIZE, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    while True:
        raw = _read_exact(stdin, 8)
        if raw is None:
            return  # the serving process is gone
        header = json.loads(_read_exact(stdin, struct.unpack(">Q", raw)[0]) or b"{}")
        datas = [_read_exact(stdin, n) or b"" for n in header["sizes"]]
        limits = Limits(**header["limits"])
        Image.MAX_IMAGE_PIXELS = limits.image_pixels  # Pillow's own check, a second line
        usage = resource.getrusage(resource.RUSAGE_SELF)
        spent = int(usage.ru_utime + usage.ru_stime) + 1
        hard = resource.getrlimit(resource.RLIMIT_CPU)[1]
        resource.setrlimit(resource.RLIMIT_CPU, (spent + int(header["cpu_seconds"]), hard))
        try:
            files = media.clean_all(datas, limits)
        except media.MediaError as exc:
            stdout.write(_frame({"error": str(exc)}))
        except MemoryError:
            stdout.write(_frame({"error": FAILED}))
        else:
            meta = [
                {"kind": f.kind, "ext": f.ext, "content_type": f.content_type, "size": len(f.data)}
                for f in files
            ]
            stdout.write(_frame({"files": meta}))
            for f in files:
                stdout.write(f.data)
        stdout.flush()


if __name__ == "__main__":
    _serve(int(sys.argv[1]))
