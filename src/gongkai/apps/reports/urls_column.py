"""URLs of the public 政府信息公开专栏 (mounted at /bodies/; :mod:`gongkai.apps.reports.column`)."""

from __future__ import annotations

from django.urls import path

from gongkai.apps.reports.column import BodyFeed, JurisdictionFeed, column_routes
from gongkai.kernel.replica import replica_views

__all__ = ["app_name", "urlpatterns"]

app_name = column_routes.app_name
urlpatterns = [
    *column_routes.patterns,
    # The feeds are public reads, like the column's pages (gongkai.kernel.replica).
    *replica_views(
        [
            path("<int:body>/feed.atom", BodyFeed(), name="feed"),
            path("<int:body>/jurisdiction.atom", JurisdictionFeed(), name="jurisdiction_feed"),
        ]
    ),
]
