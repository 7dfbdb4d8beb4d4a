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
from gongkai.domain.ledgers.result import LedgerError, LedgerResult, RowChecker, parse_rows
from gongkai.domain.ledgers.table_io import LedgerTable, RawValue
from gongkai.domain.ledgers.values import parse_choice, parse_int_range

__all__ = [
    "APPLICATION_COLUMNS",
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


def _parse_row(
    number: int, values: dict[str, RawValue]
) -> tuple[ApplicationRow | None, list[LedgerError]]:
    c = RowChecker(number, values)
    app_number = c.text(NUMBER, required=True)
    received = c.day(RECEIVED, required=True)
    channel, problem = parse_choice(values.get(CHANNEL), CHANNELS)
    if problem:
        c.error(CHANNEL, problem)
    elif channel is None:
        c.error(CHANNEL, "必填，不能为空")
    applicant_type: ApplicantType | None = None
    type_text = c.text(APPLICANT_TYPE, required=True)
    if type_text is not None:
        try:
            applicant_type = parse_applicant_type(type_text)
        except ValueError as exc:
            c.error(APPLICANT_TYPE, str(exc))
    applicant = c.text(APPLICANT, required=True)
    content = c.text(CONTENT, required=True)
    correction_sent = c.day(CORRECTION_SENT)
    correction_received = c.day(CORRECTION_RECEIVED)
    consultation_sent = c.day(CONSULTATION_SENT)
    consultation_answered = c.day(CONSULTATION_ANSWERED)
    extension, problem = parse_int_range(values.get(EXTENSION), 1, MAX_EXTENSION_DAYS)
    if problem:
        c.error(EXTENSION, problem)
    outcome: str | None = None
    outcome_text = c.text(OUTCOME)
    if outcome_text is not None:
        try:
            outcome = parse_outcome(outcome_text)
        except ValueError as exc:
            c.error(OUTCOME, str(exc))
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
    if outcome_text is not None and replied is None and not c.values.get(REPLIED):
        c.error(REPLIED, "已填写办理结果，答复日期必填")
    if replied is not None and outcome_text is None:
        c.error(OUTCOME, "已填写答复日期，应同时填写办理结果（未办结的申请两者都留空）")

    if (
        c.errors
        or app_number is None
        or received is None
        or channel is None
        or applicant_type is None
        or applicant is None
        or content is None
    ):
        return None, c.errors
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
        row_number=number,
    ), []


def parse_application_ledger(table: LedgerTable) -> LedgerResult[ApplicationRow]:
    """Check every row of an applications ledger; all errors, and rows only if there is none."""
    return parse_rows(
        table,
        APPLICATION_COLUMNS,
        REQUIRED_APPLICATION_COLUMNS,
        _parse_row,
        computed=EXPORT_EXTRA_COLUMNS,
    )


def application_export_row(
    row: ApplicationRow, *, due: date, overdue: bool, trace: str, remaining: int | None
) -> dict[str, object]:
    """A ledger row (§1 columns, labels not keys) with 答复期限, 是否超期, 期限说明, 剩余工作日."""
    return {
        NUMBER: row.number,
        RECEIVED: row.received_on,
        CHANNEL: row.channel,
        APPLICANT_TYPE: row.applicant_type.label,
        APPLICANT: row.applicant,
        CONTENT: row.content,
        CORRECTION_SENT: row.correction_sent,
        CORRECTION_RECEIVED: row.correction_received,
        CONSULTATION_SENT: row.consultation_sent,
        CONSULTATION_ANSWERED: row.consultation_answered,
        EXTENSION: row.extension_days,
        OUTCOME: outcome_label(row.outcome) if row.outcome else None,
        REPLIED: row.replied_on,
        "答复期限": due,
        "是否超期": "是" if overdue else "否",
        "期限说明": trace,
        "剩余工作日": remaining,
    }
