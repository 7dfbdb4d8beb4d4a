"""Leaders' mailbox messages and NPC suggestions / CPPCC proposals a body handles.

The annual report narrates them (counts, replies, completion rate, publication); see
:mod:`gongkai.domain.stats.engagement` for the counting. Both are changed only through
:mod:`gongkai.apps.engagement.actions`; ``version`` guards against lost updates (optimistic
locking).
"""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar, Self, TypeVar

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gongkai.apps.engagement.choices import Decision, PeriodStatus, ProposalKind, ReplyState
from gongkai.apps.engagement.drafts import draft_path, draft_storage
from gongkai.apps.orgs.models import Body
from gongkai.domain import consultation as rules
from gongkai.domain.workdays.calendar import WorkingCalendar
from gongkai.kernel.permissions import RestrictedQuerySet

__all__ = [
    "Comment",
    "CommentQuerySet",
    "Consultation",
    "ConsultationQuerySet",
    "EngagementQuerySet",
    "EngagementRecord",
    "MailboxMessage",
    "MailboxMessageQuerySet",
    "Proposal",
    "ProposalQuerySet",
]

_R = TypeVar("_R", bound="EngagementRecord")


class EngagementQuerySet(RestrictedQuerySet[_R]):
    """The words of the registers, each defined once (the list filters, the year summary above
    the lists and the annual report use them alike)."""

    def in_state(self, state: str) -> Self:
        """The rows in ``state`` today: 未答复, 已答复 (not yet made public) or 已公开 — the
        three exclude each other (:attr:`EngagementRecord.reply_state` for one row)."""
        if state == ReplyState.PENDING:
            return self.filter(replied_on__isnull=True)
        if state == ReplyState.REPLIED:
            return self.filter(replied_on__isnull=False, published_on__isnull=True)
        if state == ReplyState.PUBLISHED:
            return self.filter(published_on__isnull=False)
        raise ValueError(f"unknown state {state!r}")

    def of_year(self, year: int) -> Self:
        """The items of ``year``'s annual report: received (交办) in ``year``."""
        start = self.model.START_FIELD
        return self.filter(
            **{f"{start}__gte": date(year, 1, 1), f"{start}__lte": date(year, 12, 31)}
        )


class MailboxMessageQuerySet(EngagementQuerySet["MailboxMessage"]):
    pass


class ProposalQuerySet(EngagementQuerySet["Proposal"]):
    pass


class EngagementRecord(models.Model):
    """What a message and a proposal share: the reply, its publication, the version."""

    #: The date an item arrives at the body (收到 / 交办): it places the item in a year.
    START_FIELD: ClassVar[str]

    replied_on = models.DateField(_("答复日期"), null=True, blank=True)
    reply = models.TextField(_("答复内容"), blank=True)
    published_on = models.DateField(_("公开日期"), null=True, blank=True)
    version = models.PositiveIntegerField(_("版本"), default=1)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        abstract = True

    @property
    def start_date(self) -> date:
        value: date = getattr(self, self.START_FIELD)
        return value

    @property
    def start_label(self) -> str:
        """The name of :attr:`START_FIELD` (收到日期 / 交办日期)."""
        return str(self._meta.get_field(self.START_FIELD).verbose_name)  # type: ignore[union-attr]

    @property
    def reply_state(self) -> ReplyState:
        """Where the item stands today (the reading of :meth:`EngagementQuerySet.in_state`)."""
        if self.published_on is not None:
            return ReplyState.PUBLISHED
        if self.replied_on is not None:
            return ReplyState.REPLIED
        return ReplyState.PENDING


def _reply_constraints(
    prefix: str, start_field: str, *, not_before: Any, published: Any
) -> list[models.BaseConstraint]:
    """The order of the dates: a reply not before the item arrived (``start_field``), a
    publication only of a reply and not before it."""
    return [
        models.CheckConstraint(
            condition=models.Q(replied_on__isnull=True)
            | models.Q(replied_on__gte=models.F(start_field)),
            name=f"{prefix}_replied_not_before_{start_field.removesuffix('_on')}",
            violation_error_message=not_before,
        ),
        models.CheckConstraint(
            condition=models.Q(published_on__isnull=True)
            | models.Q(replied_on__isnull=False, published_on__gte=models.F("replied_on")),
            name=f"{prefix}_published_after_reply",
            violation_error_message=published,
        ),
    ]


class MailboxMessage(EngagementRecord):
    """A message to a leaders' mailbox (县长信箱, 领导留言板 …) forwarded to the body, with its
    reply and whether the reply was published."""

    START_FIELD = "received_on"

    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="mailbox_messages", verbose_name=_("机关")
    )
    mailbox = models.CharField(_("信箱"), max_length=100, default="县长信箱")
    received_on = models.DateField(_("收到日期"), db_index=True)
    subject = models.CharField(_("主题"), max_length=300)
    content = models.TextField(_("内容"), blank=True)

    objects = MailboxMessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("信箱来信")
        verbose_name_plural = _("信箱来信")
        ordering = ["-received_on", "-pk"]
        indexes = [models.Index(fields=["body", "received_on"], name="mailbox_body_date")]
        constraints = _reply_constraints(
            "mailbox",
            "received_on",
            not_before=_("答复日期不能早于收到日期。"),
            published=_("只能公开已答复的来信，公开日期不能早于答复日期。"),
        )

    def __str__(self) -> str:
        return f"{self.mailbox}：{self.subject}（{self.received_on}）"

    def get_absolute_url(self) -> str:
        return reverse("engagement:mailbox_detail", kwargs={"pk": self.pk})


class Proposal(EngagementRecord):
    """An NPC suggestion or CPPCC proposal assigned to the body (承办), its reply, publication."""

    START_FIELD = "assigned_on"

    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="proposals", verbose_name=_("机关")
    )
    kind = models.CharField(_("类别"), max_length=20, choices=ProposalKind.choices)
    number = models.CharField(_("编号"), max_length=50, blank=True)
    title = models.CharField(_("标题"), max_length=300)
    proposer = models.CharField(_("代表/委员"), max_length=100, blank=True)
    assigned_on = models.DateField(_("交办日期"), db_index=True)

    objects = ProposalQuerySet.as_manager()

    class Meta:
        verbose_name = _("建议提案")
        verbose_name_plural = _("建议提案")
        ordering = ["-assigned_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "kind", "number"],
                condition=~models.Q(number=""),
                name="proposal_number_unique_per_body",
                violation_error_message=_("本机关已有同类别、同编号的建议提案。"),
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=ProposalKind.values),
                name="proposal_kind_known",
                violation_error_message=_("未知的建议提案类别。"),
            ),
            *_reply_constraints(
                "proposal",
                "assigned_on",
                not_before=_("答复日期不能早于交办日期。"),
                published=_("只能公开已答复的建议提案，公开日期不能早于答复日期。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{ProposalKind(self.kind).label}：{self.title}"

    def get_absolute_url(self) -> str:
        return reverse("engagement:proposal_detail", kwargs={"pk": self.pk})


# =============================================================================================
# 意见征集: a draft put out for public comment, the comments, the feedback
# =============================================================================================


class ConsultationQuerySet(RestrictedQuerySet["Consultation"]):
    """The words of the consultation register, each defined once (list badge and filter,
    workbench, reporting and tests use them)."""

    def open_on(self, today: date) -> Self:
        """征集中 on ``today`` (:func:`gongkai.domain.consultation.status_on`)."""
        return self.filter(starts_on__lte=today, ends_on__gte=today)

    def in_status(self, status: str, today: date) -> Self:
        """未开始 / 征集中 / 已结束 on ``today``."""
        if status == PeriodStatus.NOT_STARTED:
            return self.filter(starts_on__gt=today)
        if status == PeriodStatus.OPEN:
            return self.open_on(today)
        if status == PeriodStatus.CLOSED:
            return self.filter(ends_on__lt=today)
        raise ValueError(f"unknown status {status!r}")

    def feedback_overdue(self, today: date) -> Self:
        """逾期未反馈 as of ``today``: the period has ended, the feedback deadline has passed and
        the feedback was not published by ``today``
        (:func:`gongkai.domain.consultation.is_feedback_overdue`)."""
        return self.filter(ends_on__lt=today, feedback_due_on__lt=today).exclude(
            feedback_published_on__lte=today
        )

    def feedback_due_soon(
        self, today: date, days: int, calendar: WorkingCalendar | None = None
    ) -> Self:
        """意见反馈将到期 on ``today``: the period has ended, the feedback is not published by
        ``today`` and its deadline is today or within the next ``days`` working days (the
        working-day calendar) — never :meth:`feedback_overdue` (its deadline has passed)."""
        if calendar is None:
            from gongkai.apps.workcal.services import load_calendar

            calendar = load_calendar()
        horizon = calendar.nth_working_day_after(today, days)
        return self.filter(
            ends_on__lt=today, feedback_due_on__gte=today, feedback_due_on__lte=horizon
        ).exclude(feedback_published_on__lte=today)

    def begun_in(self, year: int) -> Self:
        """The consultations of ``year``'s annual report: their period began in ``year``."""
        return self.filter(starts_on__gte=date(year, 1, 1), starts_on__lte=date(year, 12, 31))

    def ended_in(self, year: int) -> Self:
        """Period ended in ``year`` (the 考核 indicator's denominator)."""
        return self.filter(ends_on__gte=date(year, 1, 1), ends_on__lte=date(year, 12, 31))

    def public_order(self, today: date) -> Self:
        """征集中 first (the soonest closing first), then the others, the newest first."""
        return self.annotate(
            _open=models.Case(
                models.When(starts_on__lte=today, ends_on__gte=today, then=models.Value(0)),
                default=models.Value(1),
            )
        ).order_by("_open", "-starts_on", "-pk")


class Consultation(models.Model):
    """A draft decision put out for public comment (意见征集, 重大决策预公开): the draft, the
    起草说明, the period, other channels, and the feedback on the comments (采纳情况).

    ``feedback_due_on`` is the period's end plus the body's ``consultation_feedback_days``
    working days, fixed by the actions when the consultation is registered or its end changes
    (:func:`gongkai.domain.consultation.feedback_deadline`)."""

    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="consultations", verbose_name=_("机关")
    )
    title = models.CharField(_("标题"), max_length=300)
    draft = models.FileField(
        _("征求意见稿"), storage=draft_storage, upload_to=draft_path, max_length=200, blank=True
    )
    draft_name = models.CharField(_("征求意见稿文件名"), max_length=200, blank=True)
    draft_size = models.PositiveIntegerField(_("文件大小"), default=0)
    draft_content_type = models.CharField(_("文件类型"), max_length=100, blank=True)
    reasons = models.TextField(_("起草说明"), blank=True)
    starts_on = models.DateField(_("征集开始日期"), db_index=True)
    ends_on = models.DateField(_("征集截止日期"), db_index=True)
    channel = models.TextField(
        _("其他意见渠道"), blank=True, help_text=_("如电子邮箱、通信地址、传真等。")
    )
    feedback_due_on = models.DateField(_("反馈期限"))
    feedback = models.TextField(_("意见采纳情况"), blank=True)
    feedback_published_on = models.DateField(_("反馈公布日期"), null=True, blank=True)
    version = models.PositiveIntegerField(_("版本"), default=1)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    #: The stored file's random path, size and type: the trail names the draft by ``draft_name``.
    AUDIT_EXCLUDE: ClassVar[frozenset[str]] = frozenset(
        {"draft", "draft_size", "draft_content_type"}
    )

    objects = ConsultationQuerySet.as_manager()

    class Meta:
        verbose_name = _("意见征集")
        verbose_name_plural = _("意见征集")
        ordering = ["-starts_on", "-pk"]
        indexes = [models.Index(fields=["body", "ends_on"], name="consultation_body_end")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="consultation_period_order",
                violation_error_message=_("征集截止日期不能早于开始日期。"),
            ),
            models.CheckConstraint(
                condition=models.Q(feedback_published_on__isnull=True)
                | models.Q(feedback_published_on__gte=models.F("ends_on")),
                name="consultation_feedback_after_end",
                violation_error_message=_("反馈公布日期不能早于征集截止日期。"),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("engagement:consultation_detail", kwargs={"pk": self.pk})

    def get_public_url(self) -> str:
        return reverse("consult:detail", kwargs={"pk": self.pk})

    def status_on(self, today: date) -> PeriodStatus:
        return PeriodStatus(rules.status_on(self.starts_on, self.ends_on, today).value)

    def accepts_comments(self, today: date) -> bool:
        return rules.accepts_comments(self.starts_on, self.ends_on, today)

    def feedback_may_be_published(self, today: date) -> bool:
        return rules.feedback_may_be_published(self.ends_on, today)

    def is_feedback_overdue(self, today: date) -> bool:
        return rules.is_feedback_overdue(
            self.ends_on, self.feedback_due_on, self.feedback_published_on, today
        )


class CommentQuerySet(RestrictedQuerySet["Comment"]):
    def decided(self) -> Self:
        return self.exclude(decision=Decision.PENDING)


class Comment(models.Model):
    """A citizen's comment on a consultation. Personal data: only staff of the body see it
    (the contact and the client address are never shown publicly)."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.PROTECT, related_name="comments", verbose_name=_("意见征集")
    )
    name = models.CharField(_("姓名"), max_length=100, blank=True)
    contact = models.CharField(_("联系方式"), max_length=200)
    text = models.TextField(_("意见内容"))
    received_at = models.DateTimeField(_("收到时间"), db_index=True)
    client_address = models.CharField(_("来源地址"), max_length=64, blank=True)
    decision = models.CharField(
        _("处理结果"), max_length=20, choices=Decision.choices, default=Decision.PENDING
    )
    reason = models.TextField(_("理由"), blank=True)
    decided_at = models.DateTimeField(_("处理时间"), null=True, blank=True)
    version = models.PositiveIntegerField(_("版本"), default=1)

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("征集意见")
        verbose_name_plural = _("征集意见")
        ordering = ["received_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(decision__in=Decision.values),
                name="comment_decision_known",
                violation_error_message=_("未知的处理结果。"),
            ),
        ]

    def __str__(self) -> str:
        return _("第%(pk)s号意见") % {"pk": self.pk}

    def get_absolute_url(self) -> str:
        return reverse("engagement:consultation_detail", kwargs={"pk": self.consultation_id})

    @property
    def body(self) -> Body:
        return self.consultation.body
