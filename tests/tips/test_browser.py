"""A reader on a phone sends a tip with a photo, chats with the desk, and sees the reward."""

import pytest

from chenbao.core.roles import FINANCE, TIP_DESK
from tests.browser import phone_page
from tests.pagetree import ensure_page_tree

pytestmark = pytest.mark.browser


def test_tip_to_paid_reward_on_a_phone(transactional_db, live_server, tmp_path, make_user, photo):
    from chenbao.rewards.models import Reward
    from chenbao.rewards.services import (
        payment_record,
        reward_approve,
        reward_propose,
        reward_tiers_ensure_default,
    )
    from chenbao.stories.models import StoryPage
    from chenbao.stories.services import section_get_or_create
    from chenbao.tips.models import Tip
    from chenbao.tips.services import tip_link_story, tip_reply

    # An earlier transactional test may have flushed what migrations made: tiers, page tree.
    reward_tiers_ensure_default()
    ensure_page_tree()
    desk, cashier = make_user("desk", TIP_DESK), make_user("cashier", FINANCE)
    picture = tmp_path / "现场.jpg"
    picture.write_bytes(photo)

    with phone_page() as page:
        page.goto(live_server.url + "/baoliao/")
        page.get_by_label("发生了什么").fill(
            "东风路与柳泉路交叉口今早两车相撞，一人受伤，交警已在现场。"
        )
        page.get_by_label("照片或视频（可选）").set_input_files(str(picture))
        page.get_by_label("手机号（可选，领奖用）").fill("13905331234")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.get_by_role("button", name="提交爆料").click()
        receipt = page.locator("#receipt").inner_text().replace(" ", "")
        assert len(receipt) == 16 and receipt.isdigit()
        assert "只显示这一次" in page.content()

        tip = Tip.objects.get()
        assert tip.files.count() == 1
        tip_reply(user=desk, tip=tip, text="您好，记者已赶往现场。")

        # No leave-site dialog and no checkbox: one clear button, and the receipt is carried
        # into the chat for this tab (sessionStorage), never in the URL.
        page.get_by_role("button", name="我已保存，去查看回复").click()
        page.wait_for_selector("#tip-status")
        assert receipt not in page.url
        assert "记者已赶往现场" in page.locator("main").inner_text()
        # the desk's reply moved the tip on for the reader too
        assert page.locator("#tip-status").inner_text() == "编辑已查看"
        # the reader sees the photo they sent, fetched with the receipt
        page.wait_for_selector("#thumbs img")
        assert page.locator("#thumbs img").evaluate("i => i.naturalWidth") > 0
        # a new reply appears without reloading (the page polls)
        page.evaluate("window.__marker = 1")
        tip_reply(user=desk, tip=tip, text="记者到了，请问您还在现场吗？")
        page.wait_for_selector("text=请问您还在现场吗", timeout=30_000)
        assert page.evaluate("window.__marker") == 1  # the same page, not reloaded
        send, refresh = page.locator("#send"), page.locator("#refresh")
        assert send.inner_text() == "发送" and refresh.inner_text() == "刷新"
        assert send.evaluate("b => getComputedStyle(b).backgroundColor") != refresh.evaluate(
            "b => getComputedStyle(b).backgroundColor"
        )
        for button in (send, refresh):
            box = button.bounding_box()
            assert box["height"] >= 44 and box["width"] >= 44

        section = section_get_or_create(name="社会")
        story = StoryPage(title="东风路口两车相撞", slug="dongfeng-crash", live=False)
        section.add_child(instance=story)
        tip_link_story(user=desk, tip=tip, story=story)
        story.save_revision().publish()
        reward = reward_propose(user=desk, reward=Reward.objects.get(tip=tip), amount=200)
        reward = reward_approve(user=desk, reward=reward)
        payment_record(
            user=cashier, reward=reward, method="wechat", reference="WX001", idempotency_key="b1"
        )

        page.get_by_role("button", name="刷新").click()
        reward_text = page.locator("#reward").inner_text()
        assert "您的爆料获得奖励 200 元" in reward_text and "已发放" in reward_text
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
