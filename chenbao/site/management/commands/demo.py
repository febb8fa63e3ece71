import importlib
import logging

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Load the demo newsroom (idempotent): users per role, the reference page, samples."
    # Django runs a command with translations off; the demo is the newsroom's own data, in
    # the site's language (and a process that runs it, such as a test, keeps its language).
    leave_locale_alone = True

    def handle(self, *args, **options):
        if not settings.CHENBAO_DEMO_ALLOWED:
            raise CommandError(
                "生产环境不能加载演示数据：它会建立口令公开的 admin 等用户。"
                "演示请用 make demo（开发设置）。"
            )
        # Wagtail logs every page it creates and publishes at INFO: a wall of lines that
        # would bury the demo logins. The newsroom's own log is unchanged.
        logging.getLogger("wagtail").setLevel(logging.WARNING)
        # Each app may bring its own demo data in <app>/demo.py: load(stdout=...).
        for config in apps.get_app_configs():
            if not config.name.startswith("chenbao."):
                continue
            try:
                module = importlib.import_module(f"{config.name}.demo")
            except ModuleNotFoundError as exc:
                if exc.name != f"{config.name}.demo":
                    raise
                continue
            module.load(stdout=self.stdout)
        # Last, once every desk has filled its pages: publish each edition's e-paper.
        from chenbao.editions.demo import publish_all

        publish_all(stdout=self.stdout)
        base = settings.WAGTAILADMIN_BASE_URL
        self.stdout.write(self.style.SUCCESS("demo newsroom ready"))
        self.stdout.write(f"  reader site:  {base}/")
        self.stdout.write(f"  e-paper:      {base}/epaper/2022-12-02/")
        self.stdout.write(f"  newsroom:     {base}/admin/")
