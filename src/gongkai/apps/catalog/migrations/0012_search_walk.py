"""Search speed at province scale (gongkai.apps.catalog.search, docs/search.md), PostgreSQL only:
the items of a 有效性 (with or without its 类别) read newest first, for the walk of a term dense
among those candidates, and the GIN index of the 索引号's runs of six characters
(``catitem_grams``), for a 索引号 fragment.  Nothing on SQLite (its plans were not measured with
these indexes)."""

from typing import Any

from django.db import migrations


def install(apps: Any, schema_editor: Any) -> None:
    """PostgreSQL: the walk and 索引号 runs indexes (gongkai.apps.catalog.search); nothing on
    SQLite."""
    from gongkai.apps.catalog.search import install_search_index

    install_search_index(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("catalog", "0011_interpretation")]

    operations = [
        migrations.RunPython(install, migrations.RunPython.noop, elidable=False),
    ]
