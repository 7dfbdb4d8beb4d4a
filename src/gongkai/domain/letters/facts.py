"""The letters of an application and the facts they state (pure data, no Django).

The Django layer reads an application and its body into these frozen dataclasses (plain
Python types; dates are :class:`datetime.date`, labels are the Chinese labels the pages show),
and the domain decides from them which letters the case calls for and what each says.

Which letter a case calls for (:func:`letters_called_for`):

- 补正告知书 once a 补正 was asked for (条例第三十条: one notice, within 7 working days);
- 延期答复告知书 once an extension was approved (第三十三条第二款: the applicant is told);
- 征求第三方意见书 once a third party or another body was consulted (第三十二条、第三十四条);
- 收费通知书 once a fee was charged (第四十二条, 国办函〔2020〕109号);
- 答复书 once the outcome is chosen (第三十六条);
- 送达回证 once there is a reply to deliver.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from gongkai.domain.labels import LabelledEnum

__all__ = [
    "ApplicationFacts",
    "BodyFacts",
    "ConsultationFacts",
    "CorrectionFacts",
    "ExtensionFacts",
    "FeeFacts",
    "LetterKind",
    "letters_called_for",
]


class LetterKind(LabelledEnum):
    """The written documents of the application procedure (values: the CLI's words)."""

    CORRECTION = "correction", "补正告知书"
    EXTENSION = "extension", "延期答复告知书"
    CONSULTATION = "consultation", "征求第三方意见书"
    FEE = "fee", "收费通知书"
    REPLY = "reply", "政府信息公开申请答复书"
    DELIVERY = "delivery", "送达回证"


@dataclass(frozen=True)
class BodyFacts:
    """The body that writes the letter (its 政府信息公开工作机构 and where to turn)."""

    name: str
    office_name: str = ""
    address: str = ""
    postcode: str = ""
    phone: str = ""
    fax: str = ""
    email: str = ""
    #: 复议机关: named in the remedies of a decision (行政复议法第二十四条), set per body.
    reconsideration_body: str = ""
    #: The 人民法院 of the remedies (行政诉讼法第十八条), set per body.
    court: str = ""
    #: How a fee is paid (account, place), stated by the 收费通知书.
    payment_info: str = ""


@dataclass(frozen=True)
class CorrectionFacts:
    """A 补正 notice (条例第三十条): when it was sent, what to supply, and by when."""

    sent_on: date
    items: str  # 需要补正的事项, written for the applicant
    period_days: int  # 补正期限 in working days from receipt of the notice
    due_on: date | None = None  # the last day of that period, when the calendar gave it
    received_on: date | None = None  # the corrected application arrived


@dataclass(frozen=True)
class ExtensionFacts:
    """An extension of the reply period (条例第三十三条第二款, at most 20 working days)."""

    days: int
    reason: str
    approved_on: date | None = None  # None: requested, not (yet) approved
    new_due_on: date | None = None


@dataclass(frozen=True)
class ConsultationFacts:
    """A written consultation of a third party (第三十二条) or another body (第三十四条)."""

    party: str
    sent_on: date
    other_body: bool = False
    answer_due_on: date | None = None  # 15 working days after it was sent
    answered_on: date | None = None
    address: str = ""


@dataclass(frozen=True)
class FeeFacts:
    """A 信息处理费 notice (国办函〔2020〕109号): one method, never both."""

    method: str  # "by_count" (按件) or "by_volume" (按量)
    amount: Decimal
    notice_on: date
    pages: int | None = None  # 按量: the pages provided
    nth_in_month: int | None = None  # 按件: the application's rank in the month
    pay_by: date | None = None  # the 20th working day after the notice was received
    paid_on: date | None = None
    waived: bool = False


@dataclass(frozen=True)
class ApplicationFacts:
    """One application as registered, with the facts of its procedure.

    ``reasons`` is the reply's reasoning in the clerk's words: for a refusal (不予公开, 无法提供,
    不予处理, 其他处理) the ground of the decision, for 部分公开 why ``withheld`` is not
    disclosed, for 予以公开 what is provided and how. ``legal_basis`` is the clerk's basis,
    used only for 其他处理 (``other.other``), which has no article of its own; every other
    outcome states the articles of :data:`~gongkai.domain.applications.replies.REPLY_GUIDES`.
    ``issued`` holds the 文号 of letters already generated for the case.
    """

    number: str
    applicant_name: str
    applicant_type: str  # an ApplicantType value (natural_person …)
    received_on: date
    content: str
    channel: str = ""  # label: 当面, 邮寄, 网络 …
    address: str = ""
    postcode: str = ""
    phone: str = ""
    email: str = ""
    requested_form: str = ""  # label: 纸质, 电子文档 …
    requested_delivery: str = ""  # label: 邮寄, 电子邮件 …
    due_on: date | None = None
    correction: CorrectionFacts | None = None
    extension: ExtensionFacts | None = None
    consultations: tuple[ConsultationFacts, ...] = ()
    fee: FeeFacts | None = None
    outcome: str = ""  # an outcome key of table 三 (denied.third_party …), "" until replied
    legal_basis: str = ""
    reasons: str = ""
    withheld: str = ""  # 部分公开: what is not disclosed
    replied_on: date | None = None
    delivered_on: date | None = None
    delivery_way: str = ""  # label
    delivery_proof: str = ""
    issued: tuple[tuple[LetterKind, str], ...] = ()  # (kind, 文号) of generated letters

    def issued_number(self, kind: LetterKind) -> str:
        """The 文号 of the last generated letter of ``kind`` ("" when none)."""
        numbers = [number for k, number in self.issued if k == kind]
        return numbers[-1] if numbers else ""


def letters_called_for(app: ApplicationFacts) -> list[LetterKind]:
    """The letters the case calls for now, in :class:`LetterKind` order."""
    called = {
        LetterKind.CORRECTION: app.correction is not None,
        LetterKind.EXTENSION: app.extension is not None and app.extension.approved_on is not None,
        LetterKind.CONSULTATION: bool(app.consultations),
        LetterKind.FEE: app.fee is not None,
        LetterKind.REPLY: bool(app.outcome),
        LetterKind.DELIVERY: bool(app.outcome),
    }
    return [kind for kind in LetterKind if called[kind]]
