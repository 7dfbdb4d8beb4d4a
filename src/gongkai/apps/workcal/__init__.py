"""The platform's working-day calendar (工作日历): holidays and 调休 working weekends per year.

The table is the platform's own data. Migration ``0002_seed_2019_2026`` filled 2019–2026 once,
from the ``chinesecalendar`` package (1.11.0, whose data end with 2026). Every later year is
entered from the State Council notice (国务院办公厅关于部分节假日安排的通知) on the admin page or
with ``gongkai calendar set-year`` (:func:`services.enter_year_schedule`); until then it is
provisional. Upgrading the package changes no stored day: the seed migration has run, and it
seeds only 2019–2026 on a new database.
"""
