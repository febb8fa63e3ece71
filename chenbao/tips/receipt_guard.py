"""Opening a tip with its receipt, with guessing bounded and no reader locked out.

Every try spends a token of two buckets (TIP_RECEIPT_FAILURES): the client's, and the
receipt index's (the 24-bit index the typed code maps to, decision 0011), so neither one
address nor many addresses aiming at one receipt get more free tries. A right receipt gives
its tokens back: only wrong tries use the budget up. Once a bucket is empty the try is not
refused but slowed down: the answer carries a proof-of-work challenge (proof.py), and a try
that brings a solved one is checked whatever the buckets hold. So a reader behind the same
carrier NAT or proxy as a guesser still gets in (after a second of work in the browser),
and every guess past the free ones costs the guesser the same work.
"""

from dataclasses import dataclass

from django.conf import settings

from chenbao.tips import crypto, proof, ratelimit, receipts, selectors
from chenbao.tips.models import Tip


@dataclass(frozen=True)
class ReceiptAttempt:
    """The tip the receipt opens (None: wrong), or a challenge to solve before trying."""

    tip: Tip | None
    challenge: str = ""


def _secret() -> bytes:
    return settings.SECRET_KEY.encode()


def _paid(raw_proof: str) -> bool:
    """Return True for a solved, unexpired challenge used for the first time."""
    paid = proof.check(_secret(), raw_proof, settings.CHENBAO["TIP_RECEIPT_PROOF_BITS"])
    return paid is not None and ratelimit.take_once(f"proof:{paid.ident}", paid.seconds)


def receipt_open(request, raw: str, raw_proof: str = "") -> ReceiptAttempt:
    """Return the tip `raw` opens, or a challenge when the free tries are spent."""
    rule = ratelimit.Rule.parse(settings.CHENBAO["TIP_RECEIPT_FAILURES"])
    code = receipts.receipt_normalise(raw)
    keys = [f"receipt:{ratelimit.client_key(request)}"]
    if code is not None:
        keys.append(f"receipt-index:{receipts.receipt_index(code, crypto.index_key())}")
    spent: list[str] = []
    if not (raw_proof and _paid(raw_proof)):
        for key in keys:
            if not ratelimit.take(key, rule):
                for back in spent:
                    ratelimit.give_back(back, rule)
                bits = settings.CHENBAO["TIP_RECEIPT_PROOF_BITS"]
                return ReceiptAttempt(None, proof.challenge_new(_secret(), bits))
            spent.append(key)
    tip = selectors.tip_by_receipt(raw)
    if tip is not None:
        for back in spent:
            ratelimit.give_back(back, rule)
    return ReceiptAttempt(tip)
