"""A video is a container that parses (boxes, EBML) and is stored remuxed without its
metadata (issue 13, item 4)."""

import struct

import pytest

from chenbao.tips import video
from tests.tips import mediafiles
from tests.tips.mediafiles import box

CONTAINERS = ["mp4", "mov", "webm", "matroska"]


@pytest.fixture(scope="module")
def videos(tmp_path_factory) -> dict[str, bytes]:
    tmp = tmp_path_factory.mktemp("videos")
    made = {c: mediafiles.ffmpeg_video(tmp, c, subtitles=True) for c in CONTAINERS}
    made["mp4"] = mediafiles.with_phone_boxes(made["mp4"])
    made["mov"] = mediafiles.with_phone_boxes(made["mov"])
    return made


@pytest.mark.parametrize("container", CONTAINERS)
def test_real_videos_parse(videos, container):
    found = video.probe(videos[container])
    assert found.container == container
    assert (
        found.ext == {"mp4": ".mp4", "mov": ".mov", "webm": ".webm", "matroska": ".mkv"}[container]
    )


@pytest.mark.parametrize("container", CONTAINERS)
def test_metadata_is_stripped_and_the_picture_kept(videos, container):
    data = videos[container]
    assert all(p in data for p in mediafiles.PLANTED)
    stripped = video.strip(data, video.probe(data), timeout=60)
    for planted in (*mediafiles.PLANTED, b"+36.8000+118.0500", b"xmpmeta", b"ISO6709"):
        assert planted not in stripped
    for phone_box in (b"\xa9xyz", b"uuid", b"keys", b"mdta"):  # (ffmpeg leaves an empty ilst)
        assert phone_box not in stripped
    again = video.probe(stripped)  # still a valid video of the same kind
    assert again.container == container


def test_the_stored_mp4_keeps_only_video_and_audio_tracks(videos):
    stripped = video.strip(videos["mp4"], video.probe(videos["mp4"]), timeout=60)
    moov = next(b for b in video.boxes(stripped) if b.type == b"moov")
    handlers = [
        stripped[b.body + 8 : b.body + 12]
        for b in video._tree(stripped, moov, 0)
        if b.type == b"hdlr"
    ]
    assert sorted(handlers) == [b"soun", b"vide"]  # the subtitle track carrying PHONE is gone


def test_boxes_must_tile_the_file(videos):
    data = videos["mp4"]
    assert sum(b.end - b.start for b in video.boxes(data)) == len(data)
    with pytest.raises(video.VideoRefused):
        video.boxes(data[:-3])  # truncated
    with pytest.raises(video.VideoRefused):
        video.boxes(data + b"\x00\x00\x00")  # trailing bytes


@pytest.mark.parametrize(
    "data",
    [
        b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64,
        box(b"ftyp", b"isom\0\0\0\0isom") + box(b"mdat", b"\0" * 100),  # no moov
        box(b"ftyp", b"isom\0\0\0\0isom") + box(b"moov", box(b"mvhd", b"\0" * 100)),  # no mdat
        box(b"ftyp", b"isom\0\0\0\0isom")
        + box(b"moov", box(b"mvhd", b"\0" * 100) + box(b"trak", box(b"tkhd", b"\0" * 80)))
        + box(b"mdat", b"\0" * 100),  # no video track
        box(b"ftyp", b"isom\0\0\0\0isom") + b"<html><body>hello</body></html>",
        b"<!DOCTYPE html>" + b"\0" * 100,
    ],
    ids=["header-only", "no-moov", "no-mdat", "no-video-track", "html-after-ftyp", "html"],
)
def test_broken_or_fake_mp4_is_refused(data):
    with pytest.raises(video.VideoRefused, match="视频文件已损坏"):
        video.probe(data)


def test_webm_needs_a_segment_with_tracks_and_clusters(videos):
    data = videos["webm"]
    assert video.probe_ebml(data).container == "webm"
    with pytest.raises(video.VideoRefused):
        video.probe_ebml(data[: 5 + (data[4] & 0x7F)])  # the EBML header alone (1-byte size)
    with pytest.raises(video.VideoRefused):
        video.probe_ebml(b"\x1a\x45\xdf\xa3\x84\x42\x82\x81x" + b"\0" * 32)  # unknown doctype


def test_heif_images_are_not_videos():
    assert video.iso_kind(mediafiles.heic()) == "image"
    assert video.iso_kind(mediafiles.avif()) == "image"
    with pytest.raises(video.VideoRefused):
        video.probe(mediafiles.heic())


def test_large_boxes_use_the_64_bit_size():
    payload = b"\0" * 20
    large = struct.pack(">I4sQ", 1, b"free", 16 + len(payload)) + payload
    (only,) = video.boxes(large)
    assert (only.type, only.body, only.end) == (b"free", 16, len(large))


def test_without_ffmpeg_videos_are_refused_and_the_check_warns(videos, monkeypatch):
    from chenbao.tips.checks import check_ffmpeg

    assert check_ffmpeg() == []
    monkeypatch.setattr(video.shutil, "which", lambda name: None)
    with pytest.raises(video.VideoRefused, match="暂时无法接收视频"):
        video.strip(videos["mp4"], video.probe(videos["mp4"]), timeout=60)
    assert [w.id for w in check_ffmpeg()] == ["tips.W001"]
