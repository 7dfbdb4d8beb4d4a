"""One chart as data: the object the page serialises once (``json_script``) and from which
both the ECharts drawing (``charts/charts.js``) and the table under it are made, so the two
cannot disagree; the Excel download is the same table (:meth:`Chart.table`).

A chart has category labels (months, channels, years, bodies) and one or more series of
numbers, one per category (``None``: no value — a month without replies has no on-time
rate). ``shown`` limits how many categories the drawing shows (the top N bodies); the table
lists them all.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from gongkai.domain.applications.outcomes import outcome_label

__all__ = [
    "MONTH_LABELS",
    "NOT_REPLIED",
    "OUTCOME_GROUPS",
    "Chart",
    "ChartKind",
    "Series",
    "counts_by",
    "on_time_rate",
    "outcome_group",
]

ChartKind = Literal["bar", "stacked", "line", "pie", "bar_line"]

MONTH_LABELS: tuple[str, ...] = tuple(f"{m}月" for m in range(1, 13))

#: The result groups of table 三 (三、本年度办理结果 （一）…（六）), in the table's order.
OUTCOME_GROUPS: tuple[str, ...] = (
    "予以公开",
    "部分公开",
    "不予公开",
    "无法提供",
    "不予处理",
    "其他处理",
)
#: An application not replied to yet (no outcome): its own column of the chart.
NOT_REPLIED = "尚未答复"


def outcome_group(outcome_key: str | None) -> str:
    """The table 三 result group of an outcome key (``denied.third_party`` → 不予公开), as
    :func:`~gongkai.domain.applications.outcomes.outcome_label` names it; no outcome →
    :data:`NOT_REPLIED`."""
    if not outcome_key:
        return NOT_REPLIED
    return outcome_label(outcome_key).split("-", 1)[0]


def on_time_rate(replied: int, late: int) -> float | None:
    """按时答复率 in per cent, one decimal: the replies not late among the replies; no reply,
    no rate (None)."""
    if replied <= 0:
        return None
    return round(100 * (replied - late) / replied, 1)


@dataclass(frozen=True)
class Series:
    """One series: its name, one value per category, and how it is drawn. ``axis`` 1 is the
    right-hand axis of a ``bar_line`` chart (a rate beside counts)."""

    name: str
    values: tuple[int | float | None, ...]
    line: bool = False
    axis: int = 0


@dataclass(frozen=True)
class Chart:
    """A chart and its table: ``categories`` name the table's rows, each series a column."""

    key: str
    title: str
    kind: ChartKind
    category_label: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    unit: str = "件"
    #: the right-hand axis unit of a ``bar_line`` chart
    unit_right: str = "%"
    #: how many categories the drawing shows (None: all); the table lists every one
    shown: int | None = None
    note: str = ""
    #: the decimals a fraction is shown with (rates: 1; 考核 points: 2)
    decimals: int = 1

    def __post_init__(self) -> None:
        for series in self.series:
            if len(series.values) != len(self.categories):
                raise ValueError(f"{self.key}: {series.name} has {len(series.values)} values")

    @property
    def headers(self) -> tuple[str, ...]:
        return (self.category_label, *(s.name for s in self.series))

    def table(self) -> list[tuple[str, ...]]:
        """The table's rows as shown (a missing value is “—”)."""
        return [
            (label, *(_text(s.values[i], self.decimals) for s in self.series))
            for i, label in enumerate(self.categories)
        ]

    def records(self) -> list[dict[str, object]]:
        """The table's rows as values (header → value; a missing value is None): the
        workbook's rows."""
        return [
            {
                self.category_label: label,
                **{s.name: s.values[i] for s in self.series},
            }
            for i, label in enumerate(self.categories)
        ]

    @property
    def is_empty(self) -> bool:
        return not any(v for s in self.series for v in s.values)

    def summary(self) -> str:
        """One sentence for the chart's ``aria-label``: what it shows and its largest values
        (the table under it has every number)."""
        if self.is_empty:
            return f"{self.title}：暂无数据。"
        parts = []
        for s in self.series:
            values = [(v, self.categories[i]) for i, v in enumerate(s.values) if v is not None]
            if not values:
                continue
            unit = self.unit_right if s.axis else self.unit
            if s.line or unit == "%":
                top_value, top_label = max(values)
                top = _text(top_value, self.decimals)
                parts.append(f"{s.name}最高为{top_label}（{top}{unit}）")
            else:
                total = sum(v for v, _label in values)
                parts.append(f"{s.name}共{_text(total, self.decimals)}{unit}")
        return f"{self.title}：" + "；".join(parts) + "。数据见下表。"

    def as_json(self) -> dict[str, object]:
        """What the page serialises for the drawing (``json_script``)."""
        return {
            "key": self.key,
            "title": self.title,
            "kind": self.kind,
            "categories": list(self.categories),
            "series": [
                {"name": s.name, "values": list(s.values), "line": s.line, "axis": s.axis}
                for s in self.series
            ],
            "unit": self.unit,
            "unitRight": self.unit_right,
            "shown": self.shown,
        }


def _text(value: int | float | None, decimals: int = 1) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.{decimals}f}"
    return str(value)


def counts_by(
    categories: Sequence[str], counts: Mapping[str, int], *, keep_unknown: bool = True
) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """Categories in their given order, then any other label found in ``counts`` (sorted),
    with their counts (0 for a category without any)."""
    labels = list(categories)
    if keep_unknown:
        labels += sorted(k for k in counts if k not in categories)
    return tuple(labels), tuple(counts.get(label, 0) for label in labels)
