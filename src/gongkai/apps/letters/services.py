"""The facts a letter states, read from the platform's records into the domain's dataclasses
(:mod:`gongkai.domain.letters`), and what a case's letters panel shows.

The domain decides which letters a case calls for and what each says; this module only reads:
the application as registered (labels as the pages show them), its 补正 notice (the notice's
note is its 需要补正的事项), the approved extension, the consultations, the fee notice, the
reply and the delivery, the 文号 of the letters already made, and the body's office data and
remedies (复议机关, 人民法院: the body's settings).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from gongkai.apps.applications.choices import ConsultationKind, EventKind
from gongkai.apps.applications.models import Application
from gongkai.apps.applications.services import correction_period_days, correction_period_end
from gongkai.apps.letters.models import Letter, LetterTemplate
from gongkai.apps.orgs.models import Body
from gongkai.apps.workcal.services import load_calendar
from gongkai.domain.applications.deadline import CONSULTATION_WORKING_DAYS
from gongkai.domain.applications.fees import payment_due
from gongkai.domain.letters import (
    ApplicationFacts,
    BodyFacts,
    ConsultationFacts,
    CorrectionFacts,
    ExtensionFacts,
    FeeFacts,
    LetterKind,
    letters_called_for,
)
from gongkai.domain.workdays.calendar import WorkingCalendar

__all__ = [
    "PanelRow",
    "application_facts",
    "body_facts",
    "current_template",
    "letter_date",
    "letters_panel",
]


def body_facts(body: Body) -> BodyFacts:
    return BodyFacts(
        name=body.name,
        office_name=body.office_name,
        address=body.office_address,
        postcode=body.office_postcode,
        phone=body.office_phone,
        fax=body.office_fax,
        email=body.office_email,
        reconsideration_body=body.reconsideration_body,
        court=body.court,
        payment_info=body.fee_payment_info,
    )


def _correction(app: Application, calendar: WorkingCalendar) -> CorrectionFacts | None:
    events = [e for e in app.events.all() if e.kind == EventKind.CORRECTION_REQUESTED]
    if not events:
        return None
    notice = min(events, key=lambda e: (e.on, e.pk))
    received = [e.on for e in app.events.all() if e.kind == EventKind.CORRECTION_RECEIVED]
    days = correction_period_days(app, notice)
    return CorrectionFacts(
        sent_on=notice.on,
        items=notice.note,
        period_days=days,
        due_on=correction_period_end(notice.on, days, calendar),
        received_on=max(received) if received else None,
    )


def _extension(app: Application) -> ExtensionFacts | None:
    extensions = sorted(app.extensions.all(), key=lambda e: (e.approved_on is None, e.pk))
    if not extensions:
        return None
    ext = extensions[0]
    return ExtensionFacts(
        days=ext.days,
        reason=ext.reason,
        approved_on=ext.approved_on,
        new_due_on=app.due_on if ext.approved_on is not None else None,
    )


def _fee(app: Application, calendar: WorkingCalendar) -> FeeFacts | None:
    notices = sorted(app.fee_notices.all(), key=lambda f: (f.notice_on, f.pk))
    if not notices:
        return None
    fee = notices[-1]
    return FeeFacts(
        method=fee.method,
        amount=fee.amount,
        notice_on=fee.notice_on,
        pages=fee.pages,
        nth_in_month=fee.nth_in_month,
        pay_by=payment_due(fee.notice_on, calendar),
        paid_on=fee.paid_on,
        waived=fee.waived,
    )


def application_facts(
    app: Application, calendar: WorkingCalendar | None = None
) -> ApplicationFacts:
    """Everything the letters of ``app`` may state (a few queries; prefetch ``events``,
    ``extensions``, ``consultations``, ``fee_notices`` and ``letters`` to share them)."""
    calendar = calendar or load_calendar()
    issued = sorted(app.letters.all(), key=lambda letter: (letter.created_at, letter.pk))
    return ApplicationFacts(
        number=app.number,
        applicant_name=app.applicant_name,
        applicant_type=app.applicant_type,
        received_on=app.received_on,
        content=app.content,
        channel=app.get_channel_display(),
        address=app.address,
        postcode=app.postcode,
        phone=app.phone,
        email=app.email,
        requested_form=app.get_requested_form_display() if app.requested_form else "",
        requested_delivery=(app.get_requested_delivery_display() if app.requested_delivery else ""),
        due_on=app.due_on,
        correction=_correction(app, calendar),
        extension=_extension(app),
        consultations=tuple(
            ConsultationFacts(
                party=c.party,
                sent_on=c.sent_on,
                other_body=c.kind == ConsultationKind.OTHER_BODY,
                answer_due_on=calendar.nth_working_day_after(c.sent_on, CONSULTATION_WORKING_DAYS),
                answered_on=c.answered_on,
            )
            for c in sorted(app.consultations.all(), key=lambda c: (c.sent_on, c.pk))
        ),
        fee=_fee(app, calendar),
        outcome=app.outcome,
        legal_basis=app.legal_basis,
        reasons=app.reply_text,
        withheld=app.withheld,
        replied_on=app.replied_on,
        delivered_on=app.delivered_on,
        delivery_way=app.get_delivery_way_display() if app.delivery_way else "",
        delivery_proof=app.delivery_proof,
        issued=tuple((LetterKind(letter.kind), letter.number) for letter in issued),
    )


def letter_date(facts: ApplicationFacts, kind: LetterKind) -> date:
    """The date a letter bears (成文日期): the day of the step it records, so the letter and
    the file agree (the 补正 notice the day it was sent, the 答复书 and its 送达回证 the reply
    date …); today when the step has no date yet."""
    dated: dict[LetterKind, date | None] = {
        LetterKind.CORRECTION: facts.correction.sent_on if facts.correction else None,
        LetterKind.EXTENSION: facts.extension.approved_on if facts.extension else None,
        LetterKind.CONSULTATION: (
            max(c.sent_on for c in facts.consultations) if facts.consultations else None
        ),
        LetterKind.FEE: facts.fee.notice_on if facts.fee else None,
        LetterKind.REPLY: facts.replied_on,
        LetterKind.DELIVERY: facts.replied_on,
    }
    return dated[kind] or timezone.localdate()


def current_template(body: Body, kind: LetterKind) -> LetterTemplate | None:
    """The body's own template of ``kind`` in use (None: the platform's default)."""
    return LetterTemplate.objects.current().filter(body=body, kind=kind.value).first()


@dataclass(frozen=True)
class PanelRow:
    """One letter the case calls for, and the copies made of it (latest first)."""

    kind: LetterKind
    letters: list[Letter]


def letters_panel(app: Application) -> list[PanelRow]:
    """The case page's letters: each letter the case calls for, generated or not, and any
    letter made earlier that the case no longer calls for (it stays downloadable)."""
    facts = application_facts(app)
    made: dict[str, list[Letter]] = {}
    for letter in app.letters.all().order_by("-created_at", "-pk"):
        made.setdefault(letter.kind, []).append(letter)
    kinds = set(letters_called_for(facts)) | {LetterKind(k) for k in made}
    return [PanelRow(kind, made.get(kind.value, [])) for kind in LetterKind if kind in kinds]
