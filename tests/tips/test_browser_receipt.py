"""A reader behind the same address as a guesser opens the chat: the page's script solves
the proof of work (tips/receipt_proof.js) and sends the receipt again by itself."""

import pytest

from tests.browser import phone_page

pytestmark = pytest.mark.browser


def test_the_page_solves_the_proof_and_opens_the_chat(
    transactional_db, live_server, settings, make_user
):
    from chenbao.core.roles import TIP_DESK
    from chenbao.tips.services import tip_reply, tip_submit

    settings.CHENBAO = {**settings.CHENBAO, "TIP_RECEIPT_FAILURES": "2/3600"}
    tip, code = tip_submit(text="东风路与柳泉路交叉口今早两车相撞，一人受伤，交警已在现场。")
    tip_reply(user=make_user("desk", TIP_DESK), tip=tip, text="您好，记者已赶往现场。")

    with phone_page() as page:
        for _ in range(3):  # wrong tries from this address use up the free ones
            page.goto(live_server.url + "/baoliao/chat/")
            page.get_by_label("回执码（16位数字）").fill("1111222233334444")
            page.get_by_role("button", name="查看").click()
        page.goto(live_server.url + "/baoliao/chat/")
        page.get_by_label("回执码（16位数字）").fill(code)
        posted = lambda r: r.url.endswith("/baoliao/chat/") and r.request.method == "POST"  # noqa: E731
        with page.expect_response(posted) as slowed:
            page.get_by_role("button", name="查看").click()
        assert slowed.value.status == 429  # the free tries are spent: the page does the work
        page.wait_for_selector("text=记者已赶往现场", timeout=60_000)
