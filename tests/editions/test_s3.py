"""Publishing to S3-compatible object storage: django-storages' S3 backend against moto.

moto's `mock_aws` answers boto3's requests in-process (no network). The publish storage is
built by the settings module itself from the CHENBAO_PUBLISH_S3_* environment, as in
production, and everything published is read back with a plain boto3 client.
"""

import datetime as dt
import io
import json
import runpy
from unittest import mock

import boto3
import pytest
from django.core.files.storage import FileSystemStorage
from moto import mock_aws
from PIL import Image
from pypdf import PdfReader

import chenbao.settings.base as base_settings
from chenbao.editions.selectors import published_page
from chenbao.editions.services.publish import edition_publish
from chenbao.editions.storage import publish_storage
from chenbao.stories.services import StoryData, story_save_published

BUCKET = "chenbao-epaper"
PREFIX = "luzhong/epaper"
MINIO = "http://minio.chenbao.test:9000"
PAGE_FILES = {".pdf": "application/pdf", ".png": "image/png", "-thumb.png": "image/png"}
HTML = "text/html; charset=utf-8"
JSON = "application/json; charset=utf-8"


def storages_from_env(monkeypatch, **env: str) -> dict:
    """Return STORAGES as chenbao/settings/base.py builds it from this environment."""
    for name in ("BUCKET", "ENDPOINT", "PREFIX"):
        monkeypatch.delenv(f"CHENBAO_PUBLISH_S3_{name}", raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    namespace = runpy.run_path(base_settings.__file__)
    return namespace.get("STORAGES", {})  # unset: Django's default, no "publish" storage


@pytest.fixture
def s3(monkeypatch, settings, request):
    """An empty versioned bucket in moto, selected as the publish storage the production way.

    Parametrized with an endpoint, the storage talks to it as to MinIO or another
    S3-compatible service (moto answers for it too).
    """
    endpoint = getattr(request, "param", None)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    for name in ("AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_S3"):
        monkeypatch.delenv(name, raising=False)
    env = {"CHENBAO_PUBLISH_S3_BUCKET": BUCKET, "CHENBAO_PUBLISH_S3_PREFIX": PREFIX}
    if endpoint:
        env["CHENBAO_PUBLISH_S3_ENDPOINT"] = endpoint
        monkeypatch.setenv("MOTO_S3_CUSTOM_ENDPOINTS", endpoint)
    with mock_aws():
        client = boto3.client("s3", region_name="us-east-1", endpoint_url=endpoint)
        client.create_bucket(Bucket=BUCKET)
        # Every PUT is a new version and every DELETE a delete marker: the bucket keeps count.
        client.put_bucket_versioning(Bucket=BUCKET, VersioningConfiguration={"Status": "Enabled"})
        settings.STORAGES = {
            **settings.STORAGES,
            "publish": storages_from_env(monkeypatch, **env)["publish"],
        }
        yield client


def objects(client) -> dict[str, dict]:
    """Every object in the bucket, by key, with its headers and bytes."""
    keys = [o["Key"] for o in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])]
    result = {}
    for key in keys:
        got = client.get_object(Bucket=BUCKET, Key=key)
        result[key] = {"type": got["ContentType"], "body": got["Body"].read()}
    return result


def test_settings_select_s3_only_when_a_bucket_is_set(monkeypatch, settings):
    assert "publish" not in storages_from_env(monkeypatch)
    assert isinstance(publish_storage(), FileSystemStorage)

    storages = storages_from_env(
        monkeypatch, CHENBAO_PUBLISH_S3_BUCKET=BUCKET, CHENBAO_PUBLISH_S3_ENDPOINT=MINIO
    )
    settings.STORAGES = {**settings.STORAGES, "publish": storages["publish"]}
    storage = publish_storage()
    assert type(storage).__name__ == "PublishS3Storage"
    assert (storage.bucket_name, storage.endpoint_url, storage.location) == (
        BUCKET,
        MINIO,
        "epaper",  # the default prefix
    )
    assert storage.file_overwrite and not storage.querystring_auth


@pytest.mark.parametrize("s3", [None, MINIO], indirect=True, ids=["aws", "s3-compatible"])
def test_edition_is_published_to_the_bucket_under_the_prefix_with_content_types(make_edition, s3):
    edition = make_edition(pages=2, stories_per_page=1, date=dt.date(2022, 12, 12))
    storage = publish_storage()
    assert storage.connection.meta.client.meta.endpoint_url == s3.meta.endpoint_url
    result = edition_publish(edition=edition)  # no storage given: the configured one
    # One short story a page leaves most of it blank, which the layout check reports (0023).
    assert [p.kind for p in result.problems if p.kind != "blank"] == []

    stored = objects(s3)
    folder = f"{PREFIX}/2022-12-12"
    expected = {
        f"{folder}/A0{n}{suffix}": kind for n in (1, 2) for suffix, kind in PAGE_FILES.items()
    }
    expected |= {f"{folder}/A0{n}.html": HTML for n in (1, 2)}
    expected |= {
        f"{folder}/index.html": HTML,
        f"{folder}/edition.pdf": "application/pdf",
        f"{folder}/manifest.json": JSON,
        f"{PREFIX}/index.html": HTML,
        f"{PREFIX}/years/2022.html": HTML,  # the calendar of the year
        f"{PREFIX}/editions.json": JSON,
    }
    manifest = json.loads(stored[f"{folder}/manifest.json"]["body"])
    # The reader's image sizes and thumbnails (decision 0020), as the manifest names them.
    for page in manifest["pages"].values():
        for variant in page["sizes"] + page["thumbs"]:
            for fmt, kind in (("webp", "image/webp"), ("jpeg", "image/jpeg")):
                if variant.get(fmt):
                    expected[f"{folder}/{variant[fmt]}"] = kind
    assert any(kind == "image/webp" for kind in expected.values())
    assert {key: o["type"] for key, o in stored.items()} == expected
    assert sorted(f"{PREFIX}/{name}" for name in result.written) == sorted(expected)

    assert list(manifest["pages"]) == ["A01", "A02"]
    for number, page in manifest["pages"].items():
        assert stored[f"{folder}/{number}.pdf"]["body"].startswith(b"%PDF-")
        with Image.open(io.BytesIO(stored[f"{folder}/{number}.png"]["body"])) as im:
            assert im.format == "PNG" and im.size == (page["width_px"], page["height_px"])
        html = stored[f"{folder}/{number}.html"]["body"].decode("utf-8")
        webp = page["sizes"][0]["webp"]  # the narrowest size, first in the srcset
        assert f'srcset="/epaper-files/2022-12-12/{webp} ' in html
        assert page["areas"][0]["title"] in html
    assert len(PdfReader(io.BytesIO(stored[f"{folder}/edition.pdf"]["body"])).pages) == 2
    editions = json.loads(stored[f"{PREFIX}/editions.json"]["body"])
    assert [(e["date"], e["pages"]) for e in editions] == [("2022-12-12", 2)]
    # The reader site reads the manifest back from the bucket too.
    assert published_page(date=edition.date, number="A02")["hash"] == result.pages[1].hash


def test_republishing_after_an_edit_rewrites_only_that_pages_objects(make_edition, s3):
    edition = make_edition(pages=3, stories_per_page=1, date=dt.date(2022, 12, 13))
    first = edition_publish(edition=edition)
    placement = edition.pages.get(number="A02").story_placements.get()
    story_save_published(
        section=placement.story.get_parent().specific,
        slug=placement.story.slug,
        data=StoryData(headline="改过的标题", body=(("paragraph", "正文改过了。"),)),
    )
    second = edition_publish(edition=edition)
    assert [p.number for p in second.pages if p.rendered] == ["A02"]

    listing = s3.list_object_versions(Bucket=BUCKET)
    puts: dict[str, int] = {}
    for version in listing["Versions"]:
        puts[version["Key"]] = puts.get(version["Key"], 0) + 1
    rewritten = {key.removeprefix(f"{PREFIX}/") for key, n in puts.items() if n == 2}
    folder = "2022-12-13"
    assert set(puts.values()) == {1, 2}
    assert len(puts) == len(first.written)
    # What the publisher says it wrote is what the bucket received, and nothing else.
    assert rewritten == set(second.written)
    assert {f"{folder}/A02{s}" for s in (".pdf", ".png", "-thumb.png", ".html")} <= rewritten
    assert {f"{folder}/edition.pdf", f"{folder}/manifest.json"} <= rewritten
    assert not any(key.startswith((f"{folder}/A01", f"{folder}/A03")) for key in rewritten)
    # Objects are replaced in place, never deleted first (readers would find nothing).
    assert listing.get("DeleteMarkers", []) == []
    html = s3.get_object(Bucket=BUCKET, Key=f"{PREFIX}/{folder}/A02.html")["Body"].read()
    assert "改过的标题" in html.decode("utf-8")


def test_reader_page_says_so_when_the_bucket_refuses(client, reference_page, caplog):
    # Bad credentials or a network failure at the object store: the reader is told in
    # Chinese that the e-paper cannot be read just now (503, try again), and the reason is
    # in the operators' log, not a server error.
    class Refusing:
        def exists(self, name):
            raise RuntimeError("AccessDenied")

        def open(self, name, mode="rb"):
            raise RuntimeError("AccessDenied")

    with mock.patch("chenbao.site.views.publish_storage", return_value=Refusing()):
        response = client.get("/epaper/2022-12-02/A02/")
        assert client.get("/").status_code == 503
    assert response.status_code == 503
    assert "数字报暂时无法打开" in response.content.decode()
    assert "could not be read" in caplog.text
    with mock.patch("chenbao.editions.selectors.publish_storage", return_value=Refusing()):
        assert published_page(date=reference_page.edition.date, number="A02") is None
