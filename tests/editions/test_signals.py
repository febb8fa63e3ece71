"""A day imported from dumps lists its stories' headlines (a text edition): the list
follows a story changed in the admin afterwards."""

from chenbao.archive.bulk import archive_import
from chenbao.stories.models import StoryPage
from tests.archive.archive_dir import archive_make
from tests.factories import section_make

DAY = "/epaper/2022-12-03/"


def test_a_days_headlines_follow_a_story_republished_moved_unpublished_or_deleted(
    db, tmp_path, client, django_capture_on_commit_callbacks
):
    archive_import(archive_make(tmp_path), workers=1)
    story = StoryPage.objects.get(slug="2022-12-03-a03-1")
    other = StoryPage.objects.get(slug="2022-12-03-a04-1")

    def listed() -> str:
        return client.get(DAY).content.decode()

    assert story.title in listed()

    with django_capture_on_commit_callbacks(execute=True):
        story.title = "东岭港冬季航线调整（已更正标题）"
        story.save_revision().publish()
    assert "东岭港冬季航线调整（已更正标题）" in listed()

    before = story.url
    with django_capture_on_commit_callbacks(execute=True):
        story.move(section_make("港口"), pos="last-child")
    story.refresh_from_db()
    assert story.url != before
    assert f'href="{story.url}"' in listed() and f'href="{before}"' not in listed()

    with django_capture_on_commit_callbacks(execute=True):
        story.unpublish()
    assert story.title not in listed() and other.title in listed()

    with django_capture_on_commit_callbacks(execute=True):
        story.save_revision().publish()
    assert story.title in listed()

    with django_capture_on_commit_callbacks(execute=True):
        story.delete()
    assert story.title not in listed() and other.title in listed()
