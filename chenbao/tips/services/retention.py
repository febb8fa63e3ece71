"""The tip-line's retention: tips never used are deleted for good after TIP_RETENTION_DAYS."""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from chenbao.core.services import audit_record
from chenbao.tips import storage
from chenbao.tips.models import (
    Tip,
    TipFile,
    TipGroup,
)


def tips_purge(*, days: int | None = None, now: dt.datetime | None = None) -> dict[str, int]:
    """Delete for good the tips never used whose last activity is older than `days`.

    Used tips, tips still being followed up, and tips whose group has a reward are kept.
    Return counts of deleted tips and files.
    """
    days = settings.CHENBAO["TIP_RETENTION_DAYS"] if days is None else days
    cutoff = (now or timezone.now()) - dt.timedelta(days=days)
    expired = Tip.objects.filter(
        updated_at__lt=cutoff,
        status__in=["new", "triaged", "not_used", "duplicate", "spam"],
        group__rewards__isnull=True,
    )
    with transaction.atomic():
        ids = list(expired.values_list("pk", flat=True))
        names = list(TipFile.objects.filter(tip_id__in=ids).values_list("name", flat=True))
        group_ids = set(Tip.objects.filter(pk__in=ids).values_list("group_id", flat=True))
        Tip.objects.filter(pk__in=ids).delete()
        TipGroup.objects.filter(pk__in=group_ids, tips__isnull=True).delete()
        audit_record(
            actor=None,
            action="tip.purge",
            object_type="tips.tip",
            object_id="purge",
            detail={"tips": len(ids)},
        )
    for name in names:  # after commit: a file without a row is harmless, the reverse is not
        storage.remove(name)
    return {"tips": len(ids), "files": len(names)}


# --- key rotation (docs/tipline.md, "Rotating the key") ---
