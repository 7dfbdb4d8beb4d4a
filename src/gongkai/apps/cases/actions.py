"""Actions on reconsideration and litigation cases (table 四, 条例第五十一条): record a case,
close it.

Each is built on :mod:`gongkai.kernel.actions`: the policy's ``change`` on the case's body, a
durable transaction (closing: on the locked row) and one audit entry (``cases.record``,
``cases.close``; a ledger import writes ``cases.import``, :mod:`gongkai.apps.cases.ledgers`).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.apps.applications.models import Application
from gongkai.apps.cases.choices import CaseKindChoice, CaseResultChoice
from gongkai.apps.cases.models import NUMBER_TAKEN, ReviewCase
from gongkai.apps.orgs.models import Body
from gongkai.kernel.actions import create, locked, require
from gongkai.kernel.audit import register_actions
from gongkai.kernel.errors import ActionError, TransitionError

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    UserLike = AbstractBaseUser | AnonymousUser

__all__ = ["CLOSE_ACTION", "IMPORT_ACTION", "RECORD_ACTION", "close_case", "record_case"]

RECORD_ACTION = "cases.record"
CLOSE_ACTION = "cases.close"
#: A case written by a ledger import (:func:`gongkai.apps.cases.ledgers.import_cases`).
IMPORT_ACTION = "cases.import"

register_actions(
    {
        RECORD_ACTION: gettext_lazy("登记案件"),
        CLOSE_ACTION: gettext_lazy("结案"),
        IMPORT_ACTION: gettext_lazy("台账导入"),
    }
)


def _record_denied(body: Body) -> str:
    return _("您没有登记“%(body)s”案件的权限。") % {"body": body.name}


def record_case(
    body: Body,
    *,
    acting_user: UserLike | None,
    number: str,
    kind: str,
    filed_on: date,
    application: Application | None = None,
    note: str = "",
) -> ReviewCase:
    """Record a 行政复议 application or a lawsuit about ``body``'s disclosure work, optionally
    linked to the application it is about (an application of ``body``, received on or before
    the filing date)."""
    case = ReviewCase(
        body=body,
        number=number.strip(),
        kind=kind,
        filed_on=filed_on,
        application=application,
        note=note,
    )
    require(acting_user, "change", case, _record_denied(body))
    if kind not in CaseKindChoice.values:
        raise ActionError(_("案件类型不正确。"), {"kind": [_("请选择案件类型。")]})
    if application is not None:
        if application.body_id != body.pk:
            raise ActionError(
                _("关联申请“%(number)s”不属于本机关。") % {"number": application.number},
                {"application": [_("请选择本机关的申请。")]},
            )
        if filed_on < application.received_on:
            raise ActionError.on_field("filed_on", _("立案日期不能早于关联申请的收到日期。"))
    return create(
        case,
        RECORD_ACTION,
        acting_user=acting_user,
        denied=_record_denied(body),
        constraint_fields={str(NUMBER_TAKEN): "number"},
        integrity_error=lambda exc: ActionError.on_field(
            "number", _("案件编号“%(number)s”在本机关已存在。") % {"number": case.number}
        ),
    )


def close_case(
    case: ReviewCase, result: str, closed_on: date, *, acting_user: UserLike | None
) -> ReviewCase:
    """Record the decision of a pending case (维持 / 纠正 / 其他) and its date."""
    if result not in CaseResultChoice.values:
        raise ActionError(_("结果只能是维持、纠正或其他。"), {"result": [_("请选择结果。")]})
    denied = _("您没有办理“%(body)s”案件的权限。") % {"body": case.body.name}
    with locked(case, CLOSE_ACTION, acting_user=acting_user, denied=denied) as step:
        fresh = step.obj
        if not fresh.is_pending:
            raise TransitionError(_("案件已经审结，不能再次结案。"))
        if closed_on < fresh.filed_on:
            raise ActionError.on_field("closed_on", _("结案日期不能早于立案日期。"))
        fresh.result, fresh.closed_on = result, closed_on
    return step.obj
