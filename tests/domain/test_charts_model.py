"""The chart object of the chart pages (``domain.charts.model``): the table and the workbook
rows are its series, the summary names its figures, outcome groups are table 三's."""

from __future__ import annotations

import pytest

from gongkai.domain.applications.outcomes import OUTCOME_KEYS
from gongkai.domain.charts.model import (
    NOT_REPLIED,
    OUTCOME_GROUPS,
    Chart,
    Series,
    counts_by,
    on_time_rate,
    outcome_group,
)


def test_outcome_groups_are_table_3_groups() -> None:
    assert outcome_group("granted") == "予以公开"
    assert outcome_group("partial") == "部分公开"
    assert outcome_group("denied.third_party") == "不予公开"
    assert outcome_group("unable.not_held") == "无法提供"
    assert outcome_group("not_processed.repeat") == "不予处理"
    assert outcome_group("other.no_correction") == "其他处理"
    assert outcome_group("") == outcome_group(None) == NOT_REPLIED
    assert {outcome_group(k) for k in OUTCOME_KEYS} == set(OUTCOME_GROUPS)


def test_on_time_rate() -> None:
    assert on_time_rate(0, 0) is None
    assert on_time_rate(3, 1) == 66.7
    assert on_time_rate(8, 0) == 100.0


def _chart() -> Chart:
    return Chart(
        key="on_time",
        title="答复",
        kind="bar_line",
        category_label="月份",
        categories=("1月", "2月"),
        series=(
            Series("答复件数", (3, 0)),
            Series("按时答复率（%）", (66.7, None), line=True, axis=1),
        ),
    )


def test_table_records_and_json_are_the_series() -> None:
    chart = _chart()
    assert chart.headers == ("月份", "答复件数", "按时答复率（%）")
    assert chart.table() == [("1月", "3", "66.7"), ("2月", "0", "—")]
    assert chart.records() == [
        {"月份": "1月", "答复件数": 3, "按时答复率（%）": 66.7},
        {"月份": "2月", "答复件数": 0, "按时答复率（%）": None},
    ]
    data = chart.as_json()
    assert data["categories"] == ["1月", "2月"]
    assert data["series"] == [
        {"name": "答复件数", "values": [3, 0], "line": False, "axis": 0},
        {"name": "按时答复率（%）", "values": [66.7, None], "line": True, "axis": 1},
    ]


def test_summary() -> None:
    assert (
        _chart().summary() == "答复：答复件数共3件；按时答复率（%）最高为1月（66.7%）。数据见下表。"
    )
    empty = Chart("x", "空", "bar", "月份", ("1月",), (Series("件数", (0,)),))
    assert empty.summary() == "空：暂无数据。"


def test_a_series_has_one_value_per_category() -> None:
    with pytest.raises(ValueError, match="values"):
        Chart("x", "错", "bar", "月份", ("1月", "2月"), (Series("件数", (1,)),))


def test_counts_by_keeps_order_then_unknown_sorted() -> None:
    assert counts_by(["甲", "乙"], {"乙": 2, "丁": 1, "丙": 4}) == (
        ("甲", "乙", "丁", "丙"),
        (0, 2, 1, 4),
    )
    assert counts_by(["甲"], {"丙": 4}, keep_unknown=False) == (("甲",), (0,))
