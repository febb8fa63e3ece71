"""The weekly digest for the figures desk: what is overdue, what changed, what waits."""

import datetime as dt

from chenbao.figures import selectors
from chenbao.figures.models import FigureState, PledgeEvent, StoryFigure


def weekly_digest(today: dt.date) -> str:
    """Plain text, for the desk's mail or chat (no personal data: titles and counts only)."""
    since = today - dt.timedelta(days=7)
    lines = [f"数说与承诺 · 周报（{since:%Y-%m-%d} 至 {today:%Y-%m-%d}）", ""]
    overdue = selectors.pledges_overdue(today)
    lines.append(f"逾期待核：{len(overdue)} 项")
    lines += [f"  · {p.title}（{p.owner}，期限 {p.deadline:%Y-%m-%d}）" for p in overdue]
    events = PledgeEvent.objects.filter(at__date__gt=since, at__date__lte=today).select_related(
        "pledge"
    )
    lines.append(f"本周评定：{len(events)} 次")
    lines += [f"  · {e.pledge.title} → {e.get_status_display()}" for e in events]
    waiting = StoryFigure.objects.filter(state=FigureState.SUGGESTED).count()
    lines.append(f"待确认的报道数据：{waiting} 个")
    return "\n".join(lines)


def digest_mail(text: str) -> int:
    """Mail the digest to every active data desk editor with an address; how many got it."""
    from django.core.mail import send_mail

    from chenbao.core.access import users_with
    from chenbao.core.roles import DATA_DESK

    to = sorted({u.email for u in users_with(DATA_DESK) if u.email})
    if to:
        send_mail(text.splitlines()[0], text, None, to)
    return len(to)
