"""Records for the chart tests: applications of a body over 2019–2025 (every outcome, some
open, some replied late, some replied in the next year) and catalog items with every 信息类别,
公开属性 and one to three channels. ``add_chart_records(body, seed, count)``."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from gongkai.apps.applications.models import Application
from gongkai.apps.catalog.models import CatalogItem
from gongkai.domain.applications.outcomes import OUTCOME_KEYS
from gongkai.domain.ledgers.catalog import CATALOG_CHANNELS

__all__ = ["add_chart_records"]

CATEGORIES = ["regulation", "normative", "other", "other"]
DISCLOSURES = ["主动公开", "主动公开", "主动公开", "依申请公开"]


def add_chart_records(body: Any, seed: int, count: int) -> None:
    applications = []
    for i in range(count):
        received = date(2019, 1, 3) + timedelta(days=(i * 53 + seed * 17) % 2550)
        concluded = (i + seed) % 6 != 0
        due = received + timedelta(days=28)
        replied = received + timedelta(days=(i * 11 + seed) % 45) if concluded else None
        applications.append(
            Application(
                body=body,
                number=f"CH{seed}-{i}",
                channel="online",
                received_on=received,
                due_on=due if i % 9 else None,
                applicant_type="natural_person",
                applicant_name="申请人",
                content="测试",
                status="replied" if concluded else "registered",
                outcome=OUTCOME_KEYS[(i * 5 + seed) % len(OUTCOME_KEYS)] if concluded else "",
                replied_on=replied,
            )
        )
    Application.objects.bulk_create(applications)
    items = []
    for i in range(count):
        made = date(2019, 2, 1) + timedelta(days=(i * 41 + seed * 7) % 2500)
        disclosure = DISCLOSURES[(i + seed) % 4]
        published = (
            made + timedelta(days=(i * 3) % 40) if disclosure == "主动公开" and i % 7 else None
        )
        channels = ",".join(
            CATALOG_CHANNELS[(i + k) % len(CATALOG_CHANNELS)] for k in range(1 + i % 3)
        )
        items.append(
            CatalogItem(
                body=body,
                index_number=f"CH-{body.pk}-{seed}-{i:05d}",
                title=f"文件{i}",
                category=CATEGORIES[(i + seed) % 4],
                made_on=made,
                published_on=published,
                disclosure=disclosure,
                disclosure_reason="" if disclosure == "主动公开" else "内部事务信息",
                channels=channels if published else "",
            )
        )
    CatalogItem.objects.bulk_create(items)
