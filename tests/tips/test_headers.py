"""Every tip-line answer forbids caching, framing, other sites' scripts and referrers."""

import re

from django.http import HttpResponse
from django.test import RequestFactory

from chenbao.tips.headers import tip_headers


@tip_headers
def page(request, word):
    return HttpResponse(f"<script nonce='{request.csp_nonce}'>{word}</script>")


def test_the_policy_allows_only_the_responses_own_nonced_scripts_and_styles():
    request = RequestFactory().get("/baoliao/")
    response = page(request, "hi")
    csp = response["Content-Security-Policy"]
    nonce = request.csp_nonce
    assert f"script-src 'nonce-{nonce}'" in csp and f"style-src 'nonce-{nonce}'" in csp
    assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    assert "unsafe-inline" not in csp
    assert nonce in response.content.decode()


def test_each_response_gets_a_fresh_nonce():
    def nonce_of(response):
        return re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)

    first = nonce_of(page(RequestFactory().get("/"), "a"))
    second = nonce_of(page(RequestFactory().get("/"), "a"))
    assert first != second and len(first) >= 16


def test_answers_are_never_stored_framed_sniffed_or_referred_elsewhere():
    response = page(RequestFactory().get("/"), "a")
    assert response["Cache-Control"] == "no-store"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert page.__name__ == "page"  # the view keeps its name (URL names, logs)
