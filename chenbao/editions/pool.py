"""Render many pages at once on threads that each keep a warm Typst engine.

Typst lays out and exports with the GIL released, so threads use several cores; their
engines share the process's fonts (engine.system_fonts).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from chenbao.editions.engine import RenderedPage, TypstEngine
from chenbao.editions.layout.model import Page
from chenbao.editions.typography import Typography


@dataclass
class RenderFailed:
    """A page that could not be rendered (in place of its RenderedPage)."""

    key: str
    message: str


def render_workers(setting: int | None = None) -> int:
    """The number of rendering threads: `setting`, or one per core (at most 8)."""
    if setting:
        return max(1, int(setting))
    return max(1, min(os.cpu_count() or 1, 8))


def _render_one(engine: TypstEngine, page: Page, png: bool) -> RenderedPage | RenderFailed:
    try:
        return engine.render(page, png=png)
    except Exception as exc:  # one bad page must not stop the others
        return RenderFailed(page.key, getattr(exc, "message", None) or str(exc))


class RenderPool:
    """Threads that each keep a warm engine in `root` (images are relative to it).

    Typst lays out and exports with the GIL released, so the threads use several cores;
    their engines share the process's fonts, so a pool starts in about a millisecond and
    its first pages are as fast as later ones. Use as a context manager.
    """

    def __init__(self, *, workers: int, **engine_options: Any):
        """`engine_options` are each thread's TypstEngine's (root, typography, ppi, zoom_ppi)."""
        self.workers = workers
        self._engine_options = engine_options
        self._local = threading.local()  # each thread's engine: a compiler is not shared
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="chenbao-render")

    def __enter__(self) -> RenderPool:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self._pool.shutdown()

    def _render(self, page: Page, png: bool) -> RenderedPage | RenderFailed:
        engine = getattr(self._local, "engine", None)
        if engine is None:
            engine = self._local.engine = TypstEngine(**self._engine_options)
        return _render_one(engine, page, png)

    def render(
        self,
        pages: Sequence[Page],
        *,
        png: bool = True,
        done: Callable[[int, RenderedPage | RenderFailed], None] | None = None,
    ) -> list[RenderedPage | RenderFailed]:
        """Render `pages`, returned in order; `done(index, result)` as each one finishes.

        `done` is called in the calling thread, in the order the pages finish.
        """
        results: list[RenderedPage | RenderFailed | None] = [None] * len(pages)
        futures = {self._pool.submit(self._render, p, png): i for i, p in enumerate(pages)}
        for future in as_completed(futures):
            i = futures[future]
            try:
                results[i] = future.result()
            except Exception as exc:  # the thread failed outside the page (_render_one)
                results[i] = RenderFailed(pages[i].key, str(exc) or type(exc).__name__)
            if done:
                done(i, results[i])  # type: ignore[arg-type]
        return results  # type: ignore[return-value]


def render_pages(
    pages: Sequence[Page],
    *,
    root: Path,
    typography: Typography | None = None,
    ppi: float = 150,
    zoom_ppi: float = 0,
    png: bool = True,
    workers: int = 1,
    engine: TypstEngine | None = None,
    done: Callable[[int, RenderedPage | RenderFailed], None] | None = None,
) -> list[RenderedPage | RenderFailed]:
    """Render `pages` (images relative to `root`), in order, on up to `workers` threads.

    One page, or one worker, renders here with `engine` (or a new one).
    `done(index, result)` is called as each page finishes, in the order they finish.
    """
    workers = max(1, min(workers, len(pages)))
    if workers > 1:
        with RenderPool(
            root=root, typography=typography, ppi=ppi, zoom_ppi=zoom_ppi, workers=workers
        ) as pool:
            return pool.render(pages, png=png, done=done)
    engine = engine or TypstEngine(root=root, typography=typography, ppi=ppi, zoom_ppi=zoom_ppi)
    results = []
    for i, page in enumerate(pages):
        results.append(_render_one(engine, page, png))
        if done:
            done(i, results[-1])
    return results
