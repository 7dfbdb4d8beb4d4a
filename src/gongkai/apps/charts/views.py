"""The chart pages — each a generic view of :mod:`gongkai.kernel.views`:

- ``/charts/bodies/<pk>/[<year>/]``: a body's year, for its staff and its 上级s (``view`` on
  the body; another body is a 404);
- ``/charts/subtree/<pk>/[<year>/]``: the body and every body below it, for a 上级 of it
  (``supervise``); the comparison of the bodies added;
- ``…/<year>/<key>.xlsx``: one chart's table as a workbook (the same rows as the page).

The year is the URL's (outside 2008 … this year: 404) or ``?year=`` (``kernel.params``; else
last year, the year of the annual report being written).
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.apps.charts.data import FIRST_TREND_YEAR, Scope, chart_for, charts_for
from gongkai.apps.orgs.choices import Role
from gongkai.apps.orgs.models import Body, Membership
from gongkai.domain.charts.model import Chart
from gongkai.domain.ledgers.table_io import write_xlsx
from gongkai.kernel.params import parse_year
from gongkai.kernel.urls import Routes
from gongkai.kernel.views import DownloadView, PageView

__all__ = [
    "BodyChartDownloadView",
    "BodyChartsView",
    "ChartsIndexView",
    "SubtreeChartDownloadView",
    "SubtreeChartsView",
]

routes = Routes("charts")

#: The first year a chart page shows (条例 2008 in force); the last is the current year.
FIRST_YEAR = 2008
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _this_year() -> int:
    return timezone.localdate().year


#: How many bodies the index lists (a province's 上级 sees thousands: its subtree page has them).
INDEX_BODIES = 200


@routes("", "index")
class ChartsIndexView(PageView):
    """/charts/: the bodies whose charts the user may see, and the subtrees they supervise."""

    template_name = "charts/index.html"
    title = gettext_lazy("图表")
    replica_reads = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user: Any = self.request.user
        bodies = list(Body.objects.restrict(user, "view").order_by("path")[: INDEX_BODIES + 1])
        supervised = Body.objects.filter(
            pk__in=Membership.objects.filter(user_id=user.pk, role=Role.SUPERVISOR).values(
                "body_id"
            )
        ).order_by("path")
        context.update(
            bodies=bodies[:INDEX_BODIES],
            more_bodies=len(bodies) > INDEX_BODIES,
            supervised=list(supervised),
            year=_this_year() - 1,
        )
        return context


class _ChartScopeMixin:
    """The body named in the URL (restricted by the view's ``permission``) and the year."""

    queryset: ClassVar[Any] = Body.objects.all()
    subtree: ClassVar[bool] = False
    replica_reads: ClassVar[bool | None] = True  # the charts only read (gongkai.kernel.replica)
    kwargs: dict[str, Any]
    request: Any
    get_object: Any  # ObjectView's: the body, or 404 outside the view's permission

    def get_year(self) -> int:
        last = _this_year()
        if "year" in self.kwargs:
            year = parse_year(str(self.kwargs["year"]), first=FIRST_YEAR, last=last)
            if year is None:
                raise Http404(_("没有这一年的图表。"))
            return year
        year = parse_year(self.request.GET.get("year"), first=FIRST_YEAR, last=last)
        return year if year is not None else last - 1

    def get_scope(self) -> Scope:
        return Scope(self.get_object(), subtree=self.subtree)


class _ChartsPage(_ChartScopeMixin, PageView):
    template_name = "charts/page.html"
    url_name: ClassVar[str] = ""
    download_name: ClassVar[str] = ""

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        scope = self.get_scope()
        year = self.get_year()
        body = scope.root
        charts = charts_for(scope, year)
        context = super().get_context_data(**kwargs)
        context.update(
            body=body,
            year=year,
            subtree=self.subtree,
            title=self.page_title(body, year),
            charts=[
                {
                    "chart": chart,
                    "data": chart.as_json(),
                    "element_id": f"chart-data-{chart.key}",
                    "download": reverse(
                        self.download_name, kwargs={"pk": body.pk, "year": year, "key": chart.key}
                    ),
                }
                for chart in charts
            ],
            years=[
                {"year": y, "url": reverse(self.url_name, kwargs={"pk": body.pk, "year": y})}
                for y in range(max(FIRST_TREND_YEAR, FIRST_YEAR), _this_year() + 1)
            ],
            other_page=self.other_page(body, year),
        )
        return context

    def page_title(self, body: Body, year: int) -> str:
        raise NotImplementedError

    def other_page(self, body: Body, year: int) -> dict[str, str] | None:
        return None


@routes("bodies/<int:pk>/", "body")
@routes("bodies/<int:pk>/<int:year>/", "body_year")
class BodyChartsView(_ChartsPage):
    """A body's year at a glance."""

    permission = "view"
    url_name = "charts:body_year"
    download_name = "charts:body_download"

    def page_title(self, body: Body, year: int) -> str:
        return _("%(body)s %(year)d 年图表") % {"body": body.name, "year": year}

    def other_page(self, body: Body, year: int) -> dict[str, str] | None:
        if not body.children.exists():
            return None
        if not self.user_can("supervise", body):
            return None
        return {
            "label": _("本机关及下级机关汇总图表"),
            "url": reverse("charts:subtree_year", kwargs={"pk": body.pk, "year": year}),
        }


@routes("subtree/<int:pk>/", "subtree")
@routes("subtree/<int:pk>/<int:year>/", "subtree_year")
class SubtreeChartsView(_ChartsPage):
    """A supervisor's subtree at a glance: the body and every body below it added up, and
    the bodies compared."""

    permission = "supervise"
    subtree = True
    url_name = "charts:subtree_year"
    download_name = "charts:subtree_download"

    def page_title(self, body: Body, year: int) -> str:
        return _("%(body)s及下级机关 %(year)d 年图表") % {"body": body.name, "year": year}

    def other_page(self, body: Body, year: int) -> dict[str, str] | None:
        return {
            "label": _("仅本机关的图表"),
            "url": reverse("charts:body_year", kwargs={"pk": body.pk, "year": year}),
        }


class _ChartDownload(_ChartScopeMixin, DownloadView):
    def get_file(self) -> tuple[bytes, str, str]:
        scope = self.get_scope()
        year = self.get_year()
        chart: Chart | None = chart_for(scope, year, str(self.kwargs["key"]))
        if chart is None:
            raise Http404(_("没有这个图表。"))
        data = write_xlsx(chart.headers, chart.records(), sheet_title=chart.title)
        suffix = "及下级机关" if self.subtree else ""
        filename = f"{scope.root.name}{suffix}-{year}-{chart.title}.xlsx"
        return data, filename, XLSX


@routes("bodies/<int:pk>/<int:year>/<slug:key>.xlsx", "body_download")
class BodyChartDownloadView(_ChartDownload):
    """One chart of a body's year as a workbook."""

    permission = "view"


@routes("subtree/<int:pk>/<int:year>/<slug:key>.xlsx", "subtree_download")
class SubtreeChartDownloadView(_ChartDownload):
    """One chart of a subtree's year as a workbook."""

    permission = "supervise"
    subtree = True
