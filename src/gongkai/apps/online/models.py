"""网上申请: an application submitted online by the applicant, before the body confirms it
(条例第二十九条、第三十一条)."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gongkai.apps.applications.choices import (
    ApplicantTypeChoice,
    DeliveryWay,
    IdType,
    InformationForm,
)
from gongkai.apps.applications.models import Application
from gongkai.apps.online.choices import OnlineRequestStatus
from gongkai.apps.orgs.models import Body
from gongkai.kernel.permissions import RestrictedQuerySet

__all__ = ["OnlineRequest", "OnlineRequestQuerySet"]


# =============================================================================================
# 网上申请: submitted by the applicant, registered when the body confirms it (条例第三十一条)
# =============================================================================================


class OnlineRequestQuerySet(RestrictedQuerySet["OnlineRequest"]):
    """Restricted like every body-owned record (``policies.online_request_policy``)."""

    def pending(self) -> OnlineRequestQuerySet:
        return self.filter(status=OnlineRequestStatus.PENDING)


class OnlineRequest(models.Model):
    """An application submitted online by the applicant, before the body confirms it.

    条例第三十一条: an application over the internet is received on the day both sides confirm
    it, so it becomes an :class:`Application` (channel ``online``, ``received_on`` = the day of
    confirmation) only when the body's staff confirm it (``online.confirm_online_request``).
    The applicant follows it with ``tracking_code`` and a query code shown once; only the
    code's hash is stored (``query_code_hash``, kept out of the audit log).
    """

    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="online_requests", verbose_name=_("受理机关")
    )
    tracking_code = models.CharField(_("查询编号"), max_length=12, unique=True)
    query_code_hash = models.CharField(_("查询码（摘要）"), max_length=128)
    submitted_at = models.DateTimeField(_("提交时间"), db_index=True)

    # -- the applicant (条例第二十九条), as Application ------------------------------------------
    applicant_type = models.CharField(
        _("申请人类型"), max_length=16, choices=ApplicantTypeChoice.choices
    )
    applicant_name = models.CharField(_("申请人姓名或名称"), max_length=200)
    id_type = models.CharField(_("证件类型"), max_length=16, choices=IdType.choices)
    id_number = models.CharField(_("证件号码"), max_length=50)
    phone = models.CharField(_("联系电话"), max_length=50, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    address = models.CharField(_("通信地址"), max_length=300, blank=True)
    postcode = models.CharField(_("邮政编码"), max_length=10, blank=True)
    content = models.TextField(_("所需政府信息的名称、文号或者便于查询的其他特征性描述"))
    requested_form = models.CharField(
        _("信息的指定提供载体形式"), max_length=16, choices=InformationForm.choices, blank=True
    )
    requested_delivery = models.CharField(
        _("获取信息的方式"), max_length=16, choices=DeliveryWay.choices, blank=True
    )

    # -- handling by the body -----------------------------------------------------------------
    status = models.CharField(
        _("确认状态"),
        max_length=16,
        choices=OnlineRequestStatus.choices,
        default=OnlineRequestStatus.PENDING,
    )
    application = models.OneToOneField(
        Application,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="online_request",
        verbose_name=_("登记的申请"),
    )
    reject_reason = models.TextField(_("不予受理理由"), blank=True)
    confirmed_at = models.DateTimeField(_("处理时间"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("处理人"),
    )

    objects = OnlineRequestQuerySet.as_manager()

    AUDIT_EXCLUDE: ClassVar[frozenset[str]] = frozenset({"query_code_hash"})
    AUDIT_PRIVATE: ClassVar[frozenset[str]] = frozenset(
        {"id_number", "phone", "email", "address", "postcode"}
    )

    class Meta:
        # Created by the applications app before 网上申请 became an app of its own.
        db_table = "applications_onlinerequest"
        verbose_name = _("网上申请")
        verbose_name_plural = _("网上申请")
        ordering = ["-submitted_at", "-pk"]
        indexes = [
            models.Index(fields=["body", "status"], name="onlinerequest_body_status"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=OnlineRequestStatus.values),
                name="onlinerequest_status_known",
                violation_error_message=_("未知的确认状态。"),
            ),
            # 已受理 ⇔ linked to the registered application; 不予受理 states its reason.
            models.CheckConstraint(
                condition=(
                    models.Q(
                        status=OnlineRequestStatus.PENDING,
                        application__isnull=True,
                        confirmed_at__isnull=True,
                    )
                    | models.Q(
                        status=OnlineRequestStatus.ACCEPTED,
                        application__isnull=False,
                        confirmed_at__isnull=False,
                    )
                    | (
                        models.Q(
                            status=OnlineRequestStatus.REJECTED,
                            application__isnull=True,
                            confirmed_at__isnull=False,
                        )
                        & ~models.Q(reject_reason="")
                    )
                ),
                name="onlinerequest_handling_consistent",
                violation_error_message=_(
                    "已受理的网上申请必须关联登记的申请，不予受理的必须写明理由。"
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tracking_code} {self.applicant_name}"

    def get_absolute_url(self) -> str:
        return reverse("online:detail", kwargs={"pk": self.pk})
