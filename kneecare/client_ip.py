"""The runner's address, for rate limits and admin lock-outs.

Behind a proxy every request comes from the proxy, so REMOTE_ADDR alone would put all
runners in one bucket. `X-Forwarded-For` is read only when the connection comes from one
of `TRUSTED_PROXIES` (kneecare/proxies.py); a client that reaches the app server directly
cannot choose its own address. `TrustedProxyMiddleware` also drops forwarded headers from
anyone else, so nothing later (Django's `SECURE_PROXY_SSL_HEADER`) can be fooled either.
"""

from django.conf import settings

from kneecare.proxies import client_address


def client_ip(request) -> str:
    return client_address(
        remote_addr=request.META.get("REMOTE_ADDR", ""),
        forwarded_for=request.META.get("HTTP_X_FORWARDED_FOR", ""),
        trusted=settings.TRUSTED_PROXY_NETWORKS,
    )


def ratelimit_key(group, request) -> str:
    """django-ratelimit's key function: one bucket per client address."""
    return client_ip(request)
