"""Search speed at province scale (gongkai.apps.catalog.search, docs/search.md): a 有效性 (with
or without its 类别) read newest first, for the PostgreSQL walk of a term dense among those
candidates; on PostgreSQL the GIN index of the 索引号's runs of six characters
(``catitem_grams``), for a 索引号 fragment."""

from typing import Any

from django.conf import settings
from django.db import migrations, models


def install(apps: Any, schema_editor: Any) -> None:
    """PostgreSQL: the 索引号 runs index (gongkai.apps.catalog.search); nothing on SQLite."""
    from gongkai.apps.catalog.search import install_search_index

    install_search_index(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0011_interpretation"),
        ("orgs", "0009_records_version"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name="catalogitem",
            index=models.Index(fields=["validity", "id"], name="catitem_validity_walk"),
        ),
        migrations.AddIndex(
            model_name="catalogitem",
            index=models.Index(
                fields=["validity", "category", "id"], name="catitem_validity_cat_walk"
            ),
        ),
        migrations.RunPython(install, migrations.RunPython.noop, elidable=False),
    ]
