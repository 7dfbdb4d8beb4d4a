"""The migration to the one audit log keeps the past: rows of the former django-simple-history
tables become audit entries (who, when, what changed), on a real database migrated step by
step in a separate process."""

from __future__ import annotations

from pathlib import Path

from migration_runs import run_migration_script

SCRIPT = r"""
import json
from datetime import date, datetime, timezone

from gongkai.web.runtime import setup_django

setup_django()
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = ("applications", "0004_online_request")
call_command("migrate", *BEFORE, verbosity=0)
state = MigrationExecutor(connection).loader.project_state(BEFORE).apps
User = state.get_model("auth", "User")
Body = state.get_model("orgs", "Body")
Historical = state.get_model("applications", "HistoricalApplication")
clerk = User.objects.create(username="clerk", first_name="张三")
body = Body.objects.create(name="某某县教育局", path="/1/", depth=0)
common = dict(
    id=7, number="2025-0001", channel="in_person", received_on=date(2025, 3, 3),
    applicant_type="natural_person", applicant_name="李四", id_number="110101199001011234",
    content="申请公开。", body_id=body.pk, version=1, deadline_trace=[],
    created_at=datetime(2025, 3, 3, tzinfo=timezone.utc),
    updated_at=datetime(2025, 3, 3, tzinfo=timezone.utc),
)
Historical.objects.create(
    **common, status="registered", history_type="+", history_user_id=clerk.pk,
    history_date=datetime(2025, 3, 3, 9, tzinfo=timezone.utc),
)
Historical.objects.create(
    **{**common, "version": 2}, status="awaiting_correction", history_type="~",
    history_user_id=clerk.pk, history_change_reason="补正",
    history_date=datetime(2025, 3, 4, 9, tzinfo=timezone.utc),
)
call_command("migrate", verbosity=0)

from gongkai.kernel.models import AuditEntry

tables = connection.introspection.table_names()
print(json.dumps({
    "historical_tables": sorted(t for t in tables if "historical" in t),
    "entries": [
        [e.content_type.app_label, e.content_type.model, e.object_id, e.action,
         e.user.username if e.user else None, e.timestamp.isoformat(), e.data]
        for e in AuditEntry.objects.order_by("timestamp")
    ],
}, ensure_ascii=False))
"""


def test_history_rows_become_audit_entries(tmp_path: Path) -> None:
    out = run_migration_script(SCRIPT, tmp_path)
    assert [t for t in out["historical_tables"] if t.startswith("applications_")] == []
    created, changed = out["entries"]
    assert created[:6] == [
        "applications",
        "application",
        7,
        "history.created",
        "clerk",
        "2025-03-03T09:00:00+00:00",
    ]
    assert ["applicant_name", "—", "李四"] in created[6]["changes"]
    assert ["body", "—", "某某县教育局"] in created[6]["changes"]  # a related record by name
    # Personal data is recorded as given, not shown; derived fields are left out.
    assert ["id_number", "—", "（个人信息，不显示）"] in created[6]["changes"]
    assert "deadline_trace" not in {change[0] for change in created[6]["changes"]}
    assert changed[3] == "history.changed" and changed[6]["note"] == "补正"
    assert changed[6]["changes"] == [["status", "已登记", "待补正"]]
