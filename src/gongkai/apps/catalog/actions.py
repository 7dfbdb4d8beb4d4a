"""Actions on the catalog: draft and edit an item, 保密审查, publish, amend, repeal; the
catalog tree (add, rename, reorder, delete an empty node); attachments.

Same contract as the application and case actions: policy check, durable transaction, history.
The 保密审查 is an approval (审核人 or 管理员); everything else is a change (经办人, 审核人,
管理员). Views call these functions and show their Chinese errors; no rule lives in a view.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from gongkai.apps.catalog.attachments import AttachmentRejected, check_upload
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
    join_channels,
    next_index_number,
)
from gongkai.apps.orgs.models import Body
from gongkai.kernel.errors import ActionError, ActionPermissionError, TransitionError
from gongkai.kernel.permissions import user_can

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    UserLike = AbstractBaseUser | AnonymousUser

__all__ = [
    "EDITABLE_FIELDS",
    "LIFE_CYCLE_CATEGORIES",
    "add_attachment",
    "amend_item",
    "create_item",
    "create_node",
    "delete_attachment",
    "delete_node",
    "move_node",
    "publish_item",
    "rename_node",
    "repeal_item",
    "review_secrecy",
    "update_item",
]

#: What a drafter may edit on an item (索引号 never changes; 保密审查, 发布 and 有效性 are
#: separate actions).
EDITABLE_FIELDS = (
    "node",
    "title",
    "summary",
    "category",
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


def _require_change(user: UserLike, body: Body) -> None:
    if not user_can(user, "change", body):
        raise ActionPermissionError(
            _("您没有登记“%(body)s”主动公开信息的权限。") % {"body": body.name}
        )


def _user_or_none(user: Any) -> Any:
    return user if getattr(user, "is_authenticated", False) else None


def _full_clean(item: CatalogItem, exclude: Iterable[str] = ()) -> None:
    try:
        item.full_clean(exclude=list(exclude))
    except ValidationError as exc:
        fields = exc.message_dict
        raise ActionError("；".join(m for ms in fields.values() for m in ms), fields) from exc


def create_item(user: UserLike, body: Body, **fields: Any) -> CatalogItem:
    """Register a document of ``body`` at drafting, with its 公开属性 (not yet published).

    A blank 索引号 is generated (canonical form, the body's code and the year of 成文日期).
    """
    _require_change(user, body)
    if fields.get("published_on") is not None:
        raise ActionError(_("新登记的信息尚未发布：请在保密审查后用“发布”登记发布日期。"))
    channels = fields.pop("channels", ())
    if not isinstance(channels, str):
        channels = join_channels(channels)
    item = CatalogItem(body=body, channels=channels, **fields)
    item.index_number = item.index_number.strip()
    _full_clean(item, exclude=["index_number"])
    item._history_user = _user_or_none(user)  # type: ignore[attr-defined]
    with transaction.atomic(durable=True):
        # Serialise index-number generation per body.
        Body.objects.select_for_update().filter(pk=body.pk).first()
        if not item.index_number:
            try:
                item.index_number = next_index_number(body, item.index_year)
            except ValueError as exc:
                raise ActionError(str(exc), {"index_number": [str(exc)]}) from exc
        try:
            with transaction.atomic():
                item.save()
        except IntegrityError as exc:
            raise ActionError(
                _("索引号“%(n)s”在本机关已存在。") % {"n": item.index_number}
            ) from exc
    return item


def review_secrecy(
    user: UserLike, item: CatalogItem, conclusion: str, reviewed_on: date
) -> CatalogItem:
    """Record the 保密审查 (reviewer = ``user``, date, conclusion) of an unpublished item."""
    if not user_can(user, "approve", item.body):
        raise ActionPermissionError(
            _("您没有对“%(body)s”的信息进行保密审查的权限。") % {"body": item.body.name}
        )
    if conclusion not in SecrecyConclusion.values:
        raise ActionError(
            _("保密审查结论只能是同意公开、不予公开或修改后公开。"),
            {"secrecy_conclusion": [_("请选择审查结论。")]},
        )
    with transaction.atomic(durable=True):
        fresh = CatalogItem.objects.select_for_update().get(pk=item.pk)
        if fresh.published_on is not None:
            raise TransitionError(_("信息已经发布，不能再进行保密审查。"))
        fresh.secrecy_reviewer = _user_or_none(user)
        fresh.secrecy_reviewed_on = reviewed_on
        fresh.secrecy_conclusion = conclusion
        fresh._history_user = _user_or_none(user)  # type: ignore[attr-defined]
        fresh.save()
    return fresh


def publish_item(
    user: UserLike, item: CatalogItem, published_on: date, channels: Iterable[str]
) -> CatalogItem:
    """Publish a 主动公开 item that passed the 保密审查, on ``channels``, on ``published_on``."""
    _require_change(user, item.body)
    wanted = list(dict.fromkeys(channels))
    if not wanted:
        raise ActionError(_("请至少选择一个公开渠道。"), {"channels": [_("请选择公开渠道。")]})
    unknown = [c for c in wanted if c not in CHANNEL_VALUES]
    if unknown:
        raise ActionError(
            _("“%(c)s”不是可选的公开渠道。") % {"c": "、".join(unknown)},
            {"channels": [_("请从列表中选择公开渠道。")]},
        )
    with transaction.atomic(durable=True):
        fresh = CatalogItem.objects.select_for_update().get(pk=item.pk)
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
                % {"p": published_on, "m": fresh.made_on}
            )
        fresh.published_on = published_on
        fresh.channels = join_channels(wanted)
        fresh._history_user = _user_or_none(user)  # type: ignore[attr-defined]
        fresh.save()
    return fresh


def repeal_item(
    user: UserLike, item: CatalogItem, repealed_on: date, validity: str = ValidityChoice.REPEALED
) -> CatalogItem:
    """End a document's validity: 失效 or 废止 on ``repealed_on`` (规章/规范性文件 life cycle)."""
    _require_change(user, item.body)
    if validity not in (ValidityChoice.EXPIRED, ValidityChoice.REPEALED):
        raise ActionError(_("有效性只能改为失效或废止。"))
    with transaction.atomic(durable=True):
        fresh = CatalogItem.objects.select_for_update().get(pk=item.pk)
        if fresh.validity != ValidityChoice.VALID:
            raise TransitionError(_("信息已经%(v)s。") % {"v": fresh.get_validity_display()})
        if repealed_on < fresh.made_on:
            raise ActionError(_("失效/废止日期不能早于成文日期。"))
        if fresh.valid_from is not None and repealed_on < fresh.valid_from:
            raise ActionError(_("失效/废止日期不能早于施行日期。"))
        fresh.validity, fresh.repealed_on = validity, repealed_on
        fresh._history_user = _user_or_none(user)  # type: ignore[attr-defined]
        fresh.save()
    return fresh


def update_item(user: UserLike, item: CatalogItem, **fields: Any) -> CatalogItem:
    """Edit the metadata of an item (:data:`EDITABLE_FIELDS`).

    A published item keeps its 公开属性 (主动公开): it cannot be withdrawn by an edit.
    """
    _require_change(user, item.body)
    unknown = sorted(set(fields) - set(EDITABLE_FIELDS))
    if unknown:
        raise ValueError(f"不能直接修改的字段：{', '.join(unknown)}")
    with transaction.atomic(durable=True):
        fresh = CatalogItem.objects.select_for_update().get(pk=item.pk)
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
        if fresh.disclosure == DisclosureChoice.PROACTIVE:
            fresh.disclosure_reason = fresh.disclosure_reason.strip()
        _full_clean(fresh)
        fresh._history_user = _user_or_none(user)  # type: ignore[attr-defined]
        fresh.save()
    return fresh


def amend_item(user: UserLike, item: CatalogItem, amended_on: date) -> CatalogItem:
    """Record the 修改 of a valid 规章 or 规范性文件 on ``amended_on`` (life cycle)."""
    _require_change(user, item.body)
    with transaction.atomic(durable=True):
        fresh = CatalogItem.objects.select_for_update().get(pk=item.pk)
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
        fresh._history_user = _user_or_none(user)  # type: ignore[attr-defined]
        fresh.save()
    return fresh


# =============================================================================================
# The catalog tree
# =============================================================================================


def _save_node(user: UserLike, node: CatalogNode) -> None:
    try:
        node.full_clean()
    except ValidationError as exc:
        fields = exc.message_dict
        raise ActionError("；".join(m for ms in fields.values() for m in ms), fields) from exc
    node._history_user = _user_or_none(user)  # type: ignore[attr-defined]
    node.save()


def create_node(
    user: UserLike, body: Body, name: str, parent: CatalogNode | None = None
) -> CatalogNode:
    """Add a node under ``parent`` (or at the top), after its siblings."""
    _require_change(user, body)
    with transaction.atomic(durable=True):
        siblings = CatalogNode.objects.filter(body=body, parent=parent)
        last = siblings.aggregate(m=Max("order"))["m"]
        node = CatalogNode(
            body=body, parent=parent, name=name.strip(), order=0 if last is None else last + 1
        )
        _save_node(user, node)
    return node


def rename_node(user: UserLike, node: CatalogNode, name: str) -> CatalogNode:
    _require_change(user, node.body)
    with transaction.atomic(durable=True):
        fresh = CatalogNode.objects.select_for_update().get(pk=node.pk)
        fresh.name = name.strip()
        _save_node(user, fresh)
    return fresh


def move_node(user: UserLike, node: CatalogNode, step: int) -> CatalogNode:
    """Move a node one place up (``step`` −1) or down (+1) among its siblings."""
    _require_change(user, node.body)
    if step not in (-1, 1):
        raise ValueError("step must be -1 or 1")
    with transaction.atomic(durable=True):
        siblings = list(
            CatalogNode.objects.select_for_update()
            .filter(body_id=node.body_id, parent_id=node.parent_id)
            .order_by("order", "pk")
        )
        index = next(i for i, s in enumerate(siblings) if s.pk == node.pk)
        other = index + step
        if not 0 <= other < len(siblings):
            return siblings[index]
        siblings[index], siblings[other] = siblings[other], siblings[index]
        for order, sibling in enumerate(siblings):
            if sibling.order != order:
                sibling.order = order
                sibling._history_user = _user_or_none(user)  # type: ignore[attr-defined]
                sibling.save(update_fields=["order", "updated_at"])
        return siblings[other]


def delete_node(user: UserLike, node: CatalogNode) -> None:
    """Delete a node that has neither sub-nodes nor items."""
    _require_change(user, node.body)
    with transaction.atomic(durable=True):
        fresh = CatalogNode.objects.select_for_update().get(pk=node.pk)
        if fresh.children.exists():
            raise TransitionError(_("目录“%(n)s”下还有下级目录，不能删除。") % {"n": fresh.name})
        if fresh.items.exists():
            raise TransitionError(_("目录“%(n)s”下还有信息条目，不能删除。") % {"n": fresh.name})
        fresh._history_user = _user_or_none(user)  # type: ignore[attr-defined]
        fresh.delete()


# =============================================================================================
# Attachments
# =============================================================================================


def add_attachment(user: UserLike, item: CatalogItem, upload: UploadedFile) -> CatalogAttachment:
    """Store an uploaded file for ``item`` after :func:`attachments.check_upload`."""
    _require_change(user, item.body)
    try:
        checked = check_upload(upload.name or "", upload.size or 0, upload)
    except AttachmentRejected as exc:
        raise ActionError(str(exc), {"file": [str(exc)]}) from exc
    attachment = CatalogAttachment(
        item=item,
        original_name=checked.name,
        size=checked.size,
        content_type=checked.content_type,
        sha256=checked.sha256,
        uploaded_by=_user_or_none(user),
    )
    attachment._history_user = _user_or_none(user)  # type: ignore[attr-defined]
    stored: list[str] = []
    try:
        with transaction.atomic(durable=True):
            attachment.file.save(checked.name, upload, save=False)
            stored.append(attachment.file.name or "")
            attachment.save()
    except BaseException:
        for name in stored:
            attachment.file.storage.delete(name)
        raise
    return attachment


def delete_attachment(user: UserLike, attachment: CatalogAttachment) -> None:
    """Remove an attachment of an unpublished item (a published file stays as published)."""
    item = attachment.item
    _require_change(user, item.body)
    if item.published_on is not None:
        raise TransitionError(_("信息已经发布，附件不能删除。"))
    name = attachment.file.name
    storage = attachment.file.storage
    with transaction.atomic(durable=True):
        attachment._history_user = _user_or_none(user)  # type: ignore[attr-defined]
        attachment.delete()
        if name:
            transaction.on_commit(lambda: storage.delete(name))
