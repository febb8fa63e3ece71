"""Private storage of tip files: random names, owner-only permissions, outside MEDIA_ROOT."""

import re
import stat
from pathlib import Path

import pytest

from chenbao.tips import storage


@pytest.fixture
def root(settings, tmp_path):
    settings.CHENBAO = {**settings.CHENBAO, "TIP_FILES_ROOT": str(tmp_path / "tipfiles")}
    return tmp_path / "tipfiles"


def test_a_file_is_stored_under_its_month_with_a_random_name_readable_by_the_owner_only(root):
    name = storage.store(b"\xff\xd8jpeg", ".jpg")
    assert re.fullmatch(r"\d{4}/\d{2}/[0-9a-f]{32}\.jpg", name)
    path = root / name
    assert path.read_bytes() == b"\xff\xd8jpeg"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_two_files_of_the_same_bytes_get_different_names(root):
    assert storage.store(b"same", ".mp4") != storage.store(b"same", ".mp4")


def test_a_removed_file_is_gone_from_the_disk(root):
    name = storage.store(b"x", ".jpg")
    storage.remove(name)
    assert not (root / name).exists()


def test_tip_files_live_under_their_own_root_outside_media(root, settings):
    location = Path(storage.tip_storage().location)
    assert location == root
    assert not location.is_relative_to(Path(settings.MEDIA_ROOT))
