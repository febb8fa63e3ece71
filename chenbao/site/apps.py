from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteConfig(AppConfig):
    name = "chenbao.site"
    label = "site"
    verbose_name = _("读者网站")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from wagtail.signals import page_published, page_unpublished

        from chenbao.site.frontcache import on_page_changed

        page_published.connect(on_page_changed, dispatch_uid="chenbao.site.page_published")
        page_unpublished.connect(on_page_changed, dispatch_uid="chenbao.site.page_unpublished")
