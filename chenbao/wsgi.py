import os

from django.core.wsgi import get_wsgi_application

from chenbao.core.startup import refuse_unsafe_start

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chenbao.settings.production")

application = get_wsgi_application()
refuse_unsafe_start()  # a malformed key stops the server here, with the reason
