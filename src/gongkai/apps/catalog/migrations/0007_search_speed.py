"""Search speed (gongkai.apps.catalog.search, docs/search.md): indexes for the 类别/有效性 and the
成文年度 filters, so their candidates are counted and read without a table scan."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("catalog", "0006_search_index")]

    operations = [
        migrations.AddIndex(
            model_name="catalogitem",
            index=models.Index(
                fields=["category", "validity", "disclosure", "published_on"],
                name="catitem_cat_validity",
            ),
        ),
        migrations.AddIndex(
            model_name="catalogitem",
            index=models.Index(
                fields=["made_on", "category", "validity", "disclosure", "published_on"],
                name="catitem_made_cat",
            ),
        ),
    ]
