"""orgs 0003 backfills the body kinds that say who may make 规章 from the names, on a real
database migrated step by step in a separate process: a clear name gives its kind, an unclear
one 其他 (no P1), and "…市人民政府" is never granted the power on a guess."""

from __future__ import annotations

from pathlib import Path

from migration_runs import run_migration_script

SCRIPT = r"""
import json

from gongkai.web.runtime import setup_django

setup_django()
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = ("orgs", "0002_audit_log")
call_command("migrate", *BEFORE, verbosity=0)
Body = MigrationExecutor(connection).loader.project_state(BEFORE).apps.get_model("orgs", "Body")
OLD = {
    "中卫市人民政府": "county_government",  # the only government kind above a township
    "某某自治区人民政府": "county_government",
    "中宁县人民政府": "county_government",
    "徐套乡人民政府": "department",  # the old default, never chosen
    "某某街道办事处": "department",
    "某某县教育局": "department",
    "某某县政务服务中心": "department",
    "某某市人民政府办公室": "other",
    "某某综合实验区": "other",
    "石空镇人民政府": "township_government",
}
for n, (name, kind) in enumerate(OLD.items(), start=1):
    Body.objects.create(name=name, kind=kind, path=f"/{n}/", depth=0)
call_command("migrate", "orgs", verbosity=0)
from gongkai.apps.orgs.models import Body as Current

print(json.dumps({b.name: [b.kind, b.may_make_regulations] for b in Current.objects.all()},
                 ensure_ascii=False))
"""


def test_kinds_are_backfilled_from_the_names(tmp_path: Path) -> None:
    kinds = run_migration_script(SCRIPT, tmp_path)
    assert kinds == {
        "中卫市人民政府": ["other", None],  # a 设区的市 or a 县级市: the administrator says
        "某某自治区人民政府": ["province_government", True],
        "中宁县人民政府": ["county_government", False],
        "徐套乡人民政府": ["township_government", False],
        "某某街道办事处": ["township_government", False],
        "某某县教育局": ["department", False],
        "某某县政务服务中心": ["other", None],
        "某某市人民政府办公室": ["other", None],  # the office of a 设区的市 or a 县级市
        "某某综合实验区": ["other", None],
        "石空镇人民政府": ["township_government", False],
    }
