"""A photo set on its own, with caption and credit (blocks/picture.py)."""

from types import SimpleNamespace

import pytest

from chenbao.editions.blocks.picture import slot, web
from chenbao.editions.images import ImageCopier

BASE = {"key": "图片", "kind": "picture", "col": 0, "span": 3, "top": 10.0, "height": 80.0}


@pytest.mark.django_db
def test_the_picture_is_copied_into_the_render_root_with_its_caption_and_credit(
    tmp_path, make_image
):
    photo = make_image("雪后淄博")
    ctx = SimpleNamespace(key="A03", images=ImageCopier(tmp_path / "render"))
    row = SimpleNamespace(image=photo, caption="雪后的人民公园", credit="本报记者 王晓明 摄")
    made = slot(row, BASE, ctx, 1)
    assert (made.key, made.col, made.span, made.top) == ("图片", 0, 3, 10.0)
    assert made.picture.image.startswith("/img/") and made.picture.image.endswith(".png")
    assert (tmp_path / "render" / made.picture.image.lstrip("/")).exists()
    assert web(made) == {"caption": "雪后的人民公园", "credit": "本报记者 王晓明 摄"}


def test_a_slot_without_an_image_keeps_its_caption(tmp_path):
    ctx = SimpleNamespace(key="A03", images=ImageCopier(tmp_path))
    made = slot(SimpleNamespace(image=None, caption="图说", credit=""), BASE, ctx, 1)
    assert made.picture.image == "" and made.picture.caption == "图说"
    assert ctx.images.problems == []
