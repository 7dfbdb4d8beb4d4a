"""Leaders' mailbox messages and NPC suggestions / CPPCC proposals a body handles.

The annual report narrates them (counts, replies, completion rate, publication); see
:mod:`gongkai.domain.stats.engagement` for the counting.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords  # type: ignore[import-untyped]

from gongkai.apps.engagement.choices import ProposalKind
from gongkai.apps.orgs.models import Body
from gongkai.kernel.permissions import RestrictedQuerySet

__all__ = ["MailboxMessage", "MailboxMessageQuerySet", "Proposal", "ProposalQuerySet"]


class MailboxMessageQuerySet(RestrictedQuerySet["MailboxMessage"]):
    pass


class ProposalQuerySet(RestrictedQuerySet["Proposal"]):
    pass


class MailboxMessage(models.Model):
    """A message to a leaders' mailbox (县长信箱, 领导留言板 …) forwarded to the body, with its
    reply and whether the reply was published."""

    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="mailbox_messages", verbose_name=_("机关")
    )
    mailbox = models.CharField(_("信箱"), max_length=100, default="县长信箱")
    received_on = models.DateField(_("收到日期"), db_index=True)
    subject = models.CharField(_("主题"), max_length=300)
    content = models.TextField(_("内容"), blank=True)
    replied_on = models.DateField(_("答复日期"), null=True, blank=True)
    reply = models.TextField(_("答复内容"), blank=True)
    published_on = models.DateField(_("公开日期"), null=True, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    history = HistoricalRecords()
    objects = MailboxMessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("信箱来信")
        verbose_name_plural = _("信箱来信")
        ordering = ["-received_on", "-pk"]
        indexes = [models.Index(fields=["body", "received_on"], name="mailbox_body_date")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(replied_on__isnull=True)
                | models.Q(replied_on__gte=models.F("received_on")),
                name="mailbox_replied_not_before_received",
                violation_error_message=_("答复日期不能早于收到日期。"),
            ),
            models.CheckConstraint(
                condition=models.Q(published_on__isnull=True)
                | models.Q(replied_on__isnull=False, published_on__gte=models.F("replied_on")),
                name="mailbox_published_after_reply",
                violation_error_message=_("只能公开已答复的来信，公开日期不能早于答复日期。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mailbox}：{self.subject}（{self.received_on}）"


class Proposal(models.Model):
    """An NPC suggestion or CPPCC proposal assigned to the body (承办), its reply, publication."""

    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="proposals", verbose_name=_("机关")
    )
    kind = models.CharField(_("类别"), max_length=20, choices=ProposalKind.choices)
    number = models.CharField(_("编号"), max_length=50, blank=True)
    title = models.CharField(_("标题"), max_length=300)
    proposer = models.CharField(_("代表/委员"), max_length=100, blank=True)
    assigned_on = models.DateField(_("交办日期"), db_index=True)
    replied_on = models.DateField(_("答复日期"), null=True, blank=True)
    reply = models.TextField(_("答复内容"), blank=True)
    published_on = models.DateField(_("公开日期"), null=True, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    history = HistoricalRecords()
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
            models.CheckConstraint(
                condition=models.Q(replied_on__isnull=True)
                | models.Q(replied_on__gte=models.F("assigned_on")),
                name="proposal_replied_not_before_assigned",
                violation_error_message=_("答复日期不能早于交办日期。"),
            ),
            models.CheckConstraint(
                condition=models.Q(published_on__isnull=True)
                | models.Q(replied_on__isnull=False, published_on__gte=models.F("replied_on")),
                name="proposal_published_after_reply",
                violation_error_message=_("只能公开已答复的建议提案，公开日期不能早于答复日期。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{ProposalKind(self.kind).label}：{self.title}"
