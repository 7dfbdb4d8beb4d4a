"""Staff pages of 依申请公开: the 工作台, the application list, the case page, registration and
the action forms.

Views stay thin. Every query starts from ``Application.objects.restrict(user)`` (another
body's application is a 404); what a user may do is asked of the policy
(:mod:`gongkai.apps.orgs.policies`) and the transition table
(:func:`gongkai.apps.applications.actions.allowed_operations`); every change is an action.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

import django_tables2 as tables  # type: ignore[import-untyped]
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.db.models import Count, Field, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from gongkai.apps.applications.actions import (
    OP_LABELS,
    Op,
    allowed_operations,
    register_application,
)
from gongkai.apps.applications.choices import (
    OPEN_STATUSES,
    EventKind,
    OnlineRequestStatus,
    Status,
)
from gongkai.apps.applications.filtersets import ApplicationFilterSet
from gongkai.apps.applications.forms import ACTION_FORMS, ActionForm, ApplicationRegistrationForm
from gongkai.apps.applications.models import (
    Application,
    ApplicationEvent,
    OnlineRequest,
    Reminder,
)
from gongkai.apps.applications.services import masked_id_number
from gongkai.apps.applications.tables import (
    STATUS_BADGES,
    ApplicationTable,
    DeadlineBadge,
    deadline_badge,
)
from gongkai.apps.orgs.models import Body
from gongkai.apps.workcal.services import load_calendar
from gongkai.domain.applications.outcomes import OUTCOME_KEYS, outcome_label
from gongkai.kernel.errors import ActionError, ActionPermissionError, ConcurrentEditError
from gongkai.kernel.permissions import user_can

if TYPE_CHECKING:
    _RegistrationFormView = FormView[ApplicationRegistrationForm]
    _ActionFormView = FormView[ActionForm]
else:
    _RegistrationFormView = FormView
    _ActionFormView = FormView

__all__ = [
    "ApplicationActionView",
    "ApplicationCreateView",
    "ApplicationDetailView",
    "ApplicationListView",
    "WorkbenchView",
    "history_rows",
    "next_operations",
]

DUE_SOON_WORKING_DAYS = 3
WORKBENCH_ROWS = 50
REMINDER_DAYS = 30  # the 工作台 lists the reminders of the last 30 days
PER_PAGE = 25

# Buttons that finish a step (the primary colour); the others are outlined.
_PRIMARY_OPS = frozenset({Op.REPLY, Op.RECORD_CORRECTION, Op.APPROVE_EXTENSION, Op.RECORD_DELIVERY})
# Operations only a 审核人/管理员 performs (the policy's ``can_approve``).
APPROVER_OPS = frozenset({Op.APPROVE_EXTENSION, Op.SET_REASONABLE_DEADLINE})


# =============================================================================================
# Presentation helpers
# =============================================================================================


@dataclass(frozen=True)
class Row:
    """An application with its deadline as read today."""

    app: Application
    deadline: DeadlineBadge

    @property
    def status_badge(self) -> str:
        return STATUS_BADGES.get(self.app.status, "text-bg-light")


@dataclass(frozen=True)
class OperationButton:
    op: Op
    label: str
    url: str
    primary: bool


@dataclass(frozen=True)
class Change:
    field: str
    old: str
    new: str


@dataclass(frozen=True)
class HistoryRow:
    when: Any
    who: str
    kind: str
    changes: tuple[Change, ...]


def rows(apps: QuerySet[Application] | list[Application]) -> list[Row]:
    """The applications with their deadline badges as of today."""
    today = timezone.localdate()
    calendar = load_calendar()
    return [Row(app, deadline_badge(app, today, calendar)) for app in apps]


def user_label(user: Any) -> str:
    if user is None:
        return _("系统")
    return str(user.get_full_name() or user.get_username())


def restricted_applications(request: HttpRequest) -> QuerySet[Application]:
    return Application.objects.restrict(request.user).select_related("body", "handler")


def get_application(request: HttpRequest, pk: int) -> Application:
    """The application if ``request.user`` may see it, else 404 (never 403: no existence leak)."""
    return get_object_or_404(restricted_applications(request), pk=pk)


def _has_pending_extension(app: Application) -> bool:
    return any(e.approved_on is None for e in app.extensions.all())


def _has_extension(app: Application) -> bool:
    return any(True for _e in app.extensions.all())


def _preconditions_met(op: Op, app: Application) -> bool:
    """Whether the button makes sense now (the action checks again and has the last word)."""
    events = {e.kind for e in app.events.all()}
    if op is Op.REQUEST_CORRECTION:
        return EventKind.CORRECTION_REQUESTED not in events
    if op is Op.RECORD_CONSULTATION_ANSWER:
        return any(c.answered_on is None for c in app.consultations.all())
    if op is Op.REQUEST_EXTENSION:
        return not _has_extension(app)
    if op is Op.APPROVE_EXTENSION:
        return _has_pending_extension(app)
    if op is Op.ISSUE_FEE_NOTICE:
        return not any(True for _f in app.fee_notices.all())
    if op is Op.SET_REASONABLE_DEADLINE:
        return app.custom_due_on is None
    return True


def next_operations(user: Any, app: Application) -> list[Op]:
    """The operations ``user`` may perform on ``app`` now, in workflow order.

    The transition table says what the state allows; the policy says who may do it
    (上级 changes nothing; only 审核人/管理员 approve an extension or set an art. 35 date;
    a 经办人 may only take a case themselves).
    """
    if not user_can(user, "change", app):
        return []
    allowed = allowed_operations(app.status)
    approver = user_can(user, "approve", app)
    result = []
    for op in Op:
        if op not in allowed or not _preconditions_met(op, app):
            continue
        if op in APPROVER_OPS and not approver:
            continue
        if op is Op.ASSIGN_HANDLER and not approver and app.handler_id == user.pk:
            continue
        result.append(op)
    return result


_HISTORY_SKIPPED = frozenset({"version", "updated_at", "created_at", "id"})


def _display(
    app: Application, field_name: str, value: Any, names: dict[str, dict[Any, str]]
) -> str:
    if value in (None, ""):
        return "—"
    try:
        field = Application._meta.get_field(field_name)
    except FieldDoesNotExist:
        return str(value)
    if not isinstance(field, Field):
        return str(value)
    if field_name == "outcome" and value in OUTCOME_KEYS:
        return outcome_label(value)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field_name in names:
        return names[field_name].get(value, str(value))
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return _("是") if value else _("否")
    return str(value)


def history_rows(app: Application) -> list[HistoryRow]:
    """The audit trail of ``app`` (simple-history): who, when, which fields changed how."""
    from django.contrib.auth import get_user_model

    records = list(app.history.select_related("history_user").order_by("history_date", "pk"))
    user_ids = {r.handler_id for r in records if r.handler_id}
    body_ids = {r.body_id for r in records if r.body_id}
    names: dict[str, dict[Any, str]] = {
        "handler": {u.pk: user_label(u) for u in get_user_model().objects.filter(pk__in=user_ids)},
        "body": dict(Body.objects.filter(pk__in=body_ids).values_list("pk", "name")),
    }
    kinds = {"+": _("创建"), "~": _("修改"), "-": _("删除")}
    result: list[HistoryRow] = []
    previous = None
    for record in records:
        changes: list[Change] = []
        if previous is not None:
            delta = record.diff_against(previous)
            for change in delta.changes:
                if change.field in _HISTORY_SKIPPED:
                    continue
                label = str(getattr(Application._meta.get_field(change.field), "verbose_name", ""))
                if change.field == "deadline_trace":
                    changes.append(Change(label, "", _("已按最新办理记录重新计算")))
                    continue
                changes.append(
                    Change(
                        label,
                        _display(app, change.field, change.old, names),
                        _display(app, change.field, change.new, names),
                    )
                )
        if record.history_type == "+":
            changes.append(Change("", "", _("登记申请")))
        elif not changes:
            # Only the version moved: the step is in the 办理记录 (consultation, extension …).
            changes.append(Change("", "", _("办理记录有更新（见上方办理记录）")))
        result.append(
            HistoryRow(
                when=record.history_date,
                who=user_label(record.history_user),
                kind=kinds.get(record.history_type, record.history_type),
                changes=tuple(changes),
            )
        )
        previous = record
    result.reverse()  # newest first
    return result


_EVENT_FLAGS = {
    "late": _("超过期限办理"),
    "overdue": _("逾期答复"),
}


def event_details(event: ApplicationEvent) -> list[str]:
    """The notable data of an event, in words."""
    data = event.data or {}
    details = []
    if data.get("days"):
        details.append(_("%(days)s 个工作日") % {"days": data["days"]})
    if data.get("party"):
        details.append(_("对象：%(party)s") % {"party": data["party"]})
    if data.get("amount"):
        details.append(_("金额：%(amount)s 元") % {"amount": data["amount"]})
    if event.kind == EventKind.REASONABLE_DEADLINE and data.get("due_on"):
        details.append(_("合理答复期限：%(due)s") % {"due": data["due_on"]})
        if data.get("statutory_due"):
            details.append(_("法定答复期限：%(due)s") % {"due": data["statutory_due"]})
    if event.kind == EventKind.ASSIGN and data.get("handler_name"):
        details.append(_("经办人：%(name)s") % {"name": data["handler_name"]})
    outcome = data.get("outcome")
    if outcome in OUTCOME_KEYS:
        details.append(_("结果：%(outcome)s") % {"outcome": outcome_label(outcome)})
    return details


# =============================================================================================
# 工作台
# =============================================================================================


class WorkbenchView(LoginRequiredMixin, TemplateView):
    """The user's work: due within 3 working days, overdue, waiting, open cases by clerk."""

    template_name = "applications/workbench.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        today = timezone.localdate()
        calendar = load_calendar()
        horizon = calendar.nth_working_day_after(today, DUE_SOON_WORKING_DAYS)
        apps = restricted_applications(self.request)
        open_apps = apps.filter(status__in=sorted(OPEN_STATUSES))
        # While waiting for a correction the clock is stopped (条例第三十条).
        running = open_apps.exclude(status=Status.AWAITING_CORRECTION)
        overdue_q = Q(due_on__lt=today) & ~Q(status=Status.AWAITING_CORRECTION)
        soon_q = Q(due_on__gte=today, due_on__lte=horizon) & ~Q(status=Status.AWAITING_CORRECTION)

        def section(queryset: QuerySet[Application]) -> dict[str, Any]:
            return {
                "rows": rows(queryset.order_by("due_on", "pk")[:WORKBENCH_ROWS]),
                "count": queryset.count(),
            }

        pending_extensions = open_apps.filter(
            extensions__approved_on__isnull=True,
            body__in=Body.objects.restrict(user, "approve").values("pk"),
        ).distinct()
        by_clerk = (
            open_apps.values("handler", "handler__username", "handler__first_name")
            .annotate(
                total=Count("pk"),
                overdue=Count("pk", filter=overdue_q),
                due_soon=Count("pk", filter=soon_q),
                waiting=Count("pk", filter=Q(status=Status.AWAITING_CORRECTION)),
            )
            .order_by("-overdue", "-due_soon", "handler__username")
        )
        reminders = (
            Reminder.objects.restrict(user)
            .filter(sent_on__gte=today - timedelta(days=REMINDER_DAYS))
            .select_related("application", "application__body")
            .order_by("-sent_on", "due_on", "pk")
        )
        context.update(
            today=today,
            horizon=horizon,
            reminders={
                "rows": list(reminders[:WORKBENCH_ROWS]),
                "count": reminders.count(),
                "days": REMINDER_DAYS,
            },
            several_bodies=Body.objects.restrict(user).count() > 1,
            overdue=section(running.filter(due_on__lt=today)),
            due_soon=section(running.filter(due_on__gte=today, due_on__lte=horizon)),
            waiting_correction=section(open_apps.filter(status=Status.AWAITING_CORRECTION)),
            consulting=section(open_apps.filter(status=Status.CONSULTING)),
            awaiting_payment=section(open_apps.filter(status=Status.AWAITING_PAYMENT)),
            pending_extensions=section(pending_extensions),
            by_clerk=list(by_clerk),
            open_count=open_apps.count(),
            can_register=Body.objects.restrict(user, "change").exists(),
            online_pending=OnlineRequest.objects.restrict(user, "change")
            .filter(status=OnlineRequestStatus.PENDING)
            .count(),
        )
        return context


# =============================================================================================
# List
# =============================================================================================


class ApplicationListView(LoginRequiredMixin, TemplateView):
    """/applications/: filters, search, a sortable paginated table."""

    template_name = "applications/list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        queryset = restricted_applications(self.request)
        filterset = ApplicationFilterSet(self.request.GET, queryset=queryset, request=self.request)
        filtered = filterset.qs if filterset.is_valid() else queryset.none()
        several_bodies = Body.objects.restrict(self.request.user).count() > 1
        table = ApplicationTable(
            filtered,
            today=timezone.localdate(),
            calendar=load_calendar(),
            exclude=() if several_bodies else ("body",),
        )
        tables.RequestConfig(self.request, paginate={"per_page": PER_PAGE}).configure(table)
        query = self.request.GET.copy()
        query.pop("page", None)
        sort_query = query.copy()
        sort_query.pop("sort", None)
        context.update(
            filterset=filterset,
            sort_querystring=sort_query.urlencode(),
            table=table,
            total=filtered.count(),
            querystring=query.urlencode(),
            can_register=Body.objects.restrict(self.request.user, "change").exists(),
        )
        return context


# =============================================================================================
# Registration
# =============================================================================================


def _apply_action_error(form: Any, exc: ActionError, aliases: dict[str, str] | None = None) -> None:
    """Put an action's Chinese errors on the form's fields (or on the form as a whole)."""
    aliases = aliases or {}
    placed = False
    for name, errors in exc.field_errors.items():
        field = aliases.get(name, name)
        if field in form.fields:
            for error in errors:
                form.add_error(field, error)
            placed = True
    if not placed:
        form.add_error(None, exc.message)


class ApplicationCreateView(LoginRequiredMixin, _RegistrationFormView):
    """/applications/new/: registration by a 经办人/审核人/管理员 of a body."""

    template_name = "applications/register.html"
    form_class = ApplicationRegistrationForm

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if (
            request.user.is_authenticated
            and not Body.objects.restrict(request.user, "change").exists()
        ):
            raise PermissionDenied(_("您不是任何机关的经办人、审核人或管理员，不能登记申请。"))
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form: ApplicationRegistrationForm) -> HttpResponse:
        try:
            app = register_application(
                self.request.user, form.cleaned_data["body"], **form.action_fields()
            )
        except ActionPermissionError as exc:
            raise PermissionDenied(exc.message) from exc
        except ActionError as exc:
            _apply_action_error(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("已登记申请 %(number)s。") % {"number": app.number})
        return redirect("applications:detail", pk=app.pk)


# =============================================================================================
# The case page
# =============================================================================================


class ApplicationDetailView(LoginRequiredMixin, TemplateView):
    """/applications/<pk>/: header, deadline and trace, timeline, next actions, audit trail."""

    template_name = "applications/detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        app = get_object_or_404(
            restricted_applications(self.request).prefetch_related(
                "events__by",
                "consultations",
                "extensions__requested_by",
                "extensions__approved_by",
                "fee_notices",
                "review_cases",
            ),
            pk=self.kwargs["pk"],
        )
        today = timezone.localdate()
        operations = [
            OperationButton(
                op,
                str(OP_LABELS[op]),
                reverse("applications:action", kwargs={"pk": app.pk, "op": op.value}),
                op in _PRIMARY_OPS,
            )
            for op in next_operations(user, app)
        ]
        events = [(event, event_details(event)) for event in app.events.all()]
        context.update(
            app=app,
            status_badge=STATUS_BADGES.get(app.status, "text-bg-light"),
            deadline=deadline_badge(app, today, load_calendar()),
            id_number=masked_id_number(app, user),
            outcome_label=outcome_label(app.outcome) if app.outcome in OUTCOME_KEYS else "",
            events=events,
            # 条例第三十条: the notice deadline matters only until a notice has gone out.
            show_notice_due=app.is_open
            and not any(e.kind == EventKind.CORRECTION_REQUESTED for e in app.events.all()),
            operations=operations,
            can_change=user_can(user, "change", app),
            history=history_rows(app),
            review_cases=list(app.review_cases.all()),
        )
        return context


class ApplicationActionView(LoginRequiredMixin, _ActionFormView):
    """/applications/<pk>/actions/<op>/: the form of one action; POST performs it."""

    template_name = "applications/action.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.application = get_application(request, kwargs["pk"])
        try:
            self.op = Op(kwargs["op"])
        except ValueError:
            raise Http404(_("没有这个办理操作。")) from None
        if not user_can(request.user, "change", self.application):
            raise PermissionDenied(_("您只能查看这件申请，不能办理。"))
        if self.op is Op.APPROVE_EXTENSION and not user_can(
            request.user, "approve", self.application
        ):
            raise PermissionDenied(_("只有审核人（机关负责人）可以批准延期。"))
        if self.op is Op.SET_REASONABLE_DEADLINE and not user_can(
            request.user, "approve", self.application
        ):
            raise PermissionDenied(_("只有审核人或管理员可以确定合理答复期限。"))
        if request.method == "GET" and self.op not in next_operations(
            request.user, self.application
        ):
            messages.warning(
                request,
                _("申请当前状态为“%(status)s”，现在不能%(op)s。")
                % {"status": self.application.get_status_display(), "op": OP_LABELS[self.op]},
            )
            return redirect("applications:detail", pk=self.application.pk)
        return super().dispatch(request, *args, **kwargs)

    def get_form_class(self) -> type[ActionForm]:
        return ACTION_FORMS[self.op]

    def get_form_kwargs(self) -> dict[str, Any]:
        return {
            **super().get_form_kwargs(),
            "application": self.application,
            "user": self.request.user,
        }

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        app = self.application
        context.update(
            app=app,
            op_label=OP_LABELS[self.op],
            status_badge=STATUS_BADGES.get(app.status, "text-bg-light"),
            deadline=deadline_badge(app, timezone.localdate(), load_calendar()),
        )
        return context

    def form_valid(self, form: ActionForm) -> HttpResponse:
        try:
            app = form.perform()
        except ActionPermissionError as exc:
            raise PermissionDenied(exc.message) from exc
        except ConcurrentEditError as exc:
            form.add_error(None, exc.message)
            return self.render_to_response(self.get_context_data(form=form, conflict=True))
        except ActionError as exc:
            _apply_action_error(form, exc, {"delivery_way": "way"})
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("已%(op)s。答复期限：%(due)s。")
            % {
                "op": OP_LABELS[self.op],
                "due": app.due_on.isoformat() if app.due_on else "—",
            },
        )
        return redirect("applications:detail", pk=app.pk)
