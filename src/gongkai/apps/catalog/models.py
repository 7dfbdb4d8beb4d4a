"""Catalog tree and catalog items (主动公开目录, ``disclosure-law.md`` §2, 条例第二十六条).

A :class:`CatalogNode` is a 目录 of one body; items are filed under leaf nodes only. A
:class:`CatalogItem` carries the §2 metadata: 索引号 (unique per body, never changes; generated
in canonical form from the body's code and the year of publication — else of 成文日期 — when
blank), 公开属性 given at drafting (with the reason when not 主动公开), the 保密审查 before
publication, and the 有效性 life cycle of 规章 and 行政规范性文件.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.apps.catalog.attachments import attachment_path, attachment_storage
from gongkai.apps.catalog.choices import (
    CHANNEL_VALUES,
    CONTENT_CHOICES,
    AttachmentTextStatus,
    CategoryChoice,
    DisclosureChoice,
    InterpretationKind,
    SecrecyConclusion,
    ValidityChoice,
)
from gongkai.apps.orgs.models import Body
from gongkai.domain.catalog import interpretation as interpretation_rule
from gongkai.domain.catalog.contents import content_label, content_scope_problem, default_content
from gongkai.domain.catalog.index_number import format_index_number, next_serial
from gongkai.domain.stats.table2 import DocumentFacts
from gongkai.kernel.permissions import RestrictedQuerySet

if TYPE_CHECKING:
    from gongkai.domain.workdays.calendar import WorkingCalendar

__all__ = [
    "PUBLICATION_LIMIT_WORKING_DAYS",
    "CatalogAttachment",
    "CatalogAttachmentManager",
    "CatalogAttachmentQuerySet",
    "CatalogItem",
    "CatalogItemQuerySet",
    "CatalogNode",
    "CatalogNodeQuerySet",
    "Interpretation",
    "InterpretationQuerySet",
    "join_channels",
    "late_interpretation",
    "next_index_number",
    "overdue_made_cutoff",
    "split_stored_channels",
]

# 条例第二十六条: within 20 working days of the information being formed or changed.
PUBLICATION_LIMIT_WORKING_DAYS = 20
CHANNEL_JOIN = ","
PUBLISHABLE_CONCLUSIONS = frozenset(
    {SecrecyConclusion.APPROVED.value, SecrecyConclusion.APPROVED_MODIFIED.value}
)


class CatalogNodeQuerySet(RestrictedQuerySet["CatalogNode"]):
    def leaves(self) -> CatalogNodeQuerySet:
        return self.filter(children__isnull=True)


class CatalogNode(models.Model):
    """A 目录 (信息分类) of a body's catalog; items go under leaves (nodes without children)."""

    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="catalog_nodes", verbose_name=_("机关")
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("上级目录"),
    )
    name = models.CharField(_("名称"), max_length=100)
    order = models.PositiveIntegerField(_("排序"), default=0)
    version = models.PositiveIntegerField(_("版本"), default=1)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = CatalogNodeQuerySet.as_manager()

    class Meta:
        verbose_name = _("目录")
        verbose_name_plural = _("目录")
        ordering = ["body", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "parent", "name"],
                name="catalognode_name_unique_per_parent",
                violation_error_message=_("同一上级目录下已有同名目录。"),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        """A node is shown in its body's catalog tree."""
        return reverse("catalog:tree", kwargs={"body": self.body_id})

    @property
    def is_leaf(self) -> bool:
        return not self.children.exists()

    def clean(self) -> None:
        super().clean()
        if self.parent_id is None:
            return
        parent = self.parent
        if parent is not None and parent.body_id != self.body_id:
            raise ValidationError({"parent": _("上级目录必须属于同一机关。")})
        seen = {self.pk} if self.pk else set()
        node = parent
        while node is not None:
            if node.pk in seen:
                raise ValidationError({"parent": _("目录不能成为自己的下级。")})
            seen.add(node.pk)
            node = node.parent
        if parent is not None and parent.items.exists():
            raise ValidationError({"parent": _("上级目录已有信息条目，不能再分下级目录。")})


def late_interpretation(today: date, calendar: WorkingCalendar | None = None) -> models.Q:
    """The condition of :meth:`CatalogItemQuerySet.interpretation_late` on an item already
    known to lack its 解读: published on or before the last day that is late on ``today`` for
    its body's ``interpretation_days`` (one date comparison per limit the bodies use). A
    condition, not a set: the 工作台 orders the user's own items by it (a subquery of every
    late item of a province was 1,250,000 rows)."""
    calendar = _calendar(calendar)
    limits = Body.objects.order_by().values_list("interpretation_days", flat=True).distinct()
    late = models.Q(pk__in=[])
    for limit in limits:
        cutoff = interpretation_rule.latest_late_publication(limit, today, calendar)
        late |= models.Q(body__interpretation_days=limit, published_on__lte=cutoff)
    return late


class CatalogItemQuerySet(RestrictedQuerySet["CatalogItem"]):
    """The words of the catalog, each defined once, used by the lists, the filters and the
    badges alike (:meth:`CatalogItem.is_publication_overdue` is the same reading for one
    item)."""

    def proactive(self) -> CatalogItemQuerySet:
        return self.filter(disclosure=DisclosureChoice.PROACTIVE)

    def unpublished(self) -> CatalogItemQuerySet:
        return self.proactive().filter(published_on__isnull=True)

    def public(self, today: date | None = None) -> CatalogItemQuerySet:
        """What the public may see: 主动公开 items published by ``today`` (default: today)."""
        today = today or timezone.localdate()
        return self.proactive().filter(published_on__isnull=False, published_on__lte=today)

    def awaiting_secrecy_review(self) -> CatalogItemQuerySet:
        """待保密审查: unpublished 主动公开 items without a 保密审查 conclusion yet."""
        return self.unpublished().filter(secrecy_conclusion="")

    def publication_overdue(
        self, today: date, calendar: WorkingCalendar | None = None
    ) -> CatalogItemQuerySet:
        """超过第二十六条期限未发布: 主动公开 items still unpublished although their 20 working days
        (条例第二十六条) ran out before ``today`` — one indexed date comparison (see
        :func:`overdue_made_cutoff`)."""
        return self.unpublished().filter(made_on__lte=overdue_made_cutoff(today, calendar))

    def normative(self) -> CatalogItemQuerySet:
        """行政规范性文件 (信息类别 ``normative``): the documents that need a 政策解读."""
        return self.filter(category=CategoryChoice.NORMATIVE)

    def published_in(self, year: int) -> CatalogItemQuerySet:
        """主动公开 items published in ``year`` (a range on the indexed date)."""
        return self.proactive().filter(
            published_on__gte=date(year, 1, 1), published_on__lte=date(year, 12, 31)
        )

    def without_interpretation(self, today: date | None = None) -> CatalogItemQuerySet:
        """规范性文件未发布解读: public 规范性文件 (as of ``today``, default today) with no 解读
        published by ``today`` (:meth:`InterpretationQuerySet.published`). The annual report
        asks it as of 31 December of its year."""
        today = today or timezone.localdate()
        published = Interpretation.objects.published(today).filter(item=models.OuterRef("pk"))
        return self.public(today).normative().filter(~models.Exists(published))

    def interpretation_late(
        self, today: date, calendar: WorkingCalendar | None = None
    ) -> CatalogItemQuerySet:
        """解读逾期: :meth:`without_interpretation` on ``today`` and past the due date of its body's
        ``interpretation_days`` (:func:`~gongkai.domain.catalog.interpretation.working_days_late`
        > 0, the missing list's 逾期 N 个工作日) — one date comparison per limit the bodies
        use (:func:`~gongkai.domain.catalog.interpretation.latest_late_publication`)."""
        return self.without_interpretation(today).filter(late_interpretation(today, calendar))

    def with_interpretation_flag(self, today: date | None = None) -> CatalogItemQuerySet:
        """Each item with ``has_interpretation``: a 解读 of it published by ``today`` (the
        public lists link to it; the items are public, so their published 解读 are too)."""
        published = Interpretation.objects.published(today).filter(item=models.OuterRef("pk"))
        return self.annotate(has_interpretation=models.Exists(published))

    def with_files(self) -> CatalogItemQuerySet:
        """Each item with its 机关, its 信息分类 and its files, oldest upload first: one query for
        the page's items, one for their 机关 and one for all their files (the public lists, the
        search, the API).  The 机关 is not joined: SQLite then drove the join from the bodies and
        sorted every public item (2 s at 1,000,000, docs/api.md)."""
        files = CatalogAttachment.objects.order_by("uploaded_at", "pk")
        return self.select_related("node").prefetch_related(
            "body", models.Prefetch("attachments", queryset=files)
        )


class CatalogItem(models.Model):
    """An item of the catalog: one document or piece of information with its §2 metadata."""

    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="catalog_items", verbose_name=_("机关")
    )
    node = models.ForeignKey(
        CatalogNode,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="items",
        verbose_name=_("信息分类"),
    )
    index_number = models.CharField(
        _("索引号"), max_length=60, blank=True, help_text=_("留空则按机关代码和年份自动生成。")
    )
    title = models.CharField(_("名称"), max_length=300)
    summary = models.TextField(_("内容概述"), blank=True)
    category = models.CharField(
        _("信息类别"),
        max_length=16,
        choices=CategoryChoice.choices,
        default=CategoryChoice.OTHER,
    )
    content = models.CharField(  # noqa: DJ001 - NULL: not classified (never "")
        _("公开内容"),
        max_length=40,
        choices=CONTENT_CHOICES,
        null=True,
        blank=True,
        help_text=_(
            "条例第二十条、第二十一条规定的法定主动公开内容；规章和行政规范性文件默认为"
            "第二十条第（一）项。"
        ),
    )
    topic = models.CharField(_("主题分类"), max_length=100, blank=True)
    publisher = models.CharField(_("发布机构"), max_length=200, blank=True)
    doc_number = models.CharField(_("文号"), max_length=100, blank=True)
    made_on = models.DateField(_("成文日期"), db_index=True)
    published_on = models.DateField(_("发布日期"), null=True, blank=True, db_index=True)
    validity = models.CharField(
        _("有效性"), max_length=16, choices=ValidityChoice.choices, default=ValidityChoice.VALID
    )
    valid_from = models.DateField(_("施行日期"), null=True, blank=True)
    repealed_on = models.DateField(_("失效/废止日期"), null=True, blank=True)
    amended_on = models.DateField(
        _("修改日期"), null=True, blank=True, help_text=_("规章、规范性文件最近一次修改的日期。")
    )
    disclosure = models.CharField(
        _("公开属性"),
        max_length=16,
        choices=DisclosureChoice.choices,
        default=DisclosureChoice.PROACTIVE,
    )
    disclosure_reason = models.TextField(
        _("不主动公开的理由"), blank=True, help_text=_("公开属性不是主动公开时必填。")
    )
    channels = models.CharField(
        _("公开渠道"), max_length=200, blank=True, help_text=_("多个渠道以逗号分隔。")
    )
    secrecy_reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("保密审查人"),
    )
    secrecy_reviewed_on = models.DateField(_("保密审查日期"), null=True, blank=True)
    secrecy_conclusion = models.CharField(
        _("保密审查结论"), max_length=20, choices=SecrecyConclusion.choices, blank=True
    )
    version = models.PositiveIntegerField(_("版本"), default=1)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = CatalogItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("主动公开目录条目")
        verbose_name_plural = _("主动公开目录条目")
        ordering = ["-made_on", "-pk"]
        indexes = [
            models.Index(fields=["body", "title", "made_on"]),
            # The annual report's queries (stats/reporting.py), each a covering range scan.
            models.Index(
                fields=["body", "category", "made_on", "disclosure", "published_on", "repealed_on"],
                name="catitem_body_cat_made",
            ),
            # Documents (文件: items with a 文号) made in a year, by 公开属性 (publication_facts).
            models.Index(
                fields=["body", "disclosure", "made_on", "doc_number"],
                name="catitem_body_discl_made_doc",
            ),
            models.Index(
                fields=["body", "disclosure", "published_on", "channels"],
                name="catitem_body_pub_channels",
            ),
            # The 专栏 (reports.column): each node's count and newest items of a body.
            models.Index(
                fields=["body", "disclosure", "node", "published_on"],
                name="catitem_body_node_pub",
            ),
            # … and its count by 信息类别 (covering: no read of the rows).
            models.Index(
                fields=["body", "disclosure", "category", "published_on"],
                name="catitem_body_category_pub",
            ),
            # The 专栏's 法定主动公开内容: public items of a body counted by content and the
            # newest of each content (a range per content, newest first).
            models.Index(
                fields=["body", "disclosure", "content", "published_on"],
                name="catitem_body_content_pub",
            ),
            # Search filtered by 有效性 (and 类别), or by 类别 and 成文年度 (catalog/search.py):
            # the candidates counted and read through an index, even before any ANALYZE.
            models.Index(
                fields=["validity", "category", "disclosure", "published_on"],
                name="catitem_validity_cat",
            ),
            models.Index(
                fields=["category", "made_on", "validity", "disclosure", "published_on"],
                name="catitem_cat_made",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "index_number"],
                condition=~models.Q(index_number=""),
                name="catalogitem_index_number_unique_per_body",
                violation_error_message=_("本机关已有相同索引号的信息。"),
            ),
            models.CheckConstraint(
                condition=models.Q(category__in=CategoryChoice.values),
                name="catalogitem_category_known",
                violation_error_message=_("未知的信息类别。"),
            ),
            models.CheckConstraint(
                condition=models.Q(disclosure__in=DisclosureChoice.values),
                name="catalogitem_disclosure_known",
                violation_error_message=_("未知的公开属性。"),
            ),
            models.CheckConstraint(
                condition=models.Q(published_on__isnull=True)
                | models.Q(published_on__gte=models.F("made_on")),
                name="catalogitem_published_not_before_made",
                violation_error_message=_("发布日期不能早于成文日期。"),
            ),
            models.CheckConstraint(
                condition=models.Q(validity=ValidityChoice.VALID, repealed_on__isnull=True)
                | (
                    models.Q(
                        validity__in=[ValidityChoice.EXPIRED, ValidityChoice.REPEALED],
                        repealed_on__isnull=False,
                    )
                    & models.Q(repealed_on__gte=models.F("made_on"))
                ),
                name="catalogitem_validity_with_date",
                violation_error_message=_(
                    "失效或废止的信息必须有不早于成文日期的失效/废止日期，有效的信息不能有。"
                ),
            ),
            models.CheckConstraint(
                condition=~models.Q(disclosure=DisclosureChoice.WITHHELD)
                | models.Q(published_on__isnull=True),
                name="catalogitem_withheld_not_published",
                violation_error_message=_("不予公开的信息不能有发布日期。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.index_number or '（未编号）'} {self.title}"

    def save(self, *args: object, **kwargs: object) -> None:
        if not self.index_number:
            self.index_number = next_index_number(self.body, self.index_year)
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def get_absolute_url(self) -> str:
        return reverse("catalog:detail", kwargs={"pk": self.pk})

    # -- derived ------------------------------------------------------------------------------

    @property
    def channel_list(self) -> list[str]:
        return split_stored_channels(self.channels)

    @property
    def content_label(self) -> str:
        """The 法定主动公开内容 with its place in the law ("" when none)."""
        return content_label(self.content)

    def apply_default_content(self) -> None:
        """No content given: the one the 信息类别 implies (``contents.default_content``)."""
        if not self.content:
            self.content = default_content(self.category)

    @property
    def index_year(self) -> int:
        """The year a generated 索引号 carries: of the 发布日期, else of the 成文日期."""
        return (self.published_on or self.made_on).year

    @property
    def is_published(self) -> bool:
        return self.published_on is not None

    @property
    def is_public(self) -> bool:
        """Shown in the public catalog (:meth:`CatalogItemQuerySet.public`)."""
        return (
            self.disclosure == DisclosureChoice.PROACTIVE
            and self.published_on is not None
            and self.published_on <= timezone.localdate()
        )

    @property
    def is_awaiting_secrecy_review(self) -> bool:
        """待保密审查, as :meth:`CatalogItemQuerySet.awaiting_secrecy_review` reads it."""
        return (
            self.disclosure == DisclosureChoice.PROACTIVE
            and self.published_on is None
            and not self.secrecy_conclusion
        )

    @property
    def may_be_published(self) -> bool:
        """主动公开 and passed the 保密审查 (同意公开 or 修改后公开)."""
        return (
            self.disclosure == DisclosureChoice.PROACTIVE
            and self.secrecy_conclusion in PUBLISHABLE_CONCLUSIONS
        )

    # -- 条例第二十六条 ----------------------------------------------------------------------------

    def publication_due(self, calendar: WorkingCalendar | None = None) -> date:
        """条例第二十六条: the 20th working day after the item was formed (成文日期)."""
        return _calendar(calendar).nth_working_day_after(
            self.made_on, PUBLICATION_LIMIT_WORKING_DAYS
        )

    def is_publication_overdue(self, today: date, calendar: WorkingCalendar | None = None) -> bool:
        """超过第二十六条期限未发布, as :meth:`CatalogItemQuerySet.publication_overdue` reads it:
        主动公开, unpublished, and its due date before ``today``."""
        return (
            self.disclosure == DisclosureChoice.PROACTIVE
            and self.published_on is None
            and today > self.publication_due(calendar)
        )

    def is_published_late(self, calendar: WorkingCalendar | None = None) -> bool:
        """超期发布: a 主动公开 item published after its art. 26 due date."""
        return (
            self.disclosure == DisclosureChoice.PROACTIVE
            and self.published_on is not None
            and self.published_on > self.publication_due(calendar)
        )

    def facts(self) -> DocumentFacts:
        """What table 二 counts of this document."""
        return DocumentFacts(
            self.category,  # type: ignore[arg-type]
            self.made_on,
            self.published_on,
            self.repealed_on,
            self.disclosure,  # type: ignore[arg-type]
        )

    # -- validation ---------------------------------------------------------------------------

    def clean(self) -> None:
        super().clean()
        errors: dict[str, list[str]] = {}
        if self.disclosure != DisclosureChoice.PROACTIVE and not self.disclosure_reason.strip():
            errors.setdefault("disclosure_reason", []).append(
                str(_("公开属性为依申请公开或不予公开时，必须说明理由。"))
            )
        unknown = [c for c in self.channel_list if c not in CHANNEL_VALUES]
        if unknown:
            errors.setdefault("channels", []).append(
                str(_("“%(c)s”不是可选的公开渠道。") % {"c": "、".join(unknown)})
            )
        if self.node_id is not None and self.node is not None:
            if self.node.body_id != self.body_id:
                errors.setdefault("node", []).append(str(_("信息分类必须是本机关的目录。")))
            elif not self.node.is_leaf:
                errors.setdefault("node", []).append(str(_("信息只能归入末级目录。")))
        if self.content and self.body_id is not None:
            problem = content_scope_problem(self.content, self.body.kind, self.body.name)
            if problem:
                errors.setdefault("content", []).append(problem)
        if (
            self.valid_from is not None
            and self.repealed_on is not None
            and self.repealed_on < self.valid_from
        ):
            errors.setdefault("repealed_on", []).append(str(_("失效/废止日期不能早于施行日期。")))
        if errors:
            raise ValidationError(errors)


# =============================================================================================
# Index numbers, channels and the art. 26 limit
# =============================================================================================


def next_index_number(body: Body, year: int, also_used: Iterable[str] = ()) -> str:
    """The next canonical 索引号 of ``body`` in ``year`` (ValueError: no code, or year full)."""
    code = body.code
    if not code:
        raise ValueError(f"机关“{body.name}”没有统一社会信用代码或组织机构代码，无法生成索引号")
    existing = CatalogItem.objects.filter(body=body, index_number__contains=f"{year}").values_list(
        "index_number", flat=True
    )
    serial = next_serial([*existing, *also_used], code, year)
    return format_index_number(code, year, serial)


def join_channels(channels: Iterable[str]) -> str:
    """Channels in their list order, without duplicates, comma-joined for storage."""
    wanted = set(channels)
    known = [c for c in CHANNEL_VALUES if c in wanted]
    unknown = sorted(wanted - set(CHANNEL_VALUES))
    return CHANNEL_JOIN.join([*known, *unknown])


def split_stored_channels(text: str) -> list[str]:
    return [c for c in (p.strip() for p in text.split(CHANNEL_JOIN)) if c]


def _calendar(calendar: WorkingCalendar | None) -> WorkingCalendar:
    if calendar is not None:
        return calendar
    from gongkai.apps.workcal.services import load_calendar

    return load_calendar()


def overdue_made_cutoff(today: date, calendar: WorkingCalendar | None = None) -> date:
    """The latest 成文日期 whose art. 26 due date is before ``today``.

    The due date only moves forward with the 成文日期, so "unpublished and overdue as of today"
    (:meth:`CatalogItem.is_publication_overdue`) is exactly ``made_on <= cutoff``: a query can
    use the index on ``made_on`` instead of computing a due date per row.
    """
    calendar = _calendar(calendar)
    last_day = today - timedelta(days=1)
    made = last_day
    while calendar.working_days_between(made, last_day) < PUBLICATION_LIMIT_WORKING_DAYS:
        made -= timedelta(days=1)
    return made


# =============================================================================================
# Attachments
# =============================================================================================


class CatalogAttachmentQuerySet(RestrictedQuerySet["CatalogAttachment"]):
    pass


class CatalogAttachmentManager(models.Manager["CatalogAttachment"]):
    """Attachments without their extracted ``text`` (up to 200,000 characters each) unless
    asked for: lists, pages and the API never need it. Related managers
    (``item.attachments``) and prefetches use this too."""

    def get_queryset(self) -> models.QuerySet[CatalogAttachment]:
        return super().get_queryset().defer("text")


class CatalogAttachment(models.Model):
    """A file of a catalog item, kept under ``<var>/attachments`` (never served as static:
    downloads go through a view that checks who may read it)."""

    item = models.ForeignKey(
        CatalogItem,
        on_delete=models.PROTECT,
        related_name="attachments",
        verbose_name=_("信息条目"),
    )
    file = models.FileField(
        _("文件"), upload_to=attachment_path, storage=attachment_storage, max_length=200
    )
    original_name = models.CharField(_("文件名"), max_length=200)
    size = models.PositiveBigIntegerField(_("大小（字节）"))
    content_type = models.CharField(_("文件类型"), max_length=100)
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
    # The text read for search (apps.catalog.attachment_search), by a background task after
    # the upload commits; never shown to the public as such (only a snippet of a public item).
    text = models.TextField(_("提取的文字"), blank=True, default="")
    text_status = models.CharField(
        _("文字提取状态"),
        max_length=20,
        choices=AttachmentTextStatus.choices,
        default=AttachmentTextStatus.PENDING,
    )
    text_note = models.CharField(_("文字提取说明"), max_length=300, blank=True, default="")
    text_extracted_at = models.DateTimeField(_("文字提取时间"), null=True, blank=True)

    objects = CatalogAttachmentManager.from_queryset(CatalogAttachmentQuerySet)()

    class Meta:
        verbose_name = _("附件")
        verbose_name_plural = _("附件")
        ordering = ["item", "uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.original_name

    def get_absolute_url(self) -> str:
        """The download (the only way a file is read)."""
        return reverse("catalog:attachment", kwargs={"pk": self.pk})

    @property
    def body(self) -> Body:
        """The body of the item (what the permission policy asks)."""
        return self.item.body


# =============================================================================================
# 政策解读
# =============================================================================================


class InterpretationQuerySet(RestrictedQuerySet["Interpretation"]):
    """The words of 政策解读, each defined once (the item pages, the lists, the annual report's
    facts and the superior's assessment use them). Whether one is *timely* is the domain's
    :func:`gongkai.domain.catalog.interpretation.is_timely` (working days of the calendar and the
    body's period): :meth:`Interpretation.is_timely` for one, ``catalog.reporting`` for a year."""

    def published(self, today: date | None = None) -> InterpretationQuerySet:
        """Published by ``today`` (default today): a 发布日期 on or before it."""
        today = today or timezone.localdate()
        return self.filter(published_on__isnull=False, published_on__lte=today)

    def drafts(self) -> InterpretationQuerySet:
        """Not yet published (no 发布日期)."""
        return self.filter(published_on__isnull=True)

    def public(self, today: date | None = None) -> InterpretationQuerySet:
        """What the public may see: published by ``today`` and about a public item
        (:meth:`CatalogItemQuerySet.public`)."""
        today = today or timezone.localdate()
        return self.published(today).filter(item__in=CatalogItem.objects.public(today).values("pk"))

    def published_in(self, year: int) -> InterpretationQuerySet:
        """Published in ``year`` (the year the annual report counts a 解读 in)."""
        return self.filter(published_on__gte=date(year, 1, 1), published_on__lte=date(year, 12, 31))


def _http_url_validator() -> URLValidator:
    return URLValidator(
        schemes=["http", "https"], message=_("请填写以 http:// 或 https:// 开头的网址。")
    )


class Interpretation(models.Model):
    """A 政策解读 of a catalog document (文字、图文、视频、新闻发布会 …). A draft until it has a
    发布日期; public once published and its document is public."""

    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="interpretations", verbose_name=_("机关")
    )
    item = models.ForeignKey(
        CatalogItem,
        on_delete=models.PROTECT,
        related_name="interpretations",
        verbose_name=_("解读的文件"),
    )
    kind = models.CharField(
        _("解读形式"),
        max_length=16,
        choices=InterpretationKind.choices,
        default=InterpretationKind.TEXT,
    )
    title = models.CharField(_("标题"), max_length=300)
    text = models.TextField(_("解读内容"), blank=True)
    url = models.CharField(
        _("链接"),
        max_length=500,
        blank=True,
        validators=[_http_url_validator()],
        help_text=_("视频、新闻发布会或图解页面的网址（http 或 https）。"),
    )
    published_on = models.DateField(_("发布日期"), null=True, blank=True, db_index=True)
    version = models.PositiveIntegerField(_("版本"), default=1)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = InterpretationQuerySet.as_manager()

    class Meta:
        verbose_name = _("政策解读")
        verbose_name_plural = _("政策解读")
        ordering = ["-published_on", "-pk"]
        indexes = [
            # The year's 解读 of a body by form (catalog.reporting.interpretation_facts).
            models.Index(fields=["body", "published_on", "kind"], name="interp_body_pub_kind"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=InterpretationKind.values),
                name="interpretation_kind_known",
                violation_error_message=_("未知的解读形式。"),
            ),
            models.CheckConstraint(
                condition=~models.Q(text="", url=""),
                name="interpretation_text_or_url",
                violation_error_message=_("请填写解读内容或链接（至少一项）。"),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("catalog:interpretation", kwargs={"pk": self.pk})

    @property
    def is_published(self) -> bool:
        return self.published_on is not None

    def due(self, calendar: WorkingCalendar | None = None) -> date | None:
        """The last timely day (None while the document is unpublished)."""
        if self.item.published_on is None:
            return None
        return interpretation_rule.interpretation_due(
            self.item.published_on, self.body.interpretation_days, _calendar(calendar)
        )

    def is_timely(self, calendar: WorkingCalendar | None = None) -> bool:
        """Published within the body's working days of its document's publication."""
        if self.item.published_on is None:
            return False
        return interpretation_rule.is_timely(
            self.item.published_on,
            self.published_on,
            self.body.interpretation_days,
            _calendar(calendar),
        )

    def clean(self) -> None:
        super().clean()
        if (
            self.item_id is not None
            and self.body_id is not None
            and self.item.body_id != self.body_id
        ):
            raise ValidationError({"item": _("解读必须与所解读的文件属于同一机关。")})
