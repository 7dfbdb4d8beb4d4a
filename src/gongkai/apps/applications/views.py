"""Staff pages of 依申请公开: the 工作台, the application list, the case page, registration and
the operation forms — each a generic view of :mod:`gongkai.kernel.views`.

Every query starts from the application policy (another body's application is a 404); what a
user may do is asked of the policy and of the transition table
(:func:`gongkai.apps.applications.actions.allowed_operations`); every change is an action.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.contrib import messages
from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.apps.applications.actions import (
    APPROVER_OPS,
    OP_LABELS,
    Op,
    allowed_operations,
    register_application,
)
from gongkai.apps.applications.choices import EventKind, NotificationStatus, Status
from gongkai.apps.applications.filtersets import ApplicationFilterSet, NotificationFilterSet
from gongkai.apps.applications.forms import ACTION_FORMS, ApplicationRegistrationForm, ReplyForm
from gongkai.apps.applications.models import (
    Application,
    ApplicationEvent,
    Notification,
    Reminder,
)
from gongkai.apps.applications.services import masked_id_number, pending_lapse
from gongkai.apps.applications.tables import (
    NOTIFICATION_BADGES,
    STATUS_BADGES,
    ApplicationTable,
    ClerkLoadTable,
    NotificationTable,
    ReminderTable,
    WorkbenchTable,
    deadline_badge,
)
from gongkai.apps.orgs.models import Body
from gongkai.apps.workcal.services import load_calendar
from gongkai.domain.applications.outcomes import OUTCOME_KEYS, outcome_label
from gongkai.kernel.params import parse_choice
from gongkai.kernel.permissions import policy_for, user_can
from gongkai.kernel.urls import Routes
from gongkai.kernel.views import (
    ActionSpec,
    Button,
    ObjectActionView,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    PageView,
)

__all__ = [
    "WORKBENCH_ROWS",
    "WORKBENCH_SECTIONS",
    "ApplicationActionView",
    "ApplicationCreateView",
    "ApplicationDetailView",
    "ApplicationListView",
    "NotificationListView",
    "WorkbenchRows",
    "WorkbenchSection",
    "WorkbenchSource",
    "WorkbenchView",
    "event_details",
    "next_operations",
    "register_workbench_source",
]

routes = Routes("applications")

WORKBENCH_ROWS = 50
REMINDER_DAYS = 30  # the 工作台 lists the reminders of the last 30 days

# Buttons that finish a step (the primary colour); the others are outlined.
_PRIMARY_OPS = frozenset({Op.REPLY, Op.RECORD_CORRECTION, Op.APPROVE_EXTENSION, Op.RECORD_DELIVERY})


@dataclass(frozen=True)
class OperationButton:
    op: Op
    label: str
    url: str
    primary: bool


def _preconditions_met(op: Op, app: Application) -> bool:
    """Whether the button makes sense now (the action checks again and has the last word)."""
    events = {e.kind for e in app.events.all()}
    if op is Op.REQUEST_CORRECTION:
        return EventKind.CORRECTION_REQUESTED not in events
    if op is Op.RECORD_CONSULTATION_ANSWER:
        return any(c.answered_on is None for c in app.consultations.all())
    if op is Op.REQUEST_EXTENSION:
        return not any(True for _e in app.extensions.all())
    if op is Op.APPROVE_EXTENSION:
        return any(e.approved_on is None for e in app.extensions.all())
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


_EVENT_FLAGS = {
    "late": gettext_lazy("超过期限办理"),
    "overdue": gettext_lazy("逾期答复"),
}


def event_details(event: ApplicationEvent) -> list[str]:
    """The notable data of an event, in words."""
    data = event.data or {}
    details = []
    if data.get("days"):
        details.append(_("%(days)s 个工作日") % {"days": data["days"]})
    if data.get("period_days"):
        details.append(_("补正期限：%(days)s 个工作日") % {"days": data["period_days"]})
    if data.get("late_reason"):
        details.append(_("超过期限的原因：%(reason)s") % {"reason": data["late_reason"]})
    if data.get("party"):
        details.append(_("对象：%(party)s") % {"party": data["party"]})
    if data.get("amount"):
        details.append(_("金额：%(amount)s 元") % {"amount": data["amount"]})
    if event.kind == EventKind.REASONABLE_DEADLINE and data.get("due_on"):
        details.append(_("合理答复期限：%(due)s") % {"due": data["due_on"]})
        if data.get("statutory_due"):
            details.append(_("法定答复期限：%(due)s") % {"due": data["statutory_due"]})
    if event.kind == EventKind.LETTER and data.get("number"):
        details.append(_("文号：%(number)s") % {"number": data["number"]})
    if event.kind == EventKind.ASSIGN and data.get("handler_name"):
        details.append(_("经办人：%(name)s") % {"name": data["handler_name"]})
    outcome = data.get("outcome")
    if outcome in OUTCOME_KEYS:
        details.append(_("结果：%(outcome)s") % {"outcome": outcome_label(outcome)})
    return details


# =============================================================================================
# 工作台
# =============================================================================================


@dataclass(frozen=True)
class WorkbenchSection:
    """A section of the 工作台 and its counter above: ``name`` (the test ids ``section-<name>``
    and ``count-<name>``), ``anchor`` (the counter links to it), ``tone`` (the colour of its
    header and badge), ``column`` (its width); an ``optional`` one is shown only when it holds
    something, and has no counter."""

    name: str
    anchor: str
    title: Any
    empty: Any
    tone: str = ""
    column: str = "col-lg-6 col-xxl-4"
    optional: bool = False
    #: Rows another app gives (an app above this one: the annual reports): the section is
    #: filled by the source registered under its ``name`` (:func:`register_workbench_source`),
    #: and left out when none is.
    external: bool = False


@dataclass(frozen=True)
class WorkbenchRows:
    """What the source of an external section gives: a django-tables2 ``table`` of at most
    :data:`WORKBENCH_ROWS` rows and the ``count`` of all (the badge; "显示前 N 件，共 M 件")."""

    table: Any
    count: int


#: ``source(user, today, empty_text) -> WorkbenchRows``: the rows of an external section.
WorkbenchSource = Callable[[Any, date, Any], WorkbenchRows]
_SOURCES: dict[str, WorkbenchSource] = {}


def register_workbench_source(name: str, source: WorkbenchSource) -> None:
    """Fill the external section ``name`` of :data:`WORKBENCH_SECTIONS` (called by the app
    that owns its rows, in its ``ready()``)."""
    if not any(s.name == name and s.external for s in WORKBENCH_SECTIONS):
        raise ValueError(f"工作台没有名为 {name} 的外部栏目")
    _SOURCES[name] = source


WORKBENCH_SECTIONS = (
    WorkbenchSection(
        "overdue",
        "overdue",
        gettext_lazy("已超期"),
        gettext_lazy("没有超期的申请。"),
        tone="danger",
        column="col-xl-6",
    ),
    WorkbenchSection(
        "due-soon",
        "due-soon",
        gettext_lazy("3 个工作日内到期"),
        gettext_lazy("近期没有到期的申请。"),
        tone="warning",
        column="col-xl-6",
    ),
    WorkbenchSection(
        "extensions",
        "pending-extensions",
        gettext_lazy("待我批准的延期"),
        "",
        tone="primary",
        column="col-12",
        optional=True,
    ),
    WorkbenchSection(
        "correction",
        "waiting-correction",
        gettext_lazy("待补正"),
        gettext_lazy("没有等待补正的申请。"),
    ),
    WorkbenchSection(
        "consulting",
        "consulting",
        gettext_lazy("征求意见中"),
        gettext_lazy("没有正在征求意见的申请。"),
    ),
    WorkbenchSection(
        "payment", "awaiting-payment", gettext_lazy("待缴费"), gettext_lazy("没有等待缴费的申请。")
    ),
    # The annual reports the user reviews or compiles (条例第四十九条; rows from the reports
    # app).
    WorkbenchSection(
        "reports-to-review",
        "reports-to-review",
        gettext_lazy("待我审核的年报"),
        "",
        tone="primary",
        column="col-12",
        optional=True,
        external=True,
    ),
    WorkbenchSection(
        "reports-returned",
        "reports-returned",
        gettext_lazy("退回修改的年报"),
        "",
        tone="warning",
        column="col-12",
        optional=True,
        external=True,
    ),
    WorkbenchSection(
        "reports-overdue",
        "reports-overdue",
        gettext_lazy("逾期未提交的年报"),
        "",
        tone="danger",
        column="col-12",
        optional=True,
        external=True,
    ),
    WorkbenchSection(
        "reports-due-soon",
        "reports-due-soon",
        gettext_lazy("30 天内到期的年报"),
        "",
        tone="warning",
        column="col-12",
        optional=True,
        external=True,
    ),
    # 意见征集 whose feedback is overdue or due within 5 working days, 规范性文件 without a
    # published 解读 (rows from the reports app, above the engagement and catalog apps).
    WorkbenchSection(
        "consultations-overdue",
        "consultations-overdue",
        gettext_lazy("意见反馈逾期"),
        "",
        tone="danger",
        column="col-12",
        optional=True,
        external=True,
    ),
    WorkbenchSection(
        "consultations-due-soon",
        "consultations-due-soon",
        gettext_lazy("意见反馈将到期（5 个工作日内）"),
        "",
        tone="warning",
        column="col-12",
        optional=True,
        external=True,
    ),
    WorkbenchSection(
        "interpretations-missing",
        "interpretations-missing",
        gettext_lazy("规范性文件待解读"),
        "",
        tone="warning",
        column="col-12",
        optional=True,
        external=True,
    ),
    # The published 考核 of the user's bodies by their superiors (rows from the assessment app).
    WorkbenchSection(
        "assessments-published",
        "assessments-published",
        gettext_lazy("考核结果已发布"),
        "",
        tone="primary",
        column="col-12",
        optional=True,
        external=True,
    ),
)


class WorkbenchView(PageView):
    """The user's work: due within 3 working days, overdue, waiting, open cases by clerk.

    "超期" and "即将到期" are the model's words (``Application.objects.overdue`` / ``due_soon``),
    the same as the list filter's, the badges' and the daily reminders'. The sections are
    :data:`WORKBENCH_SECTIONS`.
    """

    template_name = "applications/workbench.html"
    title = gettext_lazy("工作台")

    def _external(self, spec: WorkbenchSection) -> dict[str, Any] | None:
        source = _SOURCES.get(spec.name)
        if source is None:
            return None
        rows = source(self.request.user, self.today, spec.empty)
        return {
            **vars(spec),
            "table": rows.table,
            "count": rows.count,
            "shown": len(rows.table.rows),
        }

    def _section(
        self, spec: WorkbenchSection, queryset: QuerySet[Application], *, several_bodies: bool
    ) -> dict[str, Any]:
        rows = list(
            queryset.select_related("body", "handler").order_by("due_on", "pk")[:WORKBENCH_ROWS]
        )
        table = WorkbenchTable(
            rows,
            today=self.today,
            calendar=self.calendar,
            exclude=() if several_bodies else ("body",),
            empty_text=spec.empty,
        )
        return {**vars(spec), "table": table, "count": queryset.count(), "shown": len(rows)}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        self.today = timezone.localdate()
        self.calendar = load_calendar()
        apps = Application.objects.restrict(user)
        open_apps = apps.open()
        several = Body.objects.restrict(user).count() > 1
        overdue = apps.overdue(self.today)
        due_soon = apps.due_soon(self.today)
        queries = {
            "overdue": overdue,
            "due-soon": due_soon,
            "extensions": apps.extension_pending().filter(
                body__in=Body.objects.restrict(user, "approve").values("pk")
            ),
            "correction": open_apps.awaiting_correction(),
            "consulting": open_apps.filter(status=Status.CONSULTING),
            "payment": open_apps.filter(status=Status.AWAITING_PAYMENT),
        }
        by_clerk = (
            open_apps.values("handler", "handler__username", "handler__first_name")
            .annotate(
                total=Count("pk"),
                overdue=Count("pk", filter=Q(pk__in=overdue.values("pk"))),
                due_soon=Count("pk", filter=Q(pk__in=due_soon.values("pk"))),
                waiting=Count("pk", filter=Q(status=Status.AWAITING_CORRECTION)),
            )
            .order_by("-overdue", "-due_soon", "handler__username")
        )
        reminders = (
            Reminder.objects.restrict(user)
            .filter(sent_on__gte=self.today - timedelta(days=REMINDER_DAYS))
            .select_related("application", "application__body")
            .order_by("-sent_on", "due_on", "pk")
        )
        context.update(
            today=self.today,
            horizon=self.calendar.nth_working_day_after(self.today, 3),
            reminders={
                "table": ReminderTable(list(reminders[:WORKBENCH_ROWS])),
                "count": reminders.count(),
                "days": REMINDER_DAYS,
            },
            several_bodies=several,
            sections=[
                section
                for spec in WORKBENCH_SECTIONS
                if (
                    section := self._external(spec)
                    if spec.external
                    else self._section(spec, queries[spec.name], several_bodies=several)
                )
            ],
            by_clerk=ClerkLoadTable(list(by_clerk)),
            open_count=open_apps.count(),
            can_register=policy_for(Application).user_has_permission(user, "change"),
        )
        return context


# =============================================================================================
# List, registration, case page, operations
# =============================================================================================


@routes("", "list")
class ApplicationListView(ObjectListView):
    """/applications/: filters, search, a sortable paginated table."""

    queryset = Application.objects.select_related("body", "handler")
    table = ApplicationTable
    filterset = ApplicationFilterSet
    title = gettext_lazy("依申请公开")

    def get_table_kwargs(self) -> dict[str, Any]:
        several = Body.objects.restrict(self.request.user).count() > 1
        return {
            "today": timezone.localdate(),
            "calendar": load_calendar(),
            "exclude": () if several else ("body",),
        }

    def get_buttons(self) -> list[Button]:
        buttons = [
            Button(_("工作台"), reverse("workbench")),
            Button(_("通知申请人"), reverse("applications:notifications")),
        ]
        if self.policy.user_has_permission(self.request.user, "change"):
            buttons.append(Button(_("登记申请"), reverse("applications:new"), primary=True))
        return buttons


@routes("notifications/", "notifications")
class NotificationListView(ObjectListView):
    """/applications/notifications/: every notification to the applicants of the user's
    bodies — sent, waiting for a retry, failed — with the attempts and the last error."""

    queryset = Notification.objects.select_related("application")
    table = NotificationTable
    filterset = NotificationFilterSet
    title = gettext_lazy("通知申请人")


@routes("new/", "new")
class ApplicationCreateView(ObjectEditView):
    """/applications/new/: registration by a 经办人/审核人/管理员 of a body."""

    queryset = Application.objects.all()
    form_class = ApplicationRegistrationForm
    template_name = "applications/register.html"
    title = gettext_lazy("登记申请")
    denied = gettext_lazy("您不是任何机关的经办人、审核人或管理员，不能登记申请。")

    def save(self, form: ApplicationRegistrationForm) -> Application:
        return register_application(
            form.cleaned_data["body"], acting_user=self.request.user, **form.action_fields()
        )

    def success_message(self, obj: Application) -> str:
        return _("已登记申请 %(number)s。") % {"number": obj.number}


@routes("<int:pk>/", "detail")
class ApplicationDetailView(ObjectDetailView):
    """/applications/<pk>/: header, deadline and trace, timeline, next actions, audit trail."""

    queryset = Application.objects.select_related("body", "handler").prefetch_related(
        "events__by",
        "consultations",
        "extensions__requested_by",
        "extensions__approved_by",
        "fee_notices",
        "review_cases",
    )
    template_name = "applications/detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        app: Application = self.object
        user = self.request.user
        operations = [
            OperationButton(
                op,
                str(OP_LABELS[op]),
                reverse("applications:action", kwargs={"pk": app.pk, "op": op.value}),
                op in _PRIMARY_OPS,
            )
            for op in next_operations(user, app)
        ]
        events = list(app.events.all())
        context.update(
            app=app,
            title=_("申请 %(number)s") % {"number": app.number},
            status_badge=STATUS_BADGES.get(app.status, "text-bg-light"),
            deadline=deadline_badge(app, timezone.localdate(), load_calendar()),
            id_number=masked_id_number(app, user),
            outcome_label=outcome_label(app.outcome) if app.outcome in OUTCOME_KEYS else "",
            events=[(event, event_details(event)) for event in events],
            # 条例第三十条: the notice deadline matters only until a notice has gone out.
            show_notice_due=app.is_open
            and not any(e.kind == EventKind.CORRECTION_REQUESTED for e in events),
            operations=operations,
            review_cases=list(app.review_cases.all()),
            lapse=pending_lapse(app),
            notifications=[
                (n, NOTIFICATION_BADGES.get(n.status, ""))
                for n in app.notifications.order_by("-created_at", "-pk")
            ],
        )
        return context


@routes("<int:pk>/actions/<slug:op>/", "action")
class ApplicationActionView(ObjectActionView):
    """/applications/<pk>/actions/<op>/: the form of one operation; POST performs it."""

    queryset = Application.objects.select_related("body", "handler")
    summary_template = "applications/_summary.html"
    operations = {
        op.value: ActionSpec(
            OP_LABELS[op],
            form,
            permission="approve" if op in APPROVER_OPS else "change",
            denied=gettext_lazy("只有审核人（机关负责人）可以批准延期。")
            if op is Op.APPROVE_EXTENSION
            else gettext_lazy("只有审核人或管理员可以确定合理答复期限。")
            if op is Op.SET_REASONABLE_DEADLINE
            else gettext_lazy("您只能查看这件申请，不能办理。"),
        )
        for op, form in ACTION_FORMS.items()
    }
    error_aliases = {"delivery_way": "way"}

    def available(self, op: str, obj: Application) -> bool:
        return Op(op) in next_operations(self.request.user, obj)

    def state_message(self, op: str, obj: Application) -> str:
        return _("申请当前状态为“%(status)s”，现在不能%(op)s。") % {
            "status": obj.get_status_display(),
            "op": OP_LABELS[Op(op)],
        }

    def save(self, form: Any) -> Any:
        before = self.object.notifications.order_by("-pk").values_list("pk", flat=True).first()
        saved = super().save(form)
        # The step's notifications to the applicant, already attempted once it committed.
        self.told = list(saved.notifications.filter(pk__gt=before or 0).order_by("pk"))
        return saved

    def success_message(self, obj: Application) -> str:
        message = _("已%(op)s。答复期限：%(due)s。") % {
            "op": OP_LABELS[Op(self.op)],
            "due": obj.due_on.isoformat() if obj.due_on else "—",
        }
        if Op(self.op) is Op.REQUEST_CORRECTION and obj.correction_notice_due_on is not None:
            notice = obj.events.filter(kind=EventKind.CORRECTION_REQUESTED).first()
            if notice is not None and notice.on > obj.correction_notice_due_on:
                messages.warning(
                    self.request,
                    _(
                        "补正告知日期 %(on)s 晚于补正告知期限 %(due)s（条例第三十条），"
                        "超过期限的原因已记入办理记录。"
                    )
                    % {
                        "on": notice.on.isoformat(),
                        "due": obj.correction_notice_due_on.isoformat(),
                    },
                )
        told = getattr(self, "told", [])
        failed = [n for n in told if n.status == NotificationStatus.FAILED]
        sent = [n for n in told if n.status == NotificationStatus.SENT]
        if failed:
            messages.warning(
                self.request,
                _(
                    "通知申请人的%(channel)s未能发出（%(error)s），已保存，系统将自动重试；"
                    "发送情况见本申请的“通知申请人”。"
                )
                % {"channel": failed[0].get_channel_display(), "error": failed[0].last_error},
            )
        if sent:
            message += _("已通知申请人（%(channels)s）。") % {
                "channels": "、".join(str(n.get_channel_display()) for n in sent)
            }
        elif told and not failed:
            message += _("给申请人的通知已保存，待发送。")
        return message

    def get_initial(self) -> dict[str, Any]:
        """登记答复 with ``?outcome=<key>`` (the help list's links, without JavaScript): the
        outcome's legal basis and standard wording filled in."""
        initial = dict(super().get_initial())
        outcome = parse_choice(self.request.GET.get("outcome"), OUTCOME_KEYS)
        if Op(self.op) is Op.REPLY and outcome:
            initial.update(ReplyForm.preset(outcome))
        return initial

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        app: Application = self.object
        context.update(
            app=app,
            status_badge=STATUS_BADGES.get(app.status, "text-bg-light"),
            deadline=deadline_badge(app, timezone.localdate(), load_calendar()),
        )
        return context
