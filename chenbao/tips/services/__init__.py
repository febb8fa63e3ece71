"""Writes to the tip-line: every change to a tip goes through here, one module per job.

- intake.py: tips coming in (the reader's form and chat, the hotline, a group chat export)
- grouping.py: near-duplicate grouping (the per-process band index) and the desk's group
  decisions
- desk.py: the desk's actions on a tip (reply, note, status, assignment, story, reveal)
- retention.py: tips never used are deleted for good
- keys.py: the contacts' encryption key status and rotation
- errors.py: TipError (a Chinese message safe to show) and Upload

Callers import from `chenbao.tips.services`, the public surface below.
"""

from chenbao.tips.services.desk import (
    tip_assign,
    tip_contact_reveal,
    tip_link_story,
    tip_note_add,
    tip_reply,
    tip_status_change,
)
from chenbao.tips.services.errors import TipError, Upload
from chenbao.tips.services.grouping import recent_index_warm, tip_group_confirm, tip_group_split
from chenbao.tips.services.intake import (
    COMPLETE_MIN_CHARS,
    group_chat_import,
    hotline_intake,
    tip_message_add,
    tip_submit,
)
from chenbao.tips.services.keys import tip_contacts_key_status, tip_contacts_rotate_key
from chenbao.tips.services.retention import tips_purge

__all__ = [
    "COMPLETE_MIN_CHARS",
    "TipError",
    "Upload",
    "group_chat_import",
    "hotline_intake",
    "recent_index_warm",
    "tip_assign",
    "tip_contact_reveal",
    "tip_contacts_key_status",
    "tip_contacts_rotate_key",
    "tip_group_confirm",
    "tip_group_split",
    "tip_link_story",
    "tip_message_add",
    "tip_note_add",
    "tip_reply",
    "tip_status_change",
    "tip_submit",
    "tips_purge",
]
