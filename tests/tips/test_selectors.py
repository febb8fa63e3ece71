"""The near-duplicate lookup of the submission path against the exact scan."""

import json
from pathlib import Path

import pytest
from django.conf import settings

from chenbao.tips import lsh, services, similarity
from chenbao.tips.services import tip_submit

pytestmark = pytest.mark.django_db
DATA = json.loads((Path(__file__).parent / "data" / "near_duplicates.json").read_text("utf-8"))
TEXTS = [t for texts in DATA["events"] for t in texts]


def exact_groups() -> list[int]:
    return lsh.group_sequentially(
        [similarity.pack(similarity.signature(t)) for t in TEXTS],
        threshold=settings.CHENBAO["TIP_DUPLICATE_THRESHOLD"],
        estimate=similarity.estimate_packed,
    )


@pytest.mark.parametrize("fresh_process", [False, True])
def test_submitted_tips_are_grouped_as_the_exact_scan_groups_them(fresh_process):
    tips = []
    for text in TEXTS:
        if fresh_process:  # every tip in a process that builds its index from the database
            services._recent.clear()
        tips.append(tip_submit(text=text)[0])
    exact = exact_groups()
    stored = [tip.group_id for tip in tips]
    # The same partition: each scan group is one stored group and the other way round.
    assert len(set(zip(exact, stored, strict=True))) == len(set(exact)) == len(set(stored))
    assert len(set(stored)) < len(TEXTS)  # there are duplicates: the test can fail


def test_the_lookup_reads_only_tips_sharing_a_key(monkeypatch):
    for text in TEXTS:
        tip_submit(text=text)
    compared = []
    real = similarity.estimate_packed
    monkeypatch.setattr(
        similarity, "estimate_packed", lambda a, b: compared.append(b) or real(a, b)
    )
    tip_submit(text="华光路上的菊花今天全开了，好多人拍照。")
    assert len(compared) < len(TEXTS) / 4
