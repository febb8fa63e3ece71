"""Shared by the key-rotation tests: the keys before, during and after a rotation, the
command, and the stored contact tokens."""

import io

from cryptography.fernet import Fernet
from django.conf import settings
from django.core.management import call_command

OLD = settings.CHENBAO_TIP_KEY  # the key the installation started with (test settings)
NEW = Fernet.generate_key().decode()
NEWER = Fernet.generate_key().decode()
PHONE = "13905339876"
WECHAT = "wx_rotation_tipster"

# Before the rotation: the one old key. During: new first, old still there, index pinned to
# the old key. After: the old key dropped.
BEFORE = {"CHENBAO_TIP_KEY": OLD, "CHENBAO_TIP_INDEX_KEY": ""}
DURING = {"CHENBAO_TIP_KEY": f"{NEW},{OLD}", "CHENBAO_TIP_INDEX_KEY": OLD}
AFTER = {"CHENBAO_TIP_KEY": NEW, "CHENBAO_TIP_INDEX_KEY": OLD}


def rotate(*args: str) -> str:
    out = io.StringIO()
    call_command("tips_rotate_key", *args, stdout=out)
    return out.getvalue()


def tokens() -> list[tuple[str, str, str]]:
    from chenbao.tips.models import TipContact

    return list(
        TipContact.objects.order_by("pk").values_list("phone_enc", "wechat_enc", "name_enc")
    )
