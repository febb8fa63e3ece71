"""Paying one reward from eight threads at once pays it once (PostgreSQL)."""

import os
import threading

import pytest
from django.db import connection

from chenbao.core.models import AuditEntry
from chenbao.core.roles import FINANCE, TIP_DESK
from chenbao.rewards.models import Payment, Reward
from chenbao.rewards.services import RewardError, payment_record
from chenbao.tips.services import tip_submit

# No module-wide django_db mark: the race test commits for real (see `committed`). The
# marked test below also makes pytest-django set up the test database for this module.


@pytest.mark.django_db
def test_an_unapproved_reward_cannot_be_paid(make_user):
    desk, finance = make_user("d", TIP_DESK), make_user("f", FINANCE)
    tip, _ = tip_submit(text="北京路小区电梯突然停了，里面困了三个人，二十多分钟才救出来。")
    reward = Reward.objects.create(
        group=tip.group, tip=tip, status="proposed", amount=100, proposed_by=desk
    )
    with pytest.raises(RewardError, match="批准后才能发放"):
        payment_record(
            user=finance, reward=reward, method="cash", reference="", idempotency_key="x"
        )
    assert not Payment.objects.exists()


@pytest.fixture
def committed(django_db_setup, django_db_blocker):
    """Autocommit database access that removes what the test added (no flush afterwards).

    A flush would also remove the migrated data (roles, tiers, Wagtail's page tree) that the
    rest of the suite relies on.
    """
    from django.contrib.auth import get_user_model

    from chenbao.tips.models import Tip, TipGroup

    models = [Payment, Reward, AuditEntry, Tip, TipGroup, get_user_model()]
    with django_db_blocker.unblock():
        before = {
            m: m.objects.order_by("-pk").values_list("pk", flat=True).first() or 0 for m in models
        }
        yield
        for m in models:  # children first; Payment refuses delete(), so delete rows raw
            m.objects.filter(pk__gt=before[m])._raw_delete(m.objects.db)
        connection.close()


@pytest.mark.skipif(
    "postgres" not in os.environ.get("DATABASE_URL", ""),
    reason="concurrency needs PostgreSQL (the in-memory SQLite test DB cannot interleave)",
)
def test_concurrent_payments_pay_once(committed):
    """Eight threads pay the same reward at once (distinct keys): one payment, seven refusals.

    Runs on PostgreSQL (row locks and unique constraints under real concurrency). Skipped on
    SQLite: the test database is a shared-cache in-memory database whose table locks fail
    concurrent writers outright ("database table is locked"), which says nothing about
    chenbao; the unique constraints are tested on both databases above.
    """
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    User = get_user_model()
    desk = User.objects.create_user("race-desk")
    finance = User.objects.create_user("race-cashier")
    tip, _ = tip_submit(text="联通路上渣土车掉了一路的土，路面很滑，已经有人摔倒。")
    reward = Reward.objects.create(  # test data: an approved reward, as the desk leaves it
        group=tip.group,
        tip=tip,
        status="approved",
        amount=200,
        proposed_by=desk,
        approved_by=desk,
        approved_at=timezone.now(),
    )
    results: list[str] = []
    barrier = threading.Barrier(8)

    def pay(n: int) -> None:
        try:
            barrier.wait()
            payment_record(
                user=finance,
                reward=reward,
                method="wechat",
                reference=f"R{n}",
                idempotency_key=f"race-{reward.pk}-{n}",
            )
            results.append("paid")
        except RewardError:
            results.append("refused")
        except Exception as exc:  # a deadlock or "database is locked" would be a finding
            results.append(f"error: {exc}")
        finally:
            connection.close()

    threads = [threading.Thread(target=pay, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["paid"] + ["refused"] * 7
    assert Payment.objects.filter(reward=reward).count() == 1
