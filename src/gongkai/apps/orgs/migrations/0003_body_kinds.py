"""Body kinds that say who may make 规章 (《立法法》第九十三条): 省级 and 设区的市级人民政府 and
国务院部门 are added; the default becomes 其他 (unknown: rule P1 asks nothing of it).

The backfill reads each body's name (``gongkai.domain.report.authority``: pure functions
without side effects) and changes only what the old choices could not say:

- 政府部门 was the default, so it may never have been chosen: the kind the name says where it
  is clear (乡/镇/街道办事处, 县/区/旗 人民政府, 省/自治区 人民政府, 局/委/办/厅), else 其他;
- 其他: the kind the name says where it is clear, else 其他;
- 县级人民政府 was the only government above a township: one named "…省/自治区人民政府"
  becomes 省级; one named "…市/州人民政府" becomes 其他, since the name does not tell a 设区的市 (which makes 规章) from a 县级市 (which does not);
  the administrator sets it;
- 乡镇人民政府 stays.

"…市人民政府" is never backfilled as 设区的市级: granting the power on a guess would hide a
wrong 规章 figure. Reversing restores the old choices (the new kinds become 其他).
"""

from typing import Any

from django.db import migrations, models

from gongkai.domain.report.authority import BodyKind, certain_kind_from_name, infer_body_kind

_OLD_KINDS = ("county_government", "township_government", "department", "other")


def _backfilled(kind: str, name: str) -> str:
    said = certain_kind_from_name(name)
    if kind in (BodyKind.DEPARTMENT, BodyKind.OTHER):
        return (said or BodyKind.OTHER).value
    if kind == BodyKind.COUNTY_GOVERNMENT:
        if said is BodyKind.PROVINCE_GOVERNMENT:
            return said.value
        reading = infer_body_kind(name)
        if reading is not None and reading.kind is BodyKind.CITY_GOVERNMENT:
            return BodyKind.OTHER.value
    return kind


def backfill(apps: Any, schema_editor: Any) -> None:
    Body = apps.get_model("orgs", "Body")
    for body in Body.objects.only("pk", "name", "kind"):
        kind = _backfilled(body.kind, body.name)
        if kind != body.kind:
            Body.objects.filter(pk=body.pk).update(kind=kind)


def restore(apps: Any, schema_editor: Any) -> None:
    Body = apps.get_model("orgs", "Body")
    Body.objects.exclude(kind__in=_OLD_KINDS).update(kind=BodyKind.OTHER.value)


class Migration(migrations.Migration):
    dependencies = [
        ("orgs", "0002_audit_log"),
    ]

    operations = [
        migrations.AlterField(
            model_name="body",
            name="kind",
            field=models.CharField(
                choices=[
                    ("province_government", "省级人民政府"),
                    ("city_government", "设区的市级人民政府"),
                    ("county_government", "县级人民政府"),
                    ("township_government", "乡镇人民政府"),
                    ("state_council_department", "国务院部门"),
                    ("department", "政府部门"),
                    ("other", "其他"),
                ],
                default="other",
                help_text=(
                    "决定本机关能否制定规章：只有省级和设区的市级人民政府（及国务院部门）可以"
                    "制定规章（《立法法》第九十三条），其他机关在年报中填报本年制发规章将被检查为"
                    "错误。"
                ),
                max_length=32,
                verbose_name="机关类型",
            ),
        ),
        migrations.RunPython(backfill, restore),
    ]
