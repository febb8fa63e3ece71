from django.conf import settings
from django.core.management.base import BaseCommand

from chenbao.stories import scheduler


class Command(BaseCommand):
    help = "Publish scheduled stories (publish_scheduled) once, or every --interval seconds."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="run once and exit (for cron)")
        parser.add_argument(
            "--interval",
            type=int,
            default=settings.CHENBAO["SCHEDULER_INTERVAL"],
            help="seconds between runs (default: CHENBAO_SCHEDULER_INTERVAL or 60)",
        )

    def handle(self, *args, **options):
        if options["once"]:
            self.stdout.write(scheduler.run_once())
            return
        self.stdout.write(
            f"publishing scheduled stories every {options['interval']} s (Ctrl-C to stop)"
        )
        scheduler.run_forever(interval=options["interval"])
