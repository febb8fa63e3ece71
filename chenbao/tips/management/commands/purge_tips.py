from django.conf import settings
from django.core.management.base import BaseCommand

from chenbao.tips.services import tips_purge


class Command(BaseCommand):
    help = "Delete for good unused tips (and their files and contacts) older than the retention period."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help=f"retention in days (default: setting, {settings.CHENBAO['TIP_RETENTION_DAYS']})",
        )

    def handle(self, *args, **options):
        counts = tips_purge(days=options["days"])
        self.stdout.write(f"purged {counts['tips']} tips and {counts['files']} files")
