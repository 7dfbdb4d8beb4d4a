"""Recording matters, decisions and money records one by one (the ledgers import many).

条例第二十条第（五）至（九）项: a body records the matters on its lists (事项清单), its
decisions (处理决定), the fees it collected and its central procurement projects, from which
table 二 of its annual report is counted. Each operation is an action of
:mod:`gongkai.kernel.actions`: the body's policy decides (经办人, 审核人, 管理员 of the body; 上级
never), the record is validated with Chinese messages, saved in a durable transaction (a change
on the row locked, refused when someone else changed it since — ``expected_version``), and one
audit entry names the user and the changed fields.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.apps.orgs.models import Body
from gongkai.apps.stats.models import Decision, Matter, MoneyRecord
from gongkai.kernel.actions import create, locked
from gongkai.kernel.audit import register_actions
from gongkai.kernel.errors import ActionError, validation_error

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    UserLike = AbstractBaseUser | AnonymousUser

__all__ = [
    "IMPORT_ACTION",
    "create_decision",
    "create_matter",
    "create_money_record",
    "update_decision",
    "update_matter",
    "update_money_record",
]

#: The audit action of a §4 ledger import (every record it creates, changes or deletes).
IMPORT_ACTION = "stats.import"

register_actions(
    {
        "stats.matter_create": gettext_lazy("登记事项清单事项"),
        "stats.matter_update": gettext_lazy("修改事项清单事项"),
        "stats.decision_create": gettext_lazy("登记处理决定"),
        "stats.decision_update": gettext_lazy("修改处理决定"),
        "stats.money_create": gettext_lazy("登记收费或政府集中采购记录"),
        "stats.money_update": gettext_lazy("修改收费或政府集中采购记录"),
        IMPORT_ACTION: gettext_lazy("台账导入"),
    }
)

R = TypeVar("R", Matter, Decision, MoneyRecord)

# The check constraints about one field (full_clean reports them as non-field errors).
_CHECKS = (
    (Matter, "matter_cancelled_not_before_effective", "cancelled_on"),
    (Decision, "decision_count_positive", "count"),
    (MoneyRecord, "moneyrecord_amount_not_negative", "amount_yuan"),
)


def _constraint_fields() -> dict[str, str]:
    """A violated check constraint's message → the field a form shows it on."""
    return {
        str(constraint.violation_error_message): field
        for model, name, field in _CHECKS
        for constraint in model._meta.constraints
        if constraint.name == name
    }


def _denied(body: Body) -> str:
    return _("您没有登记“%(body)s”事项统计记录的权限。") % {"body": body.name}


def _duplicate(exc: Exception) -> ActionError:
    return ActionError(_("与已有记录重复，未保存。"))


def _create(record: R, action: str, acting_user: Any) -> R:
    return create(
        record,
        action,
        acting_user=acting_user,
        denied=_denied(record.body),
        constraint_fields=_constraint_fields(),
        integrity_error=_duplicate,
    )


def _update(
    record: R, action: str, acting_user: Any, expected_version: int | None, **fields: Any
) -> R:
    """Set ``fields`` on the locked ``record`` (its body stays), validated, with one entry."""
    with locked(
        record,
        action,
        acting_user=acting_user,
        expected_version=expected_version,
        denied=_denied(record.body),
    ) as step:
        for name, value in fields.items():
            setattr(step.obj, name, value)
        try:
            step.obj.full_clean()
        except ValidationError as exc:
            raise validation_error(exc, _constraint_fields()) from exc
    return step.obj


# =============================================================================================
# 事项清单
# =============================================================================================


def create_matter(
    body: Body,
    *,
    acting_user: UserLike | None,
    category: str,
    name: str,
    effective_on: date,
    cancelled_on: date | None = None,
) -> Matter:
    """Put a matter on one of ``body``'s lists from ``effective_on`` (until ``cancelled_on``)."""
    matter = Matter(
        body=body,
        category=category,
        name=name,
        effective_on=effective_on,
        cancelled_on=cancelled_on,
    )
    return _create(matter, "stats.matter_create", acting_user)


def update_matter(
    matter: Matter,
    *,
    acting_user: UserLike | None,
    expected_version: int | None = None,
    category: str,
    name: str,
    effective_on: date,
    cancelled_on: date | None,
) -> Matter:
    """Correct a matter of a list, or record the day it left the list (``cancelled_on``)."""
    return _update(
        matter,
        "stats.matter_update",
        acting_user,
        expected_version,
        category=category,
        name=name,
        effective_on=effective_on,
        cancelled_on=cancelled_on,
    )


# =============================================================================================
# 处理决定
# =============================================================================================


def create_decision(
    body: Body,
    *,
    acting_user: UserLike | None,
    category: str,
    matter_name: str,
    decided_on: date,
    count: int = 1,
) -> Decision:
    """Record one decision of ``body`` (or ``count`` decisions of a matter in a period, dated
    its last day)."""
    decision = Decision(
        body=body, category=category, matter_name=matter_name, decided_on=decided_on, count=count
    )
    return _create(decision, "stats.decision_create", acting_user)


def update_decision(
    decision: Decision,
    *,
    acting_user: UserLike | None,
    expected_version: int | None = None,
    category: str,
    matter_name: str,
    decided_on: date,
    count: int,
) -> Decision:
    """Correct a recorded decision."""
    return _update(
        decision,
        "stats.decision_update",
        acting_user,
        expected_version,
        category=category,
        matter_name=matter_name,
        decided_on=decided_on,
        count=count,
    )


# =============================================================================================
# 收费和政府集中采购
# =============================================================================================


def create_money_record(
    body: Body,
    *,
    acting_user: UserLike | None,
    category: str,
    item_name: str,
    on: date,
    amount_yuan: Decimal,
) -> MoneyRecord:
    """Record fees collected or a central procurement project of ``body`` (amount in 元)."""
    record = MoneyRecord(
        body=body, category=category, item_name=item_name, on=on, amount_yuan=amount_yuan
    )
    return _create(record, "stats.money_create", acting_user)


def update_money_record(
    record: MoneyRecord,
    *,
    acting_user: UserLike | None,
    expected_version: int | None = None,
    category: str,
    item_name: str,
    on: date,
    amount_yuan: Decimal,
) -> MoneyRecord:
    """Correct a fee or procurement record."""
    return _update(
        record,
        "stats.money_update",
        acting_user,
        expected_version,
        category=category,
        item_name=item_name,
        on=on,
        amount_yuan=amount_yuan,
    )
