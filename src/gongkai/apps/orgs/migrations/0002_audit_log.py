"""The audit log replaces django-simple-history: the rows of the historical tables become
audit entries (kernel.AuditEntry), then the historical tables go. (The body's ``path`` and
``depth`` had no history and have no audit: derived from the parent.)"""

from django.db import migrations

from gongkai.kernel.migration_helpers import copy_history

MODELS = ["Body", "Membership"]


class Migration(migrations.Migration):
    dependencies = [
        ("orgs", "0001_initial"),
        ("kernel", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(copy_history("orgs", MODELS), migrations.RunPython.noop),
        *[migrations.DeleteModel(name=f"Historical{name}") for name in MODELS],
    ]
