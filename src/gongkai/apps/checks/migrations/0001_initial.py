import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

from gongkai.kernel.migration_helpers import move_content_type


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("reports", "0005_report_check_moves"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # The table was created by the reports app (reports_reportcheck).
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ReportCheck",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("uploaded_at", models.DateTimeField(default=django.utils.timezone.now, verbose_name="上传时间")),
                        ("filename", models.CharField(max_length=255, verbose_name="文件名")),
                        ("size", models.PositiveIntegerField(verbose_name="文件大小（字节）")),
                        ("source_text", models.TextField(blank=True, verbose_name="原文")),
                        ("result", models.JSONField(default=dict, verbose_name="检查结果")),
                        ("format", models.CharField(choices=[("2019", "2019 年格式（国办公开办函〔2019〕60号）"), ("2021", "2021 年格式（国办公开办函〔2021〕30号）")], max_length=8, verbose_name="年报格式")),
                        ("year", models.PositiveSmallIntegerField(blank=True, null=True, verbose_name="年度")),
                        ("org", models.CharField(blank=True, max_length=255, verbose_name="单位")),
                        ("error_count", models.PositiveIntegerField(default=0, verbose_name="错误数")),
                        ("warning_count", models.PositiveIntegerField(default=0, verbose_name="警告数")),
                        ("owner", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="report_checks", to=settings.AUTH_USER_MODEL, verbose_name="上传人")),
                    ],
                    options={
                        "verbose_name": "年报检查记录",
                        "verbose_name_plural": "年报检查记录",
                        "db_table": "reports_reportcheck",
                        "ordering": ["-uploaded_at", "-pk"],
                        "indexes": [models.Index(fields=["owner", "-uploaded_at"], name="reportcheck_owner_recent")],
                        "constraints": [models.CheckConstraint(condition=models.Q(("format__in", ["2019", "2021"])), name="reportcheck_format_known", violation_error_message="年报格式只能是 2019 或 2021。")],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(
            move_content_type("reportcheck", "reports", "checks"), migrations.RunPython.noop
        ),
    ]
