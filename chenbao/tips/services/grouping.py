"""Near-duplicate grouping: the tips about one event are put in one group.

Each process keeps an index of the window's signatures (`_RecentSignatures`, decision 0018);
the desk confirms a group or takes a tip out of it."""

import datetime as dt
import threading

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from chenbao.core.services import audit_record
from chenbao.tips import lsh, similarity
from chenbao.tips.models import (
    Tip,
    TipGroup,
    TipStatus,
)


class _RecentSignatures:
    """This process's index of the recent tips' signatures, refreshed incrementally.

    Each submission reads, in one query, only the tips added since the last one (usually
    none or a few) together with the newest tip it already holds. The tips' LSH band keys
    (stored with each tip) go into a `lsh.BandIndex`, so finding similar tips compares the
    new signature only with the tips sharing a band key, not with the whole window
    (docs/decisions/0018-tip-lsh-bands.md). Every process builds the same index from the
    same rows, so they group alike.
    """

    # A key shared by more tips than PER_KEY (a burst's own retellings, a phrase every tip
    # uses) is read for that many; of the tips found, the CANDIDATES sharing the most keys
    # (the likeliest to be similar) are compared exactly. Both bound the lookup's cost
    # whatever the window holds; measured in docs/decisions/0018-tip-lsh-bands.md.
    PER_KEY = 3
    CANDIDATES = 32

    def __init__(self) -> None:
        self.clear()

    def clear(self) -> None:
        self.last_id = 0
        self.last_created: dt.datetime | None = None
        self.rows: dict[int, tuple[dt.datetime, int]] = {}  # tip id -> (created, packed)
        self.oldest: dt.datetime | None = None  # the oldest tip held: prune only past it
        self.index = lsh.BandIndex()

    def refresh(self, since: dt.datetime) -> None:
        # The first time only the window's tips, not every tip the paper ever had.
        tips = (
            Tip.objects.filter(pk__gte=self.last_id)
            if self.last_id
            else Tip.objects.filter(created_at__gte=since)
        )
        rows = list(
            tips.order_by("pk").values_list("pk", "created_at", "status", "minhash", "lsh_keys")
        )
        if self.last_id and (not rows or rows[0][:2] != (self.last_id, self.last_created)):
            # The newest tip held here is gone or is another row now (a rolled-back test, a
            # restored backup): start again from the database.
            self.clear()
            return self.refresh(since)
        added: list[tuple[int, bytes]] = []
        for pk, created, status, sig, keys in rows:
            if pk == self.last_id:
                continue
            if status != TipStatus.SPAM and created >= since and len(sig) == similarity.NUM_PERM:
                self.rows[pk] = (created, similarity.pack(sig))
                stored = bytes(keys)
                if len(stored) != lsh.KEYS_BYTES:  # damaged or missing: made again
                    stored = lsh.keys_bytes(lsh.band_keys(sig))
                added.append((pk, stored))
                self.oldest = created if self.oldest is None else min(self.oldest, created)
            self.last_id, self.last_created = pk, created
        if len(added) > lsh.BandIndex.MERGE_TIPS:  # a worker's start: one sort, not 50,000 adds
            self.index.add_many([pk for pk, _ in added], lsh.keys_matrix([k for _, k in added]))
        else:
            for pk, stored in added:
                self.index.add(pk, lsh.keys_from_bytes(stored))
        if self.oldest is not None and self.oldest < since:  # a tip left the window
            self.rows = {pk: v for pk, v in self.rows.items() if v[0] >= since}
            self.oldest = min((c for c, _ in self.rows.values()), default=None)
        if self.index.entries > 2 * len(lsh.BANDS) * (len(self.rows) + 1000):
            self.clear()  # mostly tips gone from the window: build the index again
            return self.refresh(since)

    def similar(self, packed: int, keys: list[int], threshold: float) -> list[int]:
        """Return the held tips at or above `threshold`, most similar (then newest) first."""
        scored = []
        shared = self.index.shared(keys, per_key=self.PER_KEY)
        for pk, _count in shared.most_common(self.CANDIDATES):
            row = self.rows.get(pk)
            if row is not None:
                score = similarity.estimate_packed(packed, row[1])
                if score >= threshold:
                    scored.append((score, pk))
        return [pk for _score, pk in sorted(scored, reverse=True)]


_recent = _RecentSignatures()
# A threaded web worker (deploy/gunicorn.conf.py: gthread) takes several submissions at once:
# one thread at a time refreshes and reads the index, or two refreshes would each see the
# other's newest tip as "gone" and start the index again from the database.
_recent_lock = threading.Lock()


def similar_tips_find(sig: list[int], keys: list[int]) -> list[int]:
    """Return the recent tips above the threshold, most similar first (their ids)."""
    since = timezone.now() - dt.timedelta(days=settings.CHENBAO["TIP_DUPLICATE_WINDOW_DAYS"])
    threshold = settings.CHENBAO["TIP_DUPLICATE_THRESHOLD"]
    with _recent_lock:
        _recent.refresh(since)
        return _recent.similar(similarity.pack(sig), keys, threshold)[:8]


def recent_index_warm() -> int:
    """Build this process's index of the window's tips now, before it takes requests; return
    how many tips it holds. Called as a web worker starts (chenbao/wsgi.py): with 50,000 tips
    held the build takes seconds, which a reader's submission should not wait for."""
    since = timezone.now() - dt.timedelta(days=settings.CHENBAO["TIP_DUPLICATE_WINDOW_DAYS"])
    with _recent_lock:
        _recent.refresh(since)
        return len(_recent.rows)


def group_of(similar_tips: list[int]) -> int | None:
    """Return the group of the first of `similar_tips` still a tip and not spam, if any."""
    if not similar_tips:
        return None
    groups = dict(
        Tip.objects.filter(pk__in=similar_tips)
        .exclude(status=TipStatus.SPAM)
        .values_list("pk", "group_id")
    )
    return next((groups[pk] for pk in similar_tips if pk in groups), None)


@transaction.atomic
def tip_group_confirm(*, user, group: TipGroup) -> TipGroup:
    """Confirm that the tips of `group` are about one event."""
    group.confirmed = True
    group.save(update_fields=["confirmed"])
    audit_record(actor=user, action="tip.group_confirm", obj=group)
    return group


@transaction.atomic
def tip_group_split(*, user, tip: Tip) -> TipGroup:
    """Take `tip` out of its group into a group of its own."""
    old = tip.group_id
    group = TipGroup.objects.create(confirmed=True)
    tip.group = group
    tip.save(update_fields=["group", "updated_at"])
    if not Tip.objects.filter(group_id=old).exists():
        TipGroup.objects.filter(pk=old, rewards__isnull=True).delete()
    audit_record(
        actor=user, action="tip.group_split", obj=tip, detail={"from": old, "to": group.pk}
    )
    return group
