"""Wrong receipts from an address slow it down (a proof of work) but never lock out a reader
with the right receipt; guessing stays bounded (issue 13, item 7)."""

import hashlib
import itertools
import json
import re

import pytest
from django.test import Client

from chenbao.tips import proof, receipt_guard, selectors
from chenbao.tips.models import Tip

pytestmark = pytest.mark.django_db
WRONG = "1111 2222 3333 4444"


@pytest.fixture(autouse=True)
def cheap_proofs(settings):
    settings.CHENBAO = {**settings.CHENBAO, "TIP_RECEIPT_PROOF_BITS": 8}


@pytest.fixture
def checks(monkeypatch):
    """Count the receipts actually checked against the database (and argon2)."""
    counted = []
    real = selectors.tip_by_receipt

    def counting(raw):
        counted.append(raw)
        return real(raw)

    monkeypatch.setattr(selectors, "tip_by_receipt", counting)
    return counted


def chat(client, receipt, **extra):
    return client.post("/baoliao/chat/", {"receipt": receipt, **extra})


def api_current(client, receipt, proof_header=""):
    headers = {"HTTP_AUTHORIZATION": f"Receipt {receipt}"}
    if proof_header:
        headers["HTTP_X_RECEIPT_PROOF"] = proof_header
    return client.get("/api/v1/tips/current", **headers)


def challenge_of(response) -> str:
    return re.search(r'data-challenge="([^"]+)"', response.content.decode())[1]


def test_after_many_wrong_receipts_the_right_one_still_opens_the_chat(submit, checks):
    """The attack: 5 wrong receipts from an address refused valid ones from it for 10 minutes."""
    tip, code = submit()
    attacker = Client(REMOTE_ADDR="100.64.0.1")  # one carrier-NAT address for everyone
    statuses = [chat(attacker, WRONG).status_code for _ in range(60)]
    assert statuses == [403] * 5 + [429] * 55
    assert len(checks) == 5  # past the free tries nothing was checked: guessing is bounded

    reader = Client(REMOTE_ADDR="100.64.0.1")
    slowed = chat(reader, code)
    assert slowed.status_code == 429
    html = slowed.content.decode()
    assert "正在做一次简单验证" in html and f'value="{code}"' in html  # the page retries itself
    opened = chat(reader, code, proof=proof.solve(challenge_of(slowed)))
    assert opened.status_code == 200 and "查看编辑回复" not in opened.content.decode()
    assert opened.context["tip"] == tip


def test_every_guess_past_the_free_ones_costs_a_fresh_proof(submit, checks):
    _tip, code = submit()
    client = Client(REMOTE_ADDR="100.64.0.2")
    for _ in range(5):
        chat(client, WRONG)
    solved = proof.solve(challenge_of(chat(client, WRONG)))
    assert chat(client, WRONG, proof=solved).status_code == 403  # checked: it was paid for
    assert chat(client, WRONG, proof=solved).status_code == 429  # the same proof twice: no
    assert chat(client, code, proof=solved).status_code == 429  # not even for the right code
    assert len(checks) == 6


def unsolved(challenge: str) -> str:
    """Return "<challenge>:<nonce>" with a nonce that does not solve it."""
    for nonce in itertools.count():
        attempt = f"{challenge}:{nonce}"
        if proof.leading_zero_bits(hashlib.sha256(attempt.encode()).digest()) < 8:
            return attempt
    raise AssertionError


@pytest.mark.parametrize(
    "bad",
    [
        unsolved,
        lambda c: unsolved(c.replace(".8.", ".1.", 1)),  # asks for less work: the MAC breaks
        lambda c: "1.8.abc.0123456789abcdef0123456789abcdef:5",  # forged, long expired
    ],
    ids=["unsolved", "tampered", "forged"],
)
def test_unsolved_tampered_or_forged_proofs_are_refused(submit, bad):
    _tip, code = submit()
    client = Client(REMOTE_ADDR="100.64.0.3")
    for _ in range(5):
        chat(client, WRONG)
    challenge = challenge_of(chat(client, WRONG))
    assert chat(client, code, proof=bad(challenge)).status_code == 429
    assert chat(client, code, proof=proof.solve(challenge)).status_code == 200


def test_a_right_receipt_costs_no_free_try(submit, checks):
    _tip, code = submit()
    client = Client(REMOTE_ADDR="100.64.0.4")
    assert [chat(client, code).status_code for _ in range(20)] == [200] * 20
    assert [chat(client, WRONG).status_code for _ in range(6)] == [403] * 5 + [429]


def test_many_addresses_aiming_at_one_receipt_index_are_slowed_too(submit):
    """Guesses of one code (one receipt index) from many addresses share that index's budget."""
    submit()
    statuses = [chat(Client(REMOTE_ADDR=f"198.51.100.{n}"), WRONG).status_code for n in range(7)]
    assert statuses == [403] * 5 + [429] * 2


def test_the_api_answers_429_with_a_challenge_and_opens_with_the_proof(submit):
    tip, code = submit()
    client = Client(REMOTE_ADDR="100.64.0.5")
    assert [api_current(client, WRONG).status_code for _ in range(5)] == [401] * 5
    slowed = api_current(client, code)
    assert slowed.status_code == 429
    body = json.loads(slowed.content)
    assert "请先完成验证" in body["error"]
    opened = api_current(client, code, proof.solve(body["challenge"]))
    assert opened.status_code == 200 and opened.json()["status"] == tip.status


def test_a_reply_sent_while_slowed_down_goes_through_after_the_proof(submit):
    tip, code = submit()
    client = Client(REMOTE_ADDR="100.64.0.6")
    for _ in range(5):
        chat(client, WRONG)
    slowed = chat(client, code, action="reply", text="桥下还有积水")
    assert slowed.status_code == 429 and "桥下还有积水" in slowed.content.decode()
    solved = proof.solve(challenge_of(slowed))
    sent = chat(client, code, action="reply", text="桥下还有积水", proof=solved)
    assert sent.status_code == 200
    assert Tip.objects.get(pk=tip.pk).messages.filter(text="桥下还有积水").exists()


def test_receipt_open_spends_nothing_for_a_right_receipt(submit, rf):
    tip, code = submit()
    request = rf.post("/baoliao/chat/", REMOTE_ADDR="100.64.0.7")
    for _ in range(10):
        assert receipt_guard.receipt_open(request, code).tip == tip
    assert receipt_guard.receipt_open(request, WRONG).tip is None
