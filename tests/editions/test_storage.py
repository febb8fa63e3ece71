"""Where published files go and the URLs readers fetch them from (storage.py)."""

from pathlib import Path

from django.core.files.storage import FileSystemStorage, InMemoryStorage

from chenbao.editions.storage import publish_dir, publish_storage, published_url


def test_an_out_directory_given_is_where_files_go(tmp_path, settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "publish": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    storage = publish_storage(tmp_path / "out")
    assert isinstance(storage, FileSystemStorage)
    assert Path(storage.location) == tmp_path / "out"


def test_the_publish_storage_when_configured_else_the_publish_directory(tmp_path, settings):
    settings.STORAGES = {k: v for k, v in settings.STORAGES.items() if k != "publish"}
    default = publish_storage()
    assert isinstance(default, FileSystemStorage)
    assert Path(default.location) == tmp_path / "publish"  # PUBLISH_DIR, set per test
    settings.STORAGES = {
        **settings.STORAGES,
        "publish": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    assert isinstance(publish_storage(), InMemoryStorage)


def test_without_a_publish_dir_files_go_under_media_epaper(tmp_path, settings):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.CHENBAO = {**settings.CHENBAO, "PUBLISH_DIR": ""}
    assert publish_dir() == tmp_path / "media" / "epaper"
    settings.CHENBAO = {**settings.CHENBAO, "PUBLISH_DIR": "/srv/epaper"}
    assert publish_dir() == Path("/srv/epaper")


def test_published_urls_join_the_base_and_the_path_with_one_slash(settings):
    settings.CHENBAO = {**settings.CHENBAO, "PUBLISH_URL": "/epaper-files/"}
    assert published_url("2022-12-02/A02.png") == "/epaper-files/2022-12-02/A02.png"
    settings.CHENBAO = {**settings.CHENBAO, "PUBLISH_URL": "https://cdn.example/epaper"}
    assert published_url("/2022-12-02/A02.pdf") == "https://cdn.example/epaper/2022-12-02/A02.pdf"
