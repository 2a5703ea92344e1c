"""The runner's address, for rate limits and admin lock-outs.

Behind a load balancer every request comes from the balancer, so REMOTE_ADDR alone would
put all runners in one bucket. Each trusted proxy appends the address it saw to
X-Forwarded-For; with `TRUSTED_PROXY_COUNT` proxies in front of the app, the entry that
many places from the end is the one the outermost trusted proxy saw. Entries further left
come from the client and could be forged, so they are never read.
"""

from django.conf import settings


def client_ip(request) -> str:
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def ratelimit_key(group, request) -> str:
    """django-ratelimit's key function: one bucket per client address."""
    return client_ip(request)
