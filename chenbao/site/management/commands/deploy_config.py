"""`chenbao deploy-config OUT`: the nginx site and systemd units of deploy/, filled in."""

from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from chenbao.editions.storage import publish_dir
from chenbao.site.deployconf import MissingValue, render_tree


class Command(BaseCommand):
    help = "Write deploy/'s nginx site and systemd units with this machine's values (docs/operations.md)."

    def add_arguments(self, parser):
        base = urlsplit(settings.WAGTAILADMIN_BASE_URL)
        purge = urlsplit(settings.CHENBAO["PURGE_URL"] or "http://127.0.0.1:8079")
        parser.add_argument("out", help="directory to write nginx/ and systemd/ into")
        parser.add_argument("--listen", default="80", help="nginx's public listen (80)")
        parser.add_argument("--server-name", default=base.hostname or "_")
        parser.add_argument("--scheme", default=base.scheme or "http", choices=["http", "https"])
        parser.add_argument(
            "--upstream", default=settings.CHENBAO["BIND"], help="gunicorn's address"
        )
        parser.add_argument("--purge-listen", default=purge.netloc, help="the refresh server")
        parser.add_argument("--cache-dir", default=str(Path(settings.VAR_DIR) / "nginx-cache"))
        parser.add_argument("--env-file", default="/etc/chenbao/env")

    def handle(self, *args, **options):
        values = {
            "LISTEN": options["listen"],
            "SERVER_NAME": options["server_name"],
            "SCHEME": options["scheme"],
            "UPSTREAM": options["upstream"],
            "PURGE_LISTEN": options["purge_listen"],
            "CACHE_DIR": options["cache_dir"],
            "STATIC_ROOT": str(settings.STATIC_ROOT),
            "MEDIA_ROOT": str(settings.MEDIA_ROOT),
            "PUBLISH_DIR": str(publish_dir()),
            "PUBLISH_URL": "/" + settings.CHENBAO["PUBLISH_URL"].strip("/") + "/",
            "ROOT": str(settings.BASE_DIR),
            "VAR_DIR": str(settings.VAR_DIR),
            "ENV_FILE": options["env_file"],
        }
        try:
            written = render_tree(Path(settings.BASE_DIR) / "deploy", Path(options["out"]), values)
        except (MissingValue, ValueError) as exc:
            raise CommandError(str(exc)) from exc
        for path in written:
            self.stdout.write(str(path))
