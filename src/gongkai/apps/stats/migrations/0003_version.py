"""Optimistic locking: matters, decisions and money records carry a ``version``."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("stats", "0002_report_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name=name,
            name="version",
            field=models.PositiveIntegerField(default=1, verbose_name="版本"),
        )
        for name in ("matter", "decision", "moneyrecord")
    ]
