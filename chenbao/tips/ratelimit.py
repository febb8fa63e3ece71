"""The tip-line's per-client limits: token buckets spent atomically across processes.

A rule "20/60" is a bucket of 20 tokens that refills at 20 per 60 seconds: a client may send
20 at once, then one every 3 seconds; no burst across a window's edge, since there are no
windows. Each spend is one atomic step wherever the processes run: a Lua script in Redis
when CHENBAO_CACHE_URL is a Redis URL, otherwise one conditional UPDATE of a row in the
database (`RateBucket`), which SQLite and PostgreSQL both apply atomically.

The client is a keyed hash of its address, or of its /64 network for IPv6: REMOTE_ADDR, or
the address a trusted proxy put in its header (CHENBAO_TRUSTED_PROXIES,
CHENBAO_CLIENT_IP_HEADER), never a header anyone else sent. No address reaches the database
or the logs; a bucket's row is deleted once it has refilled.
"""

import functools
import hmac
import ipaddress
import itertools
import time
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Value
from django.db.models.functions import Greatest, Least
from django.db.models.lookups import GreaterThanOrEqual

from chenbao.tips.models import RateBucket

DAY = 86_400


@dataclass(frozen=True)
class Rule:
    """A bucket of `capacity` tokens refilled at `per_second`."""

    capacity: float
    per_second: float

    def __post_init__(self) -> None:  # floats, so the database computes in floating point
        object.__setattr__(self, "capacity", float(self.capacity))
        object.__setattr__(self, "per_second", float(self.per_second))

    @classmethod
    def parse(cls, text: str) -> "Rule":
        """Return the rule "count/seconds" (count tokens, all refilled in `seconds`)."""
        count, seconds = (float(x) for x in text.split("/"))
        return cls(count, count / seconds)

    @property
    def refill_seconds(self) -> float:
        return self.capacity / self.per_second if self.per_second > 0 else 10 * 365 * DAY


# --- who the client is ---
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@functools.cache
def _networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(e.strip(), strict=False) for e in entries if e.strip())


def _ip(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        ip = ipaddress.ip_address(text.strip())
    except ValueError:
        return None
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        return ip.ipv4_mapped
    return ip


def _within(ip, networks: tuple[Network, ...]) -> bool:
    return ip is not None and any(ip.version == n.version and ip in n for n in networks)


def client_address(request) -> str:
    """Return the client's address: REMOTE_ADDR, unless that is a trusted proxy.

    Behind trusted proxies, walk the proxy header from the right (the entry our own proxy
    added) past every trusted proxy; the first other entry is the client. Entries further
    left were written by the client and are never believed.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = _networks(tuple(settings.CHENBAO["TRUSTED_PROXIES"]))
    if not proxies or not _within(_ip(remote), proxies):
        return remote
    header = "HTTP_" + settings.CHENBAO["CLIENT_IP_HEADER"].upper().replace("-", "_")
    hops = [h.strip() for h in request.META.get(header, "").split(",") if h.strip()]
    for hop in reversed(hops):
        remote = hop
        if not _within(_ip(hop), proxies):
            break
    return remote


def _identity(address: str) -> str:
    ip = _ip(address)
    if isinstance(ip, ipaddress.IPv6Address):  # one subscriber holds a whole /64
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip) if ip is not None else address


def client_key(request) -> str:
    """Return a keyed hash naming the client (its address never leaves this function)."""
    identity = _identity(client_address(request))
    digest = hmac.new(settings.SECRET_KEY.encode(), b"tips-client:" + identity.encode(), "sha256")
    return digest.hexdigest()[:32]


def exempt(request) -> bool:
    """Return True for clients the operator freed from the tip-line's limits (a load test)."""
    networks = _networks(tuple(settings.CHENBAO["TIP_LIMITS_EXEMPT"]))
    return bool(networks) and _within(_ip(client_address(request)), networks)


# --- buckets ---
_REDIS_TAKE = """
local capacity, rate, cost, ttl = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local b = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens, at = tonumber(b[1]), tonumber(b[2])
if tokens == nil then tokens, at = capacity, now end
tokens = math.min(capacity, tokens + math.max(0, now - at) * rate)
local ok = 0
if cost <= 0 or tokens >= cost then
  tokens = math.min(capacity, tokens - cost)
  ok = 1
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(ttl * 1000))
return ok
"""


class _RedisBuckets:
    def __init__(self, url: str) -> None:
        import redis

        self.client = redis.Redis.from_url(url)
        self.script = self.client.register_script(_REDIS_TAKE)

    def spend(self, key: str, rule: Rule, cost: float) -> bool:
        args = [rule.capacity, rule.per_second, cost, rule.refill_seconds + 1]
        return bool(self.script(keys=[f"chenbao:tips:rl:{key}"], args=args))

    def once(self, key: str, seconds: float) -> bool:
        ttl = max(1, int(seconds * 1000))
        return bool(self.client.set(f"chenbao:tips:rl:{key}", 1, nx=True, px=ttl))


class _DatabaseBuckets:
    _calls = itertools.count()

    def spend(self, key: str, rule: Rule, cost: float) -> bool:
        now, cost = time.time(), float(cost)
        refilled = Least(
            Value(rule.capacity),
            F("tokens") + Greatest(Value(now) - F("at"), Value(0.0)) * Value(rule.per_second),
        )
        fields = {
            "tokens": Least(Value(rule.capacity), refilled - Value(cost)),
            "at": Value(now),
            "expires": Value(now + rule.refill_seconds),
        }
        if next(self._calls) % 256 == 0:
            RateBucket.objects.filter(expires__lt=now).delete()
        for _attempt in range(2):
            bucket = RateBucket.objects.filter(key=key)
            if cost > 0:
                bucket = bucket.filter(GreaterThanOrEqual(refilled, Value(cost)))
            if bucket.update(**fields):
                return True
            if cost <= 0 or cost > rule.capacity:
                return cost <= 0
            try:
                with transaction.atomic():  # a savepoint inside a request's transaction
                    RateBucket.objects.create(
                        key=key,
                        tokens=rule.capacity - cost,
                        at=now,
                        expires=now + rule.refill_seconds,
                    )
                return True
            except IntegrityError:
                continue  # another process made the row first, or it is empty: spend again
        return False

    def once(self, key: str, seconds: float) -> bool:
        now = time.time()
        try:
            with transaction.atomic():
                RateBucket.objects.create(key=key, tokens=0, at=now, expires=now + seconds)
        except IntegrityError:
            return False
        return True


@functools.cache
def _redis(url: str) -> _RedisBuckets:
    return _RedisBuckets(url)


def _buckets() -> _RedisBuckets | _DatabaseBuckets:
    cache = settings.CACHES["default"]
    if cache["BACKEND"].endswith("RedisCache"):
        return _redis(cache["LOCATION"])
    return _DatabaseBuckets()


def take(key: str, rule: Rule, cost: float = 1) -> bool:
    """Spend `cost` tokens of bucket `key` if it holds them; return whether it did."""
    return _buckets().spend(key, rule, cost)


def give_back(key: str, rule: Rule, cost: float = 1) -> None:
    """Return `cost` tokens to bucket `key` (never above its capacity)."""
    _buckets().spend(key, rule, -cost)


def take_once(key: str, seconds: float) -> bool:
    """Return True the first time `key` is taken within `seconds`, False after."""
    return _buckets().once(key, seconds)


# --- the tip-line's limits ---


def submit_allowed(request) -> bool:
    """Spend one submission of the client's budget (CHENBAO_TIP_RATE_LIMIT)."""
    if exempt(request):
        return True
    rule = Rule.parse(settings.CHENBAO["TIP_RATE_LIMIT"])
    return take(f"submit:{client_key(request)}", rule)


def upload_allowed(request, nbytes: int) -> bool:
    """Spend `nbytes` of the client's upload budget for any 24 hours (CHENBAO_TIP_CLIENT_DAILY_MB)."""
    if nbytes <= 0 or exempt(request):
        return True
    daily = settings.CHENBAO["TIP_CLIENT_DAILY_BYTES"]
    return take(f"bytes:{client_key(request)}", Rule(daily, daily / DAY), nbytes)
