"""`chenbao purge_tips [--days N]`: unused tips deleted for good, with their files."""

import io
from pathlib import Path

from django.core.management import call_command
from django.utils import timezone

from chenbao.tips.models import Tip, TipContact, TipFile, TipGroup, TipMessage
from chenbao.tips.services import Upload, tip_reply, tip_status_change

PHONE = "13905339876"


def test_purge_deletes_old_unused_tips_rows_and_files(submit, photo, desk, settings):
    files_root = Path(settings.CHENBAO["TIP_FILES_ROOT"])

    def files_on_disk() -> int:
        return sum(1 for p in files_root.rglob("*") if p.is_file()) if files_root.exists() else 0

    def counts():
        return (
            Tip.objects.count(),
            TipContact.objects.count(),
            TipMessage.objects.count(),
            TipFile.objects.count(),
            TipGroup.objects.count(),
        )

    before_files = files_on_disk()
    old, _ = submit(contact_phone=PHONE, uploads=[Upload(photo), Upload(photo)])
    tip_reply(user=desk, tip=old, text="收到")
    used, _ = submit(
        text="完全不同的事：体育场旁边夜市每天吵到半夜，周围住户没法睡觉。", uploads=[Upload(photo)]
    )
    tip_status_change(user=desk, tip=used, status="triaged")
    tip_status_change(user=desk, tip=used, status="verifying")
    tip_status_change(user=desk, tip=used, status="used")
    fresh, _ = submit(text="图书馆周末开到晚上九点了，来看书的人挺多。")
    long_ago = timezone.now() - timezone.timedelta(days=181)
    Tip.objects.filter(pk__in=[old.pk, used.pk]).update(updated_at=long_ago)
    assert counts() == (3, 1, 1, 3, 3)
    assert files_on_disk() == before_files + 3

    out = io.StringIO()
    call_command("purge_tips", stdout=out)
    assert "purged 1 tips and 2 files" in out.getvalue()
    assert counts() == (2, 0, 0, 1, 2)  # the used tip and the fresh one stay
    assert files_on_disk() == before_files + 1
    assert set(Tip.objects.values_list("pk", flat=True)) == {used.pk, fresh.pk}

    call_command("purge_tips", "--days", "0", stdout=io.StringIO())
    assert counts() == (1, 0, 0, 1, 1)  # only the used tip is kept
