"""Fixtures for the tip-line: desk and reporter users, photos with GPS, submitted tips."""

import io

import pytest
from PIL import Image

from chenbao.core.roles import REPORTER, TIP_DESK


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def desk(make_user):
    return make_user("desk", TIP_DESK)


@pytest.fixture
def reporter(make_user):
    return make_user("reporter1", REPORTER)


def jpeg_with_gps() -> bytes:
    """A small JPEG carrying EXIF with a GPS position and a camera make."""
    img = Image.new("RGB", (64, 48), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"  # Make
    exif[0x8825] = {1: "N", 2: (36.0, 48.0, 0.0), 3: "E", 4: (118.0, 3.0, 0.0)}  # GPS IFD
    out = io.BytesIO()
    img.save(out, format="JPEG", exif=exif)
    return out.getvalue()


@pytest.fixture
def photo() -> bytes:
    return jpeg_with_gps()


@pytest.fixture
def submit(db):
    """Return a function submitting a tip through the service; gives (tip, receipt)."""
    from chenbao.tips.services import tip_submit

    def run(text="东风路与柳泉路交叉口今早两车相撞，一人受伤，交警已在现场处置。", **kw):
        return tip_submit(text=text, **kw)

    return run


@pytest.fixture
def many_tips(db):
    """Return a function adding `n` tips straight to the database (each in its own group,
    every tenth with a photo and every third with a desk reply), as a burst leaves them."""
    from chenbao.tips.models import Tip, TipFile, TipGroup, TipMessage

    def add(n: int, *, reporter=None) -> list[Tip]:
        groups = TipGroup.objects.bulk_create([TipGroup() for _ in range(n)])
        tips = Tip.objects.bulk_create(
            Tip(
                text=f"第{i}条：柳泉路{i}号附近积水很深，车辆无法通行。",
                group=g,
                receipt_index=f"{i:08x}"[-8:],
                receipt_hash="-",
                assigned_to=reporter,
            )
            for i, g in enumerate(groups)
        )
        TipFile.objects.bulk_create(
            TipFile(tip=t, kind="image", name=f"bulk/{t.pk}.jpg", content_type="image/jpeg", size=1)
            for t in tips[::10]
        )
        TipMessage.objects.bulk_create(
            TipMessage(tip=t, sender=TipMessage.Sender.DESK, text="收到，谢谢。") for t in tips[::3]
        )
        Tip.objects.filter(pk__in=[t.pk for t in tips[::3]]).update(answered=True)
        return tips

    return add


@pytest.fixture
def old_tips(submit):
    """Five tips with contacts, written while only the old key existed; gives [(tip, code)]."""
    from django.test import override_settings

    from tests.tips.keyrotation import BEFORE, PHONE, WECHAT

    with override_settings(**BEFORE):
        return [
            submit(
                text=f"东风路与柳泉路交叉口今早两车相撞，一人受伤，交警已在现场处置。读者{n}",
                contact_phone=PHONE,
                contact_wechat=f"{WECHAT}{n}",
                contact_name="老王",
            )
            for n in range(5)
        ]
