"""The demo jurisdiction: 中宁县 (宁夏中卫市) with townships and departments.

Pure data (no Django): :mod:`gongkai.web.runtime` creates the bodies and the accounts from it,
:mod:`gongkai.demo.loader` fills them with records. The codes are made-up 统一社会信用代码 with a
correct check character (prefix 11 = 机关, 640521 = 中宁县, 640500 = 中卫市).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "ALL_BODIES",
    "CITY",
    "COUNTY",
    "DEPT_EDUCATION",
    "DEPT_HRSS",
    "DEPT_MARKET",
    "DEPT_NATURAL_RESOURCES",
    "LETTER_SETTINGS",
    "OFFICE_HOURS",
    "TOWNSHIP",
    "TOWN_NINGAN",
    "TOWN_SHIKONG",
    "BodySpec",
    "LetterSettings",
    "body_spec",
]

CITY = "中卫市人民政府"
COUNTY = "中宁县人民政府"
TOWNSHIP = "徐套乡人民政府"
TOWN_SHIKONG = "石空镇人民政府"
TOWN_NINGAN = "宁安镇人民政府"
DEPT_NATURAL_RESOURCES = "中宁县自然资源局"
DEPT_EDUCATION = "中宁县教育局"
DEPT_MARKET = "中宁县市场监督管理局"
DEPT_HRSS = "中宁县人力资源和社会保障局"


#: 办公时间 of every demo body (the 指南 and the paper form state it).
OFFICE_HOURS = "周一至周五（法定节假日除外）上午9:00—12:00，下午14:30—17:30"


@dataclass(frozen=True)
class BodySpec:
    """A demo body: name, kind (``BodyKind`` value), parent name and the 指南 contact data."""

    name: str
    short_name: str
    kind: str
    parent: str | None
    credit_code: str
    office_name: str
    office_address: str
    office_postcode: str
    office_phone: str
    # 条例第四十九条 gives departments 31 January; townships' dates are set locally.
    report_deadline: tuple[int, int] = (1, 31)
    #: The 指南's e-mail address (an ``.example`` domain: nothing is ever sent there).
    office_email: str = ""
    office_hours: str = OFFICE_HOURS


ALL_BODIES: tuple[BodySpec, ...] = (
    BodySpec(
        CITY, "中卫市", "city_government", None, "11640500010000000G",
        "中卫市人民政府办公室",
        "中卫市沙坡头区鼓楼西街28号市政府办公楼二楼", "755000", "0955-7012345",
        (3, 31), "zfxxgk@zhongwei.gov.example",
    ),
    BodySpec(
        COUNTY, "中宁县", "county_government", CITY, "11640521010370001Y",
        "中宁县人民政府办公室",
        "中宁县宁安镇宁安大街85号县政府办公楼一楼", "755100", "0955-5012345",
        (3, 31), "zfxxgk@zhongning.gov.example",
    ),
    BodySpec(
        TOWNSHIP, "徐套乡", "township_government", COUNTY, "116405210107400025",
        "徐套乡人民政府办公室", "中宁县徐套乡徐套村徐套街1号乡政府办公楼", "755100", "0955-8737499",
        (2, 28), "xutao@zhongning.gov.example",
    ),
    BodySpec(
        TOWN_SHIKONG, "石空镇", "township_government", COUNTY, "11640521011110003P",
        "石空镇人民政府党政办", "中宁县石空镇石空街36号镇政府党政办", "755103", "0955-5621234",
        (2, 28), "shikong@zhongning.gov.example",
    ),
    BodySpec(
        TOWN_NINGAN, "宁安镇", "township_government", COUNTY, "11640521011480004Q",
        "宁安镇人民政府党政办", "中宁县宁安镇新堡路12号镇政府党政办", "755100", "0955-5031234",
        (2, 28), "ningan@zhongning.gov.example",
    ),
    BodySpec(
        DEPT_NATURAL_RESOURCES, "县自然资源局", "department", COUNTY, "11640521011850005Y",
        "中宁县自然资源局办公室", "中宁县宁安镇东环路66号自然资源局二楼", "755100", "0955-5041234",
        office_email="zrzyj@zhongning.gov.example",
    ),
    BodySpec(
        DEPT_EDUCATION, "县教育局", "department", COUNTY, "11640521012220006H",
        "中宁县教育局办公室", "中宁县宁安镇枸杞大街120号教育局三楼", "755100", "0955-5051234",
        office_email="jyj@zhongning.gov.example",
    ),
    BodySpec(
        DEPT_MARKET, "县市场监管局", "department", COUNTY, "11640521012590007J",
        "中宁县市场监督管理局办公室",
        "中宁县宁安镇康滨路9号市场监督管理局一楼", "755100", "0955-5061234",
        office_email="scjgj@zhongning.gov.example",
    ),
    BodySpec(
        DEPT_HRSS, "县人社局", "department", COUNTY, "11640521012960008Q",
        "中宁县人力资源和社会保障局办公室",
        "中宁县宁安镇团结路45号人社局二楼", "755100", "0955-5071234",
        office_email="rsj@zhongning.gov.example",
    ),
)  # fmt: skip

_BY_NAME = {b.name: b for b in ALL_BODIES}


@dataclass(frozen=True)
class LetterSettings:
    """A demo body's letter settings: its 文号 prefix (机关代字) and the bodies its 答复书 names
    for 救济途径 — 行政复议法第二十四条 (the county government reviews its departments and
    townships; the city, the county government; the region, the city) and 行政诉讼法第十四、
    十五条 (a suit against a 县级以上人民政府 goes to the 中级人民法院, the others to the 基层)."""

    prefix: str
    reconsideration_body: str
    court: str
    # How a fee is paid (收费通知书 and 指南): 非税收入 are paid through the 缴款书 the body issues.
    fee_payment_info: str = "由本机关开具非税收入一般缴款书，申请人按缴款书所列方式缴纳"


_COUNTY_COURT = "中宁县人民法院"
_CITY_COURT = "中卫市中级人民法院"

LETTER_SETTINGS: dict[str, LetterSettings] = {
    CITY: LetterSettings("卫政信公", "宁夏回族自治区人民政府", "银川市中级人民法院"),
    COUNTY: LetterSettings("宁政信公", CITY, _CITY_COURT),
    TOWNSHIP: LetterSettings("徐政信公", COUNTY, _COUNTY_COURT),
    TOWN_SHIKONG: LetterSettings("石政信公", COUNTY, _COUNTY_COURT),
    TOWN_NINGAN: LetterSettings("宁安政信公", COUNTY, _COUNTY_COURT),
    DEPT_NATURAL_RESOURCES: LetterSettings("宁自然资信公", COUNTY, _COUNTY_COURT),
    DEPT_EDUCATION: LetterSettings("宁教信公", COUNTY, _COUNTY_COURT),
    DEPT_MARKET: LetterSettings("宁市监信公", COUNTY, _COUNTY_COURT),
    DEPT_HRSS: LetterSettings("宁人社信公", COUNTY, _COUNTY_COURT),
}


def body_spec(name: str) -> BodySpec:
    return _BY_NAME[name]
