"""Actions on meetings: register (登记会议), correct (修改), link the minutes' catalog item
(关联纪要).

Each is a typed function on the kernel's machinery (:func:`gongkai.kernel.actions.create` /
:func:`~gongkai.kernel.actions.locked`): the body's policy (经办人/审核人/管理员 change, never
上级), one durable transaction on the locked row, the ``version`` the user saw, validation by
the model's constraints (Chinese messages on their fields) and one audit entry
(``meetings.record`` / ``meetings.update`` / ``meetings.link_minutes``).
"""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.apps.catalog.choices import DisclosureChoice
from gongkai.apps.catalog.models import CatalogItem
from gongkai.apps.meetings.models import Meeting
from gongkai.apps.orgs.models import Body
from gongkai.kernel.actions import create, locked
from gongkai.kernel.audit import register_actions
from gongkai.kernel.errors import ActionError, constraint_fields, validation_error

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    UserLike = AbstractBaseUser | AnonymousUser

__all__ = ["MEETING_FIELDS", "link_minutes", "record_meeting", "update_meeting"]

#: The fields a clerk registers and may correct (the linked item has its own action).
MEETING_FIELDS = (
    "kind",
    "held_on",
    "title",
    "topics",
    "attended",
    "attendees",
    "minutes_published_on",
    "minutes_url",
)

register_actions(
    {
        "meetings.record": gettext_lazy("登记会议"),
        "meetings.update": gettext_lazy("修改会议"),
        "meetings.link_minutes": gettext_lazy("关联纪要"),
    }
)


def _denied(body: Body) -> str:
    return _("您没有登记或修改“%(body)s”会议的权限。") % {"body": body.name}


@cache
def _constraint_fields() -> dict[str, str]:
    targets = {
        "meeting_kind_known": "kind",
        "meeting_minutes_not_before_held": "minutes_published_on",
        "meeting_minutes_one_way": "minutes_published_on",
    }
    return constraint_fields([Meeting], targets)


def _tidy(fields: dict[str, Any]) -> dict[str, Any]:
    tidy = {k: v.strip() if isinstance(v, str) and k != "topics" else v for k, v in fields.items()}
    if not tidy.get("attended", False):
        tidy["attendees"] = ""
    return tidy


def _validated(meeting: Meeting) -> None:
    try:
        meeting.full_clean()
    except ValidationError as exc:
        raise validation_error(exc, _constraint_fields()) from exc


def record_meeting(
    body: Body,
    *,
    acting_user: UserLike | None,
    kind: str,
    held_on: date,
    title: str,
    topics: str = "",
    attended: bool = False,
    attendees: str = "",
    minutes_published_on: date | None = None,
    minutes_url: str = "",
) -> Meeting:
    """Register a meeting ``body`` held (with its minutes' publication outside the catalog, if
    any; a catalog item is linked by :func:`link_minutes`)."""
    fields = _tidy(
        {
            "kind": kind,
            "held_on": held_on,
            "title": title,
            "topics": topics,
            "attended": attended,
            "attendees": attendees,
            "minutes_published_on": minutes_published_on,
            "minutes_url": minutes_url,
        }
    )
    meeting = Meeting(body=body, **fields)
    return create(
        meeting,
        "meetings.record",
        acting_user=acting_user,
        denied=_denied(body),
        constraint_fields=_constraint_fields(),
    )


def update_meeting(
    meeting: Meeting,
    *,
    acting_user: UserLike | None,
    expected_version: int | None = None,
    **fields: Any,
) -> Meeting:
    """Correct the registered fields of a meeting."""
    unknown = set(fields) - set(MEETING_FIELDS)
    if unknown:
        raise ValueError(f"not correctable here: {sorted(unknown)}")
    with locked(
        meeting,
        "meetings.update",
        acting_user=acting_user,
        expected_version=expected_version,
        denied=_denied(meeting.body),
    ) as step:
        fresh = step.obj
        for name, value in _tidy({"attended": fresh.attended, **fields}).items():
            setattr(fresh, name, value)
        if fresh.minutes_item_id is not None and (fresh.minutes_published_on or fresh.minutes_url):
            raise ActionError.on_field(
                "minutes_published_on",
                _(
                    "本会议已关联目录信息“%(item)s”，纪要公开日期以该信息为准；如需改填，请先取消关联。"
                )
                % {"item": fresh.minutes_item.title if fresh.minutes_item else ""},
            )
        _validated(fresh)
    return step.obj


def link_minutes(
    meeting: Meeting,
    minutes_item: CatalogItem | None,
    *,
    acting_user: UserLike | None,
    expected_version: int | None = None,
) -> Meeting:
    """关联纪要: the catalog item of the meeting's body that published its minutes or decisions
    (None: remove the link). A linked item replaces a publication date typed in."""
    with locked(
        meeting,
        "meetings.link_minutes",
        acting_user=acting_user,
        expected_version=expected_version,
        denied=_denied(meeting.body),
    ) as step:
        fresh = step.obj
        if minutes_item is not None:
            if minutes_item.body_id != fresh.body_id:
                raise ActionError.on_field(
                    "minutes_item",
                    _("只能关联本机关（%(body)s）的目录信息。") % {"body": fresh.body.name},
                )
            if minutes_item.disclosure != DisclosureChoice.PROACTIVE:
                raise ActionError.on_field(
                    "minutes_item",
                    _("“%(item)s”不是主动公开的信息，不能作为公开的会议纪要。")
                    % {"item": minutes_item.title},
                )
            published = minutes_item.published_on
            if published is not None and published < fresh.held_on:
                raise ActionError.on_field(
                    "minutes_item",
                    _("“%(item)s”发布于 %(published)s，早于会议召开日期 %(held)s。")
                    % {
                        "item": minutes_item.title,
                        "published": published.isoformat(),
                        "held": fresh.held_on.isoformat(),
                    },
                )
            fresh.minutes_published_on = None
            fresh.minutes_url = ""
            step.data["item"] = minutes_item.title
        step.data["note"] = (
            _("纪要：%(item)s") % {"item": minutes_item.title}
            if minutes_item is not None
            else _("取消纪要关联")
        )
        fresh.minutes_item = minutes_item
        _validated(fresh)
    return step.obj
