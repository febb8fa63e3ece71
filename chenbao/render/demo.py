"""The demo publishes every edition: PDF, PNG and e-paper under the publish directory."""

from django.conf import settings

from chenbao.editions.models import Edition
from chenbao.render.services import edition_publish, publish_dir


def load(*, stdout) -> None:
    for edition in Edition.objects.filter(pages__isnull=False).distinct():
        result = edition_publish(edition=edition, base_url=settings.WAGTAILADMIN_BASE_URL)
        rendered = sum(1 for p in result.pages if p.rendered)
        stdout.write(
            f"e-paper of {edition} published to {publish_dir()}/{result.date}/ "
            f"({rendered} page(s) rendered, {len(result.problems)} problem(s))"
        )
        for problem in result.problems:
            stdout.write(f"  {problem.message}")
