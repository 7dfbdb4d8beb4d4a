"""Bodies (行政机关) in a hierarchy, and the people who work for them (memberships with roles)."""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar, TypeAlias

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from gongkai.apps.orgs.choices import BodyKind, Role
from gongkai.apps.orgs.validators import validate_credit_code, validate_org_code
from gongkai.domain.report.authority import KindReading, kind_from_records, may_make_regulations
from gongkai.kernel.permissions import RestrictedQuerySet

__all__ = [
    "Bodies",
    "Body",
    "BodyQuerySet",
    "Membership",
    "MembershipQuerySet",
    "RecordsVersion",
    "in_bodies",
]

PATH_SEPARATOR = "/"


class BodyQuerySet(RestrictedQuerySet["Body"]):
    def subtree(self, body: Body) -> BodyQuerySet:
        """``body`` and every body below it (one indexed prefix query on the stored path)."""
        return self.filter(path__startswith=body.path)

    def by_code(self, code: str) -> Body | None:
        """The body whose :attr:`Body.code` is ``code`` (the 统一社会信用代码, unique; else the
        组织机构代码 of a body without one), None when no body or more than one has it."""
        code = code.strip().upper()
        if len(code) not in (9, 18) or not (code.isascii() and code.isalnum()):
            return None  # no body's code (and nothing a database refuses, such as a NUL)
        found = list(self.filter(credit_code=code)[:1]) or list(
            self.filter(credit_code="", org_code=code)[:2]
        )
        return found[0] if len(found) == 1 else None


class Body(models.Model):
    """A disclosing body (行政机关): a people's government or a government department.

    Bodies form a tree (county → its departments and townships). ``path`` materialises the
    ancestry as ``/1/7/12/`` so a subtree is one ``LIKE '/1/7/%'`` query on SQLite and
    PostgreSQL alike; it is maintained by :meth:`save` and never edited by hand.
    """

    name = models.CharField(_("机关名称"), max_length=100, unique=True)
    short_name = models.CharField(_("简称"), max_length=50, blank=True)
    kind = models.CharField(
        _("机关类型"),
        max_length=32,
        choices=BodyKind.choices,
        default=BodyKind.OTHER,
        help_text=_(
            "决定本机关能否制定规章：只有省级和设区的市级人民政府（及国务院部门）可以制定规章"
            "（《立法法》第九十三条），其他机关在年报中填报本年制发规章将被检查为错误。"
        ),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("上级机关"),
    )
    credit_code = models.CharField(
        _("统一社会信用代码"),
        max_length=18,
        blank=True,
        validators=[validate_credit_code],
    )
    org_code = models.CharField(
        _("组织机构代码"),
        max_length=9,
        blank=True,
        validators=[validate_org_code],
        help_text=_("9 位，不含连字符；已有统一社会信用代码的机关可不填。"),
    )
    path = models.CharField(
        _("层级路径"), max_length=255, blank=True, db_index=True, editable=False
    )
    depth = models.PositiveSmallIntegerField(_("层级"), default=0, editable=False)

    # -- office contact data for the 指南 (条例第十二条) ----------------------------------------
    office_name = models.CharField(_("政府信息公开工作机构"), max_length=100, blank=True)
    office_address = models.CharField(_("办公地址"), max_length=200, blank=True)
    office_postcode = models.CharField(
        _("邮政编码"),
        max_length=6,
        blank=True,
        validators=[RegexValidator(r"^\d{6}$", _("邮政编码应为 6 位数字。"))],
    )
    office_phone = models.CharField(_("联系电话"), max_length=50, blank=True)
    office_fax = models.CharField(_("传真"), max_length=50, blank=True)
    office_email = models.EmailField(_("电子邮箱"), blank=True)
    office_hours = models.CharField(_("办公时间"), max_length=200, blank=True)

    # -- settings -----------------------------------------------------------------------------
    # 条例第四十九条: departments publish by 31 January; township dates are set locally.
    report_deadline_month = models.PositiveSmallIntegerField(
        _("年报公布期限（月）"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
    )
    report_deadline_day = models.PositiveSmallIntegerField(
        _("年报公布期限（日）"),
        default=31,
        validators=[MinValueValidator(1), MaxValueValidator(31)],
    )
    # 条例第四十九条 leaves the body's internal steps to the body: its own 审核人 may have to
    # review the annual report before it goes to the 上级 (reports workflow ``send_review``).
    report_body_review = models.BooleanField(
        _("年报提交上级前须经本机关审核人审核"),
        default=False,
        help_text=_("选中后，经办人编写的年报先送本机关审核人审核，由审核人提交上级。"),
    )
    # 条例第三十条 names no period for the applicant's correction; the notice sets one. After it,
    # the application is treated as abandoned (other.no_correction) by the daily lapse run.
    correction_period_working_days = models.PositiveSmallIntegerField(
        _("补正期限（工作日）"),
        default=15,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_("补正告知书给申请人的补正期限；逾期未补正视为放弃申请。"),
    )

    # -- openness work the annual report narrates (issue 14) ------------------------------------
    # 国办发〔2016〕80号 asks that a policy's 解读 be published with it (同步); a body sets how
    # many working days after the document it allows at most. 0 = the same day.
    interpretation_days = models.PositiveSmallIntegerField(
        _("政策解读时限（工作日）"),
        default=3,
        validators=[MaxValueValidator(60)],
        help_text=_("规范性文件公开后，其政策解读最迟应在多少个工作日内发布；0 表示须同日发布。"),
    )
    # 重大行政决策程序暂行条例（国务院令第713号）第十五条: the adoption of the public's comments is
    # to be made known; it names no period, so the body sets one (working days after the end).
    consultation_feedback_days = models.PositiveSmallIntegerField(
        _("意见征集反馈时限（工作日）"),
        default=15,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
        help_text=_("意见征集结束后，应在多少个工作日内公布意见收集和采纳情况。"),
    )

    # -- written documents (issue 12): the 文号 and the 救济途径 every letter states ------------
    letter_number_prefix = models.CharField(
        _("文号前缀"),
        max_length=20,
        blank=True,
        help_text=_("本机关文书文号的机关代字，如“徐政信公”；文号为 前缀〔年份〕序号号。"),
    )
    reconsideration_body = models.CharField(
        _("行政复议机关"),
        max_length=100,
        blank=True,
        help_text=_("答复书告知申请人可以申请行政复议的机关（《行政复议法》）。"),
    )
    court = models.CharField(
        _("人民法院"),
        max_length=100,
        blank=True,
        help_text=_("答复书告知申请人可以提起行政诉讼的人民法院。"),
    )
    # -- the public 专栏 (issue 13) --------------------------------------------------------------
    #: The 政府信息公开指南 as the body's 管理员 wrote it; blank: the generated guide is shown.
    guide_text = models.TextField(
        _("政府信息公开指南（本机关修改）"),
        blank=True,
        help_text=_("留空则显示平台根据本机关信息生成的指南。"),
    )
    fee_payment_info = models.CharField(
        _("缴费方式"),
        max_length=300,
        blank=True,
        help_text=_(
            "申请人缴纳信息处理费的方式，写入收费通知书和政府信息公开指南，"
            "如“由本机关开具非税收入一般缴款书，申请人按缴款书所列方式缴纳”。"
        ),
    )

    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    # The path is derived data; its audit would only repeat the parent's.
    AUDIT_EXCLUDE: ClassVar[frozenset[str]] = frozenset({"path", "depth"})
    objects = BodyQuerySet.as_manager()

    class Meta:
        verbose_name = _("行政机关")
        verbose_name_plural = _("行政机关")
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(
                fields=["credit_code"],
                condition=~models.Q(credit_code=""),
                name="body_credit_code_unique",
                violation_error_message=_("已有机关使用这个统一社会信用代码。"),
            ),
            models.CheckConstraint(
                condition=models.Q(report_deadline_month__gte=1, report_deadline_month__lte=12)
                & models.Q(report_deadline_day__gte=1, report_deadline_day__lte=31),
                name="body_report_deadline_valid",
                violation_error_message=_("年报公布期限的月、日不正确。"),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.credit_code = self.credit_code.strip().upper()
        self.org_code = self.org_code.strip().upper().replace("-", "")
        old_path = self.path
        with transaction.atomic():
            super().save(*args, **kwargs)
            new_path = self._compute_path()
            if new_path != old_path:
                depth = new_path.count(PATH_SEPARATOR) - 2
                type(self).objects.filter(pk=self.pk).update(path=new_path, depth=depth)
                self.path, self.depth = new_path, depth
                if old_path:
                    self._move_descendants(old_path, new_path)

    # -- invariants -----------------------------------------------------------------------------

    def clean(self) -> None:
        super().clean()
        self.credit_code = self.credit_code.strip().upper()
        self.org_code = self.org_code.strip().upper().replace("-", "")
        if self.parent_id is not None and self.pk is not None:
            parent = self.parent
            if parent is not None and (
                parent.pk == self.pk or (self.path and parent.path.startswith(self.path))
            ):
                raise ValidationError({"parent": _("上级机关不能是本机关或其下级机关。")})
        try:
            date(2000, self.report_deadline_month, self.report_deadline_day)  # a leap year
        except (TypeError, ValueError):
            raise ValidationError(
                {"report_deadline_day": _("年报公布期限不是有效日期。")}
            ) from None

    def _compute_path(self) -> str:
        parent_path = PATH_SEPARATOR
        if self.parent_id is not None:
            parent_path = type(self).objects.values_list("path", flat=True).get(pk=self.parent_id)
            if f"{PATH_SEPARATOR}{self.pk}{PATH_SEPARATOR}" in parent_path:
                raise ValidationError({"parent": _("上级机关不能是本机关或其下级机关。")})
        return f"{parent_path}{self.pk}{PATH_SEPARATOR}"

    def _move_descendants(self, old_path: str, new_path: str) -> None:
        moved = list(
            type(self).objects.filter(path__startswith=old_path).exclude(pk=self.pk).only("path")
        )
        for body in moved:
            body.path = new_path + body.path[len(old_path) :]
            body.depth = body.path.count(PATH_SEPARATOR) - 2
        type(self).objects.bulk_update(moved, ["path", "depth"])

    # -- the tree -------------------------------------------------------------------------------

    def ancestor_ids(self) -> list[int]:
        """The ids on the path from the root down to (and including) this body."""
        return [int(part) for part in self.path.strip(PATH_SEPARATOR).split(PATH_SEPARATOR) if part]

    def is_in_subtree_of(self, other: Body) -> bool:
        return bool(other.path) and self.path.startswith(other.path)

    def subtree(self) -> BodyQuerySet:
        return Body.objects.subtree(self)

    @property
    def may_make_regulations(self) -> bool | None:
        """Whether the body may make 规章 (《立法法》第九十三条), by its kind; None: unknown."""
        return may_make_regulations(self.kind)

    @property
    def kind_reading(self) -> KindReading | None:
        """The body's kind as the annual report's rule P1 reads it."""
        return kind_from_records(self.kind)

    @property
    def code(self) -> str:
        """The code used in index numbers: the credit code, else the organisation code."""
        return self.credit_code or self.org_code


class MembershipQuerySet(RestrictedQuerySet["Membership"]):
    pass


class Membership(models.Model):
    """A user's role in a body. A user may hold several roles, in several bodies."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("用户"),
    )
    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("机关")
    )
    role = models.CharField(_("角色"), max_length=16, choices=Role.choices)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("机关人员")
        verbose_name_plural = _("机关人员")
        ordering = ["body__path", "user__username", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "body", "role"],
                name="membership_unique_role",
                violation_error_message=_("该用户在这个机关已有这个角色。"),
            ),
            models.CheckConstraint(
                condition=models.Q(role__in=Role.values),
                name="membership_role_known",
                violation_error_message=_("未知的角色。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.body} · {self.get_role_display()}"


#: One body, or a set of bodies (e.g. ``Body.objects.subtree(root)``) whose records add up.
Bodies: TypeAlias = "Body | models.QuerySet[Body]"


def in_bodies(bodies: Bodies, field: str = "body") -> models.Q:
    """The condition "``field`` is ``bodies``" (one body, or any body of a set)."""
    if isinstance(bodies, Body):
        return models.Q(**{field: bodies})
    return models.Q(**{f"{field}__in": bodies.order_by().values("pk")})


class RecordsVersion(models.Model):
    """How many times the records of a body changed (:mod:`gongkai.apps.orgs.changes`).

    Raised in the transaction of every change to a record the body's annual figures are
    counted from; a stored summary (``reports.YearSummary``) keeps the version it was computed
    from, so a summary whose version differs is stale. One row per body, updated in place: a
    change locks only its own body's row.
    """

    body = models.OneToOneField(
        Body,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="records_version",
        verbose_name=_("机关"),
    )
    version = models.BigIntegerField(_("记录版本"), default=0)
    changed_at = models.DateTimeField(_("最近变更时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("记录版本")
        verbose_name_plural = _("记录版本")

    def __str__(self) -> str:
        return f"{self.body_id} · {self.version}"
