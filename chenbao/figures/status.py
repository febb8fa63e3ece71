"""A pledge's status proposed from its evidence (pure: no Django).

The desk sets the status; this module only proposes it, from the pledged value, the value the
stories last reported, the deadline and the date of the last evidence (docs/figures.md):

- no reported value yet → 未评估 (past the deadline it also goes on the desk's 逾期待核 list);
- reported ≥ pledged → 已兑现, or 超额兑现 when above it (217 done of 200 pledged);
- before the deadline → 推进中, or 停滞 when nothing new was reported for `STALLED_AFTER`;
- past the deadline → 部分兑现 from half of the pledge up, 未兑现 below.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

NOT_RATED = "not_rated"
IN_PROGRESS = "in_progress"
STALLED = "stalled"
PARTLY_KEPT = "partly_kept"
KEPT = "kept"
EXCEEDED = "exceeded"
BROKEN = "broken"

STATUS_LABELS = {
    NOT_RATED: "未评估",
    IN_PROGRESS: "推进中",
    STALLED: "停滞",
    PARTLY_KEPT: "部分兑现",
    KEPT: "已兑现",
    EXCEEDED: "超额兑现",
    BROKEN: "未兑现",
}
STALLED_AFTER = dt.timedelta(days=180)
PARTLY_FROM = Decimal("0.5")


@dataclass(frozen=True)
class Proposal:
    status: str
    progress: float | None  # reported / pledged, 0..n; None when either is unknown
    reason: str

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.status]


def propose(
    *,
    pledged: Decimal | None,
    reported: Decimal | None,
    deadline: dt.date | None,
    today: dt.date,
    last_evidence: dt.date | None = None,
) -> Proposal:
    """The status the evidence points to, with the reason in words the desk reads."""
    if reported is None or pledged is None or pledged <= 0:
        return Proposal(NOT_RATED, None, "尚无可比的报道数据")
    progress = float(reported / pledged)
    done = f"已报道 {reported}，承诺 {pledged}（{progress:.0%}）"
    if reported > pledged:
        return Proposal(EXCEEDED, progress, done)
    if reported == pledged:
        return Proposal(KEPT, progress, done)
    if deadline is not None and today > deadline:
        if reported >= pledged * PARTLY_FROM:
            return Proposal(PARTLY_KEPT, progress, f"{done}，已过期限 {deadline}")
        return Proposal(BROKEN, progress, f"{done}，已过期限 {deadline}")
    if last_evidence is not None and today - last_evidence > STALLED_AFTER:
        return Proposal(STALLED, progress, f"{done}，{last_evidence} 后再无进展报道")
    return Proposal(IN_PROGRESS, progress, done)


def overdue(*, deadline: dt.date | None, status: str, has_evidence: bool, today: dt.date) -> bool:
    """逾期待核: past its deadline, and neither rated nor backed by any evidence."""
    return deadline is not None and today > deadline and (status == NOT_RATED or not has_evidence)
