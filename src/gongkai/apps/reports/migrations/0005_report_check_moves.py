"""年报检查 became an app of its own (gongkai.apps.checks): its model leaves this app's state;
the table stays (the checks app's model names it)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("reports", "0004_audit_log")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="ReportCheck")],
            database_operations=[],
        )
    ]
