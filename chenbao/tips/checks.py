"""System checks of the tip-line (run by `chenbao check`, `migrate` and `runserver`)."""

from django.core.checks import Error, Warning
from django.core.exceptions import ImproperlyConfigured

from chenbao.tips import crypto, video


def check_tip_keys(app_configs=None, **kwargs) -> list[Error]:
    """Refuse missing or malformed keys, and several keys without CHENBAO_TIP_INDEX_KEY."""
    try:
        crypto.check_config()
    except ImproperlyConfigured as exc:
        return [Error(str(exc), hint="docs/tipline.md, 'Rotating the key'", id="tips.E001")]
    return []


def check_ffmpeg(app_configs=None, **kwargs) -> list[Warning]:
    """Warn when Debian's ffmpeg is missing: readers' videos are then refused."""
    if video.ffmpeg() is None:
        return [
            Warning(
                "ffmpeg is not installed: the tip-line refuses readers' videos.",
                hint="apt-get install ffmpeg (scripts/system-deps.sh)",
                id="tips.W001",
            )
        ]
    return []
