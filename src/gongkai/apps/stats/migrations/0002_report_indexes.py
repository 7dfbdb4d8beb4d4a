# Index-only: the annual report's sums of decisions per category over a year
# (stats/reporting.py) as a covering range scan.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('stats', '0001_initial'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='decision',
            index=models.Index(fields=['body', 'category', 'decided_on', 'count'], name='decision_body_cat_date'),
        ),
    ]
