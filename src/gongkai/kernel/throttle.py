"""Rate limits of the public pages that write or check secrets (网上申请, its status page).

A fixed window per client address and action: ``allow(request, "apply-submit", 5, 3600)``
answers whether this client may act now, counting the hit. The client address is
``REMOTE_ADDR``, or the first ``X-Forwarded-For`` entry when ``GONGKAI_BEHIND_PROXY`` says a
trusted proxy sets it.
"""

from __future__ import annotations

import hashlib
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone

from gongkai.kernel.models import RateBucket

__all__ = ["allow", "client_address"]


def client_address(request: HttpRequest) -> str:
    if getattr(settings, "GONGKAI_BEHIND_PROXY", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded.strip():
            return str(forwarded).split(",")[0].strip()
    return str(request.META.get("REMOTE_ADDR", ""))


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
