"""Telling the applicant of each step that concerns them: a durable outbox.

- :func:`queue` writes one :class:`~gongkai.apps.applications.models.Notification` row per
  channel (e-mail when the applicant gave an address; SMS when ``GONGKAI_SMS_SENDER`` names a
  sender and they gave a phone number) **in the transaction of the step**: when the step is
  saved, so is the message, and a mail server that is down loses nothing.
- After the commit (``transaction.on_commit``) a task on the engine's ``notifications`` queue
  (:func:`deliver_notifications`, run by ``gongkai worker``) delivers the rows; a failure is
  stored on the row (attempts, last error, the next attempt after an exponential backoff) and
  never raised into the user's request, which does not wait for the mail server.
- :func:`send_due` retries what is due: ``gongkai notifications send`` and the daily run
  (``gongkai daily``) call it. Staff see every row on the case page and in the body's list.

The outbox row is the truth (docs/architecture.md, "Notifications"): the task only carries the
rows' ids, and a row whose task never ran (no worker, a queue lost) is still sent by
:func:`send_due` once its attempt is due.

A sender is any class with a ``send(recipient, subject, body)`` method that raises on failure
(:class:`NotificationSender`); :class:`EmailSender` is the one shipped. An SMS gateway is
plugged in by a setting, ``GONGKAI_SMS_SENDER = "package.module.ClassName"``; its ``send``
gets the phone number, the subject and the plain-text body (it may shorten it).
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Protocol

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django_tasks import task

from gongkai.apps.applications.choices import (
    RUNNING_STATUSES,
    EventKind,
    NotificationChannel,
    NotificationStatus,
)
from gongkai.apps.applications.models import Application, ApplicationEvent, Notification
from gongkai.apps.applications.services import ApplicantStep, applicant_step

__all__ = [
    "BACKOFF_BASE",
    "NOTIFICATION_QUEUE",
    "NOTIFIED_KINDS",
    "EmailSender",
    "NotificationSender",
    "deliver",
    "deliver_notifications",
    "queue",
    "retry_delay",
    "send_due",
    "sender_for",
]

logger = logging.getLogger(__name__)

#: The steps the applicant is told of as they happen (条例第三十条、第三十一条、第三十三条、
#: 第三十六条): receipt, the 补正 notice and the corrected application's receipt, the
#: extension, the reply, its delivery, the automatic close.
NOTIFIED_KINDS = frozenset(
    {
        EventKind.REGISTER,
        EventKind.CORRECTION_REQUESTED,
        EventKind.CORRECTION_RECEIVED,
        EventKind.EXTENSION_APPROVED,
        EventKind.REPLY,
        EventKind.DELIVERY,
        EventKind.LAPSE,
    }
)
#: The first retry waits this long; each further one twice as long (5, 10, 20 … minutes).
BACKOFF_BASE = timedelta(minutes=5)


class NotificationSender(Protocol):
    """What a channel's sender does: send one message or raise (any exception is a failure,
    stored on the outbox row and retried)."""

    def send(self, recipient: str, subject: str, body: str) -> None: ...


class EmailSender:
    """The e-mail channel, through Django's configured backend (``GONGKAI_EMAIL_URL``)."""

    def send(self, recipient: str, subject: str, body: str) -> None:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient], fail_silently=False)


def sender_for(channel: str) -> NotificationSender | None:
    """The sender of ``channel``: e-mail always; SMS when ``GONGKAI_SMS_SENDER`` is set."""
    if channel == NotificationChannel.EMAIL:
        return EmailSender()
    path = getattr(settings, "GONGKAI_SMS_SENDER", "")
    if channel == NotificationChannel.SMS and path:
        sender: NotificationSender = import_string(path)()
        return sender
    return None


def retry_delay(attempts: int) -> timedelta:
    """The wait after the ``attempts``-th failed attempt."""
    factor: int = 2 ** max(attempts - 1, 0)
    return BACKOFF_BASE * factor


def _tracking_code(app: Application) -> str:
    try:
        return str(app.online_request.tracking_code)
    except (AttributeError, ObjectDoesNotExist):
        return ""


def _message(app: Application, step: ApplicantStep) -> tuple[str, str]:
    subject = _("【%(body)s】政府信息公开申请 %(number)s：%(title)s") % {
        "body": app.body.name,
        "number": app.number,
        "title": step.title,
    }
    lines = [
        _("%(name)s：") % {"name": app.applicant_name},
        "",
        _("您向%(body)s提出的政府信息公开申请（申请编号 %(number)s）有新的办理情况：")
        % {"body": app.body.name, "number": app.number},
        "",
        f"{step.on.isoformat()} {step.title}",
        *step.lines,
    ]
    if app.status in RUNNING_STATUSES and app.due_on is not None:
        lines.append(_("当前答复期限：%(due)s") % {"due": app.due_on.isoformat()})
    lines.append("")
    code = _tracking_code(app)
    if code:
        lines.append(
            _(
                "您可凭查询编号 %(code)s 和查询码在本平台“网上申请—查询办理状态”页面"
                "查看全部办理情况。"
            )
            % {"code": code}
        )
    office = (app.body.office_name, app.body.office_phone, app.body.office_address)
    contact = " ".join(part for part in office if part)
    lines += ["", app.body.name + (f"（{contact}）" if contact else "")]
    return subject, "\n".join(lines)


def queue(app: Application, event: ApplicationEvent) -> list[Notification]:
    """Write the outbox rows telling the applicant of ``event`` (inside the step's
    transaction) and deliver them once it commits. Nothing for a step the applicant is not
    told of, or an applicant without an address."""
    if event.kind not in NOTIFIED_KINDS:
        return []
    targets: list[tuple[str, str]] = []
    if app.email:
        targets.append((NotificationChannel.EMAIL, app.email))
    if app.phone and getattr(settings, "GONGKAI_SMS_SENDER", ""):
        targets.append((NotificationChannel.SMS, app.phone))
    if not targets:
        return []
    subject, body = _message(app, applicant_step(app, event))
    now = timezone.now()
    rows = [
        Notification.objects.create(
            application=app,
            event=event,
            kind=event.kind,
            channel=channel,
            recipient=recipient,
            subject=subject[:200],
            body=body,
            next_attempt_at=now,
        )
        for channel, recipient in targets
    ]
    ids = [row.pk for row in rows]
    # robust: a queue that cannot be written to must not fail the saved step (send_due sends).
    transaction.on_commit(lambda: deliver_notifications.enqueue(ids), robust=True)
    return rows


#: The engine's queue of the notifications (``gongkai worker --queue notifications``).
NOTIFICATION_QUEUE = "notifications"


@task(queue_name=NOTIFICATION_QUEUE)
def deliver_notifications(ids: list[int]) -> int:
    """The task that makes the first attempt to send the outbox rows ``ids``; how many were
    sent. A row sent meanwhile (by :func:`send_due`) is left alone."""
    rows = Notification.objects.filter(pk__in=list(ids)).select_related("application")
    return sum(1 for row in rows.order_by("pk") if deliver(row))


def deliver(row: Notification, now: datetime | None = None) -> bool:
    """One attempt to send ``row``; True when sent. Never raises: a failure is stored on the
    row (and logged), to be retried by :func:`send_due` after :func:`retry_delay`."""
    now = now or timezone.now()
    # Claim the attempt: a row sent meanwhile by another process is left alone.
    claimed = Notification.objects.filter(
        pk=row.pk,
        status__in=[NotificationStatus.PENDING, NotificationStatus.FAILED],
        attempts=row.attempts,
    ).update(attempts=F("attempts") + 1)
    if not claimed:
        return False
    row.attempts += 1
    try:
        sender = sender_for(row.channel)
        if sender is None:
            raise RuntimeError(_("未配置“%(channel)s”的发送方式。") % {"channel": row.channel})
        sender.send(row.recipient, row.subject, row.body)
    except Exception as exc:  # a mail server down must never reach the user's request
        row.status = NotificationStatus.FAILED
        row.last_error = f"{type(exc).__name__}: {exc}"[:500]
        row.next_attempt_at = now + retry_delay(row.attempts)
        logger.warning("notification %s failed (attempt %s): %s", row.pk, row.attempts, exc)
        row.save(update_fields=["status", "last_error", "next_attempt_at"])
        return False
    row.status = NotificationStatus.SENT
    row.sent_at = now
    row.last_error = ""
    row.save(update_fields=["status", "sent_at", "last_error"])
    return True


def send_due(now: datetime | None = None) -> tuple[int, int]:
    """Send every row whose (re)try is due; (sent, failed) counts."""
    now = now or timezone.now()
    sent = failed = 0
    for row in Notification.objects.due(now).select_related("application").order_by("pk"):
        if deliver(row, now):
            sent += 1
        else:
            failed += 1
    return sent, failed
