"""Notices posted offline (公示栏, 宣传栏, LED屏) and broadcasts (广播, 电视), with the photos
that prove them.

A notice is posted at the body or in one of its villages (communities): ``place_kind`` +
``place_name``. It may post a catalog item of the body (``item``): it is then that item's
evidence and does not count again (:func:`gongkai.domain.openness.offline.
counts_as_channel_publication`); ``OfflineNotice.objects.channel_publications()`` is the same
rule in the database. Changed only through :mod:`gongkai.apps.notices.actions`; ``version``
guards against lost updates.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gongkai.apps.catalog.models import CatalogItem
from gongkai.apps.notices.choices import NoticeChannel, PlaceKind
from gongkai.apps.notices.photos import photo_path, photo_storage
from gongkai.apps.orgs.models import Body
from gongkai.kernel.permissions import RestrictedQuerySet

__all__ = ["NoticePhoto", "NoticeQuerySet", "OfflineNotice"]


class NoticeQuerySet(RestrictedQuerySet["OfflineNotice"]):
    """The words of the register."""

    def of_year(self, year: int) -> NoticeQuerySet:
        """Notices posted (aired) in ``year``."""
        return self.filter(posted_on__gte=date(year, 1, 1), posted_on__lte=date(year, 12, 31))

    def linked(self) -> NoticeQuerySet:
        return self.filter(item__isnull=False)

    def unlinked(self) -> NoticeQuerySet:
        return self.filter(item__isnull=True)

    def channel_publications(self, year: int) -> NoticeQuerySet:
        """The notices that count as channel publications of ``year``: posted in it and not
        linked to a catalog item (the domain's ``counts_as_channel_publication``)."""
        return self.of_year(year).unlinked()


class OfflineNotice(models.Model):
    """A notice posted on a board (or aired) by the body, where, when, and what it posts."""

    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="offline_notices", verbose_name=_("机关")
    )
    channel = models.CharField(_("渠道"), max_length=20, choices=NoticeChannel.choices)
    place_kind = models.CharField(
        _("地点类别"), max_length=20, choices=PlaceKind.choices, default=PlaceKind.BODY
    )
    place_name = models.CharField(_("村（社区）名称"), max_length=100, blank=True)
    title = models.CharField(_("标题"), max_length=300)
    posted_on = models.DateField(_("张贴（播出）日期"), db_index=True)
    taken_down_on = models.DateField(_("撤下日期"), null=True, blank=True)
    item = models.ForeignKey(
        CatalogItem,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="offline_notices",
        verbose_name=_("对应的目录信息"),
    )
    version = models.PositiveIntegerField(_("版本"), default=1)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = NoticeQuerySet.as_manager()

    class Meta:
        verbose_name = _("公示与广播")
        verbose_name_plural = _("公示与广播")
        ordering = ["-posted_on", "-pk"]
        indexes = [models.Index(fields=["body", "posted_on"], name="notice_body_posted")]
        constraints = [
            models.CheckConstraint(
                condition=Q(channel__in=NoticeChannel.values),
                name="notice_channel_known",
                violation_error_message=_("未知的公开渠道。"),
            ),
            models.CheckConstraint(
                condition=Q(taken_down_on__isnull=True)
                | Q(taken_down_on__gte=models.F("posted_on")),
                name="notice_down_not_before_posted",
                violation_error_message=_("撤下日期不能早于张贴（播出）日期。"),
            ),
            models.CheckConstraint(
                condition=Q(place_kind=PlaceKind.BODY, place_name="")
                | (Q(place_kind=PlaceKind.VILLAGE) & ~Q(place_name="")),
                name="notice_place_named",
                violation_error_message=_(
                    "张贴在村（社区）的，请填写村（社区）名称；本机关的不填。"
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title}（{self.get_channel_display()}，{self.posted_on}）"

    def get_absolute_url(self) -> str:
        return reverse("notices:detail", kwargs={"pk": self.pk})

    @property
    def place(self) -> str:
        return (
            self.place_name if self.place_kind == PlaceKind.VILLAGE else str(PlaceKind.BODY.label)
        )


class NoticePhoto(models.Model):
    """A photo of a notice (never served as a static file: ``notices:photo`` checks access)."""

    notice = models.ForeignKey(
        OfflineNotice, on_delete=models.PROTECT, related_name="photos", verbose_name=_("公示")
    )
    file = models.FileField(_("照片"), upload_to=photo_path, storage=photo_storage, max_length=200)
    original_name = models.CharField(_("文件名"), max_length=200)
    size = models.PositiveBigIntegerField(_("大小（字节）"))
    content_type = models.CharField(_("图片类型"), max_length=50)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("上传人"),
    )
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("公示照片")
        verbose_name_plural = _("公示照片")
        ordering = ["notice", "uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.original_name

    def get_absolute_url(self) -> str:
        return reverse("notices:photo", kwargs={"pk": self.pk})
