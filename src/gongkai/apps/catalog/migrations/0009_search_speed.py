"""Search speed (gongkai.apps.catalog.search, docs/search.md): indexes for the 有效性/类别 and the
类别/成文年度 filters, so their candidates are counted and read without a table scan; on
PostgreSQL the 索引号 trigram index over the separators read as letters."""

from typing import Any

from django.db import migrations, models


def install(apps: Any, schema_editor: Any) -> None:
    """PostgreSQL: the 索引号 trigram index on the separators read as letters, in place of the
    plain one (gongkai.apps.catalog.search); nothing on SQLite."""
    from gongkai.apps.catalog.search import install_search_index

    install_search_index(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("catalog", "0008_attachment_text")]

    operations = [
        migrations.AddIndex(
            model_name="catalogitem",
            index=models.Index(
                fields=["validity", "category", "disclosure", "published_on"],
                name="catitem_validity_cat",
            ),
        ),
        migrations.AddIndex(
            model_name="catalogitem",
            index=models.Index(
                fields=["category", "made_on", "validity", "disclosure", "published_on"],
                name="catitem_cat_made",
            ),
        ),
        migrations.RunPython(install, migrations.RunPython.noop, elidable=False),
    ]
