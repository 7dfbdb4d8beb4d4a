"""The search index of the public catalog (gongkai.apps.catalog.search): SQLite FTS5 trigram
table and triggers, or PostgreSQL pg_trgm GIN indexes."""

from __future__ import annotations

from typing import Any

from django.db import migrations


def install(apps: Any, schema_editor: Any) -> None:
    from gongkai.apps.catalog.search import install_search_index

    install_search_index(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("catalog", "0005_audit_log")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop, elidable=False)]
