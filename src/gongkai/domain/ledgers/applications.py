"""The applications ledger (依申请公开登记台账, ``ledger-formats.md`` §1).

:func:`parse_application_ledger` checks every row against every rule and reports all errors
(row and column named); it returns rows only when there is none, so that the caller can import
all or nothing. :func:`application_export_row` writes a row back, with the computed deadline.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from gongkai.domain.applications.counting import ApplicationFacts
from gongkai.domain.applications.outcomes import (
    ApplicantType,
    outcome_label,
    parse_applicant_type,
    parse_outcome,
)
from gongkai.domain.ledgers.result import LedgerFormat, RowChecker

__all__ = [
    "APPLICATION_COLUMNS",
    "APPLICATION_LEDGER",
    "CHANNELS",
    "EXPORT_EXTRA_COLUMNS",
    "REQUIRED_APPLICATION_COLUMNS",
    "ApplicationRow",
    "application_export_row",
    "parse_application_ledger",
]

NUMBER = "申请编号"
RECEIVED = "收到申请日期"
CHANNEL = "申请方式"
APPLICANT_TYPE = "申请人类型"
APPLICANT = "申请人"
CONTENT = "申请内容"
CORRECTION_SENT = "补正告知日期"
CORRECTION_RECEIVED = "补正收到日期"
CONSULTATION_SENT = "征求意见日期"
CONSULTATION_ANSWERED = "征求意见回复日期"
EXTENSION = "延期工作日"
OUTCOME = "办理结果"
REPLIED = "答复日期"

APPLICATION_COLUMNS: tuple[str, ...] = (
    NUMBER,
    RECEIVED,
    CHANNEL,
    APPLICANT_TYPE,
    APPLICANT,
    CONTENT,
    CORRECTION_SENT,
    CORRECTION_RECEIVED,
    CONSULTATION_SENT,
    CONSULTATION_ANSWERED,
    EXTENSION,
    OUTCOME,
    REPLIED,
)
REQUIRED_APPLICATION_COLUMNS: tuple[str, ...] = APPLICATION_COLUMNS[:6]
EXPORT_EXTRA_COLUMNS: tuple[str, ...] = ("答复期限", "是否超期", "期限说明", "剩余工作日")
CHANNELS: tuple[str, ...] = ("当面", "邮寄", "平常信函", "网络", "传真", "电子邮件", "其他")
MAX_EXTENSION_DAYS = 20  # 条例第三十三条：延长期限最长不得超过20个工作日


@dataclass(frozen=True)
class ApplicationRow:
    """One checked row of the applications ledger (``outcome`` is a canonical key)."""

    number: str
    received_on: date
    channel: str
    applicant_type: ApplicantType
    applicant: str
    content: str
    correction_sent: date | None = None
    correction_received: date | None = None
    consultation_sent: date | None = None
    consultation_answered: date | None = None
    extension_days: int | None = None
    outcome: str | None = None
    replied_on: date | None = None
    row_number: int = 0

    def facts(self) -> ApplicationFacts:
        """What table 三 counts of this application."""
        return ApplicationFacts(
            self.received_on, self.applicant_type, self.outcome, self.replied_on
        )


def _read_row(c: RowChecker) -> ApplicationRow | None:
    app_number = c.text(NUMBER, required=True)
    received = c.day(RECEIVED, required=True)
    channel = c.choice(CHANNEL, CHANNELS, required=True)
    applicant_type = c.parsed(APPLICANT_TYPE, parse_applicant_type, required=True)
    applicant = c.text(APPLICANT, required=True)
    content = c.text(CONTENT, required=True)
    correction_sent = c.day(CORRECTION_SENT)
    correction_received = c.day(CORRECTION_RECEIVED)
    consultation_sent = c.day(CONSULTATION_SENT)
    consultation_answered = c.day(CONSULTATION_ANSWERED)
    extension = c.integer(EXTENSION, 1, MAX_EXTENSION_DAYS)
    outcome = c.parsed(OUTCOME, parse_outcome)
    replied = c.day(REPLIED)

    for column, value in (
        (CORRECTION_SENT, correction_sent),
        (CORRECTION_RECEIVED, correction_received),
        (CONSULTATION_SENT, consultation_sent),
        (CONSULTATION_ANSWERED, consultation_answered),
        (REPLIED, replied),
    ):
        c.not_before(column, value, RECEIVED, received)
    c.not_before(CORRECTION_RECEIVED, correction_received, CORRECTION_SENT, correction_sent)
    c.needs(CORRECTION_RECEIVED, correction_received, CORRECTION_SENT, correction_sent)
    c.not_before(CONSULTATION_ANSWERED, consultation_answered, CONSULTATION_SENT, consultation_sent)
    c.needs(CONSULTATION_ANSWERED, consultation_answered, CONSULTATION_SENT, consultation_sent)
    c.together(OUTCOME, REPLIED, replied, pending="未办结的申请")
    if app_number is not None:
        c.unique(NUMBER, f"{NUMBER}“{app_number}”", app_number)

    if (
        c.errors
        or app_number is None
        or received is None
        or channel is None
        or applicant_type is None
        or applicant is None
        or content is None
    ):
        return None
    return ApplicationRow(
        number=app_number,
        received_on=received,
        channel=channel,
        applicant_type=applicant_type,
        applicant=applicant,
        content=content,
        correction_sent=correction_sent,
        correction_received=correction_received,
        consultation_sent=consultation_sent,
        consultation_answered=consultation_answered,
        extension_days=extension,
        outcome=outcome,
        replied_on=replied,
        row_number=c.number,
    )


APPLICATION_LEDGER: LedgerFormat[ApplicationRow] = LedgerFormat(
    APPLICATION_COLUMNS,
    REQUIRED_APPLICATION_COLUMNS,
    _read_row,
    lambda r: (
        r.number,
        r.received_on,
        r.channel,
        r.applicant_type.label,
        r.applicant,
        r.content,
        r.correction_sent,
        r.correction_received,
        r.consultation_sent,
        r.consultation_answered,
        r.extension_days,
        outcome_label(r.outcome) if r.outcome else None,
        r.replied_on,
    ),
    computed=EXPORT_EXTRA_COLUMNS,
)
parse_application_ledger = APPLICATION_LEDGER.parse


def application_export_row(
    row: ApplicationRow, *, due: date, overdue: bool, trace: str, remaining: int | None
) -> dict[str, object]:
    """A ledger row (§1 columns, labels not keys) with 答复期限, 是否超期, 期限说明, 剩余工作日."""
    extra = (due, "是" if overdue else "否", trace, remaining)
    return APPLICATION_LEDGER.export_row(row) | dict(zip(EXPORT_EXTRA_COLUMNS, extra, strict=True))
