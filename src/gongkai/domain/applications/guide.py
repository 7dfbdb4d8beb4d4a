"""政府信息公开指南 (条例第十二条): the guide of a body, generated from what the platform knows.

Pure text generation: the caller passes the body's facts (:class:`GuideFacts`); every period and
fee is read from the rule that owns it (:mod:`.deadline`, :mod:`.fees`, :func:`.replies.remedies`),
never re-stated here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from gongkai.domain.applications.deadline import (
    CONSULTATION_WORKING_DAYS,
    CORRECTION_NOTICE_WORKING_DAYS,
    MAX_EXTENSION_WORKING_DAYS,
    REPLY_WORKING_DAYS,
    Timeline,
    compute_deadline,
)
from gongkai.domain.applications.fees import COUNT_FREE, PAYMENT_WORKING_DAYS, VOLUME_BANDS
from gongkai.domain.applications.replies import remedies
from gongkai.domain.letters.context import cn_date
from gongkai.domain.letters.facts import BodyFacts
from gongkai.domain.workdays.calendar import WorkingCalendar

__all__ = [
    "MAX_GUIDE_CHARS",
    "GuideFacts",
    "GuideSection",
    "deadline_example",
    "generate_guide",
    "guide_channels",
    "guide_text",
    "parse_guide",
]


@dataclass(frozen=True)
class GuideFacts:
    """What the platform knows of a body, passed in by the shell: its contacts and 救济途径
    (the letters' :class:`BodyFacts`) and what only the guide states."""

    body: BodyFacts
    #: 条例第二十六条's limit as the catalog app holds it (``PUBLICATION_LIMIT_WORKING_DAYS``).
    publication_working_days: int
    hours: str = ""
    correction_working_days: int = 15
    #: The full address of the online application form (网上申请), when the platform serves one.
    online_url: str = ""
    #: The working-day calendar and the day of the worked example of 四、答复期限 ("an
    #: application received on this day is answered by …"); no example without them.
    calendar: WorkingCalendar | None = None
    example_received: date | None = None


@dataclass(frozen=True)
class GuideSection:
    title: str
    paragraphs: tuple[str, ...]


def guide_channels(facts: GuideFacts) -> tuple[str, ...]:
    """The channels the body accepts applications on (条例第二十九条), each with where to
    send it; a channel appears only when the body has the contact it needs."""
    channels: list[str] = []
    body = facts.body
    if facts.online_url:
        channels.append(f"网上申请：通过本平台在线提交（{facts.online_url}）。")
    if body.address:
        place = body.address + (f"（邮政编码：{body.postcode}）" if body.postcode else "")
        hours = f"，办公时间：{facts.hours}" if facts.hours else ""
        channels.append(f"当面提交：到{place}填写申请表{hours}。")
        channels.append(f"信函申请：邮寄至{place}，请在信封上注明“政府信息公开申请”字样。")
    if body.fax:
        channels.append(f"传真申请：传真至{body.fax}，请注明“政府信息公开申请”字样。")
    if body.email:
        channels.append(f"电子邮件申请：发送至{body.email}，请在主题中注明“政府信息公开申请”。")
    return tuple(channels)


def deadline_example(facts: GuideFacts) -> str:
    """The worked example of the reply deadline on the body's calendar (条例第三十三条), or ""
    without a calendar: the deadline is :func:`compute_deadline`'s, never re-counted here."""
    if facts.calendar is None or facts.example_received is None:
        return ""
    received = facts.example_received
    deadline = compute_deadline(Timeline(received=received), facts.calendar)
    provisional = ""
    if deadline.provisional:
        provisional = "（该日期所在年度的节假日安排尚未公布，暂按周一至周五推算）"
    return (
        f"例如：{cn_date(received)}收到的申请，收到当日不计，自次日起计算工作日（节假日不计），"
        f"需要补正的应在{cn_date(deadline.correction_notice_due)}前一次性告知，"
        f"应在{cn_date(deadline.due)}前答复{provisional}。"
    )


def _band(first: int, last: int | None) -> str:
    return f"{first}页以上" if last is None else f"{first}—{last}页"


def generate_guide(facts: GuideFacts) -> tuple[GuideSection, ...]:
    """The guide's sections, in the order of the national template."""
    body = facts.body
    contacts = [f"受理机构：{body.office_name or body.name}"]
    for label, value in (
        ("办公地址", body.address),
        ("邮政编码", body.postcode),
        ("办公时间", facts.hours),
        ("联系电话", body.phone),
        ("传真", body.fax),
        ("电子邮箱", body.email),
    ):
        if value:
            contacts.append(f"{label}：{value}")
    channels = guide_channels(facts) or ("本机关尚未登记受理渠道的联系方式，请来电咨询。",)
    bands = "；".join(
        f"{_band(first, last)}{'免费' if rate == 0 else f'每页{rate}元'}"
        for first, last, rate in VOLUME_BANDS
    )
    fees = [
        "行政机关依申请提供政府信息，不收取费用。但申请人申请公开政府信息的数量、频次明显超过"
        "合理范围的，可以收取信息处理费（条例第四十二条，国办函〔2020〕109号）。",
        f"按件计收：同一申请人一个自然月内累计申请{COUNT_FREE}件以下（含）的不收费，超过部分"
        "按件分档收费。",
        f"按量计收：同一申请件的页数，{bands}。",
        f"申请人应在收到收费通知次日起{PAYMENT_WORKING_DAYS}个工作日内缴费，逾期未缴视为放弃申请。",
    ]
    if body.payment_info:
        fees.append(f"缴费方式：{body.payment_info}")
    return (
        GuideSection(
            "一、主动公开",
            (
                f"{body.name}依照《中华人民共和国政府信息公开条例》第十九条、第二十条主动公开"
                "政府信息，公开内容见本专栏“法定主动公开内容”和政府信息公开目录。",
                f"主动公开的政府信息自形成或者变更之日起{facts.publication_working_days}个工作日内予以公开"
                "（条例第二十六条）。",
            ),
        ),
        GuideSection("二、受理机构及联系方式", tuple(contacts)),
        GuideSection(
            "三、依申请公开",
            (
                "申请人应当以书面形式（包括数据电文形式）提出申请，写明姓名或者名称、身份证明、"
                "联系方式，所需政府信息的名称、文号或者便于查询的其他特征性描述，以及获取信息的"
                "方式、途径（条例第二十九条）。申请可通过以下渠道提交：",
                *channels,
                f"申请内容不明确的，本机关自收到申请之日起{CORRECTION_NOTICE_WORKING_DAYS}个工作日内"
                f"一次性告知补正，申请人应在"
                f"{facts.correction_working_days}个工作日内补正，逾期未补正视为放弃申请（条例第三十条）。",
            ),
        ),
        GuideSection(
            "四、答复期限",
            (
                f"能够当场答复的当场答复；不能当场答复的，自收到申请之日起{REPLY_WORKING_DAYS}个工作日"
                f"内答复；需要延长答复期限的，经负责人同意并告知申请人，延长期限最长不超过"
                f"{MAX_EXTENSION_WORKING_DAYS}个工作日（条例第三十三条）。",
                *filter(None, (deadline_example(facts),)),
                f"征求第三方和其他机关意见所需时间（{CONSULTATION_WORKING_DAYS}个工作日）不计算在答复"
                "期限内（条例第三十二条、第三十三条）。补正、缴费期间同样不计算在内。",
            ),
        ),
        GuideSection("五、收费", tuple(fees)),
        GuideSection(
            "六、救济途径",
            (
                "公民、法人或者其他组织认为行政机关在政府信息公开工作中侵犯其合法权益的，可以向"
                "上一级行政机关或者政府信息公开工作主管部门投诉、举报，也可以依法申请行政复议或者"
                "提起行政诉讼（条例第五十一条）。",
                remedies(body.reconsideration_body, body.court, decision="本机关的答复"),
            ),
        ),
    )


#: A heading line of an edited guide: a Chinese ordinal and 、 (一、 … 十二、).
_HEADING = re.compile(r"^[一二三四五六七八九十]+、")
#: The most text an edited guide may hold.
MAX_GUIDE_CHARS = 20_000


def guide_text(sections: tuple[GuideSection, ...]) -> str:
    """The guide as the plain text a 管理员 edits: each heading on its line, then its
    paragraphs, one per line; a blank line between sections."""
    return "\n\n".join("\n".join((s.title, *s.paragraphs)) for s in sections)


def parse_guide(text: str) -> tuple[GuideSection, ...]:
    """An edited guide back into sections: a line starting 一、/二、… opens a section; every
    other non-blank line is a paragraph (lines before the first heading form an untitled
    section). The inverse of :func:`guide_text`."""
    sections: list[GuideSection] = []
    title, paragraphs = "", list[str]()
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if _HEADING.match(line):
            if title or paragraphs:
                sections.append(GuideSection(title, tuple(paragraphs)))
            title, paragraphs = line, []
        else:
            paragraphs.append(line)
    if title or paragraphs:
        sections.append(GuideSection(title, tuple(paragraphs)))
    return tuple(sections)
