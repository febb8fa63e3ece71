import logging
import os

from django.core.wsgi import get_wsgi_application

from chenbao.core.startup import refuse_unsafe_start

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chenbao.settings.production")

application = get_wsgi_application()
refuse_unsafe_start()  # a malformed key stops the server here, with the reason


def _warm() -> None:
    """Build the tip-line's near-duplicate index before this worker accepts a request."""
    from chenbao.tips.services import recent_index_warm

    try:
        held = recent_index_warm()
    except Exception:  # not migrated yet, no database: the first submission builds it
        logging.getLogger("chenbao.tips").warning("tip index not built at start", exc_info=True)
        return
    logging.getLogger("chenbao.tips").info("tip index built at start: %d tips", held)


_warm()
