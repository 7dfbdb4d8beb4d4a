"""The legal help of a reply (条例第三十六条): for each outcome of table 三, the article of 条例 it
rests on and a standard wording of the reply letter the clerk edits.

One table, :data:`REPLY_GUIDES`, keyed by the outcome keys of
:mod:`gongkai.domain.applications.outcomes` (every outcome has exactly one entry; a test checks
it). The reply form offers the entry of the chosen outcome (legal basis and wording); the
clerk fills in what the bracketed prompts ask for (（……）) and may change any word.

Readings the system adopts where 条例 names no article (``disclosure-law.md``: make each such
choice visible in one place):

- ``not_processed.confirm_or_reissue`` (要求确认或重新出具已获取的信息): such a request does not
  ask for existing government information (条例第二条 defines 政府信息 as information made or
  obtained and recorded), so it is not handled as a disclosure application;
- ``other.other`` (其他处理) has no article of its own: the clerk writes the basis.

Every wording ends with the remedies (条例第五十一条: 行政复议 within 60 days, 行政诉讼 within
6 months of knowing the decision — 行政复议法第二十条, 行政诉讼法第四十六条).
"""

from __future__ import annotations

from dataclasses import dataclass

from gongkai.domain.applications.outcomes import OUTCOME_KEYS

__all__ = ["LAW", "REMEDIES", "REPLY_GUIDES", "ReplyGuide", "remedies", "reply_guide"]

LAW = "《中华人民共和国政府信息公开条例》"


def remedies(reconsideration_body: str = "", court: str = "", *, decision: str = "本答复") -> str:
    """The remedies of a decision (条例第五十一条; 行政复议法第二十条: 60 days,
    行政诉讼法第四十六条: 6 months), naming the 复议机关 and the 人民法院 when they are known."""
    to_body = f"向{reconsideration_body}" if reconsideration_body else ""
    to_court = f"向{court}" if court else ""
    return (
        f"如对{decision}不服，可以自收到{decision}之日起六十日内依法{to_body}申请行政复议，"
        f"或者自知道{decision}之日起六个月内依法{to_court}提起行政诉讼。"
    )


#: The remedies every reply states (条例第五十一条), as the reply form's standard wording.
REMEDIES = remedies()


@dataclass(frozen=True)
class ReplyGuide:
    """The help for one outcome: ``articles`` (as cited: 第三十六条第（二）项), the ``basis`` for
    the form's 法律依据 field, and the ``wording`` of the reply (remedies included)."""

    outcome: str
    articles: str
    body: str

    @property
    def basis(self) -> str:
        return f"{LAW}{self.articles}" if self.articles else ""

    @property
    def wording(self) -> str:
        return f"{self.body}{REMEDIES}"


def _guide(outcome: str, articles: str, body: str) -> ReplyGuide:
    return ReplyGuide(outcome, articles, body)


_ACCORDING = "根据" + LAW


REPLY_GUIDES: dict[str, ReplyGuide] = {
    g.outcome: g
    for g in (
        _guide(
            "granted",
            "第三十六条第（一）项、第（二）项",
            "经审查，您申请获取的政府信息属于可以公开的政府信息。"
            f"{_ACCORDING}第三十六条第（一）项、第（二）项的规定，现向您提供（请写明所提供的信息及其载体形式）。已经主动公开的，可通过"
            "（请写明获取的方式和途径）获取。",
        ),
        _guide(
            "partial",
            "第三十六条第（二）项、第三十七条",
            "经审查，您申请获取的政府信息中含有不应当公开的内容，但能够作区分处理。"
            f"{_ACCORDING}第三十六条第（二）项、第三十七条的规定，现向您提供可以公开的部分（请写明所提供的内容）；"
            "其余内容（请写明）不予公开，理由是：（请说明理由及依据的条款）。",
        ),
        _guide(
            "denied.state_secret",
            "第十四条、第三十六条第（三）项",
            "经审查，您申请获取的政府信息（请写明）属于依法确定为国家秘密的政府信息。"
            f"{_ACCORDING}第十四条、第三十六条第（三）项的规定，决定不予公开。",
        ),
        _guide(
            "denied.law_forbidden",
            "第十四条、第三十六条第（三）项",
            "经审查，您申请获取的政府信息属于法律、行政法规禁止公开的政府信息"
            f"（请写明禁止公开的法律、行政法规及条款）。{_ACCORDING}第十四条、第三十六条第（三）项"
            "的规定，决定不予公开。",
        ),
        _guide(
            "denied.three_security_one_stability",
            "第十四条、第三十六条第（三）项",
            "经审查，您申请获取的政府信息公开后可能危及国家安全、公共安全、经济安全、社会稳定"
            f"（请说明理由）。{_ACCORDING}第十四条、第三十六条第（三）项的规定，决定不予公开。",
        ),
        _guide(
            "denied.third_party",
            "第十五条、第三十二条、第三十六条第（三）项",
            "经审查，您申请获取的政府信息涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害"
            "（请写明征求第三方意见的情况）。"
            f"{_ACCORDING}第十五条、第三十二条、第三十六条第（三）项的规定，决定不予公开。",
        ),
        _guide(
            "denied.internal_affairs",
            "第十六条第一款、第三十六条第（三）项",
            "经审查，您申请获取的政府信息属于行政机关的内部事务信息（人事管理、后勤管理、"
            f"内部工作流程等方面的信息）。{_ACCORDING}第十六条第一款、第三十六条第（三）项的规定，"
            "决定不予公开。",
        ),
        _guide(
            "denied.process_info",
            "第十六条第二款、第三十六条第（三）项",
            "经审查，您申请获取的政府信息属于行政机关在履行行政管理职能过程中形成的讨论记录、"
            f"过程稿、磋商信函、请示报告等过程性信息。{_ACCORDING}第十六条第二款、"
            "第三十六条第（三）项的规定，决定不予公开。",
        ),
        _guide(
            "denied.enforcement_file",
            "第十六条第二款、第三十六条第（三）项",
            "经审查，您申请获取的政府信息属于行政执法案卷信息。"
            f"{_ACCORDING}第十六条第二款、第三十六条第（三）项的规定，决定不予公开。",
        ),
        _guide(
            "denied.admin_query",
            "第三十六条第（七）项",
            "经审查，您申请获取的信息属于（工商、不动产登记资料等）信息，有关法律、行政法规对信息"
            f"的获取有特别规定。{_ACCORDING}第三十六条第（七）项的规定，请您依照（请写明法律、"
            "行政法规）的规定办理。",
        ),
        _guide(
            "unable.not_held",
            "第三十六条第（四）项、第（五）项",
            "经检索，本机关没有您申请公开的政府信息（或：该政府信息不属于本机关负责公开）。"
            f"{_ACCORDING}第三十六条第（四）项、第（五）项的规定，特此告知。能够确定负责公开"
            "该政府信息的行政机关的，其名称和联系方式为：（请写明）。",
        ),
        _guide(
            "unable.needs_creation",
            "第三十八条",
            "经审查，本机关没有现成的您申请的信息，需要对现有政府信息进行加工、分析才能形成。"
            f"{_ACCORDING}第三十八条的规定，本机关不予提供。",
        ),
        _guide(
            "unable.unclear_after_correction",
            "第二十九条第二款、第三十条",
            "本机关已于（请写明日期）告知您作出补正，补正后的申请内容仍不明确，本机关无法确定"
            f"您所需的政府信息。{_ACCORDING}第二十九条第二款、第三十条的规定，无法向您提供。",
        ),
        _guide(
            "not_processed.petition",
            "第三十九条第一款",
            "经审查，您的申请属于以政府信息公开申请的形式进行的信访、投诉、举报等活动。"
            f"{_ACCORDING}第三十九条第一款的规定，本机关不作为政府信息公开申请处理，"
            "您可以通过（请写明相应渠道）提出。",
        ),
        _guide(
            "not_processed.repeat",
            "第三十六条第（六）项",
            "本机关已于（请写明日期）就您提出的相同政府信息公开申请作出答复。"
            f"{_ACCORDING}第三十六条第（六）项的规定，不予重复处理。",
        ),
        _guide(
            "not_processed.publication",
            "第三十九条第二款",
            "您申请的内容为政府公报、报刊、书籍等公开出版物。"
            f"{_ACCORDING}第三十九条第二款的规定，您可以通过（请写明获取的途径）获取。",
        ),
        _guide(
            "not_processed.excessive",
            "第三十五条",
            "您申请公开政府信息的数量、频次明显超过合理范围，本机关已要求您说明理由，"
            f"（请写明申请人是否说明及理由是否合理）。{_ACCORDING}第三十五条的规定，不予处理。",
        ),
        _guide(
            "not_processed.confirm_or_reissue",
            "第二条",
            "您的申请是要求本机关确认或者重新出具您已获取的信息，不属于获取已制作或者获取的政府"
            f"信息的申请。{_ACCORDING}第二条的规定，本机关不作为政府信息公开申请处理。",
        ),
        _guide(
            "other.no_correction",
            "第三十条",
            "本机关已于（请写明日期）告知您作出补正，您无正当理由逾期未补正。"
            f"{_ACCORDING}第三十条的规定，视为放弃申请，本机关不再处理该政府信息公开申请。",
        ),
        _guide(
            "other.no_fee_payment",
            "第四十二条",
            "本机关已于（请写明日期）向您发出收费通知，您逾期未按要求缴纳信息处理费。"
            f"{_ACCORDING}第四十二条的规定和《政府信息公开信息处理费管理办法》"
            "（国办函〔2020〕109号），视为放弃申请，本机关不再处理该政府信息公开申请。",
        ),
        _guide(
            "other.other",
            "",
            "（请写明处理情况及依据的条款。）",
        ),
    )
}

if tuple(REPLY_GUIDES) != OUTCOME_KEYS:  # pragma: no cover - checked by the tests too
    raise RuntimeError("REPLY_GUIDES must list every outcome of table 三, in order")


def reply_guide(outcome: str) -> ReplyGuide:
    """The help of an outcome key (KeyError for an unknown key)."""
    return REPLY_GUIDES[outcome]
