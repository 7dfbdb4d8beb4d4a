"""Recording matters, decisions and money records one by one (the ledgers import many).

Same contract as the other actions: policy check (经办人, 审核人, 管理员 of the body; 上级
never), validation with Chinese messages, a durable transaction, a history row naming the user.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from gongkai.apps.stats.models import Decision, Matter, MoneyRecord
from gongkai.kernel.errors import ActionError, ActionPermissionError
from gongkai.kernel.permissions import user_can

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    UserLike = AbstractBaseUser | AnonymousUser

__all__ = ["StatsRecord", "save_record"]

StatsRecord = Matter | Decision | MoneyRecord


def save_record(user: UserLike, record: StatsRecord) -> StatsRecord:
    """Create or update ``record`` (a matter, a decision or a money record) of its body."""
    body = record.body
    if not user_can(user, "change", body):
        raise ActionPermissionError(
            _("您没有登记“%(body)s”事项统计记录的权限。") % {"body": body.name}
        )
    if record.pk is not None:
        stored_body = type(record).objects.filter(pk=record.pk).values_list("body_id", flat=True)
        if list(stored_body) != [record.body_id]:
            raise ActionPermissionError(_("记录不能改到其他机关。"))
    try:
        record.full_clean()
    except ValidationError as exc:
        fields = exc.message_dict
        raise ActionError("；".join(m for ms in fields.values() for m in ms), fields) from exc
    history_user = user if getattr(user, "is_authenticated", False) else None
    record._history_user = history_user  # type: ignore[union-attr]
    try:
        with transaction.atomic(durable=True):
            record.save()
    except IntegrityError as exc:
        raise ActionError(_("与已有记录重复，未保存。")) from exc
    return record
