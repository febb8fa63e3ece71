"""gunicorn for chenbao (deploy/systemd/chenbao-web.service; docs/operations.md).

Threaded workers: a page change sends its cache refreshes from a background thread of the
worker that made it, and those refreshes come back to these same workers through nginx; a
threaded worker keeps answering while another of its threads waits. Every value can be set
from the environment file.
"""

import multiprocessing
import os

bind = os.environ.get("CHENBAO_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("CHENBAO_WEB_WORKERS", "0")) or min(2 * multiprocessing.cpu_count(), 8)
worker_class = "gthread"
threads = int(os.environ.get("CHENBAO_WEB_THREADS", "4"))
# nginx keeps connections to the workers open (upstream keepalive).
keepalive = 75
timeout = 120
graceful_timeout = 30
# Workers are replaced now and then, so a slow leak never grows without bound.
max_requests = 20000
max_requests_jitter = 2000
# The access log is nginx's: no second copy with readers' addresses.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("CHENBAO_LOG_LEVEL", "info").lower()
forwarded_allow_ips = "127.0.0.1,::1"
