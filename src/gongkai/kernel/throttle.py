"""Rate limits of the public pages that write or check secrets (网上申请, its status page).

A fixed window per client address and action: ``allow(request, "apply-submit", 5, 3600)``
answers whether this client may act now, counting the hit. :func:`client_address` is the one
definition of who the client is, used here and by the login throttling (django-axes,
``AXES_CLIENT_IP_CALLABLE``).
"""

from __future__ import annotations

import hashlib
import ipaddress
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone

from gongkai.kernel.models import RateBucket

__all__ = ["allow", "client_address"]


def client_address(request: HttpRequest) -> str:
    """The address of the client: ``REMOTE_ADDR``; behind ``GONGKAI_TRUSTED_PROXY_COUNT``
    trusted proxies (``GONGKAI_BEHIND_PROXY``), the ``X-Forwarded-For`` hop that many entries
    from the right — the address the outermost trusted proxy saw.

    Each proxy appends the address it received the request from, so the right-most entries are
    written by our proxies and everything to their left by whoever sent the request: a client
    may put any address there, and the left-most entry is never believed. A header shorter
    than the proxy chain, or a hop that is not an IP address, leaves ``REMOTE_ADDR``.
    """
    remote = str(request.META.get("REMOTE_ADDR", ""))
    if not getattr(settings, "GONGKAI_BEHIND_PROXY", False):
        return remote
    count = int(getattr(settings, "GONGKAI_TRUSTED_PROXY_COUNT", 1))
    hops = [hop.strip() for hop in str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",")]
    hops = [hop for hop in hops if hop]
    if len(hops) < count:
        return remote
    hop = hops[-count]
    try:
        return str(ipaddress.ip_address(hop))
    except ValueError:
        return remote


def allow(request: HttpRequest, action: str, limit: int, window_seconds: int) -> bool:
    """Count this hit of ``action`` by the client; False once it exceeds ``limit`` a window."""
    # The address is hashed: the table must not become a log of who used the public pages.
    digest = hashlib.sha256(f"{action}|{client_address(request)}".encode()).hexdigest()
    key = f"{action}:{digest}"
    now = timezone.now()
    window = timedelta(seconds=window_seconds)
    with transaction.atomic():
        bucket = RateBucket.objects.select_for_update().filter(key=key).first()
        if bucket is None:
            try:
                with transaction.atomic():
                    RateBucket.objects.create(key=key, window_start=now, hits=1)
            except IntegrityError:  # created by a concurrent request: count on it
                return allow(request, action, limit, window_seconds)
            return limit >= 1
        if now - bucket.window_start >= window:
            RateBucket.objects.filter(pk=bucket.pk).update(window_start=now, hits=1)
            return limit >= 1
        RateBucket.objects.filter(pk=bucket.pk).update(hits=F("hits") + 1)
        return bucket.hits + 1 <= limit
