"""Seed the calendar with 2019–2026 from the chinese_calendar package (issue 3; written with
chinesecalendar 1.11.0, whose data cover 2004–2026).

It runs once per database, with the package installed at that moment: a later upgrade of the
package changes nothing already stored, and a new database is still seeded with 2019–2026 only
(later years are entered from the State Council notice). The domain function is imported inside
the migration function so that a later change of the package or the function never breaks
loading this module.
"""

from django.db import migrations

SEED_YEARS = range(2019, 2027)
SOURCE_NOTE = "chinese_calendar 软件包（据国务院办公厅历年节假日安排通知）"


def seed(apps, schema_editor):
    from gongkai.domain.workdays.calendar import chinese_calendar_days

    CalendarDay = apps.get_model("workcal", "CalendarDay")
    CalendarYear = apps.get_model("workcal", "CalendarYear")
    existing = set(CalendarDay.objects.values_list("day", flat=True))
    CalendarDay.objects.bulk_create(
        [
            CalendarDay(day=d.day, kind=str(d.kind), name=d.name, source="chinese_calendar")
            for d in chinese_calendar_days(SEED_YEARS)
            if d.day not in existing
        ]
    )
    for year in SEED_YEARS:
        CalendarYear.objects.get_or_create(
            year=year, defaults={"status": "scheduled", "source_note": SOURCE_NOTE}
        )


def unseed(apps, schema_editor):
    CalendarDay = apps.get_model("workcal", "CalendarDay")
    CalendarYear = apps.get_model("workcal", "CalendarYear")
    CalendarDay.objects.filter(source="chinese_calendar", day__year__in=list(SEED_YEARS)).delete()
    CalendarYear.objects.filter(year__in=list(SEED_YEARS), source_note=SOURCE_NOTE).delete()


class Migration(migrations.Migration):
    dependencies = [("workcal", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
