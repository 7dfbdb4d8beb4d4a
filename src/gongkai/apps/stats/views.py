"""Pages of the 行政事项统计: 事项清单, 处理决定 and 收费/政府集中采购 (lists with totals,
one-record forms) and the §4 ledger page of a body.

Queries start from ``restrict(user)`` (another body's record is a 404); 上级 reads, a change is
a 403; totals are computed in SQL (GROUP BY), never by loading the rows.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet, Sum
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView

from gongkai.apps.orgs.models import Body
from gongkai.apps.stats.actions import save_record
from gongkai.apps.stats.choices import (
    DecisionCategoryChoice,
    MatterCategoryChoice,
    MoneyCategoryChoice,
)
from gongkai.apps.stats.forms import (
    DecisionFilterForm,
    DecisionForm,
    MatterFilterForm,
    MatterForm,
    MoneyFilterForm,
    MoneyForm,
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
from gongkai.kernel.errors import ActionError, ActionPermissionError
from gongkai.kernel.forms import apply_action_error
from gongkai.kernel.ledgers import (
    ExportFormat,
    ImportResult,
    LedgerView,
    export_year,
    file_response,
)
from gongkai.kernel.permissions import user_can
from gongkai.kernel.views import querystring_without

__all__ = [
    "DecisionListView",
    "MatterListView",
    "MoneyListView",
    "RecordFormView",
    "StatsLedgerView",
    "stats_ledger_export",
    "stats_ledger_template",
]

PER_PAGE = 50


def _year_range(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def _base_context(request: HttpRequest) -> dict[str, Any]:
    bodies = Body.objects.restrict(request.user).order_by("path")
    return {
        "several_bodies": bodies.count() > 1,
        "ledger_bodies": list(bodies[:50]),
        "can_create": Body.objects.restrict(request.user, "change").exists(),
        "querystring": querystring_without(request, "page"),
    }


# =============================================================================================
# Lists
# =============================================================================================


class MatterListView(LoginRequiredMixin, TemplateView):
    """/stats/: the 事项清单, by category, optionally as listed on a date."""

    template_name = "stats/matters.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form = MatterFilterForm(self.request.GET or None, user=self.request.user)
        matters = Matter.objects.restrict(self.request.user).select_related("body")
        on: date | None = None
        if form.is_bound and not form.is_valid():
            matters = matters.none()
        elif form.is_bound:
            data = form.cleaned_data
            if data["body"]:
                matters = matters.filter(body=data["body"])
            if data["category"]:
                matters = matters.filter(category=data["category"])
            if data["q"]:
                matters = matters.filter(name__contains=data["q"].strip())
            on = data["on"]
            if on is not None:
                matters = matters.filter(effective_on__lte=on).filter(
                    Q(cancelled_on__isnull=True) | Q(cancelled_on__gt=on)
                )
        labels = dict(MatterCategoryChoice.choices)
        totals = [
            {"label": labels.get(row["category"], row["category"]), "n": row["n"]}
            for row in matters.order_by().values("category").annotate(n=Count("pk"))
        ]
        page = Paginator(matters.order_by("category", "name", "effective_on", "pk"), PER_PAGE)
        context.update(
            _base_context(self.request),
            form=form,
            on=on,
            totals=sorted(totals, key=lambda t: str(t["label"])),
            page=page.get_page(self.request.GET.get("page")),
        )
        return context


class _YearListView(LoginRequiredMixin, TemplateView):
    filter_form: type[DecisionFilterForm] | type[MoneyFilterForm]
    model: type[Decision] | type[MoneyRecord]
    date_field: str
    labels: dict[str, Any]

    def filtered(self) -> tuple[Any, QuerySet[Any], int]:
        form = self.filter_form(self.request.GET or None, user=self.request.user)
        records = self.model.objects.restrict(self.request.user).select_related("body")
        year = form.year_value()
        if form.is_bound and not form.is_valid():
            return form, records.none(), year
        start, end = _year_range(year)
        records = records.filter(
            **{f"{self.date_field}__gte": start, f"{self.date_field}__lte": end}
        )
        if form.is_bound:
            if form.cleaned_data["body"]:
                records = records.filter(body=form.cleaned_data["body"])
            if form.cleaned_data["category"]:
                records = records.filter(category=form.cleaned_data["category"])
        return form, records, year

    def year_context(
        self, form: Any, records: QuerySet[Any], year: int, amount: str, zero: int | Decimal
    ) -> dict[str, Any]:
        """The context of a year's list: totals per category (of ``amount``), the grand total
        and the page of records, newest first."""
        totals = [
            {"label": self.labels.get(r["category"], r["category"]), **r}
            for r in records.order_by()
            .values("category")
            .annotate(rows=Count("pk"), total=Sum(amount))
        ]
        return {
            **_base_context(self.request),
            "form": form,
            "year": year,
            "totals": sorted(totals, key=lambda t: t["category"]),
            "grand_total": sum((t["total"] or zero for t in totals), zero),
            "page": Paginator(records.order_by(f"-{self.date_field}", "-pk"), PER_PAGE).get_page(
                self.request.GET.get("page")
            ),
        }


class DecisionListView(_YearListView):
    """/stats/decisions/: the decisions of a year, totals per category and per matter."""

    template_name = "stats/decisions.html"
    filter_form = DecisionFilterForm
    model = Decision
    date_field = "decided_on"
    labels = dict(DecisionCategoryChoice.choices)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form, records, year = self.filtered()
        by_matter = Paginator(
            records.order_by()
            .values("category", "matter_name")
            .annotate(rows=Count("pk"), total=Sum("count"))
            .order_by("category", "-total", "matter_name"),
            PER_PAGE,
        ).get_page(self.request.GET.get("mpage"))
        for row in by_matter:
            row["label"] = self.labels.get(row["category"], row["category"])
        context.update(self.year_context(form, records, year, "count", 0), by_matter=by_matter)
        return context


class MoneyListView(_YearListView):
    """/stats/money/: fees collected and central procurement of a year, with totals."""

    template_name = "stats/money.html"
    filter_form = MoneyFilterForm
    model = MoneyRecord
    date_field = "on"
    labels = dict(MoneyCategoryChoice.choices)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form, records, year = self.filtered()
        context.update(self.year_context(form, records, year, "amount_yuan", Decimal(0)))
        return context


# =============================================================================================
# One record
# =============================================================================================

_KINDS: dict[str, tuple[type[Any], type[forms.ModelForm[Any]], Any, str]] = {
    "matters": (Matter, MatterForm, gettext_lazy("事项清单事项"), "stats:matters"),
    "decisions": (Decision, DecisionForm, gettext_lazy("处理决定"), "stats:decisions"),
    "money": (MoneyRecord, MoneyForm, gettext_lazy("收费或政府集中采购记录"), "stats:money"),
}


class RecordFormView(LoginRequiredMixin, TemplateView):
    """/stats/<kind>/new/ and /stats/<kind>/<pk>/edit/: one matter, decision or money record."""

    template_name = "stats/form.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if kwargs["kind"] not in _KINDS:
            raise Http404(_("没有这类记录。"))
        self.model, self.form_class, self.label, self.list_url = _KINDS[kwargs["kind"]]
        self.record = None
        if "pk" in kwargs:
            self.record = get_object_or_404(
                self.model.objects.restrict(request.user).select_related("body"), pk=kwargs["pk"]
            )
            if not user_can(request.user, "change", self.record):
                raise PermissionDenied(_("您只能查看这条记录，不能修改。"))
        elif not Body.objects.restrict(request.user, "change").exists():
            raise PermissionDenied(_("您不是任何机关的经办人、审核人或管理员，不能登记记录。"))
        return super().dispatch(request, *args, **kwargs)

    def make_form(self, data: Any = None) -> forms.ModelForm[Any]:
        return self.form_class(data, instance=self.record, user=self.request.user)  # type: ignore[call-arg]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        kwargs.setdefault("form", self.make_form())
        history = (
            self.record.history.select_related("history_user").order_by("-history_date")
            if self.record is not None
            else []
        )
        return super().get_context_data(
            record=self.record,
            label=self.label,
            list_url=self.list_url,
            history=history,
            **kwargs,
        )

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = self.make_form(request.POST)
        if form.is_valid():
            try:
                save_record(request.user, form.instance)
            except ActionPermissionError as exc:
                raise PermissionDenied(exc.message) from exc
            except ActionError as exc:
                apply_action_error(form, exc)
            else:
                messages.success(request, _("已保存：%(r)s。") % {"r": form.instance})
                return redirect(self.list_url)
        return self.render_to_response(self.get_context_data(form=form), status=400)


# =============================================================================================
# The §4 ledgers of a body
# =============================================================================================


class StatsLedgerView(LedgerView):
    """/stats/ledger/<body>/: import a §4 ledger (all or nothing) and export the three."""

    queryset = Body.objects.all()
    form_class = StatsLedgerForm
    template_name = "stats/ledger.html"
    extra_context = {"kinds": MATTER_LEDGER_TITLES}

    def run_import(self, upload: Any, data: dict[str, Any]) -> ImportResult:
        kind: MatterLedgerKind | None = data["kind"] or None
        return import_matters(self.body, upload.read(), upload.name, kind, self.request.user)


def _kind(kind: str) -> MatterLedgerKind:
    for known in MATTER_LEDGER_KINDS:
        if known == kind:
            return known
    raise Http404(_("未知的台账类型。"))


def _fmt(fmt: str) -> ExportFormat:
    if fmt == "csv":
        return "csv"
    if fmt == "xlsx":
        return "xlsx"
    raise Http404(_("格式只能是 xlsx 或 csv。"))


@login_required
@require_GET
def stats_ledger_export(request: HttpRequest, body: int, kind: str) -> HttpResponse:
    the_body = get_object_or_404(Body.objects.restrict(request.user), pk=body)
    ledger_kind = _kind(kind)
    fmt = _fmt(request.GET.get("fmt", "xlsx"))
    year = export_year(request)
    data = export_matters(the_body, year, ledger_kind, fmt)
    return file_response(data, export_matters_filename(the_body, ledger_kind, year, fmt), fmt)


@login_required
@require_GET
def stats_ledger_template(request: HttpRequest, kind: str, fmt: str) -> HttpResponse:
    ledger_kind = _kind(kind)
    export_fmt = _fmt(fmt)
    return file_response(
        matters_template(ledger_kind, export_fmt),
        f"{MATTER_LEDGER_TITLES[ledger_kind]}模板.{fmt}",
        fmt,
    )
