"""The audit log replaces django-simple-history: the rows of the historical table become audit
entries (kernel.AuditEntry), then the historical table goes."""

from django.db import migrations

from gongkai.kernel.migration_helpers import copy_history

MODELS = ["ReviewCase"]


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0001_initial"),
        ("kernel", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(copy_history("cases", MODELS), migrations.RunPython.noop),
        *[migrations.DeleteModel(name=f"Historical{name}") for name in MODELS],
    ]
