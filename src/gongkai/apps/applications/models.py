"""Applications for disclosure (依申请公开) and the dated facts their deadline derives from.

An :class:`Application` is changed only through :mod:`gongkai.apps.applications.actions`; each
action writes an :class:`ApplicationEvent`. The deadline fields (``due_on`` …) are derived data,
recomputed from the events and the calendar (:func:`services.refresh_deadline`) whenever one of
them changes. ``version`` guards against lost updates (optimistic locking).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import ClassVar

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gongkai.apps.applications.choices import (
    CONCLUDED_STATUSES,
    DUE_SOON_WORKING_DAYS,
    OPEN_STATUSES,
    RUNNING_STATUSES,
    ApplicantTypeChoice,
    Channel,
    ConsultationKind,
    DeliveryWay,
    EventKind,
    FeeMethod,
    IdType,
    InformationForm,
    NotificationChannel,
    NotificationStatus,
    ReminderKind,
    Status,
    outcome_field_choices,
)
from gongkai.apps.orgs.models import Body
from gongkai.domain.applications.deadline import is_overdue, is_replied_late
from gongkai.kernel.permissions import RestrictedQuerySet

__all__ = [
    "APPLICANT_FIELDS",
    "Application",
    "ApplicationEvent",
    "ApplicationQuerySet",
    "Consultation",
    "Extension",
    "FeeNotice",
    "Notification",
    "NotificationQuerySet",
    "Reminder",
]


# The applicant's data an application holds (条例第二十九条): what staff register and what an
# online request carries, copied as is onto the Application when the body confirms it.
APPLICANT_FIELDS: tuple[str, ...] = (
    "applicant_type",
    "applicant_name",
    "id_type",
    "id_number",
    "phone",
    "email",
    "address",
    "postcode",
    "content",
    "requested_form",
    "requested_delivery",
)


class ApplicationQuerySet(RestrictedQuerySet["Application"]):
    """The words of the workflow, each defined once, used by the workbench, the list filters,
    the badges and the daily run alike (:meth:`Application.is_overdue` is the same reading
    for one application)."""

    def open(self) -> ApplicationQuerySet:
        """Not yet replied (条例第三十三条: the reply is what ends the period)."""
        return self.filter(status__in=OPEN_STATUSES)

    def concluded(self) -> ApplicationQuerySet:
        return self.filter(status__in=CONCLUDED_STATUSES)

    def awaiting_correction(self) -> ApplicationQuerySet:
        """Waiting for the applicant's 补正: the reply period stops (条例第三十条)."""
        return self.filter(status=Status.AWAITING_CORRECTION)

    def running(self) -> ApplicationQuerySet:
        """Open with the reply period running (not waiting for a 补正)."""
        return self.filter(status__in=RUNNING_STATUSES)

    def overdue(self, today: date) -> ApplicationQuerySet:
        """超期: not replied, the period running, the due date passed before ``today``."""
        return self.running().filter(due_on__lt=today)

    def due_soon(self, today: date, days: int = DUE_SOON_WORKING_DAYS) -> ApplicationQuerySet:
        """即将到期: not overdue, due within ``days`` working days after ``today``."""
        from gongkai.apps.workcal.services import load_calendar

        horizon = load_calendar().nth_working_day_after(today, days)
        return self.running().filter(due_on__gte=today, due_on__lte=horizon)

    def extension_pending(self) -> ApplicationQuerySet:
        """延期待批准: open, with an extension requested and not yet approved (条例第三十三条
        第二款: the 审核人 approves). An application without any extension is not one."""
        return self.open().filter(
            pk__in=Extension.objects.filter(approved_on__isnull=True).values("application_id")
        )

    def replied_late(self) -> ApplicationQuerySet:
        """逾期答复: replied after the due date."""
        return self.filter(replied_on__isnull=False, due_on__isnull=False).filter(
            replied_on__gt=models.F("due_on")
        )


class Application(models.Model):
    """One application for government information (条例第二十七条至第四十五条)."""

    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="applications", verbose_name=_("受理机关")
    )
    number = models.CharField(_("申请编号"), max_length=50)
    channel = models.CharField(_("申请方式"), max_length=16, choices=Channel.choices)
    # 条例第三十一条: the receipt date depends on the channel (signed for, confirmed …).
    received_on = models.DateField(_("收到申请日期"), db_index=True)

    # -- the applicant (条例第二十九条) ----------------------------------------------------------
    applicant_type = models.CharField(
        _("申请人类型"), max_length=16, choices=ApplicantTypeChoice.choices
    )
    applicant_name = models.CharField(_("申请人"), max_length=200)
    id_type = models.CharField(_("证件类型"), max_length=16, choices=IdType.choices, blank=True)
    id_number = models.CharField(_("证件号码"), max_length=50, blank=True)
    phone = models.CharField(_("联系电话"), max_length=50, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    address = models.CharField(_("通信地址"), max_length=300, blank=True)
    postcode = models.CharField(_("邮政编码"), max_length=10, blank=True)

    # -- what is asked for --------------------------------------------------------------------
    content = models.TextField(_("申请内容"))
    requested_form = models.CharField(
        _("信息的指定提供载体形式"), max_length=16, choices=InformationForm.choices, blank=True
    )
    requested_delivery = models.CharField(
        _("获取信息的方式"), max_length=16, choices=DeliveryWay.choices, blank=True
    )

    # -- handling -----------------------------------------------------------------------------
    status = models.CharField(
        _("办理状态"), max_length=24, choices=Status.choices, default=Status.REGISTERED
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="handled_applications",
        verbose_name=_("经办人"),
    )
    # 条例第三十五条: a reasonable later date set for an excessive application, notified.
    custom_due_on = models.DateField(_("合理答复期限（条例第三十五条）"), null=True, blank=True)

    # -- the reply (条例第三十六条) ----------------------------------------------------------------
    outcome = models.CharField(
        _("办理结果"), max_length=48, choices=outcome_field_choices, blank=True
    )
    legal_basis = models.CharField(_("法律依据"), max_length=300, blank=True)
    reply_text = models.TextField(_("答复内容"), blank=True)
    # 部分公开 (条例第三十七条): what is not disclosed; the 答复书 states it with the reason.
    withheld = models.TextField(_("不予公开的内容"), blank=True)
    replied_on = models.DateField(_("答复日期"), null=True, blank=True, db_index=True)

    # -- delivery (送达) ----------------------------------------------------------------------
    delivered_on = models.DateField(_("送达日期"), null=True, blank=True)
    delivery_way = models.CharField(
        _("送达方式"), max_length=16, choices=DeliveryWay.choices, blank=True
    )
    delivery_proof = models.CharField(_("送达凭证"), max_length=300, blank=True)

    # -- derived: the deadline (recomputed from events and the calendar) ----------------------
    due_on = models.DateField(_("答复期限"), null=True, blank=True, db_index=True)
    correction_notice_due_on = models.DateField(_("补正告知期限"), null=True, blank=True)
    deadline_provisional = models.BooleanField(
        _("临时期限"),
        default=False,
        help_text=_("期限内有年份尚未录入节假日安排，暂按周一至周五推算。"),
    )
    deadline_trace = models.JSONField(_("期限说明"), default=list, blank=True)

    version = models.PositiveIntegerField(_("版本"), default=1)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = ApplicationQuerySet.as_manager()

    #: Derived from the other fields: its changes are told by ``due_on``.
    AUDIT_EXCLUDE: ClassVar[frozenset[str]] = frozenset({"deadline_trace"})
    #: The applicant's personal data (个人信息保护法): audited without the values.
    AUDIT_PRIVATE: ClassVar[frozenset[str]] = frozenset(
        {"id_number", "phone", "email", "address", "postcode"}
    )

    class Meta:
        verbose_name = _("政府信息公开申请")
        verbose_name_plural = _("政府信息公开申请")
        ordering = ["-received_on", "-pk"]
        indexes = [
            models.Index(fields=["body", "status"], name="application_body_status"),
            models.Index(fields=["body", "received_on"], name="application_body_received"),
            # Covers the annual report's grouping query (reporting.application_groups).
            models.Index(
                fields=["body", "received_on", "replied_on", "applicant_type", "outcome"],
                name="application_report_groups",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "number"],
                name="application_number_unique_per_body",
                violation_error_message=_("本机关已有相同申请编号的申请。"),
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=Status.values),
                name="application_status_known",
                violation_error_message=_("未知的办理状态。"),
            ),
            models.CheckConstraint(
                condition=models.Q(applicant_type__in=ApplicantTypeChoice.values),
                name="application_applicant_type_known",
                violation_error_message=_("未知的申请人类型。"),
            ),
            # A concluded application has an outcome and a reply date; an open one has neither.
            models.CheckConstraint(
                condition=(
                    models.Q(status__in=sorted(OPEN_STATUSES), outcome="", replied_on__isnull=True)
                    | (
                        models.Q(status__in=sorted(CONCLUDED_STATUSES), replied_on__isnull=False)
                        & ~models.Q(outcome="")
                    )
                ),
                name="application_outcome_iff_concluded",
                violation_error_message=_("已答复的申请必须有办理结果和答复日期，未答复的不能有。"),
            ),
            models.CheckConstraint(
                condition=models.Q(replied_on__isnull=True)
                | models.Q(replied_on__gte=models.F("received_on")),
                name="application_reply_after_receipt",
                violation_error_message=_("答复日期不能早于收到申请日期。"),
            ),
            models.CheckConstraint(
                condition=models.Q(version__gte=1),
                name="application_version_positive",
                violation_error_message=_("版本号必须为正数。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.applicant_name}"

    def get_absolute_url(self) -> str:
        return reverse("applications:detail", kwargs={"pk": self.pk})

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def is_overdue(self, today: date) -> bool:
        """:meth:`ApplicationQuerySet.overdue` for this application."""
        if self.due_on is None or self.replied_on is not None:
            return False
        return is_overdue(self.due_on, today, clock_running=self.status in RUNNING_STATUSES)

    @property
    def is_replied_late(self) -> bool:
        """:meth:`ApplicationQuerySet.replied_late` for this application."""
        if self.due_on is None or self.replied_on is None:
            return False
        return is_replied_late(self.due_on, self.replied_on)


# Rows that belong to an application are restricted through its body (policies.py).


class ApplicationEvent(models.Model):
    """A dated statutory fact of an application (``kind`` is a dotted name)."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="events", verbose_name=_("申请")
    )
    kind = models.CharField(_("事项"), max_length=48, choices=EventKind.choices)
    on = models.DateField(_("日期"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("操作人"),
    )
    note = models.TextField(_("说明"), blank=True)
    data = models.JSONField(_("数据"), default=dict, blank=True)
    created_at = models.DateTimeField(_("记录时间"), auto_now_add=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = _("办理记录")
        verbose_name_plural = _("办理记录")
        ordering = ["application", "on", "pk"]
        indexes = [models.Index(fields=["application", "kind"], name="event_application_kind")]

    def __str__(self) -> str:
        return f"{self.on.isoformat()} {self.get_kind_display()}"


class Consultation(models.Model):
    """A written consultation of a third party (条例第三十二条) or another body (第三十四条)."""

    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="consultations",
        verbose_name=_("申请"),
    )
    party = models.CharField(_("征求意见对象"), max_length=200)
    kind = models.CharField(_("类型"), max_length=16, choices=ConsultationKind.choices)
    sent_on = models.DateField(_("发出日期"))
    answered_on = models.DateField(_("答复日期"), null=True, blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = _("征求意见")
        verbose_name_plural = _("征求意见")
        ordering = ["application", "sent_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(answered_on__isnull=True)
                | models.Q(answered_on__gte=models.F("sent_on")),
                name="consultation_answer_after_sending",
                violation_error_message=_("征求意见的答复日期不能早于发出日期。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.party} {self.sent_on.isoformat()}"


class Extension(models.Model):
    """An extension of the reply period (条例第三十三条第二款): ≤ 20 working days, once,
    approved by the office head (审核人)."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="extensions", verbose_name=_("申请")
    )
    days = models.PositiveSmallIntegerField(
        _("延长工作日"), validators=[MinValueValidator(1), MaxValueValidator(20)]
    )
    reason = models.TextField(_("延期理由"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("申请人"),
    )
    requested_on = models.DateField(_("申请日期"))
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("批准人"),
    )
    approved_on = models.DateField(_("批准日期"), null=True, blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = _("延期")
        verbose_name_plural = _("延期")
        ordering = ["application", "requested_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(days__gte=1, days__lte=20),
                name="extension_days_range",
                violation_error_message=_(
                    "延长期限应为 1 至 20 个工作日（条例第三十三条第二款）。"
                ),
            ),
            models.UniqueConstraint(
                fields=["application"],
                condition=models.Q(approved_on__isnull=False),
                name="extension_one_approved_per_application",
                violation_error_message=_("每件申请只能延期一次。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application} +{self.days}"


class FeeNotice(models.Model):
    """A 信息处理费 notice (国办函〔2020〕109号). ``notice_on`` is the day the applicant received
    it: the 20 working days to pay run from the next day."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="fee_notices", verbose_name=_("申请")
    )
    method = models.CharField(_("计收方式"), max_length=16, choices=FeeMethod.choices)
    amount = models.DecimalField(_("金额（元）"), max_digits=10, decimal_places=2)
    pages = models.PositiveIntegerField(_("页数"), null=True, blank=True)
    nth_in_month = models.PositiveIntegerField(_("本月第几件"), null=True, blank=True)
    notice_on = models.DateField(_("收费通知送达日期"))
    paid_on = models.DateField(_("缴费日期"), null=True, blank=True)
    waived = models.BooleanField(_("已减免"), default=False)
    waived_on = models.DateField(_("减免日期"), null=True, blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = _("收费通知")
        verbose_name_plural = _("收费通知")
        ordering = ["application", "notice_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gte=0),
                name="feenotice_amount_nonnegative",
                violation_error_message=_("金额不能为负数。"),
            ),
            models.CheckConstraint(
                condition=~models.Q(paid_on__isnull=False, waived=True),
                name="feenotice_paid_or_waived",
                violation_error_message=_("同一收费通知不能既缴费又减免。"),
            ),
            models.CheckConstraint(
                condition=models.Q(paid_on__isnull=True)
                | models.Q(paid_on__gte=models.F("notice_on")),
                name="feenotice_paid_after_notice",
                violation_error_message=_("缴费日期不能早于收费通知送达日期。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application} {self.amount} 元"

    @property
    def closed_on(self) -> object:
        """The day the fee period ended (payment or waiver), or None while open."""
        return self.paid_on or (self.waived_on if self.waived else None)


class Reminder(models.Model):
    """A deadline reminder sent to the staff of a case (e-mail and the in-app list).

    One row per application, kind and due date: the daily run is idempotent, and a changed
    deadline (extension, calendar) gets its own reminder.
    """

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="reminders", verbose_name=_("申请")
    )
    kind = models.CharField(_("提醒类型"), max_length=16, choices=ReminderKind.choices)
    due_on = models.DateField(_("答复期限"))
    sent_on = models.DateField(_("提醒日期"))
    recipients = models.TextField(_("收件人"), blank=True)
    emailed = models.BooleanField(_("已发送邮件"), default=False)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = _("期限提醒")
        verbose_name_plural = _("期限提醒")
        ordering = ["-sent_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "kind", "due_on"],
                name="reminder_once_per_deadline",
                violation_error_message=_("这条提醒已经发送过。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application} {self.get_kind_display()} {self.sent_on.isoformat()}"


class NotificationQuerySet(RestrictedQuerySet["Notification"]):
    def due(self, now: datetime) -> NotificationQuerySet:
        """Waiting to be (re)sent now: not sent, attempts left, the backoff over."""
        return self.filter(
            status__in=[NotificationStatus.PENDING, NotificationStatus.FAILED],
            attempts__lt=models.F("max_attempts"),
            next_attempt_at__lte=now,
        )

    def failed(self) -> NotificationQuerySet:
        return self.filter(status=NotificationStatus.FAILED)


class Notification(models.Model):
    """The outbox: one message to the applicant about one step of their application.

    Written in the transaction of the step (nothing is lost when the mail server is down),
    sent after the commit, retried with backoff by ``gongkai notifications send`` and the
    daily run (:mod:`gongkai.apps.applications.notifications`)."""

    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("申请"),
    )
    event = models.ForeignKey(
        ApplicationEvent,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="notifications",
        verbose_name=_("办理记录"),
    )
    kind = models.CharField(_("事项"), max_length=48, choices=EventKind.choices)
    channel = models.CharField(_("方式"), max_length=8, choices=NotificationChannel.choices)
    recipient = models.CharField(_("收件人"), max_length=254)
    subject = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("内容"))
    status = models.CharField(
        _("发送状态"),
        max_length=8,
        choices=NotificationStatus.choices,
        default=NotificationStatus.PENDING,
    )
    attempts = models.PositiveSmallIntegerField(_("尝试次数"), default=0)
    max_attempts = models.PositiveSmallIntegerField(_("最多尝试次数"), default=8)
    next_attempt_at = models.DateTimeField(_("下次尝试时间"), db_index=True)
    last_error = models.CharField(_("最近一次错误"), max_length=500, blank=True)
    sent_at = models.DateTimeField(_("发送时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    objects = NotificationQuerySet.as_manager()

    AUDIT_PRIVATE: ClassVar[frozenset[str]] = frozenset({"recipient"})

    class Meta:
        verbose_name = _("申请人通知")
        verbose_name_plural = _("申请人通知")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=NotificationStatus.values),
                name="notification_status_known",
                violation_error_message=_("未知的发送状态。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application} {self.get_kind_display()} {self.get_channel_display()}"
