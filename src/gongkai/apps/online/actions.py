"""The actions of 网上申请: an applicant submits online, the body confirms (条例第二十九条、
第三十一条).

- :func:`submit_online_request` stores the submission with a random tracking code and a query
  code; the query code is returned once and only its hash is kept.
- :func:`lookup_online_request` finds a submission by tracking code + query code, comparing in
  constant time; a wrong pair of codes is indistinguishable from an unknown tracking code.
- :func:`confirm_online_request` registers the :class:`Application` (channel ``online``,
  ``received_on`` = the day of confirmation: 条例第三十一条, an online application is received
  on the day both sides confirm it) and links the request, in one transaction.
- :func:`reject_online_request` refuses a spam or empty submission, with a reason.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from django.contrib.auth.hashers import check_password, make_password
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.apps.applications.actions import register_within
from gongkai.apps.applications.choices import Channel
from gongkai.apps.applications.models import APPLICANT_FIELDS, Application
from gongkai.apps.online.choices import OnlineRequestStatus
from gongkai.apps.online.models import OnlineRequest
from gongkai.apps.orgs.models import Body
from gongkai.kernel.actions import locked, user_or_none
from gongkai.kernel.audit import log, register_actions
from gongkai.kernel.errors import ActionError

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    UserLike = AbstractBaseUser | AnonymousUser

__all__ = [
    "CODE_ALPHABET",
    "QUERY_CODE_LENGTH",
    "TRACKING_CODE_LENGTH",
    "Submitted",
    "confirm_online_request",
    "lookup_online_request",
    "normalise_code",
    "reject_online_request",
    "submit_online_request",
    "submitted_on",
]

# No 0/O, 1/I/L: the codes are read from a screen and typed again.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
TRACKING_CODE_LENGTH = 12
QUERY_CODE_LENGTH = 10


register_actions(
    {
        "online.submit": gettext_lazy("网上提交"),
        "online.confirm": gettext_lazy("确认受理"),
        "online.reject": gettext_lazy("不予受理"),
    }
)

# Compared against when the tracking code is unknown, so that the answer takes as long.
_DUMMY_HASH: str | None = None


@dataclass(frozen=True)
class Submitted:
    """A stored submission and its query code in clear (shown to the applicant once)."""

    request: OnlineRequest
    query_code: str


def _code(length: int) -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _i in range(length))


def normalise_code(value: str) -> str:
    """Codes as typed: spaces and dashes dropped, upper case."""
    return "".join(value.split()).replace("-", "").upper()


def submitted_on(request: OnlineRequest) -> date:
    """The local day of the submission (the earliest possible receipt date)."""
    return timezone.localdate(request.submitted_at)


def submit_online_request(body: Body, **fields: Any) -> Submitted:
    """Store an applicant's submission to ``body``; ``fields`` are :data:`APPLICANT_FIELDS`."""
    unknown = set(fields) - set(APPLICANT_FIELDS)
    if unknown:
        raise ActionError(
            _("网上申请不能填写：%(fields)s。") % {"fields": "、".join(sorted(unknown))}
        )
    query_code = _code(QUERY_CODE_LENGTH)
    for _attempt in range(5):
        request = OnlineRequest(
            body=body,
            tracking_code=_code(TRACKING_CODE_LENGTH),
            query_code_hash=make_password(query_code),
            submitted_at=timezone.now(),
            **fields,
        )
        try:
            with transaction.atomic():
                request.save()
                log(request, "online.submit", None)
        except IntegrityError:  # the tracking code is taken (31¹² codes: practically never)
            continue
        return Submitted(request, query_code)
    raise ActionError(_("暂时无法保存申请，请稍后重试。"))


def lookup_online_request(tracking_code: str, query_code: str) -> OnlineRequest | None:
    """The submission with this tracking code if ``query_code`` matches it, else None.

    The hash check (constant-time) runs also for an unknown tracking code, against a dummy
    hash, so timing does not tell whether a tracking code exists.
    """
    global _DUMMY_HASH
    tracking = normalise_code(tracking_code)
    query = normalise_code(query_code)
    request = (
        OnlineRequest.objects.select_related("application", "body")
        .filter(tracking_code=tracking)
        .first()
        if tracking and len(tracking) <= TRACKING_CODE_LENGTH
        else None
    )
    if request is None:
        if _DUMMY_HASH is None:
            _DUMMY_HASH = make_password(_code(QUERY_CODE_LENGTH))
        check_password(query, _DUMMY_HASH)
        return None
    if not query or not check_password(query, request.query_code_hash):
        return None
    return request


def _denied(request: OnlineRequest) -> str:
    return _("您没有处理“%(body)s”网上申请的权限。") % {"body": request.body.name}


def _check_pending(fresh: OnlineRequest) -> None:
    if fresh.status != OnlineRequestStatus.PENDING:
        raise ActionError(
            _("网上申请 %(code)s 已处理（%(status)s），不能再次处理。")
            % {"code": fresh.tracking_code, "status": fresh.get_status_display()}
        )


def confirm_online_request(
    request: OnlineRequest,
    received_on: date | None = None,
    *,
    acting_user: UserLike | None,
) -> Application:
    """Confirm receipt: register the application (channel ``online``) received on
    ``received_on`` (today by default; not before the submission, not in the future), copy the
    applicant's data and link the request, in one transaction."""
    today = timezone.localdate()
    received_on = received_on or today
    earliest = submitted_on(request)
    if received_on < earliest:
        raise ActionError(
            _("收到申请日期 %(on)s 不能早于提交日期 %(earliest)s。")
            % {"on": received_on.isoformat(), "earliest": earliest.isoformat()},
            {"received_on": [_("收到申请日期不能早于申请人提交的日期。")]},
        )
    if received_on > today:
        raise ActionError(
            _("收到申请日期 %(on)s 晚于今天。") % {"on": received_on.isoformat()},
            {"received_on": [_("收到申请日期不能晚于今天。")]},
        )
    with locked(
        request, "online.confirm", acting_user=acting_user, denied=_denied(request)
    ) as step:
        fresh = step.obj
        _check_pending(fresh)
        app = register_within(
            fresh.body,
            acting_user=acting_user,
            channel=Channel.ONLINE,
            received_on=received_on,
            **{name: getattr(fresh, name) for name in APPLICANT_FIELDS},
        )
        fresh.status = OnlineRequestStatus.ACCEPTED
        fresh.application = app
        fresh.confirmed_at = timezone.now()
        fresh.handled_by = user_or_none(acting_user)
        step.data.update(application=app.number, on=received_on)
    return app


def reject_online_request(
    request: OnlineRequest, reason: str, *, acting_user: UserLike | None
) -> OnlineRequest:
    """不予受理 (spam, an empty or unreadable submission): the reason is shown to the
    applicant on the status page. A real application the body cannot answer is confirmed and
    answered under 条例第三十六条 instead."""
    reason = reason.strip()
    if not reason:
        raise ActionError.on_field("reason", _("请填写不予受理的理由。"))
    with locked(request, "online.reject", acting_user=acting_user, denied=_denied(request)) as step:
        fresh = step.obj
        _check_pending(fresh)
        fresh.status = OnlineRequestStatus.REJECTED
        fresh.reject_reason = reason
        fresh.confirmed_at = timezone.now()
        fresh.handled_by = user_or_none(acting_user)
        step.data["note"] = reason
    return fresh
