"""What the tip-line's writes refuse, and what they take in."""

from dataclasses import dataclass


class TipError(ValueError):
    """Input chenbao refuses; the message is Chinese and safe to show the reader."""


@dataclass(frozen=True)
class Upload:
    """A file as received: the reader's file name is kept only to report errors."""

    data: bytes
