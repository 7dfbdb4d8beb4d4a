"""The audit log replaces django-simple-history: the rows of the historical tables become
audit entries (kernel.AuditEntry), then the historical tables go; items and nodes get the
``version`` of optimistic locking."""

from django.db import migrations, models

from gongkai.kernel.migration_helpers import copy_history

MODELS = ["CatalogNode", "CatalogItem", "CatalogAttachment"]


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0004_document_index"),
        ("kernel", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(copy_history("catalog", MODELS), migrations.RunPython.noop),
        *[migrations.DeleteModel(name=f"Historical{name}") for name in MODELS],
        migrations.AddField(
            model_name="catalogitem",
            name="version",
            field=models.PositiveIntegerField(default=1, verbose_name="版本"),
        ),
        migrations.AddField(
            model_name="catalognode",
            name="version",
            field=models.PositiveIntegerField(default=1, verbose_name="版本"),
        ),
    ]
