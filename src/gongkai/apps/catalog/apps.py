from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

__all__ = ["CatalogConfig"]


class CatalogConfig(AppConfig):
    name = "gongkai.apps.catalog"
    label = "catalog"
    verbose_name = _("主动公开目录")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from gongkai.apps.catalog import policies  # noqa: F401 (registers the permission policies)

        post_migrate.connect(_repair_search_index, sender=self)


def _repair_search_index(sender: object, using: str = "default", **kwargs: object) -> None:
    """Django rebuilds an altered SQLite table without its triggers: put the search index's
    back (and rebuild it) after every migrate (gongkai.apps.catalog.search)."""
    from django.db import connections

    from gongkai.apps.catalog.attachment_search import install_attachment_index
    from gongkai.apps.catalog.search import install_search_index

    install_search_index(connections[using])
    install_attachment_index(connections[using])
