"""Meetings a body holds (党委会议, 政府常务会议 …) and the publication of their minutes or
decisions.

The minutes are published either by a **catalog item** of the same body (``minutes_item``:
published when that item is 主动公开 and its ``published_on`` has come) or, without an item, by
a date and an address typed in (``minutes_published_on``, ``minutes_url``). One word says it:
``Meeting.objects.minutes_published(by=day)`` / ``unpublished(by=day)``; the list filter, the
record's badge, the annual report's count and the tests use it. Changed only through
:mod:`gongkai.apps.meetings.actions`; ``version`` guards against lost updates.
"""

from __future__ import annotations

from datetime import date

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.apps.catalog.choices import DisclosureChoice
from gongkai.apps.catalog.models import CatalogItem
from gongkai.apps.meetings.choices import MeetingKind
from gongkai.apps.orgs.models import Body
from gongkai.kernel.permissions import RestrictedQuerySet

__all__ = ["Meeting", "MeetingQuerySet", "minutes_published_q"]


def minutes_published_q(by: date) -> Q:
    """The condition "minutes public on ``by``" (the one definition, used by the queryset)."""
    by_item = Q(
        minutes_item__isnull=False,
        minutes_item__disclosure=DisclosureChoice.PROACTIVE,
        minutes_item__published_on__lte=by,
    )
    typed = Q(minutes_item__isnull=True, minutes_published_on__lte=by)
    return by_item | typed


class MeetingQuerySet(RestrictedQuerySet["Meeting"]):
    """The words of the register."""

    def of_year(self, year: int) -> MeetingQuerySet:
        """Meetings held in ``year``."""
        return self.filter(held_on__gte=date(year, 1, 1), held_on__lte=date(year, 12, 31))

    def minutes_published(self, by: date | None = None) -> MeetingQuerySet:
        """Meetings whose minutes (or decisions) were public on ``by`` (today by default)."""
        return self.filter(minutes_published_q(by or timezone.localdate()))

    def unpublished(self, by: date | None = None) -> MeetingQuerySet:
        """Meetings whose minutes were not public on ``by`` (today by default)."""
        return self.exclude(minutes_published_q(by or timezone.localdate()))


class Meeting(models.Model):
    """A meeting held by the body, its topics (议题), who attended besides its members (列席),
    and where its minutes were published."""

    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("机关")
    )
    kind = models.CharField(_("会议类别"), max_length=20, choices=MeetingKind.choices)
    held_on = models.DateField(_("召开日期"), db_index=True)
    title = models.CharField(_("会议名称"), max_length=300)
    topics = models.TextField(_("议题"), blank=True)
    attended = models.BooleanField(_("有列席人员"), default=False)
    attendees = models.CharField(_("列席人员"), max_length=200, blank=True)
    minutes_item = models.ForeignKey(
        CatalogItem,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("公开纪要的目录信息"),
    )
    minutes_published_on = models.DateField(_("纪要公开日期"), null=True, blank=True)
    minutes_url = models.URLField(_("纪要公开地址"), max_length=500, blank=True)
    version = models.PositiveIntegerField(_("版本"), default=1)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("会议")
        verbose_name_plural = _("会议")
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["body", "held_on"], name="meeting_body_held")]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=MeetingKind.values),
                name="meeting_kind_known",
                violation_error_message=_("未知的会议类别。"),
            ),
            models.CheckConstraint(
                condition=Q(minutes_published_on__isnull=True)
                | Q(minutes_published_on__gte=models.F("held_on")),
                name="meeting_minutes_not_before_held",
                violation_error_message=_("纪要公开日期不能早于会议召开日期。"),
            ),
            models.CheckConstraint(
                condition=Q(minutes_item__isnull=True)
                | Q(minutes_published_on__isnull=True, minutes_url=""),
                name="meeting_minutes_one_way",
                violation_error_message=_("已关联目录信息的会议，纪要公开日期以该信息为准。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title}（{self.held_on}）"

    def get_absolute_url(self) -> str:
        return reverse("meetings:detail", kwargs={"pk": self.pk})

    @property
    def minutes_date(self) -> date | None:
        """The day the minutes became public (None: not published): the linked item's
        publication date when it is 主动公开, else the date typed in."""
        item = self.minutes_item
        if item is not None:
            if item.disclosure != DisclosureChoice.PROACTIVE:
                return None
            return item.published_on
        return self.minutes_published_on

    def minutes_public_on(self, day: date | None = None) -> bool:
        """The reading of :meth:`MeetingQuerySet.minutes_published` for this row."""
        published = self.minutes_date
        return published is not None and published <= (day or timezone.localdate())
