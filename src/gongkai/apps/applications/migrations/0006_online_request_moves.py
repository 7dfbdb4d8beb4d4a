"""网上申请 became an app of its own (gongkai.apps.online): its model leaves this app's state;
the table stays (the online app's model names it)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("applications", "0005_audit_log")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="OnlineRequest")],
            database_operations=[],
        )
    ]
