"""The tip desk in the Wagtail admin: roles, inbox, actions, hotline, chat import."""

import re

import pytest
from django.test import Client

from chenbao.core.models import AuditEntry
from chenbao.core.roles import AD_DESK, REPORTER
from chenbao.tips.models import Tip
from chenbao.tips.services import tip_assign

pytestmark = pytest.mark.django_db

NEWSROOM_URLS = [
    "/admin/tips/",
    "/admin/tips/hotline/",
    "/admin/tips/import/",
    "/admin/tips/1/",
    "/admin/tips/1/act/",
    "/admin/tips/1/files/1/",
    "/admin/rewards/",
    "/admin/rewards/report/",
    "/admin/rewards/report/?format=csv",
    "/admin/rewards/1/act/",
]


@pytest.mark.parametrize("url", NEWSROOM_URLS)
@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_is_sent_to_login_on_every_newsroom_url(url, method, submit):
    submit()
    response = getattr(Client(), method)(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@pytest.mark.parametrize("url", NEWSROOM_URLS)
def test_staff_without_a_tip_role_is_refused(url, make_user, submit):
    submit()
    client = Client()
    client.force_login(make_user("adsperson", AD_DESK, superuser=False))
    response = client.get(url)
    # Wagtail turns PermissionDenied into a redirect to the dashboard; action URLs take POST.
    assert response.status_code in {302, 403, 405}
    if response.status_code == 302:
        assert response["Location"] == "/admin/"
    assert client.post(url).status_code in {302, 403}


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_inbox_filters_and_search(desk, submit):
    submit(text="人民公园菊花展开幕了，有三百多个品种的菊花，不要门票。")
    submit(text="共青团路路面塌了个大坑，晚上骑车经过特别危险，没有警示标志。")
    client = login(desk)
    html = client.get("/admin/tips/", {"q": "菊花"}).content.decode()
    assert "菊花展" in html and "共青团路" not in html
    assert "共青团路" in client.get("/admin/tips/", {"status": "new"}).content.decode()
    assert "没有符合条件" in client.get("/admin/tips/", {"status": "used"}).content.decode()


def test_desk_replies_assigns_and_reveals_with_audit(desk, reporter, submit):
    tip, _ = submit(contact_phone="13905331234")
    client = login(desk)
    assert "13905331234" not in client.get(f"/admin/tips/{tip.pk}/").content.decode()
    client.post(f"/admin/tips/{tip.pk}/act/", {"action": "reply", "text": "谢谢，记者马上联系您"})
    client.post(f"/admin/tips/{tip.pk}/act/", {"action": "assign", "reporter": reporter.pk})
    client.post(f"/admin/tips/{tip.pk}/act/", {"action": "note", "text": "可能是独家"})
    revealed = client.post(f"/admin/tips/{tip.pk}/act/", {"action": "reveal"})
    assert "13905331234" in revealed.content.decode()
    assert "no-store" in revealed["Cache-Control"]
    tip.refresh_from_db()
    assert tip.status == "assigned" and tip.assigned_to == reporter
    assert tip.messages.get().text == "谢谢，记者马上联系您"
    actions = set(AuditEntry.objects.filter(actor=desk).values_list("action", flat=True))
    assert {"tip.reply", "tip.assign", "tip.contact_reveal"} <= actions


def test_reporter_sees_only_assigned_tips_and_never_the_contact(desk, reporter, submit):
    mine, _ = submit(contact_phone="13905331234")
    other, _ = submit(text="图书馆周末开到晚上九点了，来看书的人挺多。")
    tip_assign(user=desk, tip=mine, reporter=reporter)
    client = login(reporter)
    inbox = client.get("/admin/tips/").content.decode()
    assert f"#{mine.pk}" in inbox and f"#{other.pk}<" not in inbox
    assert client.get(f"/admin/tips/{other.pk}/").status_code == 404
    assert client.get(f"/admin/tips/{mine.pk}/").status_code == 200
    refused = client.post(f"/admin/tips/{mine.pk}/act/", {"action": "reveal"})
    assert refused.status_code == 302 and refused["Location"] == "/admin/"
    assert not AuditEntry.objects.filter(action="tip.contact_reveal").exists()


def test_hotline_intake_makes_a_tip_with_an_encrypted_caller_number(desk):
    client = login(desk)
    response = client.post(
        "/admin/tips/hotline/",
        {
            "caller_number": "0533-3585000",
            "text": "张店区和平小区3号楼一楼进水，楼道里全是水，住户很着急。",
        },
    )
    assert 'id="receipt"' in response.content.decode()
    tip = Tip.objects.get()
    assert tip.channel == "hotline"
    assert "3585000" not in tip.contact.phone_enc


def test_group_chat_import_makes_one_tip_per_sender_and_event(desk):
    export = (
        "2022-12-01 08:15 张三: 东风路和柳泉路口两车相撞，有人受伤\n"
        "2022-12-01 08:16 李四：周村古商城东门旁边的饭店起火了\n"
        "2022-12-01 08:17 张三: 交警到了\n"
    )
    response = login(desk).post("/admin/tips/import/", {"export": export})
    assert "已生成 2 条爆料" in response.content.decode()
    assert sorted(Tip.objects.values_list("channel", flat=True)) == ["group", "group"]
    bad = login(desk).post("/admin/tips/import/", {"export": "随便写的一段话"})
    assert "没有识别出任何消息" in bad.content.decode()


def test_desk_sees_the_tip_file_but_the_public_cannot(desk, submit, photo):
    from chenbao.tips.services import Upload

    tip, _ = submit(uploads=[Upload(photo)])
    f = tip.files.get()
    response = login(desk).get(f"/admin/tips/{tip.pk}/files/{f.pk}/")
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert Client().get(f"/media/{f.name}").status_code == 404


def _queries_for(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "url",
    ["/admin/tips/", "/admin/tips/?status=new", "/admin/tips/?q=积水", "/admin/tips/?awaiting=1"],
)
def test_inbox_reads_a_fixed_number_of_queries_for_10_or_500_tips(url, desk, many_tips):
    """No query per row: the inbox of a burst costs what the inbox of a quiet night costs."""
    client = login(desk)
    many_tips(10)
    client.get(url)  # the session, the menu and the user's roles read once
    ten = _queries_for(client, url)
    many_tips(490)
    assert _queries_for(client, url) == ten


def test_reporter_inbox_reads_a_fixed_number_of_queries(reporter, many_tips):
    client = login(reporter)
    many_tips(10, reporter=reporter)
    client.get("/admin/tips/")
    ten = _queries_for(client, "/admin/tips/")
    many_tips(490, reporter=reporter)
    assert _queries_for(client, "/admin/tips/") == ten


def test_inbox_marks_photos_and_tips_awaiting_an_answer(desk, many_tips):
    tips = many_tips(6)
    html = login(desk).get("/admin/tips/").content.decode()
    assert html.count('class="tip-has-files"') == 1  # tips[0] has a photo
    assert html.count("tip-awaiting") == 4  # tips 0 and 3 have a desk reply
    only = login(desk).get("/admin/tips/", {"awaiting": "1"}).content.decode()
    assert f"/admin/tips/{tips[1].pk}/" in only and f"/admin/tips/{tips[0].pk}/" not in only


def test_group_numbers_read_apart_from_tip_numbers_and_people_by_name(desk, submit, make_user):
    reporter = make_user("wang", REPORTER)
    reporter.first_name = "王明"  # Chinese names are kept whole in first_name
    reporter.save()
    tip, _ = submit()
    tip_assign(user=desk, tip=tip, reporter=reporter)
    html = login(desk).get("/admin/tips/").content.decode()
    assert f"爆料 #{tip.pk}" in html and f"第 {tip.group_id} 组" in html
    assert "系统推测，待确认" in html and "王明" in html and ">wang<" not in html
    detail = login(desk).get(f"/admin/tips/{tip.pk}/").content.decode()
    assert "王明" in detail and "跟进记者：王明" in detail


def test_detail_page_preselects_no_status_no_reporter_and_no_story(desk, submit):
    tip, _ = submit()
    html = login(desk).get(f"/admin/tips/{tip.pk}/").content.decode()
    for name in ("status", "reporter", "story"):
        select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S)
        assert select, name
        first = re.search(r"<option[^>]*>", select.group(1)).group(0)
        assert 'value=""' in first and "selected" in first, name
        assert select.group(1).count("selected") == 1, name
    client = login(desk)
    response = client.post(f"/admin/tips/{tip.pk}/act/", {"action": "status", "status": ""})
    assert "请选择新状态" in client.get(response["Location"]).content.decode()
    tip.refresh_from_db()
    assert tip.status == "new"


def test_a_reply_moves_a_new_tip_on_for_the_desk_and_the_reader(desk, submit):
    from chenbao.tips.services import tip_reply

    tip, _ = submit()
    tip_reply(user=desk, tip=tip, text="收到，我们联系交警核实。")
    tip.refresh_from_db()
    assert tip.status == "triaged" and str(tip.reader_status) == "编辑已查看"
    assert AuditEntry.objects.filter(action="tip.status", detail__to="triaged").exists()


def test_dashboard_counts_and_menu_badge(desk, many_tips, submit):
    many_tips(3)  # new, one answered (tips[0])
    html = login(desk).get("/admin/").content.decode()
    assert re.search(r'data-count="new">3<', html)
    assert re.search(r'data-count="unanswered">2<', html)
    # the menu (JSON for Wagtail's sidebar) reads 爆料（3）
    assert '"label": "\\u7206\\u6599\\uff083\\uff09"' in html and '"data-unread": "3"' in html


def test_thumbnails_on_the_detail_page_are_private(desk, submit, photo):
    from chenbao.tips.services import Upload

    tip, _ = submit(uploads=[Upload(photo)])
    client = login(desk)
    html = client.get(f"/admin/tips/{tip.pk}/").content.decode()
    src = re.search(r'<img class="tip-thumb" src="([^"]+)"', html).group(1)
    response = client.get(src)
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert Client().get(src).status_code == 302  # strangers are sent to the login page


def test_a_tip_awaits_an_answer_again_when_the_tipster_writes(desk, submit):
    from chenbao.tips.services import tip_message_add, tip_reply

    tip, _ = submit()
    client = login(desk)
    assert f"/admin/tips/{tip.pk}/" in client.get("/admin/tips/?awaiting=1").content.decode()
    tip_reply(user=desk, tip=tip, text="收到，记者已赶往现场。")
    assert f"/admin/tips/{tip.pk}/" not in client.get("/admin/tips/?awaiting=1").content.decode()
    tip_message_add(tip=tip, text="补充：现在路口已经封了。")
    assert f"/admin/tips/{tip.pk}/" in client.get("/admin/tips/?awaiting=1").content.decode()


def test_desk_forms_draw_their_fields(desk):
    """The hotline form's fields have a visible border and fit a phone (issue 13)."""
    html = login(desk).get("/admin/tips/hotline/").content.decode()
    assert 'class="nice-padding tip-desk"' in html
    assert re.search(r"\.tip-desk input[^{]*\{[^}]*border: 1px solid", html)
    assert "max-width: 100%" in html
