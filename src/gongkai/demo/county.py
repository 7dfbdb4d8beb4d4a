"""The other demo bodies, 2020–2025: varied records so every page and every rule has data.

One :class:`Profile` per body says what kind of work it does (its documents, matters, fees,
how many applications it gets); :func:`build_all` turns the profiles into records with one
seeded generator. What the profiles guarantee:

- applications with every table 三 outcome and every applicant type — all of them in
  中宁县自然资源局's 2024 (2021 format); 补正 (answered, unanswered, still unclear), 征求意见
  (answered and unanswered), 延期, 信息处理费 (paid, waived, unpaid → 逾期未缴费), and
  applications received in December and answered in January (上年结转 / 结转下年度);
- 行政复议 and 行政诉讼 (both kinds) with 维持, 纠正, 其他 and 尚未审结 at the end of a year;
- 规章 (中卫市人民政府令, made, amended and repealed) and 行政规范性文件 (made, amended by a new
  version, repealed) in the catalog, with other documents and published items;
- matter lists with matters added and cancelled across years, decisions, fees, procurement,
  mailbox messages and 人大代表建议 / 政协提案.

Replies are dated on working days within the statutory deadline the platform computes
(条例第三十、三十二、三十三条 on the platform's calendar); lapses follow the 补正 period of the
body (15 working days) and the 20-working-day payment period (109号).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from gongkai.demo.bodies import (
    CITY,
    COUNTY,
    DEPT_EDUCATION,
    DEPT_HRSS,
    DEPT_MARKET,
    DEPT_NATURAL_RESOURCES,
    TOWN_NINGAN,
    TOWN_SHIKONG,
    body_spec,
)
from gongkai.demo.records import BodyRecords, FeeSpec, MailboxSpec, Maker, ProposalSpec, Row
from gongkai.domain.applications.deadline import Consultation, Timeline, compute_deadline
from gongkai.domain.applications.fees import fee_by_count, fee_by_volume, payment_due
from gongkai.domain.applications.outcomes import ApplicantType, outcome_label
from gongkai.domain.workdays.calendar import WorkingCalendar

__all__ = ["FULL_YEAR", "PROFILES", "YEARS", "Profile", "build_all", "build_body"]

YEARS = tuple(range(2020, 2026))
FULL_YEAR = 2024  # the year of 中宁县自然资源局 in which every outcome and applicant type occurs
CORRECTION_PERIOD = 15  # Body.correction_period_working_days (default)

# Outcome weights of a typical year (granted and partial dominate, as in published reports).
_OUTCOME_WEIGHTS: dict[str, float] = {
    "granted": 30, "partial": 8, "denied.state_secret": 0.5, "denied.law_forbidden": 0.5,
    "denied.three_security_one_stability": 0.5, "denied.third_party": 2,
    "denied.internal_affairs": 1, "denied.process_info": 2, "denied.enforcement_file": 1,
    "denied.admin_query": 1.5, "unable.not_held": 12, "unable.needs_creation": 2,
    "unable.unclear_after_correction": 1, "not_processed.petition": 2,
    "not_processed.repeat": 1.5, "not_processed.publication": 0.5,
    "not_processed.excessive": 0.5, "not_processed.confirm_or_reissue": 1,
    "other.no_correction": 1.5, "other.no_fee_payment": 0.5, "other.other": 2,
}  # fmt: skip
_TYPE_WEIGHTS: dict[ApplicantType, float] = {
    ApplicantType.NATURAL_PERSON: 70,
    ApplicantType.COMMERCIAL: 12,
    ApplicantType.RESEARCH: 2,
    ApplicantType.PUBLIC_WELFARE: 2,
    ApplicantType.LEGAL_SERVICE: 8,
    ApplicantType.OTHER_ORG: 6,
}
_CHANNELS = ("网络", "当面", "邮寄", "平常信函", "电子邮件", "传真", "其他")
_CHANNEL_WEIGHTS = (50, 20, 18, 4, 5, 1, 2)
_SURNAMES = "马杨王李张刘赵田周陈何丁苏金韩罗郭黄高"
_NAMES: dict[ApplicantType, tuple[str, ...]] = {
    ApplicantType.COMMERCIAL: (
        "宁夏中宁某某置业有限公司", "中宁县某某枸杞产业有限公司", "宁夏某某建设工程有限公司",
        "中宁县某某商贸有限责任公司", "宁夏某某新能源有限公司",
    ),
    ApplicantType.RESEARCH: ("宁夏某某大学资源环境学院", "某某研究院西北分院"),
    ApplicantType.PUBLIC_WELFARE: ("中卫市某某公益协会", "宁夏某某环保志愿者协会"),
    ApplicantType.LEGAL_SERVICE: (
        "宁夏某某律师事务所", "北京某某律师事务所银川分所", "中宁县某某法律服务所",
    ),
    ApplicantType.OTHER_ORG: ("某某村股份经济合作社", "某某小区业主委员会", "某某村村民委员会"),
}  # fmt: skip


@dataclass(frozen=True)
class Profile:
    """What one demo body does, year by year."""

    body: str
    doc_prefix: str  # 文号 prefix of its documents: 中宁自然资发
    applications: tuple[int, ...]  # per year of YEARS
    subjects: tuple[str, ...]  # what applicants ask for
    normative_prefix: str = ""
    normative: tuple[str, ...] = ()  # titles of 行政规范性文件, made one after another
    regulations: tuple[str, ...] = ()  # titles of 规章 (a city government only)
    documents: tuple[str, ...] = ()  # subjects of its other documents
    licensing: tuple[tuple[str, float], ...] = ()  # (matter, decisions per month)
    other_services: tuple[tuple[str, float], ...] = ()
    penalty: tuple[tuple[str, float], ...] = ()
    compulsion: tuple[tuple[str, float], ...] = ()
    fees: tuple[tuple[str, int], ...] = ()  # (fee item, 元 per month on average)
    cases: tuple[int, ...] = (0, 0, 0, 0, 0, 0)
    mailbox: tuple[str, ...] = ()
    channels: tuple[str, ...] = ("政府网站", "政务新媒体")
    all_outcomes_in: int | None = None  # a year with every outcome and applicant type
    fee_applications: bool = False


PROFILES: tuple[Profile, ...] = (
    Profile(
        CITY,
        "卫政发",
        applications=(3, 4, 3, 5, 4, 3),
        subjects=("中卫市国土空间总体规划", "城市更新项目批复", "市政府常务会议纪要"),
        regulations=(
            "中卫市城市市容和环境卫生管理办法",
            "中卫市物业管理办法",
            "中卫市城市绿化管理办法",
            "中卫市香山压砂地保护管理办法",
        ),
        normative_prefix="卫政规发",
        normative=("中卫市人民政府关于进一步规范行政规范性文件制定和备案工作的通知",),
        documents=("做好政务公开工作", "推进数字政府建设", "做好安全生产工作"),
        mailbox=("城市供暖", "公交线路"),
    ),
    Profile(
        COUNTY,
        "中宁政发",
        applications=(8, 10, 12, 11, 14, 12),
        subjects=(
            "征收土地补偿安置方案",
            "棚户区改造项目批复文件",
            "县政府常务会议纪要",
            "财政预决算",
            "国有土地上房屋征收决定",
            "重大建设项目批准文件",
            "拆迁补偿标准",
        ),  # fmt: skip
        normative_prefix="中宁政规发",
        normative=(
            "中宁县国有土地上房屋征收与补偿暂行办法",
            "中宁县农村宅基地管理办法",
            "中宁县枸杞产业发展扶持办法",
            "中宁县行政规范性文件管理办法",
            "中宁县城乡居民最低生活保障实施细则",
            "中宁县招商引资优惠政策规定",
            "中宁县重大行政决策程序规定",
            "中宁县城市供热管理办法",
        ),  # fmt: skip
        documents=(
            "印发县政府工作报告重点任务分工",
            "做好政务公开工作",
            "做好防汛抗旱工作",
            "推进“互联网+政务服务”",
            "做好安全生产工作",
            "印发政务公开工作要点",
        ),  # fmt: skip
        cases=(1, 1, 2, 1, 2, 1),
        mailbox=("县城供暖", "农民工工资", "学区划分", "小区物业", "道路维修"),
    ),
    Profile(
        DEPT_NATURAL_RESOURCES,
        "中宁自然资发",
        applications=(16, 20, 24, 28, 36, 30),
        subjects=(
            "集体土地征收批复文件",
            "征地补偿安置方案及公告",
            "建设用地规划许可证",
            "国有建设用地使用权出让合同",
            "土地利用总体规划图",
            "不动产登记资料",
            "矿产资源开采许可信息",
            "违法用地查处决定书",
            "耕地占补平衡指标使用情况",
            "宅基地审批资料",
            "村庄规划批复文件",
            "土地储备项目资料",
        ),  # fmt: skip
        normative_prefix="中宁自然资规发",
        normative=(
            "中宁县不动产登记办事指南",
            "中宁县集体土地征收补偿安置标准",
            "中宁县国有建设用地使用权网上交易规则",
            "中宁县临时用地管理办法",
            "中宁县农村宅基地审批管理实施细则",
            "中宁县耕地占补平衡管理办法",
            "中宁县矿产资源开发利用管理办法",
            "中宁县不动产登记办事指南（修订）",
            "中宁县设施农业用地管理办法",
            "中宁县集体土地征收补偿安置标准（修订）",
        ),  # fmt: skip
        documents=(
            "做好自然资源执法监察工作",
            "开展耕地保护专项检查",
            "做好地质灾害防治工作",
            "推进不动产登记“一窗受理”",
            "做好国土空间规划编制工作",
            "开展违法用地整治",
            "做好矿山生态修复工作",
            "做好林草防火工作",
        ),  # fmt: skip
        licensing=(
            ("建设用地规划许可证核发", 2.0),
            ("建设工程规划许可证核发", 3.0),
            ("乡村建设规划许可证核发", 1.0),
            ("临时用地审批", 1.0),
            ("采矿许可证核发", 0.3),
            ("林木采伐许可证核发", 1.5),
        ),  # fmt: skip
        other_services=(("不动产登记", 350.0), ("土地权属争议调处", 1.0)),
        penalty=(
            ("非法占用土地的处罚", 1.5),
            ("未经批准擅自改变土地用途的处罚", 0.4),
            ("未取得采矿许可证擅自采矿的处罚", 0.3),
            ("破坏耕地的处罚", 0.3),
            ("未取得建设工程规划许可证进行建设的处罚", 0.5),
        ),  # fmt: skip
        compulsion=(("查封违法用地施工现场", 0.5), ("扣押非法采矿设备", 0.2)),
        fees=(("不动产登记费", 42000), ("土地复垦费", 9000)),
        cases=(1, 2, 2, 2, 4, 2),
        mailbox=("不动产证办理", "征地补偿", "宅基地审批", "违法占地", "矿山修复"),
        all_outcomes_in=FULL_YEAR,
        fee_applications=True,
    ),
    Profile(
        DEPT_EDUCATION,
        "中宁教发",
        applications=(3, 4, 5, 4, 6, 5),
        subjects=("学区划分方案", "教师招聘成绩", "学校建设项目资金", "民办学校审批资料"),
        normative_prefix="中宁教规发",
        normative=("中宁县义务教育阶段学校招生入学办法", "中宁县学前教育资助实施办法"),
        documents=("做好招生入学工作", "做好学生资助工作", "做好校园安全工作"),
        licensing=(("民办学校办学许可", 0.2), ("教师资格认定", 15.0)),
        other_services=(("学生资助申请受理", 60.0), ("中小学教师职称评审推荐", 8.0)),
        penalty=(("违规举办民办学校的处罚", 0.1),),
        cases=(0, 0, 1, 0, 1, 0),
        mailbox=("学区划分", "校车", "教师待遇"),
    ),
    Profile(
        DEPT_MARKET,
        "中宁市监发",
        applications=(6, 7, 9, 8, 10, 9),
        subjects=(
            "企业登记档案",
            "食品抽检结果",
            "行政处罚决定书",
            "投诉举报处理结果",
            "特种设备检验报告",
        ),
        normative_prefix="中宁市监规发",
        normative=("中宁县市场主体登记便利化措施", "中宁县枸杞质量安全追溯管理办法"),
        documents=("开展食品安全专项整治", "做好“双随机、一公开”监管", "做好价格监督检查"),
        licensing=(("食品经营许可", 40.0), ("食品生产许可", 2.0), ("特种设备使用登记", 6.0)),
        other_services=(("市场主体登记", 180.0), ("投诉举报处理", 30.0)),
        penalty=(
            ("销售不符合食品安全标准食品的处罚", 2.0),
            ("虚假宣传的处罚", 0.6),
            ("无照经营的处罚", 1.0),
        ),
        compulsion=(("查封扣押不符合安全标准的食品", 0.8), ("查封违法生产经营场所", 0.3)),
        cases=(1, 0, 1, 1, 1, 1),
        mailbox=("食品安全", "价格投诉", "网购纠纷"),
    ),  # fmt: skip
    Profile(
        DEPT_HRSS,
        "中宁人社发",
        applications=(2, 3, 4, 3, 5, 4),
        subjects=("事业单位招聘成绩", "养老保险缴费记录", "工伤认定决定", "农民工工资保证金"),
        normative_prefix="中宁人社规发",
        normative=("中宁县就业创业补贴管理办法",),
        documents=("做好高校毕业生就业工作", "做好农民工工资支付工作", "开展职业技能培训"),
        licensing=(("劳务派遣经营许可", 0.2), ("人力资源服务许可", 0.2)),
        other_services=(("就业创业证办理", 40.0), ("工伤认定", 5.0), ("社会保险登记", 90.0)),
        penalty=(("拖欠农民工工资的处罚", 0.3), ("未依法参加社会保险的处罚", 0.2)),
        cases=(0, 1, 0, 1, 0, 1),
        mailbox=("工资拖欠", "社保转移", "退休待遇"),
    ),
    Profile(
        TOWN_SHIKONG,
        "石政发",
        applications=(1, 2, 1, 2, 3, 2),
        subjects=("征地补偿款发放明细", "村级项目资金使用情况", "低保评定结果"),
        documents=("做好乡村振兴工作", "做好人居环境整治", "做好防汛工作"),
        licensing=(("乡村建设规划许可证核发", 2.0), ("农村村民宅基地审批", 1.5)),
        other_services=(
            ("最低生活保障申请受理", 50.0),
            ("临时救助审批", 12.0),
            ("残疾人两项补贴申请受理", 70.0),
        ),
        penalty=(("未取得乡村建设规划许可证进行建设的处罚", 0.3),),
        compulsion=(("责令停止违法建设", 0.4),),
        mailbox=("道路硬化", "灌溉用水", "低保"),
        channels=("政府网站", "公开栏"),
    ),  # fmt: skip
    Profile(
        TOWN_NINGAN,
        "宁政发",
        applications=(2, 1, 2, 3, 2, 2),
        subjects=("棚户区改造补偿方案", "村集体资产处置情况", "惠农补贴发放名单"),
        documents=("做好城镇社区治理工作", "做好人居环境整治", "做好安全生产工作"),
        licensing=(("乡村建设规划许可证核发", 1.0), ("农村村民宅基地审批", 1.0)),
        other_services=(("最低生活保障申请受理", 40.0), ("高龄津贴申请受理", 30.0)),
        penalty=(("在乡道上堆放物品的处罚", 0.2),),
        mailbox=("小区供暖", "背街小巷改造", "集贸市场"),
        channels=("政府网站", "政务新媒体", "公开栏"),
    ),  # fmt: skip
)


# =============================================================================================
# Catalog
# =============================================================================================


_INTERNAL = "涉及内部管理事项，依申请公开"


_DECREE_CHANNELS = ("政府网站", "政务新媒体")


def _rule(
    m: Maker,
    category: str,
    title: str,
    made: date,
    published: date,
    number: str,
    channels: tuple[str, ...],
    repealed: date | None = None,
) -> Row:
    """A 规章 or a 行政规范性文件 (``category``), filed in the catalog under its kind."""
    return m.catalog(
        title,
        made,
        published_on=published,
        category=category,
        channels=channels,
        doc_number=number,
        repealed_on=repealed,
        node=category,
    )


def _catalog(m: Maker, p: Profile) -> None:
    rng = m.rng
    short = body_spec(p.body).short_name
    # 规章: 中卫市人民政府令, one a year from 2020; the first is amended in 2022 (the old text
    # repealed the day the new one is made) and the third repealed in 2025.
    made_regs: list[Row] = []
    for k, title in enumerate(p.regulations):
        made = m.day_in(2020 + k, rng.randint(3, 9))
        repealed = None
        if k == 2:
            repealed = m.day_in(2025, 6)
        published = m.after(made, rng.randint(2, 10))
        number = f"中卫市人民政府令第{k + 1}号"
        made_regs.append(
            _rule(m, "规章", title, made, published, number, _DECREE_CHANNELS, repealed)
        )
    if made_regs:
        first = made_regs[0]
        amended = m.day_in(2022, 11)
        first["废止日期"] = amended
        title = f"{first['标题']}（2022年修正）"
        number = f"中卫市人民政府令第{len(p.regulations) + 1}号"
        _rule(m, "规章", title, amended, m.after(amended, 3), number, _DECREE_CHANNELS)
    # 行政规范性文件: spread over the years; every fourth repealed two years later; a title
    # ending in （修订） replaces the earlier one of the same name (repealed that day).
    made_docs: dict[str, Row] = {}
    for k, title in enumerate(p.normative):
        year = YEARS[min(k * len(YEARS) // max(len(p.normative), 1), len(YEARS) - 1)]
        made = m.day_in(year, rng.randint(2, 11))
        base = title.removesuffix("（修订）")
        if base != title and base in made_docs:
            old = made_docs[base]
            old["废止日期"] = made
        repealed = None
        if k % 4 == 3 and year + 2 <= 2025:
            repealed = m.day_in(year + 2, rng.randint(1, 12))
        published = m.after(made, rng.randint(2, 12))
        number = f"{p.normative_prefix}〔{year}〕{k % 3 + 1}号"
        made_docs[base] = _rule(
            m, "行政规范性文件", title, made, published, number, p.channels[:2], repealed
        )
    # other documents and published items, every year
    for year in YEARS:
        n_docs = rng.randint(8, 14)
        days = sorted(m.day_in(year, rng.randint(1, 12)) for _ in range(n_docs))
        for k, made in enumerate(days, 1):
            subject = p.documents[(k - 1) % len(p.documents)] if p.documents else "做好有关工作"
            title = f"{p.body}关于{year}年{subject}的通知" + (
                f"（{k}）" if k > len(p.documents) else ""
            )
            number = f"{p.doc_prefix}〔{year}〕{k}号"
            if rng.random() < 0.15:
                m.document(title, made, number, disclosure="依申请公开", reason=_INTERNAL)
                continue
            if rng.random() < 0.03:
                m.document(title, made, number, disclosure="不予公开", reason="涉及国家秘密")
                continue
            published = m.after(made, rng.randint(1, 15))
            channels = tuple(c for c in p.channels if rng.random() < 0.8) or p.channels[:1]
            m.document(title, made, number, published_on=published, channels=channels)
        for k in range(rng.randint(10, 18)):
            day = m.day_in(year, 1 + k * 12 // 18)
            what = ("工作动态", "通知公告", "政策解读")[k % 3]
            m.item(
                f"{short}{what}：{year}年{day.month}月{day.day}日",
                day,
                (rng.choice(p.channels),),
                what,
            )
    m.rules(p.body, p.channels[:1])


# =============================================================================================
# Matters, decisions, money
# =============================================================================================

_CATEGORY_LABELS = {
    "licensing": "行政许可",
    "other_services": "其他对外管理服务事项",
    "penalty": "行政处罚",
    "compulsion": "行政强制",
}


def _poisson(rng: random.Random, mean: float) -> int:
    # Knuth for small means, a rounded normal for large ones (deterministic either way)
    if mean > 30:
        return max(0, round(rng.gauss(mean, mean**0.5)))
    limit, k, prod = pow(2.718281828459045, -mean), 0, rng.random()
    while prod > limit:
        k += 1
        prod *= rng.random()
    return k


def _matters(m: Maker, p: Profile) -> None:
    rng = m.rng
    groups = (
        ("licensing", p.licensing),
        ("other_services", p.other_services),
        ("penalty", p.penalty),
        ("compulsion", p.compulsion),
    )
    for key, items in groups:
        label = _CATEGORY_LABELS[key]
        for i, (name, rate) in enumerate(items):
            # the last matter of a list with 3+ items is added in 2021; the second of a list
            # with 4+ items is cancelled in 2022 (清单动态调整)
            effective = (
                date(2021, 4, 1) if len(items) >= 3 and i == len(items) - 1 else date(2018, 1, 1)
            )
            cancelled = date(2022, 7, 1) if len(items) >= 4 and i == 1 else None
            m.matter(label, name, effective, cancelled)
            for year in YEARS:
                for month in range(1, 13):
                    day = m.month_end(year, month)
                    if day < effective or (cancelled and day >= cancelled):
                        continue
                    n = _poisson(rng, rate * (1 + 0.05 * (year - 2020)))
                    if n and rate < 1:
                        for _ in range(n):
                            m.decision(label, name, m.day_in(year, month))
                    elif n:
                        m.decision(label, name, day, n)
    for i, (name, monthly) in enumerate(p.fees):
        m.matter("行政事业性收费", name, date(2018, 1, 1), date(2023, 1, 1) if i == 1 else None)
        for year in YEARS:
            for month in range(1, 13):
                if i == 1 and year >= 2023:
                    continue
                amount = Decimal(round(rng.uniform(0.5, 1.5) * monthly, -1))
                m.money("行政事业性收费", name, m.month_end(year, month), amount)
    if p.licensing:  # 政府集中采购 (counted by the 2019 format, i.e. the 2020 report)
        for k in range(rng.randint(1, 3)):
            what = ("办公设备", "公务用车", "信息化系统运维")[k]
            day = m.day_in(2020, rng.randint(3, 11))
            m.money(
                "政府集中采购",
                f"{body_spec(p.body).short_name}2020年{what}采购项目",
                day,
                Decimal(rng.randint(30, 600) * 1000),
            )


# =============================================================================================
# Applications and cases
# =============================================================================================


def _applicant(rng: random.Random, kind: ApplicantType) -> str:
    if kind == ApplicantType.NATURAL_PERSON:
        return f"{rng.choice(_SURNAMES)}某{rng.choice('一二三四五六七八九')}"
    return rng.choice(_NAMES[kind])


def _choices(rng: random.Random, weights: dict[str, float], n: int, every: bool) -> list[str]:
    keys = list(weights)
    picked = list(keys) if every else []
    picked += rng.choices(keys, [weights[k] for k in keys], k=max(0, n - len(picked)))
    rng.shuffle(picked)
    return picked


def _applications(m: Maker, p: Profile, records: BodyRecords) -> list[tuple[str, date, date]]:
    """Application rows; returns (number, received, replied) of the concluded ones."""
    rng = m.rng
    concluded: list[tuple[str, date, date]] = []
    for year, count in zip(YEARS, p.applications, strict=True):
        every = p.all_outcomes_in == year
        outcomes = _choices(rng, _OUTCOME_WEIGHTS, count, every)
        types = [
            ApplicantType(t)
            for t in _choices(rng, {t.value: w for t, w in _TYPE_WEIGHTS.items()}, count, every)
        ]
        december = min(2, count)
        received_days = sorted(m.day_in(year, rng.randint(1, 11)) for _ in range(count - december))
        # the last ones in late December: answered in January (结转下年度 / 上年结转)
        received_days += [
            m.day_between(date(year, 12, 17), date(year, 12, 31)) for _ in range(december)
        ]
        for seq, (received, outcome, kind) in enumerate(
            zip(received_days, outcomes, types, strict=True), 1
        ):
            number = f"{year}-{seq:04d}"
            subject = rng.choice(p.subjects)
            row = _application_row(m, number, received, outcome, kind, subject, p, records)
            records.applications.append(row)
            concluded.append((number, received, row["答复日期"]))  # type: ignore[arg-type]
    return concluded


def _application_row(
    m: Maker,
    number: str,
    received: date,
    outcome: str,
    kind: ApplicantType,
    subject: str,
    p: Profile,
    records: BodyRecords,
) -> Row:
    rng = m.rng
    channel = rng.choices(_CHANNELS, _CHANNEL_WEIGHTS)[0]
    corr_sent = corr_received = cons_sent = cons_answered = None
    extension = 0
    fee: FeeSpec | None = None
    if outcome in ("other.no_correction", "unable.unclear_after_correction") or rng.random() < 0.08:
        corr_sent = m.after(received, rng.randint(1, 6))
        if outcome != "other.no_correction":
            corr_received = m.after(corr_sent, rng.randint(2, 10))
    start = corr_received or received
    if outcome == "denied.third_party" or (
        outcome in ("granted", "partial") and rng.random() < 0.12
    ):
        cons_sent = m.after(start, rng.randint(2, 6))
        cons_answered = None if rng.random() < 0.2 else m.after(cons_sent, rng.randint(3, 14))
    if outcome in ("granted", "partial", "denied.process_info") and rng.random() < 0.12:
        extension = rng.choice((10, 15, 20))
    fee_periods: tuple[tuple[date, date | None], ...] = ()
    if outcome == "other.no_fee_payment" or (
        p.fee_applications and outcome == "granted" and rng.random() < 0.15
    ):
        notice = m.after(start, rng.randint(3, 8))
        pages = rng.randint(60, 180)
        by_volume = rng.random() < 0.7
        amount = fee_by_volume(pages) if by_volume else fee_by_count(rng.randint(11, 14))
        paid = waived = None
        if outcome != "other.no_fee_payment":
            if rng.random() < 0.25:
                waived = m.after(notice, rng.randint(1, 5))
            else:
                paid = m.after(notice, rng.randint(2, 10))
        fee = FeeSpec(
            number, "by_volume" if by_volume else "by_count", amount, notice,
            pages=pages if by_volume else None,
            nth_in_month=None if by_volume else int(amount // 100) + 10,
            paid_on=paid, waived_on=waived,
        )  # fmt: skip
        fee_periods = ((notice, paid or waived),)
        records.fees.append(fee)
    consultations = (Consultation(cons_sent, cons_answered),) if cons_sent else ()
    timeline = Timeline(
        received=received,
        correction_sent=corr_sent,
        correction_received=corr_received,
        consultations=consultations,
        fee_periods=fee_periods,
        extension_days=extension,
    )
    due = compute_deadline(timeline, m.calendar).due
    if outcome == "other.no_correction":
        assert corr_sent is not None
        replied = m.calendar.nth_working_day_after(corr_sent, CORRECTION_PERIOD) + timedelta(days=1)
    elif outcome == "other.no_fee_payment":
        assert fee is not None
        replied = payment_due(fee.notice_on, m.calendar) + timedelta(days=1)
    else:
        paid = fee.paid_on or fee.waived_on if fee else None
        events = [d for d in (start, cons_answered, paid) if d is not None]
        earliest = m.after(max(events), 1)
        if cons_sent and not cons_answered:
            earliest = m.after(cons_sent, 16)
        latest = max(earliest, due)
        if extension:  # the extension was needed: reply after the ordinary deadline
            earliest = max(earliest, m.after(received, 20))
        replied = m.day_between(earliest, min(latest, m.after(earliest, 12)))
    applicant = _applicant(rng, kind)
    return {
        "申请编号": number,
        "收到申请日期": received,
        "申请方式": channel,
        "申请人类型": kind.label,
        "申请人": applicant,
        "申请内容": f"申请公开{subject}",
        "补正告知日期": corr_sent,
        "补正收到日期": corr_received,
        "征求意见日期": cons_sent,
        "征求意见回复日期": cons_answered,
        "延期工作日": extension or None,
        "办理结果": outcome_label(outcome),
        "答复日期": replied,
    }


def _open_applications(m: Maker, records: BodyRecords) -> None:
    """Three applications still being handled (the 工作台 has something to show)."""
    rng = m.rng
    base = date(2026, 11, 2)
    for seq, state in enumerate(("registered", "consulting", "correction"), 1):
        received = m.after(base, rng.randint(2, 12))
        row: Row = {
            "申请编号": f"2026-{seq:04d}",
            "收到申请日期": received,
            "申请方式": "网络",
            "申请人类型": "自然人",
            "申请人": _applicant(rng, ApplicantType.NATURAL_PERSON),
            "申请内容": "申请公开集体土地征收批复文件",
        }
        if state == "consulting":
            row["征求意见日期"] = m.after(received, 2)
        if state == "correction":
            row["补正告知日期"] = m.after(received, 1)
        records.applications.append(row)


_CASE_KINDS = ("行政复议", "行政诉讼（未经复议直接起诉）", "行政诉讼（复议后起诉）")


def _cases(
    m: Maker, p: Profile, records: BodyRecords, concluded: list[tuple[str, date, date]]
) -> None:
    rng = m.rng
    results = ("维持", "纠正", "其他")
    serial = 0
    for year, count in zip(YEARS, p.cases, strict=True):
        candidates = [c for c in concluded if c[2].year == year and c[2] < date(year, 10, 15)]
        for k in range(count):
            if not candidates:
                break
            number_app, _received, replied = candidates.pop(rng.randrange(len(candidates)))
            serial += 1
            kind = (
                _CASE_KINDS[serial % 3]
                if p.all_outcomes_in is None or year != FULL_YEAR
                else _CASE_KINDS[k % 3]
            )
            filed = m.after(replied, rng.randint(5, 20))
            # 尚未审结 at the end of the year: the last case of FULL_YEAR and of 2025 stays open
            # over the year end (decided the next year, or still pending).
            closed: date | None
            if year == 2025:
                closed = None
            elif year == FULL_YEAR and k == count - 1:
                closed = m.after(date(year + 1, 1, 15), rng.randint(10, 40))
            else:
                closed = m.after(filed, rng.randint(20, 45))
            result = results[(serial + k) % 3] if closed else None
            court = "宁0521行初" if "诉讼" in kind else ""
            number = f"（{year}）{court}{serial}号" if court else f"中宁政复〔{year}〕{serial}号"
            records.cases.append(
                {
                    "案件编号": number,
                    "类型": kind,
                    "关联申请编号": number_app,
                    "立案日期": filed,
                    "结果": result,
                    "结案日期": closed,
                }
            )


# =============================================================================================
# Engagement
# =============================================================================================


def _engagement(m: Maker, p: Profile, records: BodyRecords) -> None:
    rng = m.rng
    for year in YEARS:
        for k in range(rng.randint(3, 8)):
            topic = p.mailbox[k % len(p.mailbox)] if p.mailbox else "政务服务"
            received = m.day_in(year, rng.randint(1, 12))
            replied: date | None = m.after(received, rng.randint(2, 15))
            published = replied if rng.random() < 0.8 else None
            if year == 2025 and received.month == 12 and k == 0:
                replied = published = None  # still being answered at the year end
            box = "县长信箱" if k % 3 else "人民网地方领导留言板"
            records.mailbox.append(
                MailboxSpec(
                    box, received, f"关于{topic}的问题（{year}-{k + 1}）", f"网民反映{topic}问题。",
                    replied, "已调查核实并答复来信人。" if replied else "", published,
                )
            )  # fmt: skip
        if p.body in (CITY,):
            continue
        for kind, n in (
            ("npc_suggestion", rng.randint(1, 3)),
            ("cppcc_proposal", rng.randint(0, 2)),
        ):
            for k in range(n):
                assigned = m.day_in(year, rng.choice((3, 4)))
                replied = m.after(assigned, rng.randint(40, 60))
                prefix = "人大" if kind == "npc_suggestion" else "政协"
                noun = "建议" if prefix == "人大" else "提案"
                topic = rng.choice(p.subjects)
                records.proposals.append(
                    ProposalSpec(
                        kind, f"中宁县{prefix}〔{year}〕第{rng.randint(1, 150)}-{k + 1}号",
                        f"关于进一步规范{topic}的{noun}",
                        f"县{'人大代表' if prefix == '人大' else '政协委员'} "
                        f"{rng.choice(_SURNAMES)}某某",
                        assigned, replied, _proposal_reply(p.body, topic, noun),
                        m.after(replied, 5) if rng.random() < 0.9 else None,
                    )
                )  # fmt: skip


def _proposal_reply(body: str, topic: str, noun: str) -> str:
    """The text of a demo reply to a 建议 / 提案 about ``topic``."""
    return (
        f"关于进一步规范{topic}的{noun}已收悉，现答复如下：\n"
        f"{body}高度重视您提出的{noun}，经认真研究，已将规范{topic}列入本年度重点工作，"
        "制定了整改措施，明确了责任股室和完成时限，并将在办理过程中加强督促检查，"
        "及时向您通报办理进展。\n感谢您对我们工作的关心和支持。"
    )


# =============================================================================================
# Entry points
# =============================================================================================


def build_body(p: Profile, calendar: WorkingCalendar, rng: random.Random) -> BodyRecords:
    records = BodyRecords(p.body)
    m = Maker(records, body_spec(p.body).credit_code, calendar, rng)
    _catalog(m, p)
    _matters(m, p)
    concluded = _applications(m, p, records)
    if p.body == DEPT_NATURAL_RESOURCES:
        _open_applications(m, records)
    _cases(m, p, records, concluded)
    _engagement(m, p, records)
    return records


def build_all(calendar: WorkingCalendar, rng: random.Random | None = None) -> list[BodyRecords]:
    """The records of every profile (deterministic: one ``random.Random(2019)``)."""
    rng = rng or random.Random(2019)
    return [build_body(p, calendar, rng) for p in PROFILES]
