"""Per-client limits kept only in Django's cache: no IP address reaches the database.

The client is identified by a keyed hash of its address that lives only as a cache key for
the length of the window.
"""

import hashlib
import hmac
import time

from django.conf import settings
from django.core.cache import cache


def _client(request) -> str:
    addr = request.META.get("REMOTE_ADDR", "")
    return hmac.new(settings.SECRET_KEY.encode(), addr.encode(), hashlib.sha256).hexdigest()[:32]


def _parse(rule: str) -> tuple[int, int]:
    count, seconds = rule.split("/")
    return int(count), int(seconds)


def _key(scope: str, request, seconds: int) -> str:
    return f"tips:rl:{scope}:{_client(request)}:{int(time.time() // seconds)}"


def hit(scope: str, request, rule: str) -> bool:
    """Count one request; return False when the client is over the limit."""
    limit, seconds = _parse(rule)
    key = _key(scope, request, seconds)
    cache.add(key, 0, seconds + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, seconds + 1)
        count = 1
    return count <= limit


def blocked(scope: str, request, rule: str) -> bool:
    """Return True when the client already used up `rule` (without counting a request)."""
    limit, seconds = _parse(rule)
    return (cache.get(_key(scope, request, seconds)) or 0) >= limit


def submit_allowed(request) -> bool:
    return hit("submit", request, settings.CHENBAO["TIP_RATE_LIMIT"])


def receipt_blocked(request) -> bool:
    return blocked("receipt", request, settings.CHENBAO["TIP_RECEIPT_FAILURES"])


def receipt_failed(request) -> None:
    hit("receipt", request, settings.CHENBAO["TIP_RECEIPT_FAILURES"])
