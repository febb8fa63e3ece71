"""System checks of the tip-line (run by `chenbao check`, `migrate` and `runserver`)."""

from django.core.checks import Error
from django.core.exceptions import ImproperlyConfigured

from chenbao.tips import crypto


def check_tip_keys(app_configs=None, **kwargs) -> list[Error]:
    """Refuse missing or malformed keys, and several keys without CHENBAO_TIP_INDEX_KEY."""
    try:
        crypto.check_config()
    except ImproperlyConfigured as exc:
        return [Error(str(exc), hint="docs/tipline.md, 'Rotating the key'", id="tips.E001")]
    return []
