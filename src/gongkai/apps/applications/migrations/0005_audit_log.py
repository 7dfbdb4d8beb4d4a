"""The audit log replaces django-simple-history: the rows of the historical tables become
audit entries (kernel.AuditEntry), then the historical tables go."""

from django.db import migrations

from gongkai.kernel.migration_helpers import copy_history

MODELS = [
    "Application",
    "ApplicationEvent",
    "Consultation",
    "Extension",
    "FeeNotice",
    "OnlineRequest",
    "Reminder",
]


# The applicant's personal data: audited without its values (Application.AUDIT_PRIVATE).
PERSONAL = ["id_number", "phone", "email", "address", "postcode"]


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0004_online_request"),
        ("kernel", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(
            copy_history(
                "applications",
                MODELS,
                excluded={"Application": ["deadline_trace"]},
                private={name: PERSONAL for name in ("Application", "OnlineRequest")},
            ),
            migrations.RunPython.noop,
        ),
        *[migrations.DeleteModel(name=f"Historical{name}") for name in MODELS],
    ]
