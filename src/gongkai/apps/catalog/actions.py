"""Actions on catalog items: draft an item, 保密审查, publish, repeal.

Same contract as the application and case actions: policy check, durable transaction, history.
The 保密审查 is an approval (审核人 or 管理员); drafting, publishing and repealing are changes
(经办人, 审核人, 管理员).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from gongkai.apps.applications.actions import ActionError, ActionPermissionError, TransitionError
from gongkai.apps.catalog.choices import (
    CHANNEL_VALUES,
    DisclosureChoice,
    SecrecyConclusion,
    ValidityChoice,
)
from gongkai.apps.catalog.models import (
    PUBLISHABLE_CONCLUSIONS,
    CatalogItem,
    join_channels,
    next_index_number,
)
from gongkai.apps.orgs.models import Body
from gongkai.apps.orgs.policies import can_approve, can_change

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    UserLike = AbstractBaseUser | AnonymousUser

__all__ = ["create_item", "publish_item", "repeal_item", "review_secrecy"]


def _require_change(user: UserLike, body: Body) -> None:
    if not can_change(user, body):
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
    if not can_approve(user, item.body):
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
