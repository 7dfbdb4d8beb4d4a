"""The demo's 政策解读 (issue 14), loaded after the catalog items they explain.

- 徐套乡人民政府 2019: one 图文解读 (its annual report narrates one; the township made no
  规范性文件 that year, so it explains one of its published 2019 notices — or, without one,
  the first 党委会议纪要), published the same day as the document.
- Every other demo body with published 规范性文件 in 2023–2025: in order of publication, the
  first of each three gets a timely 解读 (the same day), the second a late one (five working
  days after the body's period), the third none — so the 未发布解读 list, the annual report's
  facts and the superior's 解读 coverage all have something to show.

Idempotent: a document that already has a 解读 gets no other; loading twice creates nothing
twice. Written through the catalog's actions (system actor), so each has its audit entries.
"""

from __future__ import annotations

from datetime import date

__all__ = ["XUTAO", "load_interpretations_demo"]

XUTAO = "徐套乡人民政府"
DEMO_YEARS = (2023, 2024, 2025)
LATE_BY = 5  # working days after the body's period


def load_interpretations_demo(today: date | None = None) -> int:
    """Create the demo's 解读 that are missing; returns how many were created."""
    from django.utils import timezone

    from gongkai.apps.catalog.actions import create_interpretation, publish_interpretation
    from gongkai.apps.catalog.choices import InterpretationKind
    from gongkai.apps.catalog.models import CatalogItem, Interpretation
    from gongkai.apps.workcal.services import load_calendar
    from gongkai.domain.catalog.interpretation import interpretation_due

    today = today or timezone.localdate()
    calendar = load_calendar()
    created = 0

    def add(item: CatalogItem, kind: str, title: str, text: str, url: str, on: date) -> None:
        nonlocal created
        if Interpretation.objects.filter(item=item).exists() or on > today:
            return
        interp = create_interpretation(
            item, kind=kind, title=title, text=text, url=url, acting_user=None
        )
        publish_interpretation(interp, on, acting_user=None)
        created += 1

    xutao = CatalogItem.objects.filter(body__name=XUTAO).published_in(2019)
    document = (
        xutao.filter(title__contains="通知").order_by("published_on", "pk").first()
        or xutao.filter(title__contains="会议纪要").order_by("published_on", "pk").first()
    )
    if document is not None and document.published_on is not None:
        add(
            document,
            InterpretationKind.GRAPHIC,
            f"图解：{document.title}",
            "一图读懂：本文件的背景、主要内容和办理事项，及群众关心的问题解答。",
            "",
            document.published_on,
        )

    normative = (
        CatalogItem.objects.normative()
        .exclude(body__name=XUTAO)
        .filter(published_on__year__in=DEMO_YEARS)
        .proactive()
        .select_related("body")
        .order_by("body__path", "published_on", "pk")
    )
    position: dict[int, int] = {}
    for item in normative:
        assert item.published_on is not None
        n = position.get(item.body_id, 0)
        position[item.body_id] = n + 1
        if n % 3 == 0:  # timely: with the document
            add(
                item,
                InterpretationKind.TEXT,
                f"《{item.title}》政策解读",
                "一、制定背景\n二、主要内容\n三、适用对象\n四、施行时间",
                "",
                item.published_on,
            )
        elif n % 3 == 1:  # late
            due = interpretation_due(item.published_on, item.body.interpretation_days, calendar)
            add(
                item,
                InterpretationKind.VIDEO,
                f"视频解读：{item.title}",
                "",
                "https://www.example.gov.cn/video/jiedu.html",
                calendar.nth_working_day_after(due, LATE_BY),
            )
        # n % 3 == 2: none (it stays on the 规范性文件未发布解读 list)
    return created
