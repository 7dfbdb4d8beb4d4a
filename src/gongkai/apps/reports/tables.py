"""Tables of the annual report pages: a user's bodies and their reports of a year, the
published reports (public), and the 上级's overview of a subtree."""

from __future__ import annotations

from datetime import date
from typing import Any

import django_tables2 as tables  # type: ignore[import-untyped]
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.apps.checks.tables import CountColumn
from gongkai.apps.orgs.models import Body
from gongkai.apps.reports.models import AnnualReport
from gongkai.apps.reports.supervision import (
    FIGURES,
    BodyStatus,
    Standing,
    local_time,
    standing,
    summary_state,
)
from gongkai.kernel.tables import BaseTable, DateColumn

__all__ = [
    "AnnualIndexTable",
    "CorrectionTable",
    "DifferenceTable",
    "OverviewTable",
    "PublishedReportTable",
    "ReportTaskTable",
    "correction_tables",
    "overdue_mark",
    "report_title",
]


def report_title(body_name: str, year: int) -> str:
    """A report's official title: 某某县教育局2024年政府信息公开工作年度报告."""
    return _("%(name)s%(year)s年政府信息公开工作年度报告") % {"name": body_name, "year": year}


def _workspace(body: Body, year: int) -> str:
    return reverse("reports:annual", kwargs={"body": body.pk, "year": year})


def overdue_mark(record: BodyStatus | Standing) -> SafeString:
    """已逾期 N 天 / 逾期提交 (条例第四十九条's deadline), as the supervise page, the annual
    index and the 工作台 show it; empty when neither."""
    if record.overdue_days:
        return format_html(
            '<span class="text-danger" data-testid="overdue">{}</span>',
            _("已逾期 %(days)d 天") % {"days": record.overdue_days},
        )
    if record.late_submission:
        return format_html(
            '<span class="text-warning" data-testid="late-submission">{}</span>', _("逾期提交")
        )
    return SafeString("")


class AnnualIndexTable(BaseTable):
    """The user's bodies and their report of ``year`` (``reports_of_year``: a prefetched list
    of at most one report)."""

    noun = gettext_lazy("个机关")

    name = tables.Column(verbose_name=gettext_lazy("机关"), order_by=("path",))
    status = tables.Column(verbose_name=gettext_lazy("状态"), empty_values=(), orderable=False)
    errors = CountColumn(
        verbose_name=gettext_lazy("错误"),
        badge="text-bg-danger",
        accessor="reports_of_year__0__error_count",
        orderable=False,
    )
    warnings = CountColumn(
        verbose_name=gettext_lazy("警告"),
        badge="text-bg-warning",
        accessor="reports_of_year__0__warning_count",
        orderable=False,
    )
    deadline = tables.Column(
        verbose_name=gettext_lazy("公布期限"), empty_values=(), orderable=False
    )
    open = tables.Column(verbose_name="", empty_values=(), orderable=False)

    class Meta(BaseTable.Meta):
        model = Body
        fields = ("name",)
        empty_text = gettext_lazy("您还不是任何机关的工作人员。")

    def __init__(self, *args: Any, year: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.year = year
        self.today = timezone.localdate()

    def render_status(self, record: Body) -> SafeString:
        reports: list[AnnualReport] = record.reports_of_year  # type: ignore[attr-defined]
        if not reports:
            return format_html('<span class="text-body-secondary">{}</span>', _("未开始"))
        report = reports[0]
        return format_html(
            '<span class="badge text-bg-secondary gk-status-{}">{}</span>',
            report.status,
            report.get_status_display(),
        )

    def render_deadline(self, record: Body) -> SafeString:
        reports: list[AnnualReport] = record.reports_of_year  # type: ignore[attr-defined]
        stands = standing(record, self.year, reports[0] if reports else None, self.today)
        return format_html("{} {}", stands.deadline.isoformat(), overdue_mark(stands))

    def render_open(self, record: Body) -> SafeString:
        return format_html(
            '<a class="btn btn-sm btn-outline-primary" href="{}">{}</a>',
            _workspace(record, self.year),
            _("打开"),
        )


class PublishedReportTable(BaseTable):
    """The published reports (public: 条例第五十条)."""

    noun = gettext_lazy("份年度报告")

    title = tables.Column(
        verbose_name=gettext_lazy("年度报告"),
        empty_values=(),
        order_by=("body__path",),
        linkify=lambda record: reverse(
            "reports:annual_published", kwargs={"body": record.body_id, "year": record.year}
        ),
    )
    year = tables.Column(verbose_name=gettext_lazy("年度"))
    published_at = DateColumn(verbose_name=gettext_lazy("发布日期"))

    class Meta(BaseTable.Meta):
        model = AnnualReport
        fields = ("title", "year", "published_at")
        empty_text = gettext_lazy("没有找到已发布的年度报告。")

    def render_title(self, record: AnnualReport) -> str:
        return report_title(record.body.name, record.year)


class OverviewTable(BaseTable):
    """The 上级's overview: every body of the subtree with its report's state and figures
    (rows: :class:`~gongkai.apps.reports.supervision.BodyStatus`)."""

    noun = gettext_lazy("个机关")

    body = tables.Column(verbose_name=gettext_lazy("机关"), attrs={"td": {"class": "gk-col-name"}})
    status_label = tables.Column(verbose_name=gettext_lazy("状态"))
    errors = CountColumn(verbose_name=gettext_lazy("错误"), badge="text-bg-danger")
    warnings = CountColumn(verbose_name=gettext_lazy("警告"), badge="text-bg-warning")
    deadline = DateColumn(verbose_name=gettext_lazy("期限"))
    overdue_days = tables.Column(verbose_name=gettext_lazy("逾期"), empty_values=())
    links = tables.Column(verbose_name="", empty_values=(), attrs={"td": {"class": "text-nowrap"}})

    class Meta(BaseTable.Meta):
        orderable = False
        row_attrs = {
            "data-body": lambda record: record.body.name,
            "data-summary": lambda record: _summary_attr(record),
        }
        empty_text = gettext_lazy("没有机关。")

    def __init__(self, rows: list[BodyStatus], *, year: int, **kwargs: Any) -> None:
        figures = [
            (
                f"figure_{index}",
                tables.Column(
                    verbose_name=label,
                    accessor=f"figures__{index}",
                    default="—",
                    attrs={"th": {"class": "text-end small"}, "td": {"class": "text-end"}},
                ),
            )
            for index, (_key, label) in enumerate(FIGURES)
        ]
        sequence = [*self.base_columns][:-1] + [name for name, _c in figures] + ["links"]
        super().__init__(rows, extra_columns=figures, sequence=sequence, **kwargs)
        self.year = year

    def render_body(self, record: BodyStatus) -> SafeString:
        return format_html(
            '<div class="gk-depth-{}">{}{}</div>',
            record.body.depth,
            record.body.name,
            _summary_mark(record),
        )

    def render_errors(self, record: BodyStatus, column: CountColumn) -> SafeString | int | str:
        return column.render(record.errors) if record.computed_at else "—"

    def render_warnings(self, record: BodyStatus, column: CountColumn) -> SafeString | int | str:
        return column.render(record.warnings) if record.computed_at else "—"

    def render_status_label(self, record: BodyStatus) -> SafeString:
        if not record.changed_since_published:
            return format_html("{}", record.status_label)
        return format_html(
            '{} <span class="badge text-bg-warning" title="{}" '
            'data-testid="changed-since-published">{}</span>',
            record.status_label,
            _("发布后记录变化，与已发布年报不一致的项目数"),
            _("发布后有 %(count)d 项变化") % {"count": record.changed_since_published},
        )

    def render_overdue_days(self, record: BodyStatus) -> SafeString | str:
        return overdue_mark(record) or "—"

    def render_links(self, record: BodyStatus) -> SafeString:
        links = [("btn btn-sm btn-outline-primary", _workspace(record.body, self.year), _("查看"))]
        if record.report is not None and record.report.is_published:
            url = reverse(
                "reports:annual_published", kwargs={"body": record.body.pk, "year": self.year}
            )
            links.append(("btn btn-sm btn-link", url, _("已发布的年报")))
        return format_html_join(" ", '<a class="{}" href="{}">{}</a>', links)


def _summary_attr(record: BodyStatus) -> str:
    if record.computed_at is None:
        return "missing"
    return "current" if record.current else "updating"


def _summary_mark(record: BodyStatus) -> SafeString | str:
    """After a body's name: 更新中 (its records changed after its summary was computed: the
    row's figures are those of that time) or 尚未汇总 (no figures yet); nothing when current."""
    state = summary_state(record)
    if not state:
        return ""
    if record.computed_at is None:
        explained = _("本机关尚未汇总，数字暂缺，汇总后显示。")
    else:
        explained = _(
            "本机关的记录在上次汇总后有变化，正在重新汇总；本行数字为 %(time)s 汇总的数字。"
        ) % {"time": local_time(record.computed_at)}
    return format_html(
        ' <span class="badge text-bg-light border" title="{}" '
        'data-testid="summary-state">{}</span><span class="visually-hidden">{}</span>',
        explained,
        state,
        explained,
    )


class DifferenceTable(BaseTable):
    """What today's records give that differs from the published report (rows:
    :class:`~gongkai.apps.reports.annual.Difference`, or a correction notice's entries)."""

    label = tables.Column(verbose_name=gettext_lazy("项目"))
    published = tables.Column(verbose_name=gettext_lazy("已发布"), default="—")
    current = tables.Column(verbose_name=gettext_lazy("按当前记录"), default="—")

    class Meta(BaseTable.Meta):
        orderable = False
        row_attrs = {"data-key": lambda record: _key(record)}


class CorrectionTable(DifferenceTable):
    """The differences a correction notice (更正说明) states."""

    published = tables.Column(verbose_name=gettext_lazy("原发布"), default="—")
    current = tables.Column(verbose_name=gettext_lazy("更正为"), default="—")

    class Meta(DifferenceTable.Meta):
        pass


def _key(record: Any) -> str:
    return str(record["key"] if isinstance(record, dict) else record.key)


def correction_tables(report: AnnualReport) -> list[tuple[Any, CorrectionTable]]:
    """Each correction notice of ``report`` with the table of what it corrects."""
    return [(c, CorrectionTable(c.differences)) for c in report.corrections.all()]


class ReportTaskTable(BaseTable):
    """The annual reports waiting for the user on the 工作台 (rows:
    :class:`~gongkai.apps.reports.supervision.Standing`): each links to its workspace."""

    noun = gettext_lazy("份年报")

    title = tables.Column(
        verbose_name=gettext_lazy("年度报告"),
        empty_values=(),
        linkify=lambda record: _workspace(record.body, record.year),
    )
    status_label = tables.Column(verbose_name=gettext_lazy("状态"))
    deadline = DateColumn(verbose_name=gettext_lazy("公布期限"))
    standing = tables.Column(verbose_name=gettext_lazy("期限情况"), empty_values=())

    class Meta(BaseTable.Meta):
        orderable = False
        row_attrs = {"data-body": lambda record: record.body.name}

    def __init__(self, *args: Any, today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today

    def render_title(self, record: Standing) -> str:
        return report_title(record.body.name, record.year)

    def render_standing(self, record: Standing) -> SafeString | str:
        mark = overdue_mark(record)
        if mark:
            return mark
        days = (record.deadline - self.today).days
        return _("还有 %(days)d 天") % {"days": days} if days >= 0 else "—"
