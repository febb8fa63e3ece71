"""Response headers for every tip-line page and API answer (reader side)."""

import secrets
from functools import wraps


def tip_headers(view):
    """Add CSP (with a per-response nonce), no-store, no framing, no referrer to other sites."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        request.csp_nonce = secrets.token_urlsafe(16)
        response = view(request, *args, **kwargs)
        nonce = request.csp_nonce
        response["Content-Security-Policy"] = (
            "default-src 'self'; "
            f"script-src 'nonce-{nonce}'; style-src 'nonce-{nonce}'; "
            "img-src 'self' data: blob:; media-src 'self' blob:; object-src 'none'; "
            "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
        )
        response["Cache-Control"] = "no-store"
        response["X-Frame-Options"] = "DENY"
        # Not "no-referrer": Chrome then sends "Origin: null" and CSRF refuses the form.
        response["Referrer-Policy"] = "same-origin"
        response["X-Content-Type-Options"] = "nosniff"
        return response

    return wrapped
