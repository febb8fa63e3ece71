"""The only code that writes stories, one module per job (as Zulip's zerver/actions/):

- writing.py: sections, contributors, drafts, and stories already printed (archive import)
- review.py: 三审 — submit, decide at a level, tell the next reviewers
- notices.py: review notices in the admin and by mail
- after_publication.py: corrections (更正) and withdrawals (撤稿)

Callers import from `chenbao.stories.services`, the public surface below.
"""

from chenbao.stories.services.after_publication import story_correct, story_withdraw
from chenbao.stories.services.notices import notice_mark_read, notice_send
from chenbao.stories.services.review import (
    review_decide,
    review_task_started,
    story_review,
    story_submit_for_review,
)
from chenbao.stories.services.writing import (
    SECTION_SLUGS,
    BylineData,
    StoryData,
    contributor_get_or_create,
    home_page_get,
    section_get_or_create,
    story_create_draft,
    story_delete,
    story_save_published,
    story_update_draft,
)

__all__ = [
    "SECTION_SLUGS",
    "BylineData",
    "StoryData",
    "contributor_get_or_create",
    "home_page_get",
    "notice_mark_read",
    "notice_send",
    "review_decide",
    "review_task_started",
    "section_get_or_create",
    "story_correct",
    "story_create_draft",
    "story_delete",
    "story_review",
    "story_save_published",
    "story_submit_for_review",
    "story_update_draft",
    "story_withdraw",
]
