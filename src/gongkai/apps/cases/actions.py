"""Actions on reconsideration and litigation cases: record a case, close it.

Same contract as the application actions: policy check, durable transaction, history.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from gongkai.apps.applications.models import Application
from gongkai.apps.cases.choices import CaseKindChoice, CaseResultChoice
from gongkai.apps.cases.models import ReviewCase
from gongkai.apps.orgs.models import Body
from gongkai.kernel.errors import ActionError, ActionPermissionError, TransitionError
from gongkai.kernel.permissions import user_can

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    UserLike = AbstractBaseUser | AnonymousUser

__all__ = ["close_case", "record_case"]


def _require_change(user: UserLike, body: Body) -> None:
    if not user_can(user, "change", body):
        raise ActionPermissionError(_("您没有登记“%(body)s”案件的权限。") % {"body": body.name})


def _user_or_none(user: Any) -> Any:
    return user if getattr(user, "is_authenticated", False) else None


def record_case(
    user: UserLike,
    body: Body,
    *,
    number: str,
    kind: str,
    filed_on: date,
    application: Application | None = None,
    note: str = "",
) -> ReviewCase:
    """Record a 行政复议 application or a lawsuit about ``body``'s disclosure work."""
    _require_change(user, body)
    if kind not in CaseKindChoice.values:
        raise ActionError(_("案件类型不正确。"), {"kind": [_("请选择案件类型。")]})
    if application is not None:
        if application.body_id != body.pk:
            raise ActionError(
                _("关联申请“%(number)s”不属于本机关。") % {"number": application.number},
                {"application": [_("请选择本机关的申请。")]},
            )
        if filed_on < application.received_on:
            raise ActionError(_("立案日期不能早于关联申请的收到日期。"))
    case = ReviewCase(
        body=body,
        number=number.strip(),
        kind=kind,
        filed_on=filed_on,
        application=application,
        note=note,
    )
    try:
        case.full_clean()
    except ValidationError as exc:
        fields = exc.message_dict
        raise ActionError("；".join(m for ms in fields.values() for m in ms), fields) from exc
    case._history_user = _user_or_none(user)  # type: ignore[attr-defined]
    with transaction.atomic(durable=True):
        try:
            with transaction.atomic():
                case.save()
        except IntegrityError as exc:
            raise ActionError(
                _("案件编号“%(number)s”在本机关已存在。") % {"number": case.number}
            ) from exc
    return case


def close_case(user: UserLike, case: ReviewCase, result: str, closed_on: date) -> ReviewCase:
    """Record the decision of a pending case (维持 / 纠正 / 其他) and its date."""
    _require_change(user, case.body)
    if result not in CaseResultChoice.values:
        raise ActionError(_("结果只能是维持、纠正或其他。"), {"result": [_("请选择结果。")]})
    with transaction.atomic(durable=True):
        fresh = ReviewCase.objects.select_for_update().get(pk=case.pk)
        if fresh.result:
            raise TransitionError(_("案件已经审结，不能再次结案。"))
        if closed_on < fresh.filed_on:
            raise ActionError(_("结案日期不能早于立案日期。"))
        fresh.result, fresh.closed_on = result, closed_on
        fresh._history_user = _user_or_none(user)  # type: ignore[attr-defined]
        fresh.save()
    return fresh
