"""Images copied into the render root, each checked before the page is set (images.py)."""

import io
from types import SimpleNamespace

import pytest
from PIL import Image as PILImage

from chenbao.editions.images import ImageCopier


def jpeg_bytes() -> bytes:
    buf = io.BytesIO()
    PILImage.new("RGB", (10, 10), "blue").save(buf, format="JPEG")
    return buf.getvalue()


pytestmark = pytest.mark.django_db


def test_an_image_is_copied_once_under_its_content_hash(tmp_path, make_image):
    copier = ImageCopier(tmp_path)
    first = copier.copy(make_image("甲"), page="A02", slot="story-1")
    same = copier.copy(make_image("乙"), page="A02", slot="story-2")  # the same bytes
    other = copier.copy(make_image("丙", colour="green"), page="A03", slot="ad-1")
    assert first == same != other
    assert first.startswith("/img/") and first.endswith(".png")
    assert sorted(p.name for p in (tmp_path / "img").iterdir()) == sorted(
        {first.rsplit("/", 1)[1], other.rsplit("/", 1)[1]}
    )
    assert copier.problems == []


def test_a_jpeg_keeps_the_jpg_suffix(tmp_path, make_image):
    path = ImageCopier(tmp_path).copy(make_image("照片", data=jpeg_bytes()), page="A02", slot="s")
    assert path.endswith(".jpg")
    assert (tmp_path / path.lstrip("/")).read_bytes() == jpeg_bytes()


def test_no_image_is_no_path_and_no_problem(tmp_path):
    copier = ImageCopier(tmp_path)
    assert copier.copy(None, page="A02", slot="s") == ""
    assert copier.problems == []


def test_an_unreadable_image_is_left_out_and_named_with_its_page_and_slot(tmp_path, make_image):
    broken = make_image("坏图")
    with open(broken.file.path, "wb") as fh:
        fh.write(b"this is not a picture")
    copier = ImageCopier(tmp_path)
    assert copier.copy(broken, page="A02", slot="ad-1") == ""
    [problem] = copier.problems
    assert (problem.page, problem.slot, problem.kind) == ("A02", "ad-1", "image")
    assert problem.message.startswith("A02版 ad-1：图片《坏图》无法读取")
    assert not (tmp_path / "img").exists()


def test_an_image_whose_file_is_gone_is_reported_under_a_plain_name(tmp_path):
    class Missing:
        def open(self, mode):
            raise FileNotFoundError("gone")

    copier = ImageCopier(tmp_path)
    assert copier.copy(SimpleNamespace(title="", file=Missing()), page="A04", slot="s") == ""
    assert "图片《图片》无法读取（FileNotFoundError）" in copier.problems[0].message
