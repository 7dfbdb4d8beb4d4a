"""The summary rows (BatchReport, BatchRuleCount) of the batch jobs that finished before the
result page read them from the database: built once from each job's JSON lines, as
``checks.jobs.finish_batch`` now writes them (a job whose files are gone gets none)."""

import json
from collections import Counter
from pathlib import Path

from django.conf import settings
from django.db import migrations


def index_earlier_batches(apps, schema_editor):
    Job = apps.get_model("kernel", "Job")
    BatchReport = apps.get_model("checks", "BatchReport")
    BatchRuleCount = apps.get_model("checks", "BatchRuleCount")
    var = Path(settings.GONGKAI_VAR_DIR).resolve()
    for job in Job.objects.filter(status="done").exclude(result_file="").iterator():
        lines = (var / job.result_file).parent / "results.jsonl"
        if not lines.is_file() or BatchReport.objects.filter(job=job).exists():
            continue
        offset = 0
        with lines.open("rb") as source:
            for number, line in enumerate(source, 1):
                item = json.loads(line)
                report = item["report"] or {}
                kinds = Counter(p.split(":", 1)[0] for p in report.get("provenance", {}).values())
                findings = Counter((f["rule"], f["severity"]) for f in report.get("findings", []))
                row = BatchReport.objects.create(
                    job=job,
                    number=number,
                    file=item["file"],
                    org=(report.get("org") or "")[:255],
                    year=report.get("year"),
                    format=report.get("format") or "",
                    cells_read=kinds["read"],
                    cells_inferred=kinds["inferred"],
                    cells_missing=kinds["missing"],
                    error_count=sum(n for (_r, s), n in findings.items() if s == "error"),
                    warning_count=sum(n for (_r, s), n in findings.items() if s == "warning"),
                    error=item["error"] or "",
                    offset=offset,
                    length=len(line),
                )
                BatchRuleCount.objects.bulk_create(
                    BatchRuleCount(report=row, rule=rule, severity=severity, count=count)
                    for (rule, severity), count in sorted(findings.items())
                )
                offset += len(line)


class Migration(migrations.Migration):
    dependencies = [("checks", "0002_batch_summary_rows")]

    operations = [migrations.RunPython(index_earlier_batches, migrations.RunPython.noop)]
