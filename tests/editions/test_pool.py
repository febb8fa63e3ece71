"""Rendering many pages at once on threads, each with a warm engine (pool.py)."""

import dataclasses

from chenbao.editions.layout.model import Block, Folio, Page
from chenbao.editions.pool import RenderFailed, RenderPool, render_pages, render_workers

from .conftest import make_pages


def test_pages_rendered_on_threads_match_pages_rendered_here(engine, tmp_path):
    pages = make_pages(6)
    broken = pages[3].with_slot(
        dataclasses.replace(
            pages[3].slots[0],
            story=dataclasses.replace(
                pages[3].slots[0].story,
                blocks=(Block("image", "图", image="/img/no-such-file.png"),),
            ),
        )
    )
    pages[3] = broken
    here = render_pages(pages, root=engine.root, engine=engine, workers=1)
    finished = []
    with RenderPool(root=engine.root, workers=2) as pool:
        there = pool.render(pages, done=lambda i, r: finished.append(i))
    assert sorted(finished) == list(range(6))
    assert isinstance(there[3], RenderFailed) and isinstance(here[3], RenderFailed)
    assert there[3].key == "A04" and "no-such-file" in there[3].message
    for a, b in zip(here, there, strict=True):
        if isinstance(a, RenderFailed):
            continue
        assert a.key == b.key
        assert a.boxes == b.boxes
        assert a.png == b.png and a.png.startswith(b"\x89PNG")
        assert a.pdf.startswith(b"%PDF")


class FakeEngine:
    """Stands in for TypstEngine: "renders" a page to its key, fails on pages named so."""

    made: list[dict] = []

    def __init__(self, **options):
        FakeEngine.made.append(options)

    def render(self, page, png=True):
        if "bad" in page.key:
            raise ValueError(f"cannot set {page.key}")
        return (page.key, png)


class MessageError(Exception):
    def __init__(self, message):
        super().__init__("generic")
        self.message = message


def pages_named(*keys: str) -> list[Page]:
    folio = Folio("鲁中晨报", "2022年12月2日", "星期五", "A01")
    return [Page(key, folio, ()) for key in keys]


def test_render_workers_takes_the_setting_else_one_a_core_at_most_eight(monkeypatch):
    assert render_workers(3) == 3
    assert render_workers(-2) == 1
    monkeypatch.setattr("os.cpu_count", lambda: 32)
    assert render_workers(None) == 8 == render_workers(0)
    monkeypatch.setattr("os.cpu_count", lambda: None)
    assert render_workers() == 1


def test_one_bad_page_is_reported_in_its_place_and_the_others_render(tmp_path):
    done = []
    results = render_pages(
        pages_named("A01", "bad-A02", "A03"),
        root=tmp_path,
        engine=FakeEngine(),
        png=False,
        done=lambda i, r: done.append(i),
    )
    assert results[0] == ("A01", False) and results[2] == ("A03", False)
    assert results[1] == RenderFailed("bad-A02", "cannot set bad-A02")
    assert done == [0, 1, 2]


def test_an_error_with_a_message_is_reported_by_its_message(tmp_path):
    class Failing(FakeEngine):
        def render(self, page, png=True):
            raise MessageError("字体缺失")

    [failed] = render_pages(pages_named("A01"), root=tmp_path, engine=Failing())
    assert failed == RenderFailed("A01", "字体缺失")


def test_pages_on_threads_come_back_in_page_order_each_thread_with_its_own_engine(
    tmp_path, monkeypatch
):
    monkeypatch.setattr("chenbao.editions.pool.TypstEngine", FakeEngine)
    FakeEngine.made = []
    finished = []
    results = render_pages(
        pages_named("A01", "A02", "bad-A03", "A04"),
        root=tmp_path,
        ppi=200,
        workers=2,
        done=lambda i, r: finished.append(i),
    )
    assert [r if isinstance(r, tuple) else r.key for r in results] == [
        ("A01", True),
        ("A02", True),
        "bad-A03",
        ("A04", True),
    ]
    assert sorted(finished) == [0, 1, 2, 3]
    assert 1 <= len(FakeEngine.made) <= 2
    assert all(o["root"] == tmp_path and o["ppi"] == 200 for o in FakeEngine.made)


def test_a_thread_that_fails_outside_the_page_still_gives_a_result(tmp_path, monkeypatch):
    def broken(**options):
        raise RuntimeError()

    monkeypatch.setattr("chenbao.editions.pool.TypstEngine", broken)
    with RenderPool(root=tmp_path, workers=2) as pool:
        results = pool.render(pages_named("A01", "A02"))
    assert results == [RenderFailed("A01", "RuntimeError"), RenderFailed("A02", "RuntimeError")]


def test_more_workers_than_pages_render_here_with_one_engine(tmp_path, monkeypatch):
    monkeypatch.setattr("chenbao.editions.pool.TypstEngine", FakeEngine)
    FakeEngine.made = []
    assert render_pages(pages_named("A01"), root=tmp_path, workers=4) == [("A01", True)]
    assert len(FakeEngine.made) == 1
