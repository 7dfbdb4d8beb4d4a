"""The audit log replaces django-simple-history: the rows of the historical tables become
audit entries (kernel.AuditEntry), then the historical tables go."""

from django.db import migrations

from gongkai.kernel.migration_helpers import copy_history

MODELS = ["AnnualReport", "ReportCorrection"]


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0003_corrections"),
        ("kernel", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(copy_history("reports", MODELS), migrations.RunPython.noop),
        *[migrations.DeleteModel(name=f"Historical{name}") for name in MODELS],
    ]
