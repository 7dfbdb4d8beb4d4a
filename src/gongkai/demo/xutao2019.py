"""徐套乡人民政府 in 2019: the records behind the seed report (``000_9fd22329478e75da.txt``).

The report's table 二 and its narrative, itemised:

- 事项清单: 5 行政许可, 48 其他对外管理服务事项, 12 行政处罚, 9 行政强制, 1 行政事业性收费,
  all effective before 2018 and still listed (上一年项目数量 as printed, 本年增减 0);
- 处理决定 of 2019: 34 行政许可 (one row each), 2,833 其他对外管理服务 (per matter and month;
  低保 484, 困难残疾人生活补贴 505, 重度残疾人护理补贴 462 as the narrative says), 12 行政处罚
  and 21 行政强制 (one row each); no 政府集中采购;
- 120 documents made in 2019 (徐政发〔2019〕1–120号, all 其他 — no 规章, no 规范性文件), 35 of
  them 依申请公开, the 85 others published on the 公开栏 after the 保密审查;
- 1,346 items published in 2019 (“1340余条”): 0 on the 政府网站, 214 on 政务新媒体 (“200余条”),
  1,132 on 公开栏 / 广播电视 (“1000余条”, the 85 documents included), 24 of them the minutes
  of the 乡党委会议;
- 13 messages of 县长信箱 and 人民网地方领导留言板 (“10余件”), all answered and published; one
  人大代表建议 answered and published; no 政协提案; no application, no review case.
"""

from __future__ import annotations

import random
from datetime import date

from gongkai.demo.bodies import TOWNSHIP, body_spec
from gongkai.demo.records import BodyRecords, MailboxSpec, Maker, ProposalSpec, split_total
from gongkai.domain.workdays.calendar import WorkingCalendar

__all__ = [
    "COMPULSION",
    "FEE_ITEMS",
    "LICENSING",
    "OTHER_SERVICES",
    "PENALTY",
    "VILLAGES",
    "build",
]

YEAR = 2019
VILLAGES = ("徐套村", "田家滩村", "大滩川村", "上流水村", "下流水村", "包牛套村")

# (name, decisions in 2019)
LICENSING: tuple[tuple[str, int], ...] = (
    ("乡村建设规划许可证核发", 18),
    ("农村村民宅基地审批", 13),
    ("适龄儿童、少年因身体状况需要延缓入学或者休学审批", 2),
    ("乡道、村道临时占用审批", 1),
    ("本集体经济组织以外的单位或者个人承包经营农村土地审批", 0),
)
# (name, weight of its decisions; None: the number the narrative states)
OTHER_SERVICES: tuple[tuple[str, float | int], ...] = (
    ("最低生活保障申请受理及入户核查", 484),
    ("困难残疾人生活补贴申请受理", 505),
    ("重度残疾人护理补贴申请受理", 462),
    ("临时救助审批", 9.0),
    ("特困人员救助供养申请受理", 2.0),
    ("高龄津贴申请受理", 6.0),
    ("城乡居民基本养老保险参保登记", 8.0),
    ("城乡居民基本养老保险待遇领取资格认证", 7.0),
    ("城乡居民基本医疗保险参保登记", 9.0),
    ("医疗救助申请受理", 3.0),
    ("计划生育家庭奖励扶助对象资格确认", 3.0),
    ("计划生育特别扶助对象资格确认", 1.0),
    ("生育服务登记", 4.0),
    ("独生子女父母光荣证办理", 1.0),
    ("流动人口婚育证明办理", 1.0),
    ("农村危房改造申请受理", 2.0),
    ("耕地地力保护补贴申报", 4.0),
    ("农机购置补贴申报受理", 1.0),
    ("农村土地承包经营权流转合同鉴证", 2.0),
    ("农村土地承包经营纠纷调解", 1.0),
    ("草原禁牧补助发放", 2.0),
    ("退耕还林补助资金兑付", 2.0),
    ("建档立卡贫困户动态调整", 3.0),
    ("教育资助申请受理（雨露计划）", 2.0),
    ("扶贫小额信贷申请受理", 2.0),
    ("产业扶持资金申请受理", 2.0),
    ("义务兵家庭优待金发放", 1.0),
    ("退役士兵信息采集", 0.5),
    ("优抚对象抚恤补助申请受理", 1.0),
    ("残疾人证办理申请受理", 2.0),
    ("殡葬补助申请受理", 1.0),
    ("孤儿基本生活费申请受理", 0.5),
    ("事实无人抚养儿童生活补贴申请受理", 0.5),
    ("老年人优待证办理", 2.0),
    ("农村留守老人、儿童关爱登记", 1.0),
    ("就业创业登记", 2.0),
    ("就业困难人员认定申请受理", 1.0),
    ("职业技能培训报名", 3.0),
    ("劳务输出登记", 2.0),
    ("农民工工资拖欠投诉受理", 0.5),
    ("人民调解申请受理", 2.0),
    ("法律援助申请转交", 0.5),
    ("村民建房用地申请初审", 1.0),
    ("林木采伐申请初审", 0.5),
    ("动物防疫免疫登记", 2.0),
    ("牲畜耳标佩戴登记", 1.0),
    ("农业保险参保登记", 1.0),
    ("社会救助家庭经济状况核对授权受理", 1.0),
)
PENALTY: tuple[tuple[str, int], ...] = (
    ("未取得乡村建设规划许可证进行建设的处罚", 3),
    ("未按照乡村建设规划许可证的规定进行建设的处罚", 2),
    ("擅自占用、挖掘乡道、村道的处罚", 1),
    ("在乡道、村道上堆放物品、倾倒垃圾的处罚", 2),
    ("损坏、擅自移动乡村公路附属设施的处罚", 0),
    ("违反规定野外用火的处罚", 1),
    ("违反禁牧封育规定放牧的处罚", 2),
    ("违反规定乱埋乱葬的处罚", 1),
    ("违反规定焚烧秸秆的处罚", 0),
    ("在饮用水水源保护区内从事污染活动的处罚", 0),
    ("违反规定在河道管理范围内建设妨碍行洪建筑物的处罚", 0),
    ("拒不履行动物防疫义务的处罚", 0),
)
COMPULSION: tuple[tuple[str, int], ...] = (
    ("责令停止违法建设", 6),
    ("限期拆除违法建筑物、构筑物", 4),
    ("强制拆除违法建筑物、构筑物", 2),
    ("查封违法建设施工现场", 1),
    ("扣押违规放牧牲畜", 5),
    ("代履行清除乡道、村道障碍物", 2),
    ("扣押野外违规用火工具", 1),
    ("加处罚款", 0),
    ("强制清除河道管理范围内阻水障碍物", 0),
)
FEE_ITEMS: tuple[str, ...] = ("乡村建设规划许可证工本费",)

_DOC_SUBJECTS: tuple[str, ...] = (
    "印发《徐套乡2019年政务公开工作要点》", "印发《徐套乡政府信息主动公开制度》",
    "印发《徐套乡政府信息依申请公开制度》", "印发《徐套乡政府信息公开保密审查制度》",
    "调整徐套乡政府信息公开工作领导小组成员", "印发《徐套乡2019年脱贫攻坚工作实施方案》",
    "印发《徐套乡2019年脱贫退出工作方案》", "做好2019年建档立卡户动态调整工作",
    "印发《徐套乡2019年农村低保专项治理工作方案》", "开展农村低保入户核查工作",
    "做好2019年临时救助工作", "做好困难残疾人生活补贴和重度残疾人护理补贴发放工作",
    "印发《徐套乡2019年安全生产工作要点》", "开展安全生产大排查大整治",
    "印发《徐套乡2019年森林草原防火工作方案》", "做好2019年防汛抗旱工作",
    "印发《徐套乡2019年禁牧封育工作方案》", "加强禁牧封育管理",
    "印发《徐套乡西线供水田间管网建设实施方案》", "成立西线供水工程建设协调领导小组",
    "做好蓄水池改造工程建设工作", "印发《徐套乡暖棚建设扶持办法》",
    "成立徐套乡供销合作社筹备工作领导小组", "印发《徐套乡2019年劳务输出工作方案》",
    "开展2019年职业技能培训", "做好建档立卡户驾驶员培训工作",
    "印发《徐套乡2019年人居环境整治工作方案》", "开展村庄清洁行动",
    "印发《徐套乡农村厕所革命实施方案》", "做好2019年城乡居民基本养老保险征缴工作",
    "做好2019年城乡居民基本医疗保险征缴工作", "做好2019年耕地地力保护补贴申报工作",
    "做好2019年农作物病虫害防治工作", "做好2019年动物防疫工作",
    "开展非洲猪瘟防控工作", "印发《徐套乡2019年扫黑除恶专项斗争工作方案》",
    "开展矛盾纠纷排查化解工作", "做好2019年信访维稳工作",
    "印发《徐套乡2019年综治和平安建设工作要点》", "做好2019年征兵工作",
    "做好2019年民兵整组工作", "开展2019年法治宣传教育活动",
    "印发《徐套乡2019年党风廉政建设工作要点》", "印发《徐套乡财务管理制度》",
    "印发《徐套乡公务接待管理办法》", "印发《徐套乡公车管理制度》",
    "印发《徐套乡村级财务管理办法》", "做好村级换届后续工作",
    "印发《徐套乡2019年教育扶贫工作方案》", "做好2019年控辍保学工作",
    "印发《徐套乡2019年健康扶贫工作方案》", "做好家庭医生签约服务工作",
    "印发《徐套乡2019年文化惠民工作方案》", "做好2019年农村危房改造工作",
    "做好2019年第一季度重点工作", "做好2019年第二季度重点工作",
    "做好2019年第三季度重点工作", "做好2019年第四季度重点工作",
    "做好2019年春节期间有关工作", "做好2019年清明节期间森林防火工作",
    "做好2019年五一劳动节期间安全稳定工作", "做好2019年端午节期间有关工作",
    "做好2019年国庆节期间安全稳定工作", "做好2019年冬春季节安全防范工作",
    "印发《徐套乡第二次全国污染源普查工作方案》", "开展第四次全国经济普查工作",
    "做好2019年统计工作", "印发《徐套乡重大行政决策程序规定》",
    "印发《徐套乡“五公开”工作实施办法》", "建立政务公开嵌入办文办会工作机制",
    "编制徐套乡政务公开事项目录清单", "印发《徐套乡便民服务手册》编制工作方案",
    "推进民生服务中心标准化建设", "做好“不见面、马上办”网上办事大厅推广工作",
    "做好2019年秋冬季造林工作", "做好2019年退耕还林补助兑付工作",
    "做好2019年草原补奖政策落实工作", "印发《徐套乡扶贫产业发展奖补办法》",
    "做好扶贫小额信贷工作", "做好2019年雨露计划申报工作",
    "做好2019年残疾人证办理工作", "做好2019年高龄津贴发放工作",
    "做好2019年优抚对象抚恤补助发放工作", "做好2019年退役军人信息采集工作",
    "做好2019年计划生育奖励扶助工作", "做好2019年流动人口服务管理工作",
    "开展农村土地承包经营权确权登记颁证后续工作", "做好宅基地审批管理工作",
    "加强乡村建设规划管理", "开展违法建设专项整治",
    "开展乡村道路安全隐患排查整治", "做好2019年农村公路养护工作",
    "做好2019年饮水安全工作", "开展河湖“清四乱”专项行动",
    "印发《徐套乡河长制工作方案》", "做好2019年秸秆禁烧工作",
    "开展食品安全专项整治", "做好2019年消防安全工作",
    "做好2019年地质灾害防治工作", "开展“不忘初心、牢记使命”主题教育",
    "做好2019年民族团结进步创建工作", "做好2019年宗教事务管理工作",
    "做好2019年妇女儿童工作", "做好2019年老龄工作",
    "做好2019年关心下一代工作", "做好2019年红十字工作",
    "做好2019年档案管理工作", "做好2019年保密工作",
    "做好2019年政务信息报送工作", "做好2019年人大代表建议办理工作",
    "做好2019年县长信箱办理工作", "做好2019年乡村振兴规划编制工作",
    "做好2019年年终考核工作", "做好2019年年度总结和2020年工作计划编制工作",
    "做好2020年元旦春节期间有关工作", "做好冬季取暖安全工作",
    "做好2019年农民工工资支付保障工作", "做好2019年脱贫攻坚成效考核迎检工作",
    "做好2019年枸杞和硒砂瓜产业发展工作", "做好2019年移民搬迁后续扶持工作",
)  # fmt: skip
_NEW_MEDIA_TOPICS: tuple[str, ...] = (
    "脱贫攻坚工作动态", "政策解读：农村低保政策问答", "政策解读：临时救助政策问答",
    "政策解读：残疾人两项补贴", "便民服务提示", "技能培训报名通知", "西线供水工程进展",
    "暖棚建设进展", "人居环境整治动态", "禁牧封育宣传", "森林防火提示", "安全生产提示",
    "扫黑除恶专项斗争宣传", "养老保险征缴提示", "医疗保险征缴提示", "惠农政策宣传",
    "劳务输出信息", "招聘信息发布", "非洲猪瘟防控知识", "法治宣传",
)  # fmt: skip
_BROADCASTS: tuple[str, ...] = (
    "森林草原防火", "禁牧封育", "秸秆禁烧", "安全生产", "防汛抗旱", "非洲猪瘟防控",
    "养老保险征缴", "医疗保险征缴", "扫黑除恶", "农作物病虫害防治", "冬季取暖安全",
    "道路交通安全", "征兵宣传", "技能培训招生",
)  # fmt: skip
_MAILBOX: tuple[tuple[str, str, str], ...] = (
    (
        "县长信箱",
        "西线供水管网何时通到田家滩村",
        "西线供水田间管网已于10月完工，村内入户工程年内完成。",
    ),
    (
        "县长信箱",
        "建档立卡户暖棚补贴如何申请",
        "到乡民生服务中心或村委会申请，乡政府审核后兑付，标准已在公示栏公开。",
    ),
    (
        "县长信箱",
        "反映大滩川村低保评定不公",
        "经入户核查，该户不符合条件；评定结果已在村公示栏重新公示。",
    ),
    (
        "县长信箱",
        "咨询城乡居民养老保险补缴政策",
        "已电话答复补缴政策，并告知到乡民生服务中心办理。",
    ),
    ("县长信箱", "反映下流水村道路损坏", "乡政府已安排维修，11月底前完成。"),
    ("县长信箱", "咨询残疾人护理补贴发放时间", "补贴按月发放至一卡通，已告知发放时间和查询方式。"),
    ("县长信箱", "反映包牛套蓄水池漏水", "经现场查看，已由施工单位返修，群众补水已恢复。"),
    ("县长信箱", "咨询驾驶员培训报名条件", "建档立卡户劳动力均可报名，培训费用由项目资金承担。"),
    ("县长信箱", "反映上流水村饮水水压不足", "已协调供水公司调压，问题已解决。"),
    (
        "人民网地方领导留言板",
        "徐套乡何时开通网上办事",
        "“不见面、马上办”网上办事大厅已开通，乡民生服务中心可帮办代办。",
    ),
    ("人民网地方领导留言板", "咨询移民搬迁后宅基地审批", "已答复宅基地审批条件、材料和流程。"),
    ("人民网地方领导留言板", "反映劳务工资拖欠", "经乡劳动保障所协调，拖欠工资已全部支付。"),
    ("人民网地方领导留言板", "建议增设村级便民服务点", "已在六个村设立代办点，由村代办员办理。"),
)


def _documents(m: Maker) -> None:
    rng = m.rng
    n = len(_DOC_SUBJECTS)
    made = sorted(m.day_between(date(YEAR, 1, 3), date(YEAR, 12, 20)) for _ in range(n))
    on_request = set(rng.sample(range(n), 35))
    last = date(YEAR, 12, 31)
    for i, subject in enumerate(_DOC_SUBJECTS):
        number = f"徐政发〔{YEAR}〕{i + 1}号"
        title = f"徐套乡人民政府关于{subject}的通知"
        if i in on_request:
            reason = "内容涉及人员安排和内部管理事项，属于依申请公开"
            m.document(title, made[i], number, disclosure="依申请公开", reason=reason)
            continue
        published = min(m.after(made[i], rng.randint(1, 8)), last)
        while not m.is_working_day(published):
            published = date.fromordinal(published.toordinal() - 1)
        m.document(
            title, made[i], number, published_on=max(published, made[i]), channels=("公开栏",)
        )


def _published_items(m: Maker) -> None:
    rng = m.rng
    # 政务新媒体: 214 posts on the “徐套乡政务” account
    for k in range(214):
        day = m.day_in(YEAR, 1 + k * 12 // 214)
        topic = _NEW_MEDIA_TOPICS[k % len(_NEW_MEDIA_TOPICS)]
        m.item(
            f"【徐套乡政务】{topic}（{day.month}月{day.day}日）", day, ("政务新媒体",), "工作动态"
        )
    board: list[tuple[str, str, date]] = []
    for month in range(1, 13):
        end = m.month_end(YEAR, month)
        for village in VILLAGES:
            for what, node in (
                ("农村最低生活保障动态管理", "社会救助"),
                ("临时救助", "社会救助"),
                ("困难残疾人生活补贴和重度残疾人护理补贴", "社会救助"),
                ("高龄津贴", "社会救助"),
            ):
                board.append((f"{village}{YEAR}年{month}月{what}名单公示", node, end))
            board.append((f"{village}{YEAR}年{month}月村务公开", "村务公开", end))
    for quarter in range(1, 5):
        end = m.month_end(YEAR, quarter * 3)
        for village in VILLAGES:
            board.append(
                (f"{village}{YEAR}年第{quarter}季度建档立卡户动态调整公示", "脱贫攻坚", end)
            )
            board.append((f"{village}{YEAR}年第{quarter}季度财务公开", "村务公开", end))
    for village in VILLAGES:
        for what in ("耕地地力保护补贴", "草原禁牧补助", "退耕还林补助", "农业保险理赔"):
            board.append((f"{village}{YEAR}年{what}发放名单公示", "农业农村", date(YEAR, 9, 30)))
        board.append((f"{village}{YEAR}年脱贫退出户名单公示", "脱贫攻坚", date(YEAR, 11, 29)))
        board.append((f"{village}{YEAR}年边缘户、监测户名单公示", "脱贫攻坚", date(YEAR, 12, 13)))
    for k in range(1, 25):  # 乡党委会议 24 次
        board.append(
            (f"徐套乡党委会议纪要（{YEAR}年第{k}次）", "会议纪要", m.month_end(YEAR, (k + 1) // 2))
        )
    for project in (
        "西线供水工程支线管道",
        "西线供水田间管网",
        "包牛套3万方蓄水池改造",
        "靖安一号16万方蓄水池改造",
        "田家滩村暖棚建设",
        "全通公司暖棚建设",
        "下流水服装加工车间改造",
        "临时供水点建设",
        "村组道路硬化",
        "村级活动场所维修",
    ):
        board.append(
            (f"{project}项目招投标结果公示", "项目建设", m.day_in(YEAR, rng.randint(3, 7)))
        )
        board.append(
            (f"{project}项目竣工验收结果公示", "项目建设", m.day_in(YEAR, rng.randint(9, 12)))
        )
    for course in ("钢筋工", "钢筋工（初级）", "装载机", "电焊工（初级）", "建档立卡户驾驶员"):
        board.append(
            (f"{YEAR}年{course}培训学员名单公示", "通知公告", m.day_in(YEAR, rng.randint(4, 10)))
        )
    documents = len(_DOC_SUBJECTS) - 35
    broadcasts = 1132 - documents - len(board)
    for k in range(broadcasts):
        day = m.day_in(YEAR, 1 + k * 12 // broadcasts)
        topic = _BROADCASTS[k % len(_BROADCASTS)]
        board.append((f"广播通知第{k + 1}期：{topic}（{day.month}月{day.day}日）", "通知公告", day))
    for title, node, day in board:
        while not m.is_working_day(day):
            day = date.fromordinal(day.toordinal() - 1)
        channels = ("广播电视",) if title.startswith("广播通知") else ("公开栏",)
        m.item(title, day, channels, node)


def _matters_and_decisions(m: Maker) -> None:
    rng = m.rng
    listed = date(2017, 3, 1)  # the 权力清单 and 公共服务事项清单 of 2017
    for category, items in (
        ("行政许可", [n for n, _ in LICENSING]),
        ("其他对外管理服务事项", [n for n, _ in OTHER_SERVICES]),
        ("行政处罚", [n for n, _ in PENALTY]),
        ("行政强制", [n for n, _ in COMPULSION]),
        ("行政事业性收费", list(FEE_ITEMS)),
    ):
        for name in items:
            m.matter(category, name, listed)
    for category, counted in (
        ("行政许可", LICENSING),
        ("行政处罚", PENALTY),
        ("行政强制", COMPULSION),
    ):
        for name, n in counted:
            for day in sorted(m.day_in(YEAR, rng.randint(3, 11)) for _ in range(n)):
                m.decision(category, name, day)
    fixed = sum(int(w) for _, w in OTHER_SERVICES if isinstance(w, int))
    weighted = [(n, float(w)) for n, w in OTHER_SERVICES if isinstance(w, float)]
    totals = dict(
        zip(
            [n for n, _ in weighted],
            split_total(rng, 2833 - fixed, [w for _, w in weighted]),
            strict=True,
        )
    )
    totals.update({n: w for n, w in OTHER_SERVICES if isinstance(w, int)})
    for name, _w in OTHER_SERVICES:
        for month, count in enumerate(
            split_total(rng, totals[name], [rng.uniform(0.5, 1.5) for _ in range(12)]), 1
        ):
            if count:
                m.decision("其他对外管理服务事项", name, m.month_end(YEAR, month), count)


def _engagement(m: Maker, records: BodyRecords) -> None:
    rng = m.rng
    for k, (mailbox, subject, reply) in enumerate(_MAILBOX):
        received = m.day_in(YEAR, 1 + k * 11 // len(_MAILBOX))
        replied = m.after(received, rng.randint(3, 12))
        records.mailbox.append(
            MailboxSpec(
                mailbox, received, subject, f"群众来信：{subject}。", replied, reply, replied
            )
        )
    assigned = date(YEAR, 3, 20)
    replied = date(YEAR, 6, 14)
    records.proposals.append(
        ProposalSpec(
            "npc_suggestion",
            "中宁县人大〔2019〕第27号",
            "关于加快徐套乡西线供水田间管网建设的建议",
            "县人大代表 马某某",
            assigned,
            replied,
            "关于加快徐套乡西线供水田间管网建设的建议已收悉，现答复如下：\n"
            "乡政府已会同县水务局对西线供水工程沿线村组进行实地踏勘，"
            "将田间管网建设纳入2019年度高效节水灌溉项目，分批组织实施；"
            "对暂未覆盖的村组，协调水务部门优先安排下一年度项目资金。\n"
            "感谢您对徐套乡农业农村工作的关心和支持。",
            m.after(replied, 3),
        )
    )


def build(calendar: WorkingCalendar, rng: random.Random | None = None) -> BodyRecords:
    """The 2019 records of 徐套乡人民政府 (deterministic: ``random.Random(2019)``)."""
    rng = rng or random.Random(2019)
    records = BodyRecords(TOWNSHIP)
    m = Maker(records, body_spec(TOWNSHIP).credit_code, calendar, rng)
    _documents(m)
    _published_items(m)
    _matters_and_decisions(m)
    _engagement(m, records)
    m.rules(TOWNSHIP, ("政务新媒体",))
    return records
