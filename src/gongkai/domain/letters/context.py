"""What a letter shows: :func:`letter_context` turns the facts of a case into the values of its
template, and refuses a letter the case does not call for or that would lack a required fact.

Dates: the in-text dates are written 2024年3月5日; the 成文日期 under the signature is given
both ways, ``issued_on`` (阿拉伯数字, GB/T 9704-2012 §7.3.5.1, the default templates' choice)
and ``issued_on_upper`` (二〇二四年三月五日, the older practice some bodies keep).
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Any

from gongkai.domain.applications.deadline import MAX_EXTENSION_WORKING_DAYS
from gongkai.domain.applications.outcomes import OUTCOME_KEYS, outcome_label
from gongkai.domain.applications.replies import LAW, remedies, reply_guide
from gongkai.domain.letters.facts import (
    ApplicationFacts,
    BodyFacts,
    ConsultationFacts,
    LetterKind,
    letters_called_for,
)

__all__ = [
    "VARIANTS",
    "LetterRefused",
    "cn_date",
    "cn_date_upper",
    "letter_context",
    "reply_variant",
]


class LetterRefused(ValueError):
    """The letter cannot be generated for this case; the message is one Chinese line."""


_NOT_CALLED_FOR: dict[LetterKind, str] = {
    LetterKind.CORRECTION: "本申请没有发出补正告知",
    LetterKind.EXTENSION: "本申请没有经批准的延期",
    LetterKind.CONSULTATION: "本申请没有征求第三方或其他机关的意见",
    LetterKind.FEE: "本申请没有收取信息处理费",
    LetterKind.REPLY: "本申请尚未确定办理结果",
    LetterKind.DELIVERY: "本申请尚未答复，没有需要送达的答复书",
}

#: The reply variants: the outcome groups of table 三 and their names.
VARIANTS: dict[str, str] = {
    "granted": "予以公开",
    "partial": "部分公开",
    "denied": "不予公开",
    "unable": "无法提供",
    "not_processed": "不予处理",
    "other": "其他处理",
}
#: Variants whose reply states the reason of a refusal (a court asks for it first).
_REASON_REQUIRED = frozenset({"partial", "denied", "unable", "not_processed", "other"})

_UPPER_DIGITS = "〇一二三四五六七八九"
_PROMPT = re.compile(r"[（(]请[^）)]*[）)]")
_FULL_STOP = ("。", "！", "？", "；", "”")
_FEE_METHODS = {"by_count": "按件计收", "by_volume": "按量计收"}


def cn_date(day: date | None) -> str:
    """2024年3月5日 ("" for no date)."""
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


def _upper_number(n: int) -> str:
    tens, units = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else f"{_UPPER_DIGITS[tens]}十")
    return head + (_UPPER_DIGITS[units] if units or not head else "")


def cn_date_upper(day: date | None) -> str:
    """二〇二四年三月五日 ("" for no date)."""
    if day is None:
        return ""
    year = "".join(_UPPER_DIGITS[int(d)] for d in str(day.year))
    return f"{year}年{_upper_number(day.month)}月{_upper_number(day.day)}日"


def reply_variant(outcome: str) -> str:
    """The reply variant (outcome group of table 三) of an outcome key."""
    return outcome.split(".", 1)[0]


def _sentence(text: str) -> str:
    """``text`` stripped, ending with a full stop ("" stays "")."""
    text = text.strip()
    if text and not text.endswith(_FULL_STOP):
        text += "。"
    return text


def _clean_reasons(text: str) -> str:
    """The clerk's reasoning without the remedies of the standard wording (the letter states
    them itself, naming the bodies); refused while a prompt of the wording is unfilled."""
    cut = text.find("如对本答复不服")
    if cut >= 0:
        text = text[:cut]
    prompt = _PROMPT.search(text)
    if prompt:
        raise LetterRefused(
            f"答复理由中还有未填写的提示“{prompt.group(0)}”，请先在答复内容中写明再生成答复书"
        )
    return _sentence(text)


def _ground(outcome: str) -> str:
    """The official row of a refusal without its number: 保护第三方合法权益 …"""
    label = outcome_label(outcome)
    if "-" not in label:
        return ""
    return re.sub(r"^\d+\.", "", label.split("-", 1)[1])


def _require(value: object, what: str, kind: LetterKind) -> None:
    if value in (None, ""):
        raise LetterRefused(f"缺少{what}，不能生成{kind.label}")


def _common(app: ApplicationFacts, body: BodyFacts, number: str, issued_on: date) -> dict[str, Any]:
    return {
        "number": number,
        "issued_on": cn_date(issued_on),
        "issued_on_upper": cn_date_upper(issued_on),
        "body_name": body.name,
        "office_name": body.office_name or body.name,
        "body_address": body.address,
        "body_postcode": body.postcode,
        "body_phone": body.phone,
        "body_fax": body.fax,
        "body_email": body.email,
        "application_number": app.number,
        "applicant_name": app.applicant_name,
        "applicant_address": app.address,
        "applicant_postcode": app.postcode,
        "applicant_phone": app.phone,
        "channel": app.channel,
        "content": app.content.strip(),
        "received_on": cn_date(app.received_on),
        "due_on": cn_date(app.due_on),
        "law": LAW,
    }


def _remedies(body: BodyFacts, kind: LetterKind, decision: str) -> dict[str, Any]:
    if not body.reconsideration_body or not body.court:
        missing = "、".join(
            name
            for name, value in (("复议机关", body.reconsideration_body), ("人民法院", body.court))
            if not value
        )
        raise LetterRefused(
            f"{body.name}尚未设置{missing}（机关设置），{kind.label}无法写明救济途径，不能生成"
        )
    return {
        "reconsideration_body": body.reconsideration_body,
        "court": body.court,
        "remedies": remedies(body.reconsideration_body, body.court, decision=decision),
    }


def _correction(app: ApplicationFacts) -> dict[str, Any]:
    c = app.correction
    if c is None:
        return {"correction_sent_on": "", "correction_received_on": "", "correction_items": ""}
    return {
        "correction_sent_on": cn_date(c.sent_on),
        "correction_received_on": cn_date(c.received_on),
        "correction_items": _sentence(c.items),
        "correction_period_days": c.period_days,
        "correction_due_on": cn_date(c.due_on),
    }


def _extension(app: ApplicationFacts) -> dict[str, Any]:
    e = app.extension
    if e is None or e.approved_on is None:
        return {"extension_days": "", "extension_reason": "", "extension_due_on": ""}
    return {
        "extension_days": e.days,
        "extension_reason": e.reason.strip().rstrip("。"),
        "extension_approved_on": cn_date(e.approved_on),
        "extension_due_on": cn_date(e.new_due_on or app.due_on),
    }


def _reply(app: ApplicationFacts, body: BodyFacts, issued_on: date) -> dict[str, Any]:
    kind = LetterKind.REPLY
    if app.outcome not in OUTCOME_KEYS:
        raise LetterRefused(f"未知的办理结果“{app.outcome}”，不能生成答复书")
    if app.replied_on is not None and app.replied_on != issued_on:
        raise LetterRefused(
            f"答复书日期{cn_date(issued_on)}与案卷记录的答复日期{cn_date(app.replied_on)}不一致"
        )
    variant = reply_variant(app.outcome)
    guide = reply_guide(app.outcome)
    basis = guide.basis or app.legal_basis.strip()
    _require(basis, "法律依据（其他处理须由经办人写明依据的条款）", kind)
    reasons = _clean_reasons(app.reasons)
    if variant in _REASON_REQUIRED and not reasons:
        raise LetterRefused(
            f"{VARIANTS[variant]}的答复须写明理由（{outcome_label(app.outcome)}），不能生成答复书"
        )
    if variant == "partial":
        _require(app.withheld.strip(), "不予公开的内容（部分公开须写明哪些内容不予公开）", kind)
    replied_on = app.replied_on or issued_on
    if replied_on < app.received_on:
        raise LetterRefused(
            f"答复日期{cn_date(replied_on)}早于收到申请日期{cn_date(app.received_on)}"
        )
    return {
        "outcome": app.outcome,
        "outcome_label": outcome_label(app.outcome),
        "variant": variant,
        "variant_label": VARIANTS[variant],
        "ground": _ground(app.outcome),
        "articles": guide.articles,
        "basis": basis,
        # the clerk's reasons already cite the articles (the standard wording of REPLY_GUIDES
        # does): the letter does not repeat them
        "basis_cited": bool(guide.articles) and guide.articles in reasons,
        "reasons": reasons,
        "withheld": app.withheld.strip().rstrip("。"),
        "replied_on": cn_date(replied_on),
        **_remedies(body, kind, "本答复"),
    }


def _consultation(app: ApplicationFacts, party: str | None) -> ConsultationFacts:
    if party is None:
        return app.consultations[-1]
    for consultation in app.consultations:
        if consultation.party == party:
            return consultation
    parties = "、".join(c.party for c in app.consultations)
    raise LetterRefused(f"本申请没有征求“{party}”的意见（征求意见对象：{parties}）")


def _consultation_context(c: ConsultationFacts) -> dict[str, Any]:
    return {
        "party": c.party,
        "party_address": c.address,
        "other_body": c.other_body,
        # 第三十四条: information made jointly with another body; 第三十二条: a third party.
        "consultation_article": "第三十四条" if c.other_body else "第三十二条",
        "consultation_sent_on": cn_date(c.sent_on),
        "answer_due_on": cn_date(c.answer_due_on),
    }


def _fee(app: ApplicationFacts, body: BodyFacts) -> dict[str, Any]:
    fee = app.fee
    assert fee is not None  # letters_called_for checked it
    if fee.method not in _FEE_METHODS:
        raise LetterRefused(f"未知的计收方式“{fee.method}”，不能生成收费通知书")
    if fee.method == "by_volume":
        _require(fee.pages, "页数（按量计收）", LetterKind.FEE)
        detail = f"按量计收，向您提供的信息共{fee.pages}页"
    else:
        _require(fee.nth_in_month, "本月第几件（按件计收）", LetterKind.FEE)
        detail = f"按件计收，本申请为您本月向本机关提出的第{fee.nth_in_month}件申请"
    return {
        "fee_method": _FEE_METHODS[fee.method],
        "fee_detail": detail,
        "fee_amount": f"{fee.amount.quantize(Decimal('0.01'))}",
        "fee_notice_on": cn_date(fee.notice_on),
        "pay_by": cn_date(fee.pay_by),
        "payment_info": _sentence(body.payment_info),
        **_remedies(body, LetterKind.FEE, "本收费通知"),
    }


def _delivery(app: ApplicationFacts) -> dict[str, Any]:
    reply_number = app.issued_number(LetterKind.REPLY)
    title = LetterKind.REPLY.label
    return {
        "document": f"{title}（{reply_number}）" if reply_number else title,
        "document_number": reply_number,
        "recipient": app.applicant_name,
        "delivery_address": app.address,
        "delivery_way": app.delivery_way,
        "delivered_on": cn_date(app.delivered_on),
        "delivery_proof": app.delivery_proof,
    }


def letter_context(
    kind: LetterKind,
    app: ApplicationFacts,
    body: BodyFacts,
    *,
    number: str,
    issued_on: date,
    party: str | None = None,
) -> dict[str, Any]:
    """Everything the template of ``kind`` shows for ``app`` written by ``body``, as strings
    (and a few numbers and flags for the templates' conditions).

    ``number`` is the letter's 文号, ``issued_on`` its 成文日期 (for the reply, the reply date
    of the case); ``party`` picks the consulted party of a 征求意见书 (default: the last one).
    Raises :class:`LetterRefused` when the case does not call for the letter or a fact the
    letter must state is missing.
    """
    kind = LetterKind(kind)
    if kind not in letters_called_for(app):
        raise LetterRefused(f"{_NOT_CALLED_FOR[kind]}，不能生成{kind.label}")
    _require(number.strip(), "文号", kind)
    _require(app.applicant_name.strip(), "申请人姓名或名称", kind)
    _require(app.content.strip(), "申请内容", kind)
    if issued_on < app.received_on:
        raise LetterRefused(
            f"{kind.label}日期{cn_date(issued_on)}早于收到申请日期{cn_date(app.received_on)}"
        )
    context = {"title": kind.label, **_common(app, body, number.strip(), issued_on)}
    context.update(_correction(app))
    context.update(_extension(app))
    if kind is LetterKind.CORRECTION:
        _require(context["correction_items"], "需要补正的事项", kind)
    elif kind is LetterKind.EXTENSION:
        _require(context["extension_reason"], "延期理由", kind)
        days = context["extension_days"]
        if not 1 <= days <= MAX_EXTENSION_WORKING_DAYS:  # 条例第三十三条第二款
            raise LetterRefused(
                f"延期{days}个工作日不符合条例第三十三条第二款"
                f"（最长{MAX_EXTENSION_WORKING_DAYS}个工作日），不能生成延期答复告知书"
            )
        _require(context["extension_due_on"], "延期后的答复期限", kind)
    elif kind is LetterKind.CONSULTATION:
        context.update(_consultation_context(_consultation(app, party)))
    elif kind is LetterKind.FEE:
        context.update(_fee(app, body))
    elif kind is LetterKind.REPLY:
        context.update(_reply(app, body, issued_on))
    else:
        context.update(_delivery(app))
    return context
