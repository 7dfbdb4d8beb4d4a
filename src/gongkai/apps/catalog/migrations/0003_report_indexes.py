# Index-only: the annual report's queries of the catalog (stats/reporting.py) as covering
# range scans — table 二's documents, the documents made in the year by 公开属性, the items
# published in the year by channel.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('catalog', '0002_attachments'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='catalogitem',
            index=models.Index(fields=['body', 'category', 'made_on', 'disclosure', 'published_on', 'repealed_on'], name='catitem_body_cat_made'),
        ),
        migrations.AddIndex(
            model_name='catalogitem',
            index=models.Index(fields=['body', 'disclosure', 'made_on'], name='catitem_body_discl_made'),
        ),
        migrations.AddIndex(
            model_name='catalogitem',
            index=models.Index(fields=['body', 'disclosure', 'published_on', 'channels'], name='catitem_body_pub_channels'),
        ),
    ]
