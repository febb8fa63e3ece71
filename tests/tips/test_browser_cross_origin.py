"""A page on another site tries to make its visitors send tips (issue 13, item 6): a form
that posts itself to /api/v1/tips, and a fetch() with JSON. Neither creates a tip."""

import http.server
import threading
from pathlib import Path

import pytest

from tests.browser import desktop_page

pytestmark = pytest.mark.browser


def _serve(folder: Path):
    handler = lambda *a, **kw: http.server.SimpleHTTPRequestHandler(  # noqa: E731
        *a, directory=str(folder), **kw
    )
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def test_another_site_cannot_post_tips(transactional_db, live_server, tmp_path):
    from chenbao.tips.models import Tip

    api = live_server.url.replace("127.0.0.1", "localhost") + "/api/v1/tips"
    (tmp_path / "form.html").write_text(
        f"""<!doctype html><meta charset="utf-8">
        <form id="f" method="post" action="{api}" enctype="multipart/form-data">
        <input name="text" value="跨站提交的假爆料：华光路发生重大事故，快来！"></form>
        <script>document.getElementById("f").submit()</script>""",
        encoding="utf-8",
    )
    (tmp_path / "fetch.html").write_text(
        f"""<!doctype html><meta charset="utf-8"><script>
        fetch("{api}", {{method: "POST", mode: "no-cors", body: new URLSearchParams(
          {{text: "跨站 fetch 的假爆料：柳泉路有人打架，快来！"}})}})
          .then(() => document.title = "sent", () => document.title = "failed");
        fetch("{api}", {{method: "POST", headers: {{"Content-Type": "application/json"}},
          body: JSON.stringify({{text: "跨站 JSON 的假爆料：人民路着火了！"}})}})
          .then(() => document.body.dataset.json = "sent", () => document.body.dataset.json = "blocked");
        </script>""",
        encoding="utf-8",
    )
    other = _serve(tmp_path)
    try:
        site = f"http://127.0.0.1:{other.server_address[1]}"
        with desktop_page() as page:
            with page.expect_response(lambda r: r.url == api) as answered:
                page.goto(site + "/form.html")
            assert answered.value.status == 403
            assert "其他网站" in page.content()
            page.goto(site + "/fetch.html")
            page.wait_for_function("document.title === 'sent' || document.title === 'failed'")
            page.wait_for_function("document.body.dataset.json !== undefined")
            assert page.evaluate("document.body.dataset.json") == "blocked"  # no CORS grant
    finally:
        other.shutdown()
    assert not Tip.objects.exists()
