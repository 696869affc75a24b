"""Fixed-window counters in Django's cache (shared by every app server in production)."""

from django.conf import settings
from django.core.cache import cache


def client_ip(request):
    """The client address, trusting exactly NEWSLETTER_PROXY_COUNT reverse proxies."""
    proxies = settings.NEWSLETTER_PROXY_COUNT
    if proxies:
        hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        hops = [hop for hop in hops if hop]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def hit(key, *, limit, window_seconds):
    """Count one event under `key`; False once more than `limit` happened in the window."""
    key = f"newsletter:rl:{key}"
    # add() only sets a missing key, so the window starts with the first hit.
    cache.add(key, 0, timeout=window_seconds)
    try:
        count = cache.incr(key)
    except ValueError:
        # The key expired between add() and incr(): a new window.
        cache.add(key, 1, timeout=window_seconds)
        count = 1
    return count <= limit
