"""The audit log replaces django-simple-history: the rows of the historical tables become
audit entries (kernel.AuditEntry), then the historical tables go."""

from django.db import migrations

from gongkai.kernel.migration_helpers import copy_history

MODELS = ["CalendarDay", "CalendarYear"]


class Migration(migrations.Migration):
    dependencies = [
        ("workcal", "0002_seed_2019_2026"),
        ("kernel", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(copy_history("workcal", MODELS), migrations.RunPython.noop),
        *[migrations.DeleteModel(name=f"Historical{name}") for name in MODELS],
    ]
