import logging

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from chenbao.tips import crypto
from chenbao.tips.services import tip_contacts_key_status, tip_contacts_rotate_key

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Re-encrypt every tipster contact with the first key of CHENBAO_TIP_KEY "
        "(after a new key was put first). --check only counts the contacts still on an old "
        "key and exits with 1 if there are any. Prints counts only, never a contact."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--check",
            action="store_true",
            help="change nothing; exit 1 if any contact still needs an old key",
        )
        parser.add_argument(
            "--batch-size", type=int, default=500, help="contacts per transaction (default 500)"
        )

    def handle(self, *args, **options):
        try:
            if options["check"]:
                self._check()
            else:
                self._rotate(options["batch_size"])
        except ImproperlyConfigured as exc:
            raise CommandError(str(exc)) from None

    def _check(self) -> None:
        counts = tip_contacts_key_status()
        self.stdout.write(
            f"contacts on the first key: {counts['current']}, on an old key: {counts['old']}, "
            f"that no configured key opens: {counts['unreadable']}"
        )
        if counts["old"] or counts["unreadable"]:
            raise CommandError(
                "some contacts still need another key than the first: "
                "run `chenbao tips-rotate-key` (and keep every key they need)",
                returncode=1,
            )
        if crypto.key_count() > 1:
            self.stdout.write(
                "the database needs only the first key now; keep the others in CHENBAO_TIP_KEY "
                "while backups made before the rotation are kept"
            )

    def _rotate(self, batch_size: int) -> None:
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1")
        counts = tip_contacts_rotate_key(batch_size=batch_size)
        logger.info(
            "tip contacts re-encrypted with the first key: %d (already on it: %d, unreadable: %d)",
            counts["rotated"],
            counts["current"],
            counts["unreadable"],
        )
        self.stdout.write(
            f"re-encrypted {counts['rotated']} contacts with the first key "
            f"({counts['current']} were on it already)"
        )
        if counts["unreadable"]:
            raise CommandError(
                f"{counts['unreadable']} contacts open with no configured key and were left "
                "unchanged: a key they were written with is missing from CHENBAO_TIP_KEY",
                returncode=1,
            )
