"""Pages of the 行政事项统计 (条例第二十条第（五）至（九）项): 事项清单, 处理决定 and
收费/政府集中采购 (lists with their totals, one-record forms) and the §4 ledger page of a body —
generic views of :mod:`gongkai.kernel.views`.

Queries start from the records' policy (another body's record is a 404); 上级 reads, a change
is a 403; totals are computed in SQL (GROUP BY), never by loading the rows.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from functools import cached_property
from typing import Any, ClassVar

from django.db.models import Count, QuerySet, Sum
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.apps.orgs.models import Body
from gongkai.apps.stats.actions import (
    create_decision,
    create_matter,
    create_money_record,
    update_decision,
    update_matter,
    update_money_record,
)
from gongkai.apps.stats.choices import (
    DecisionCategoryChoice,
    MatterCategoryChoice,
    MoneyCategoryChoice,
)
from gongkai.apps.stats.filtersets import DecisionFilterSet, MatterFilterSet, MoneyFilterSet
from gongkai.apps.stats.forms import (
    DecisionForm,
    MatterForm,
    MoneyForm,
    RecordForm,
    StatsLedgerForm,
)
from gongkai.apps.stats.ledgers import (
    MATTER_LEDGER_KINDS,
    MATTER_LEDGER_TITLES,
    MatterLedgerKind,
    export_matters,
    export_matters_filename,
    import_matters,
    matters_template,
)
from gongkai.apps.stats.models import Decision, Matter, MoneyRecord
from gongkai.apps.stats.tables import (
    DecisionsByMatterTable,
    DecisionTable,
    DecisionTotalsTable,
    MatterTable,
    MoneyTable,
    MoneyTotalsTable,
)
from gongkai.kernel.audit import trail
from gongkai.kernel.ledgers import (
    CONTENT_TYPES,
    ImportResult,
    LedgerView,
    export_format,
    export_year,
)
from gongkai.kernel.tables import configure_table
from gongkai.kernel.urls import Routes
from gongkai.kernel.views import (
    Button,
    DownloadView,
    ObjectEditView,
    ObjectListView,
    beyond_last_page,
    querystring_without,
)

__all__ = [
    "DecisionEditView",
    "DecisionListView",
    "MatterEditView",
    "MatterListView",
    "MoneyEditView",
    "MoneyListView",
    "StatsLedgerExportView",
    "StatsLedgerTemplateView",
    "StatsLedgerView",
]

routes = Routes("stats")

PER_PAGE = 50
#: The bodies linked to their ledger pages below a list.
LEDGER_LINKS = 50


# =============================================================================================
# Lists
# =============================================================================================


class _StatsListView(ObjectListView):
    """A list of the 行政事项统计: the tabs, the 登记 button, the body column only for who
    sees several bodies, the bodies' ledger pages below."""

    template_name = "stats/list.html"
    title = gettext_lazy("行政事项统计")
    per_page = PER_PAGE
    #: The tab of the list (matters, decisions, money) and the 登记 button.
    tab: ClassVar[str]
    create_label: ClassVar[Any]

    @cached_property
    def bodies(self) -> list[Body]:
        return list(Body.objects.restrict(self.request.user).order_by("path")[:LEDGER_LINKS])

    def get_table_kwargs(self) -> dict[str, Any]:
        several = len(self.bodies) > 1
        return {"user": self.request.user, "exclude": () if several else ("body",)}

    def get_buttons(self) -> list[Button]:
        if not self.policy.user_has_permission(self.request.user, "change"):
            return []
        return [Button(str(self.create_label), reverse(f"stats:{self.tab}_new"), primary=True)]

    def filtered(self, context: dict[str, Any]) -> QuerySet[Any]:
        """The rows the filters select (what the table shows, unordered, every page)."""
        filterset = context["filterset"]
        rows: QuerySet[Any] = filterset.qs if filterset.is_valid() else filterset.queryset.none()
        return rows.order_by()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(tab=self.tab, ledger_bodies=self.bodies)
        return context


@routes("", "matters")
class MatterListView(_StatsListView):
    """/stats/: the 事项清单, optionally the matters on a list on a date, counted per
    category."""

    queryset = Matter.objects.select_related("body")
    table = MatterTable
    filterset = MatterFilterSet
    template_name = "stats/matters.html"
    tab = "matter"
    create_label = gettext_lazy("登记事项")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        labels = dict(MatterCategoryChoice.choices)
        totals = [
            {"label": labels.get(row["category"], row["category"]), "n": row["n"]}
            for row in self.filtered(context).values("category").annotate(n=Count("pk"))
        ]
        context.update(
            on=context["filterset"].listed_on(),
            totals=sorted(totals, key=lambda t: str(t["label"])),
        )
        return context


class _YearListView(_StatsListView):
    """The records of a year with their totals per category (``amount``: what is added up)."""

    template_name = "stats/year_list.html"
    labels: ClassVar[dict[str, Any]]
    amount: ClassVar[str]
    zero: ClassVar[int | Decimal]
    totals_table: ClassVar[type[Any]]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        totals = [
            {"label": self.labels.get(row["category"], row["category"]), **row}
            for row in self.filtered(context)
            .values("category")
            .annotate(rows=Count("pk"), total=Sum(self.amount))
        ]
        totals.sort(key=lambda t: t["category"])
        context.update(
            year=context["filterset"].shown_year(),
            totals=totals,
            totals_table=self.totals_table(totals),
            grand_total=sum((t["total"] or self.zero for t in totals), self.zero),
        )
        return context


@routes("decisions/", "decisions")
class DecisionListView(_YearListView):
    """/stats/decisions/: the decisions of a year, with the totals per category and per
    matter."""

    queryset = Decision.objects.select_related("body")
    table = DecisionTable
    filterset = DecisionFilterSet
    template_name = "stats/decisions.html"
    tab = "decision"
    create_label = gettext_lazy("登记处理决定")
    labels = dict(DecisionCategoryChoice.choices)
    amount = "count"
    zero = 0
    totals_table = DecisionTotalsTable

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        rows = (
            self.filtered(context)
            .values("category", "matter_name")
            .annotate(total=Sum("count"))
            .order_by("category", "-total", "matter_name")
        )
        by_matter = DecisionsByMatterTable(rows, prefix="m")
        searched = self.is_searched(context["filterset"])
        configure_table(self.request, by_matter, per_page=PER_PAGE, searched=searched)
        context.update(
            by_matter=by_matter,
            by_matter_querystring=querystring_without(self.request, by_matter.prefixed_page_field),
        )
        return context

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        context = self.get_context_data(**kwargs)
        shown = (context["table"], context["by_matter"])
        return beyond_last_page(request, *shown) or self.render_to_response(context)


@routes("money/", "money")
class MoneyListView(_YearListView):
    """/stats/money/: the fees collected and the central procurement projects of a year, with
    the totals per category."""

    queryset = MoneyRecord.objects.select_related("body")
    table = MoneyTable
    filterset = MoneyFilterSet
    tab = "money"
    create_label = gettext_lazy("登记收费或采购")
    labels = dict(MoneyCategoryChoice.choices)
    amount = "amount_yuan"
    zero = Decimal(0)
    totals_table = MoneyTotalsTable


# =============================================================================================
# One record
# =============================================================================================


class _RecordEditView(ObjectEditView):
    """/stats/<kind>/new/ and /stats/<kind>/<pk>/edit/: one record through its actions, the
    record's audit trail beside the form."""

    template_name = "stats/record_form.html"
    denied = gettext_lazy("您只能查看，不能登记或修改事项统计记录。")
    #: The tab (and list) of the record.
    tab: ClassVar[str]
    list_url: ClassVar[str]
    create_action: ClassVar[Callable[..., Any]]
    update_action: ClassVar[Callable[..., Any]]

    def save(self, form: RecordForm) -> Any:
        if self.object is None:
            return self.create_action(
                form.body, acting_user=self.request.user, **form.action_fields()
            )
        return self.update_action(
            self.object,
            acting_user=self.request.user,
            expected_version=form.expected_version,
            **form.action_fields(),
        )

    def success_message(self, obj: Any) -> str:
        return _("已保存：%(item)s。") % {"item": obj}

    def get_success_url(self) -> str:
        return reverse(self.list_url)

    def get_cancel_url(self) -> str:
        return reverse(self.list_url)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            tab=self.tab,
            list_url=self.list_url,
            trail=trail(self.object) if self.object is not None else [],
        )
        return context


@routes("matters/new/", "matter_new")
@routes("matters/<int:pk>/edit/", "matter_edit")
class MatterEditView(_RecordEditView):
    queryset = Matter.objects.select_related("body")
    form_class = MatterForm
    title = gettext_lazy("登记事项清单事项")
    tab = "matter"
    list_url = "stats:matters"
    create_action = staticmethod(create_matter)
    update_action = staticmethod(update_matter)


@routes("decisions/new/", "decision_new")
@routes("decisions/<int:pk>/edit/", "decision_edit")
class DecisionEditView(_RecordEditView):
    queryset = Decision.objects.select_related("body")
    form_class = DecisionForm
    title = gettext_lazy("登记处理决定")
    tab = "decision"
    list_url = "stats:decisions"
    create_action = staticmethod(create_decision)
    update_action = staticmethod(update_decision)


@routes("money/new/", "money_new")
@routes("money/<int:pk>/edit/", "money_edit")
class MoneyEditView(_RecordEditView):
    queryset = MoneyRecord.objects.select_related("body")
    form_class = MoneyForm
    title = gettext_lazy("登记收费或政府集中采购记录")
    tab = "money"
    list_url = "stats:money"
    create_action = staticmethod(create_money_record)
    update_action = staticmethod(update_money_record)


# =============================================================================================
# The §4 ledgers of a body
# =============================================================================================


@routes("ledger/<int:body>/", "ledger")
class StatsLedgerView(LedgerView):
    """/stats/ledger/<body>/: import a §4 ledger (all or nothing) and export the three."""

    queryset = Body.objects.all()
    form_class = StatsLedgerForm
    template_name = "stats/ledger.html"
    extra_context = {
        "kinds": MATTER_LEDGER_TITLES,
        "template_url": "stats:ledger_template",
        "export_url": "stats:ledger_export",
    }

    def run_import(self, upload: Any, data: dict[str, Any]) -> ImportResult:
        kind: MatterLedgerKind | None = data["kind"] or None
        return import_matters(self.body, upload.read(), upload.name, kind, self.request.user)


def _kind(kind: str) -> MatterLedgerKind:
    for known in MATTER_LEDGER_KINDS:
        if known == kind:
            return known
    raise Http404(_("未知的台账类型。"))


@routes("ledger/<int:body>/export/<slug:kind>/", "ledger_export")
class StatsLedgerExportView(DownloadView):
    """/stats/ledger/<body>/export/<kind>/?year=Y&fmt=xlsx|csv: a year's §4 ledger."""

    queryset = Body.objects.all()
    object_kwarg = "body"

    def get_file(self) -> tuple[bytes, str, str]:
        body = self.get_object()
        kind = _kind(self.kwargs["kind"])
        fmt = export_format(self.request.GET.get("fmt", "xlsx"))
        year = export_year(self.request)
        return (
            export_matters(body, year, kind, fmt),
            export_matters_filename(body, kind, year, fmt),
            CONTENT_TYPES[fmt],
        )


@routes("ledger/template/<slug:kind>.<slug:fmt>", "ledger_template")
class StatsLedgerTemplateView(DownloadView):
    """/stats/ledger/template/<kind>.<fmt>: the blank template of a §4 ledger."""

    def get_file(self) -> tuple[bytes, str, str]:
        kind = _kind(self.kwargs["kind"])
        fmt = export_format(self.kwargs["fmt"])
        return (
            matters_template(kind, fmt),
            f"{MATTER_LEDGER_TITLES[kind]}模板.{fmt}",
            CONTENT_TYPES[fmt],
        )
