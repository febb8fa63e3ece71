"""Token buckets: a burst of the capacity, then the refill rate; no burst at a window's edge;
the same in the database and in Redis; the client as a trusted proxy names it."""

import pytest
from django.test import RequestFactory

from chenbao.tips import ratelimit
from chenbao.tips.models import RateBucket
from chenbao.tips.ratelimit import Rule, give_back, take, take_once
from tests.tips.redisserver import redis_server

MINUTE = Rule.parse("20/60")


class Clock:
    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch):
    clock = Clock(1_700_000_059.5)  # half a second before a minute's edge
    monkeypatch.setattr(ratelimit.time, "time", clock)
    return clock


@pytest.fixture(params=["database", "redis"])
def backend(request, settings, tmp_path, db):
    if request.param == "database":
        yield "database"
        return
    with redis_server(tmp_path) as url:
        local = settings.CACHES
        settings.CACHES = {
            "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
        }
        yield "redis"
        settings.CACHES = local  # before the server stops: later teardowns clear the cache


def test_rule_parses_count_and_seconds():
    assert Rule.parse("20/60") == Rule(20, 20 / 60)
    assert Rule.parse("5/600").refill_seconds == 600


@pytest.mark.django_db
def test_a_burst_of_the_capacity_then_refusals(clock):
    assert [take("k", MINUTE) for _ in range(21)] == [True] * 20 + [False]


@pytest.mark.django_db
def test_no_second_burst_across_a_minute_boundary(clock):
    """Issue 13, item 5: fixed one-minute windows let 40 through in 0.9 s at the edge."""
    first = sum(take("k", MINUTE) for _ in range(20))
    clock.now += 0.9  # the next minute has begun
    second = sum(take("k", MINUTE) for _ in range(20))
    assert (first, second) == (20, 0)
    clock.now += 3.0  # 20 per 60 s: one token every 3 s
    assert [take("k", MINUTE) for _ in range(2)] == [True, False]
    clock.now += 600
    assert sum(take("k", MINUTE) for _ in range(30)) == 20  # refilled to the capacity, no more


@pytest.mark.django_db
def test_given_back_tokens_count_again_up_to_the_capacity(clock):
    rule = Rule.parse("2/600")
    assert take("k", rule) and take("k", rule) and not take("k", rule)
    give_back("k", rule)
    assert take("k", rule) and not take("k", rule)
    for _ in range(5):
        give_back("k", rule)
    assert sum(take("k", rule) for _ in range(5)) == 2


@pytest.mark.django_db
def test_a_cost_spends_several_tokens(clock):
    daily = Rule(300, 300 / 86_400)
    assert take("bytes", daily, 200) and not take("bytes", daily, 200) and take("bytes", daily, 100)
    assert not take("other", daily, 301)  # more than the whole budget


@pytest.mark.django_db
def test_once_is_once(clock):
    assert take_once("proof:abc", 600) and not take_once("proof:abc", 600)


@pytest.mark.django_db
def test_refilled_rows_are_deleted_in_passing(clock, monkeypatch):
    take("old", MINUTE)
    clock.now += 61
    monkeypatch.setattr(ratelimit._DatabaseBuckets, "_calls", iter([0]))
    take("new", MINUTE)
    assert list(RateBucket.objects.values_list("key", flat=True)) == ["new"]


def test_buckets_behave_alike_in_the_database_and_in_redis(backend):
    rule = Rule.parse("3/3600")
    assert [take(f"b-{backend}", rule) for _ in range(4)] == [True, True, True, False]
    give_back(f"b-{backend}", rule)
    assert [take(f"b-{backend}", rule) for _ in range(2)] == [True, False]
    assert take_once(f"o-{backend}", 60) and not take_once(f"o-{backend}", 60)
    if backend == "redis":
        assert not RateBucket.objects.exists()


# --- who the client is ---


def request(remote="198.51.100.7", forwarded=None):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    return RequestFactory().post("/baoliao/", REMOTE_ADDR=remote, **extra)


def test_without_trusted_proxies_a_forwarded_header_is_ignored(settings):
    settings.CHENBAO = {**settings.CHENBAO, "TRUSTED_PROXIES": ()}
    spoofed = request(forwarded="203.0.113.1")
    assert ratelimit.client_address(spoofed) == "198.51.100.7"
    assert ratelimit.client_key(spoofed) == ratelimit.client_key(request())


def test_behind_a_trusted_proxy_its_header_names_the_client(settings):
    settings.CHENBAO = {
        **settings.CHENBAO,
        "TRUSTED_PROXIES": ("127.0.0.1", "10.0.0.0/8"),
        "CLIENT_IP_HEADER": "X-Forwarded-For",
    }
    # The client may write anything on the left; our proxies appended the right-hand part.
    chain = "1.2.3.4, 203.0.113.5, 10.1.2.3"
    assert ratelimit.client_address(request("127.0.0.1", chain)) == "203.0.113.5"
    assert ratelimit.client_address(request("127.0.0.1", "203.0.113.5")) == "203.0.113.5"
    # A header from someone who is not our proxy is not believed.
    assert ratelimit.client_address(request("198.51.100.7", "203.0.113.5")) == "198.51.100.7"
    # Two readers behind the proxy are two clients, not one.
    one, two = request("127.0.0.1", "203.0.113.5"), request("127.0.0.1", "203.0.113.6")
    assert ratelimit.client_key(one) != ratelimit.client_key(two)


def test_an_ipv6_client_is_its_64_network():
    a = request("2001:db8:1:2:aaaa::1")
    b = request("2001:db8:1:2:bbbb::2")
    c = request("2001:db8:1:3::1")
    assert ratelimit.client_key(a) == ratelimit.client_key(b) != ratelimit.client_key(c)
    assert "2001" not in ratelimit.client_key(a)


def test_exempt_clients_skip_the_limits(settings, db):
    settings.CHENBAO = {
        **settings.CHENBAO,
        "TIP_RATE_LIMIT": "1/3600",
        "TIP_LIMITS_EXEMPT": ("192.0.2.0/24",),
    }
    bench, reader = request("192.0.2.10"), request("198.51.100.7")
    assert all(ratelimit.submit_allowed(bench) for _ in range(5))
    assert [ratelimit.submit_allowed(reader) for _ in range(2)] == [True, False]
    assert not RateBucket.objects.filter(key__contains=ratelimit.client_key(bench)).exists()
