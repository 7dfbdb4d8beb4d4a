"""Actions on the catalog: draft and edit an item, 保密审查, publish, amend, repeal; the
catalog tree (add, rename, reorder, delete an empty node); attachments.

Every action is a typed function ``do_x(obj, …, *, acting_user, expected_version=None)`` on
:mod:`gongkai.kernel.actions`: the permission policy, one durable transaction on the locked
row, the version the user saw (optimistic locking), one audit entry with a dotted name. The
保密审查 is an approval (审核人 or 管理员); everything else is a change (经办人, 审核人, 管理员).
Views, the ledger import and tests call these functions; no rule lives in a view.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import AbstractContextManager
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max, ProtectedError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.apps.catalog.attachments import (
    AttachmentRejected,
    attachment_storage,
    check_not_attached,
    check_upload,
)
from gongkai.apps.catalog.choices import (
    CHANNEL_VALUES,
    CategoryChoice,
    DisclosureChoice,
    SecrecyConclusion,
    ValidityChoice,
)
from gongkai.apps.catalog.models import (
    PUBLISHABLE_CONCLUSIONS,
    CatalogAttachment,
    CatalogItem,
    CatalogNode,
    Interpretation,
    join_channels,
    next_index_number,
)
from gongkai.apps.catalog.text_extraction import queue_extraction
from gongkai.apps.orgs.models import Body
from gongkai.kernel.actions import Step, create, delete, locked, require, user_or_none
from gongkai.kernel.audit import register_actions
from gongkai.kernel.errors import ActionError, TransitionError, constraint_fields, validation_error

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    UserLike = AbstractBaseUser | AnonymousUser

__all__ = [
    "EDITABLE_FIELDS",
    "IMPORT_ACTION",
    "INTERPRETATION_FIELDS",
    "LIFE_CYCLE_CATEGORIES",
    "add_attachment",
    "amend_item",
    "create_interpretation",
    "create_item",
    "create_node",
    "delete_attachment",
    "delete_node",
    "move_node",
    "publish_interpretation",
    "publish_item",
    "rename_node",
    "repeal_item",
    "review_secrecy",
    "update_interpretation",
    "update_item",
]

_Owned = TypeVar("_Owned", CatalogItem, CatalogNode)

#: The audit entry of a ledger import (:mod:`gongkai.apps.catalog.ledgers`).
IMPORT_ACTION = "catalog.import"

register_actions(
    {
        "catalog.create": gettext_lazy("登记信息"),
        "catalog.update": gettext_lazy("修改信息"),
        "catalog.review": gettext_lazy("保密审查"),
        "catalog.publish": gettext_lazy("发布"),
        "catalog.amend": gettext_lazy("登记修改"),
        "catalog.repeal": gettext_lazy("登记废止/失效"),
        "catalog.attach": gettext_lazy("上传附件"),
        "catalog.detach": gettext_lazy("删除附件"),
        "catalog.create_node": gettext_lazy("添加目录"),
        "catalog.rename_node": gettext_lazy("重命名目录"),
        "catalog.move_node": gettext_lazy("调整目录顺序"),
        "catalog.delete_node": gettext_lazy("删除目录"),
        IMPORT_ACTION: gettext_lazy("台账导入"),
        "catalog.interpretation_create": gettext_lazy("登记政策解读"),
        "catalog.interpretation_update": gettext_lazy("修改政策解读"),
        "catalog.interpretation_publish": gettext_lazy("发布政策解读"),
    }
)

#: What a drafter may edit on an item (索引号 never changes; 保密审查, 发布 and 有效性 are
#: separate actions).
EDITABLE_FIELDS = (
    "node",
    "title",
    "summary",
    "category",
    "content",
    "topic",
    "publisher",
    "doc_number",
    "made_on",
    "valid_from",
    "disclosure",
    "disclosure_reason",
)
#: The documents with a life cycle (制发 → 有效 → 修改/废止) that table 二 counts.
LIFE_CYCLE_CATEGORIES = frozenset({CategoryChoice.REGULATION.value, CategoryChoice.NORMATIVE.value})


def _denied(body: Body) -> str:
    return _("您没有登记“%(body)s”主动公开信息的权限。") % {"body": body.name}


def _changing(
    obj: _Owned,
    action: str,
    acting_user: UserLike | None,
    expected_version: int | None,
    **options: Any,
) -> AbstractContextManager[Step[_Owned]]:
    """:func:`gongkai.kernel.actions.locked` on an item or node, refused in its body's words."""
    options.setdefault("denied", _denied(obj.body))
    return locked(
        obj, action, acting_user=acting_user, expected_version=expected_version, **options
    )


def _full_clean(
    obj: CatalogItem | CatalogNode | Interpretation,
    exclude: Iterable[str] = (),
    constraint_fields: dict[str, str] | None = None,
) -> None:
    try:
        obj.full_clean(exclude=list(exclude))
    except ValidationError as exc:
        raise validation_error(exc, constraint_fields) from exc


# =============================================================================================
# Items
# =============================================================================================


def create_item(body: Body, *, acting_user: UserLike | None, **fields: Any) -> CatalogItem:
    """Register a document of ``body`` at drafting, with its 公开属性 (not yet published).

    A blank 索引号 is generated (canonical form, the body's code and the year of 成文日期); a
    blank 公开内容 is the one its 信息类别 implies (:meth:`CatalogItem.apply_default_content`).
    """
    require(acting_user, "change", body, _denied(body))
    if fields.get("published_on") is not None:
        raise ActionError(_("新登记的信息尚未发布：请在保密审查后用“发布”登记发布日期。"))
    channels = fields.pop("channels", ())
    if not isinstance(channels, str):
        channels = join_channels(channels)
    item = CatalogItem(body=body, channels=channels, **fields)
    item.index_number = item.index_number.strip()
    item.apply_default_content()
    _full_clean(item, exclude=["index_number"])
    with transaction.atomic(durable=True):
        # Serialise index-number generation per body.
        Body.objects.select_for_update().filter(pk=body.pk).first()
        if not item.index_number:
            try:
                item.index_number = next_index_number(body, item.index_year)
            except ValueError as exc:
                raise ActionError.on_field("index_number", str(exc)) from exc
        create(
            item,
            "catalog.create",
            acting_user=acting_user,
            denied=_denied(body),
            validate=False,
            durable=False,
            integrity_error=lambda exc: ActionError(
                _("索引号“%(n)s”在本机关已存在。") % {"n": item.index_number}
            ),
        )
    return item


def update_item(
    item: CatalogItem,
    *,
    acting_user: UserLike | None,
    expected_version: int | None = None,
    **fields: Any,
) -> CatalogItem:
    """Edit the metadata of an item (:data:`EDITABLE_FIELDS`).

    A published item keeps its 公开属性 (主动公开): it cannot be withdrawn by an edit.
    """
    unknown = sorted(set(fields) - set(EDITABLE_FIELDS))
    if unknown:
        raise ValueError(f"不能直接修改的字段：{', '.join(unknown)}")
    with _changing(item, "catalog.update", acting_user, expected_version) as step:
        fresh = step.obj
        if (
            fresh.published_on is not None
            and fields.get("disclosure", fresh.disclosure) != fresh.disclosure
        ):
            raise ActionError(
                _("信息已经发布，不能再更改公开属性。"),
                {"disclosure": [_("已发布的信息不能更改公开属性。")]},
            )
        for name, value in fields.items():
            setattr(fresh, name, value)
        fresh.apply_default_content()
        if fresh.disclosure == DisclosureChoice.PROACTIVE:
            fresh.disclosure_reason = fresh.disclosure_reason.strip()
        _full_clean(fresh)
    return fresh


def review_secrecy(
    item: CatalogItem,
    secrecy_conclusion: str,
    reviewed_on: date,
    *,
    acting_user: UserLike | None,
    expected_version: int | None = None,
) -> CatalogItem:
    """Record the 保密审查 (reviewer = ``acting_user``, date, conclusion) of an unpublished
    item (条例第十七条: reviewed before it is published)."""
    if secrecy_conclusion not in SecrecyConclusion.values:
        raise ActionError(
            _("保密审查结论只能是同意公开、不予公开或修改后公开。"),
            {"secrecy_conclusion": [_("请选择审查结论。")]},
        )
    denied = _("您没有对“%(body)s”的信息进行保密审查的权限。") % {"body": item.body.name}
    with _changing(
        item, "catalog.review", acting_user, expected_version, permission="approve", denied=denied
    ) as step:
        fresh = step.obj
        if fresh.published_on is not None:
            raise TransitionError(_("信息已经发布，不能再进行保密审查。"))
        fresh.secrecy_reviewer = user_or_none(acting_user)
        fresh.secrecy_reviewed_on = reviewed_on
        fresh.secrecy_conclusion = secrecy_conclusion
    return fresh


def publish_item(
    item: CatalogItem,
    published_on: date,
    channels: Iterable[str],
    *,
    acting_user: UserLike | None,
    expected_version: int | None = None,
) -> CatalogItem:
    """Publish a 主动公开 item that passed the 保密审查, on ``channels``, on ``published_on``
    (条例第二十六条: within 20 working days of its 成文日期)."""
    wanted = list(dict.fromkeys(channels))
    if not wanted:
        raise ActionError(_("请至少选择一个公开渠道。"), {"channels": [_("请选择公开渠道。")]})
    unknown = [c for c in wanted if c not in CHANNEL_VALUES]
    if unknown:
        raise ActionError(
            _("“%(c)s”不是可选的公开渠道。") % {"c": "、".join(unknown)},
            {"channels": [_("请从列表中选择公开渠道。")]},
        )
    with _changing(item, "catalog.publish", acting_user, expected_version) as step:
        fresh = step.obj
        if fresh.published_on is not None:
            raise TransitionError(_("信息已经发布。"))
        if fresh.disclosure != DisclosureChoice.PROACTIVE:
            raise TransitionError(
                _("只有公开属性为主动公开的信息才能发布（本条为%(d)s）。")
                % {"d": fresh.get_disclosure_display()}
            )
        if fresh.secrecy_conclusion not in PUBLISHABLE_CONCLUSIONS:
            raise TransitionError(
                _("信息尚未通过保密审查（需审查结论为同意公开或修改后公开），不能发布。")
            )
        if published_on < fresh.made_on:
            raise ActionError(
                _("发布日期 %(p)s 不能早于成文日期 %(m)s。")
                % {"p": published_on, "m": fresh.made_on},
                {"published_on": [_("发布日期不能早于成文日期。")]},
            )
        fresh.published_on = published_on
        fresh.channels = join_channels(wanted)
    return fresh


def amend_item(
    item: CatalogItem,
    amended_on: date,
    *,
    acting_user: UserLike | None,
    expected_version: int | None = None,
) -> CatalogItem:
    """Record the 修改 of a valid 规章 or 规范性文件 on ``amended_on`` (life cycle)."""
    with _changing(item, "catalog.amend", acting_user, expected_version) as step:
        fresh = step.obj
        if fresh.category not in LIFE_CYCLE_CATEGORIES:
            raise TransitionError(_("只有规章和行政规范性文件登记修改。"))
        if fresh.validity != ValidityChoice.VALID:
            raise TransitionError(
                _("信息已经%(v)s，不能再登记修改。") % {"v": fresh.get_validity_display()}
            )
        if amended_on < fresh.made_on:
            raise ActionError(
                _("修改日期不能早于成文日期 %(m)s。") % {"m": fresh.made_on},
                {"amended_on": [_("修改日期不能早于成文日期。")]},
            )
        if fresh.amended_on is not None and amended_on < fresh.amended_on:
            raise ActionError(
                _("修改日期不能早于上次修改日期 %(d)s。") % {"d": fresh.amended_on},
                {"amended_on": [_("修改日期不能早于上次修改日期。")]},
            )
        fresh.amended_on = amended_on
    return fresh


def repeal_item(
    item: CatalogItem,
    repealed_on: date,
    validity: str = ValidityChoice.REPEALED,
    *,
    acting_user: UserLike | None,
    expected_version: int | None = None,
) -> CatalogItem:
    """End a document's validity: 失效 or 废止 on ``repealed_on`` (规章/规范性文件 life cycle)."""
    if validity not in (ValidityChoice.EXPIRED, ValidityChoice.REPEALED):
        raise ActionError.on_field("validity", _("有效性只能改为失效或废止。"))
    with _changing(item, "catalog.repeal", acting_user, expected_version) as step:
        fresh = step.obj
        if fresh.validity != ValidityChoice.VALID:
            raise TransitionError(_("信息已经%(v)s。") % {"v": fresh.get_validity_display()})
        if repealed_on < fresh.made_on:
            raise ActionError.on_field("repealed_on", _("失效/废止日期不能早于成文日期。"))
        if fresh.valid_from is not None and repealed_on < fresh.valid_from:
            raise ActionError.on_field("repealed_on", _("失效/废止日期不能早于施行日期。"))
        fresh.validity, fresh.repealed_on = validity, repealed_on
    return fresh


# =============================================================================================
# Attachments (an operation on their item: the item's trail tells them)
# =============================================================================================


def add_attachment(
    item: CatalogItem,
    file: UploadedFile,
    *,
    acting_user: UserLike | None,
    expected_version: int | None = None,
) -> CatalogAttachment:
    """Store an uploaded file for ``item`` after :func:`attachments.check_upload` (size,
    extension, content) and :func:`attachments.check_not_attached` (not the same content as
    one of the item's files: checked on the locked item, so two uploads of one file at once
    store it once); the file is removed again when the transaction fails."""
    stored: list[str] = []
    try:
        with _changing(item, "catalog.attach", acting_user, expected_version) as step:
            try:
                checked = check_upload(file.name or "", file.size or 0, file)
                check_not_attached(checked, step.obj.attachments.all())
            except AttachmentRejected as exc:
                raise ActionError.on_field("file", str(exc)) from exc
            attachment = CatalogAttachment(
                item=step.obj,
                original_name=checked.name,
                size=checked.size,
                content_type=checked.content_type,
                sha256=checked.sha256,
                uploaded_by=user_or_none(acting_user),
            )
            attachment.file.save(checked.name, file, save=False)
            stored.append(attachment.file.name or "")
            attachment.save()
            step.data.update(file=checked.name, size=checked.size, sha256=checked.sha256)
            queue_extraction(attachment)  # its text, for search, after the commit
    except BaseException:
        for name in stored:
            attachment_storage().delete(name)
        raise
    return attachment


def delete_attachment(
    item: CatalogItem,
    attachment: CatalogAttachment,
    *,
    acting_user: UserLike | None,
    expected_version: int | None = None,
) -> CatalogItem:
    """Remove an attachment of an unpublished item (a published file stays as published); the
    file goes once the transaction has committed."""
    with _changing(
        item,
        "catalog.detach",
        acting_user,
        expected_version,
        data={"file": attachment.original_name},
    ) as step:
        if step.obj.published_on is not None:
            raise TransitionError(_("信息已经发布，附件不能删除。"))
        found = CatalogAttachment.objects.filter(pk=attachment.pk, item=step.obj).first()
        if found is None:
            raise ActionError.on_field("attachment", _("附件不存在或不属于这条信息。"))
        name, storage = found.file.name, found.file.storage
        found.delete()
        if name:
            transaction.on_commit(lambda: storage.delete(name))
    return step.obj


# =============================================================================================
# The catalog tree
# =============================================================================================


def create_node(
    body: Body, name: str, parent: CatalogNode | None = None, *, acting_user: UserLike | None
) -> CatalogNode:
    """Add a node under ``parent`` (or at the top), after its siblings."""
    require(acting_user, "change", body, _denied(body))
    with transaction.atomic(durable=True):
        Body.objects.select_for_update().filter(pk=body.pk).first()
        last = CatalogNode.objects.filter(body=body, parent=parent).aggregate(m=Max("order"))["m"]
        node = CatalogNode(
            body=body, parent=parent, name=name.strip(), order=0 if last is None else last + 1
        )
        _full_clean(node)
        create(node, "catalog.create_node", acting_user=acting_user, validate=False, durable=False)
    return node


def rename_node(
    node: CatalogNode,
    name: str,
    *,
    acting_user: UserLike | None,
    expected_version: int | None = None,
) -> CatalogNode:
    with _changing(node, "catalog.rename_node", acting_user, expected_version) as step:
        step.obj.name = name.strip()
        _full_clean(step.obj)
    return step.obj


def move_node(
    node: CatalogNode,
    step: int,
    *,
    acting_user: UserLike | None,
    expected_version: int | None = None,
) -> CatalogNode:
    """Move a node one place up (``step`` −1) or down (+1) among its siblings (the siblings are
    renumbered 0, 1, 2 …)."""
    if step not in (-1, 1):
        raise ValueError("step must be -1 or 1")
    with _changing(
        node, "catalog.move_node", acting_user, expected_version, data={"step": step}
    ) as moving:
        fresh = moving.obj
        siblings = list(
            CatalogNode.objects.select_for_update()
            .filter(body_id=fresh.body_id, parent_id=fresh.parent_id)
            .order_by("order", "pk")
        )
        index = next(i for i, s in enumerate(siblings) if s.pk == fresh.pk)
        other = index + step
        if not 0 <= other < len(siblings):
            where = _("最前面") if step < 0 else _("最后面")
            raise TransitionError(
                _("目录“%(n)s”已经在%(where)s。") % {"n": fresh.name, "where": where}
            )
        siblings[index], siblings[other] = siblings[other], siblings[index]
        for order, sibling in enumerate(siblings):
            if sibling.pk == fresh.pk:
                fresh.order = order
            elif sibling.order != order:
                sibling.order = order
                sibling.version += 1
                sibling.save(update_fields=["order", "version", "updated_at"])
    return fresh


def delete_node(
    node: CatalogNode,
    *,
    acting_user: UserLike | None,
    expected_version: int | None = None,
) -> None:
    """Delete a node that has neither sub-nodes nor items."""
    if node.children.exists():
        raise TransitionError(_("目录“%(n)s”下还有下级目录，不能删除。") % {"n": node.name})
    if node.items.exists():
        raise TransitionError(_("目录“%(n)s”下还有信息条目，不能删除。") % {"n": node.name})
    try:
        delete(
            node,
            "catalog.delete_node",
            acting_user=acting_user,
            expected_version=expected_version,
            denied=_denied(node.body),
        )
    except ProtectedError as exc:  # filled since the check above
        raise TransitionError(
            _("目录“%(n)s”下还有下级目录或信息条目，不能删除。") % {"n": node.name}
        ) from exc


# =============================================================================================
# 政策解读
# =============================================================================================

#: What a clerk registers and may correct on a 解读 (its publication is its own action).
INTERPRETATION_FIELDS = ("kind", "title", "text", "url")


def _interpretation_denied(body: Body) -> str:
    return _("您没有登记或修改“%(body)s”政策解读的权限。") % {"body": body.name}


def _clean_fields(fields: dict[str, Any]) -> dict[str, Any]:
    unknown = sorted(set(fields) - set(INTERPRETATION_FIELDS))
    if unknown:
        raise ValueError(f"不能直接修改的字段：{', '.join(unknown)}")
    return {k: v.strip() if isinstance(v, str) else v for k, v in fields.items()}


def _interpretation_constraints() -> dict[str, str]:
    """A constraint's message → the field the form shows it on."""
    return constraint_fields([Interpretation], {"interpretation_text_or_url": "text"})


def create_interpretation(
    item: CatalogItem, *, acting_user: UserLike | None, **fields: Any
) -> Interpretation:
    """Register a 解读 (draft: no 发布日期) of ``item``, in the item's body."""
    interpretation = Interpretation(body=item.body, item=item, **_clean_fields(fields))
    return create(
        interpretation,
        "catalog.interpretation_create",
        acting_user=acting_user,
        denied=_interpretation_denied(item.body),
        constraint_fields=_interpretation_constraints(),
    )


def update_interpretation(
    interpretation: Interpretation,
    *,
    acting_user: UserLike | None,
    expected_version: int | None = None,
    **fields: Any,
) -> Interpretation:
    """Correct the form, title, text or link of a 解读 (published or not: the trail keeps the
    former values)."""
    values = _clean_fields(fields)
    with locked(
        interpretation,
        "catalog.interpretation_update",
        acting_user=acting_user,
        expected_version=expected_version,
        denied=_interpretation_denied(interpretation.body),
    ) as step:
        for name, value in values.items():
            setattr(step.obj, name, value)
        _full_clean(step.obj, constraint_fields=_interpretation_constraints())
    return step.obj


def publish_interpretation(
    interpretation: Interpretation,
    published_on: date,
    *,
    acting_user: UserLike | None,
    expected_version: int | None = None,
) -> Interpretation:
    """Publish a 解读 on ``published_on``: its document must be published as 主动公开 (the
    解读 accompanies it; it may come out the same day or later, or earlier the same week at a
    press conference — not before the document was even made)."""
    with locked(
        interpretation,
        "catalog.interpretation_publish",
        acting_user=acting_user,
        expected_version=expected_version,
        denied=_interpretation_denied(interpretation.body),
    ) as step:
        fresh = step.obj
        item = fresh.item
        if fresh.published_on is not None:
            raise TransitionError(_("这条解读已经发布。"))
        if item.disclosure != DisclosureChoice.PROACTIVE or item.published_on is None:
            raise TransitionError(_("所解读的文件尚未作为主动公开信息发布，解读不能先行发布。"))
        if published_on < item.made_on:
            raise ActionError(
                _("解读的发布日期 %(p)s 不能早于文件的成文日期 %(m)s。")
                % {"p": published_on, "m": item.made_on},
                {"published_on": [_("发布日期不能早于文件的成文日期。")]},
            )
        fresh.published_on = published_on
        step.data["timely"] = fresh.is_timely()
    return fresh
