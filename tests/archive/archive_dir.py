"""An archive folder of page dumps for the import tests: days of pages, and files that are not."""

import io
import shutil
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import CommandError

from chenbao.editions.models import Edition, PrintedPage, StoryPlacement
from chenbao.stories.models import Contributor, StoryByline, StoryPage
from chenbao.weather.models import PrintedForecastDay

PAGES = Path(__file__).parent.parent / "fixtures" / "pages"


def dump(folder: Path, relative: str, source: str) -> Path:
    path = folder / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(PAGES / source, path)
    return path


def three_days(tmp_path) -> Path:
    """Three good pages on three days: what the search tests import."""
    root = tmp_path / "archive"
    dump(root, "2022-12-02/A02_要闻.txt", "reference-2022-12-02-A02.txt")
    dump(root, "2022-12-03/A03.txt", "variant-2-bracket-bylines.txt")
    dump(root, "2022-12-04/A04_民生.txt", "variant-1-start-byline.txt")
    return root


def command_run(*args) -> tuple[int, str]:
    """Run a management command: its exit code and what it printed (or its error)."""
    out = io.StringIO()
    try:
        call_command(*args, stdout=out, stderr=io.StringIO())
    except CommandError as exc:
        return exc.returncode, str(exc)
    return 0, out.getvalue()


def archive_make(tmp_path) -> Path:
    """Three days of pages, a duplicate of one page, and files that are not pages."""
    root = tmp_path / "archive"
    dump(root, "2022-12-02/A02_要闻.txt", "reference-2022-12-02-A02.txt")
    dump(root, "2022-12-03/A03.txt", "variant-2-bracket-bylines.txt")
    dump(root, "2022-12-03/A04_民生.txt", "variant-1-start-byline.txt")
    dump(root, "2022-12-04/A01.txt", "variant-6-captions.txt")
    dump(root, "2022-12-04/A01_头版.txt", "variant-3-stray.txt")  # A01 again: a duplicate
    (root / "2022-12-04" / "A05.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00binary")
    (root / "2022-12-04" / "A06.txt").write_bytes("淄博新闻".encode("gbk"))
    (root / "2022-12-04" / "A07.txt").write_text("   \n")
    (root / "2022-12-04" / "readme.txt").write_text("not a page")
    (root / "notes").mkdir()
    return root


def counts() -> dict[str, int]:
    return {
        "editions": Edition.objects.count(),
        "pages": PrintedPage.objects.count(),
        "stories": StoryPage.objects.count(),
        "placements": StoryPlacement.objects.count(),
        "bylines": StoryByline.objects.count(),
        "contributors": Contributor.objects.count(),
        "forecast": PrintedForecastDay.objects.count(),
    }
