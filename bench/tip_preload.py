"""Fill a chenbao database with a burst's tips, then time the tip desk's inbox on it.

Run by bench/bench_tips.py --preload N in the bench's environment (production settings,
the bench's database), before the server starts:

    python bench/tip_preload.py N            # prints "preloaded N tips in S s"
    python bench/tip_preload.py --inbox      # prints the inbox's p50/p99 per URL

Tips come from bench/tipgen.py (fixed seed: varied places, times and details, near-
duplicates of the same event as readers retell it), spread over the last six days so all
of them are in the 7-day near-duplicate window; tips of one event share a group. Each tip
carries its real MinHash signature and LSH band keys, so the server's lookup works on them
exactly as on submitted tips. The receipts are dummies (nobody reads these tips back).
"""

import datetime as dt
import os
import statistics
import sys
import time
from pathlib import Path

from rich.progress import Progress

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chenbao.settings.production")

import django  # noqa: E402

django.setup()

import tipgen  # noqa: E402
from django.db import transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from chenbao.tips import lsh, similarity  # noqa: E402
from chenbao.tips.models import Tip, TipFile, TipGroup, TipMessage  # noqa: E402

BATCH = 2000
WINDOW = dt.timedelta(days=6)


def preload(count: int) -> None:
    started = time.perf_counter()
    now = timezone.now()
    created = Tip._meta.get_field("created_at")
    created.auto_now_add = False  # the preloaded tips keep the times given them
    groups: dict[int, int] = {}
    rows = list(tipgen.tips(count, seed=16))
    with Progress(transient=True) as progress:
        task = progress.add_task("preloading tips", total=count)
        for start in range(0, count, BATCH):
            batch = rows[start : start + BATCH]
            with transaction.atomic():
                new = [e for e, _ in batch if e not in groups]
                made = TipGroup.objects.bulk_create([TipGroup() for _ in set(new)])
                groups.update(zip(dict.fromkeys(new), (g.pk for g in made), strict=True))
                tips = []
                for i, (event, text) in enumerate(batch, start):
                    sig = similarity.signature(text)
                    tips.append(
                        Tip(
                            text=text,
                            group_id=groups[event],
                            receipt_index=f"{i:08x}"[-8:],
                            receipt_hash="-",
                            minhash=sig,
                            lsh_keys=lsh.keys_bytes(lsh.band_keys(sig)),
                            created_at=now - WINDOW + WINDOW * (i / count),
                        )
                    )
                tips = Tip.objects.bulk_create(tips)
                TipFile.objects.bulk_create(
                    TipFile(
                        tip=t, kind="image", name=f"preload/{t.pk}.jpg", content_type="image/jpeg",
                        size=1,
                    )
                    for t in tips[::7]
                )  # fmt: skip
                TipMessage.objects.bulk_create(
                    TipMessage(tip=t, sender=TipMessage.Sender.DESK, text="收到，谢谢。")
                    for t in tips[::3]
                )
                Tip.objects.filter(pk__in=[t.pk for t in tips[::3]]).update(answered=True)
            progress.advance(task, len(batch))
    # What PostgreSQL's autovacuum does within a minute of such a load: without statistics
    # the planner reads the window's lookup ("tips added since id N") by a full scan.
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"preloaded {count} tips in {time.perf_counter() - started:.1f} s", flush=True)


def inbox(rounds: int) -> None:
    """Time the desk's inbox pages in this process (Django's test client, signed in)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.test import Client

    from chenbao.core.roles import TIP_DESK

    user, _ = get_user_model().objects.get_or_create(username="bench-desk", is_staff=True)
    user.groups.add(Group.objects.get_or_create(name=TIP_DESK.name)[0])
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    some_group = Tip.objects.order_by("pk").values_list("pk", flat=True)[100]
    urls = [
        "/admin/tips/",
        "/admin/tips/?status=new",
        "/admin/tips/?awaiting=1",
        "/admin/tips/?channel=hotline",
        "/admin/tips/?q=积水",
        "/admin/tips/?p=400",
        f"/admin/tips/{some_group}/",
        "/admin/",
    ]
    total = Tip.objects.count()
    print(f"  the desk's pages with {total} tips held, {rounds} requests each (in process):")
    for url in urls:
        client.get(url)
        times = []
        for _ in range(rounds):
            t = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - t) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        times.sort()
        p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
        print(f"    {url:<28} p50 {statistics.median(times):6.1f} ms   p99 {p99:6.1f} ms")


if __name__ == "__main__":
    if sys.argv[1] == "--inbox":
        from django.conf import settings
        from django.test import override_settings

        # The admin's CSS by its plain name: the bench has not run collectstatic.
        plain = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
        with override_settings(STORAGES={**settings.STORAGES, "staticfiles": plain}):
            inbox(int(sys.argv[2]) if len(sys.argv) > 2 else 40)
    else:
        preload(int(sys.argv[1]))
