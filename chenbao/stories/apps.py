import os
import sys

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StoriesConfig(AppConfig):
    name = "chenbao.stories"
    label = "stories"
    verbose_name = _("稿件")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.conf import settings

        _use_chinese_revision_diff()

        # The demo's scheduler: `runserver` (in the process that serves, not the
        # autoreloader's parent) publishes scheduled stories itself.
        serving = "runserver" in sys.argv[1:2] and (
            os.environ.get("RUN_MAIN") == "true" or "--noreload" in sys.argv
        )
        if serving and settings.CHENBAO["SCHEDULER_IN_PROCESS"]:
            from chenbao.stories import scheduler

            scheduler.start_background_thread(interval=settings.CHENBAO["SCHEDULER_INTERVAL"])


def _use_chinese_revision_diff() -> None:
    """Make Wagtail's revision comparison diff Chinese text character by character."""
    from wagtail.admin import compare

    from chenbao.stories import textdiff

    def diff_text(a, b):
        return compare.TextDiff(textdiff.diff(str(a or ""), str(b or "")))

    compare.diff_text = diff_text
