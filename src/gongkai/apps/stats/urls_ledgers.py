"""URLs of the ledger pages and the tables from records (mounted at /ledgers/)."""

from __future__ import annotations

from gongkai.apps.stats.ledger_views import routes as routes

__all__ = ["app_name", "urlpatterns"]

app_name = routes.app_name
urlpatterns = routes.patterns
