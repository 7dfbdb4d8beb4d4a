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

from gongkai.apps.engagement.choices import ProposalKind, ReplyState
from gongkai.apps.orgs.models import Body
from gongkai.kernel.permissions import RestrictedQuerySet

__all__ = [
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
