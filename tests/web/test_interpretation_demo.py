"""The demo's 政策解读: 徐套乡 2019 has its one 图文解读; other bodies' 规范性文件 of 2023–2025
have timely, late and missing ones; loading again creates nothing twice."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_demo_interpretations() -> None:
    from gongkai.apps.catalog.models import CatalogItem, Interpretation
    from gongkai.apps.catalog.reporting import interpretation_coverage, interpretation_facts
    from gongkai.apps.orgs.models import Body
    from gongkai.demo.interpretations import load_interpretations_demo
    from gongkai.demo.loader import load_demo

    load_demo()
    count = Interpretation.objects.count()
    assert load_interpretations_demo() == 0
    assert Interpretation.objects.count() == count

    xutao = Body.objects.get(name="徐套乡人民政府")
    assert interpretation_facts(xutao, 2019) == (1, {"图文解读": 1}, 0)
    assert Interpretation.objects.public().filter(body=xutao).count() == 1

    others = Interpretation.objects.exclude(body=xutao)
    assert others.exists()
    assert any(i.is_timely() for i in others) and not all(i.is_timely() for i in others)
    assert CatalogItem.objects.without_interpretation().exclude(body=xutao).exists()
    bodies = list(others.values_list("body_id", flat=True).distinct())
    for year in (2023, 2024, 2025):
        coverage = interpretation_coverage(bodies, year)
        timely = sum(t for t, _ in coverage.values())
        total = sum(n for _, n in coverage.values())
        assert 0 < timely < total, year
