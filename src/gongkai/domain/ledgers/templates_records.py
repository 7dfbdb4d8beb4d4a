"""Ledger templates of §3 and §4 (catalog, decisions, matter lists, fees/procurement).

Each template has the headers, one example row (marked 示例-, skipped on import) and, in
``.xlsx``, dropdown lists for the columns with fixed values.
"""

from __future__ import annotations

from datetime import date

from gongkai.domain.catalog.contents import CONTENTS
from gongkai.domain.ledgers.catalog import (
    CATALOG_CHANNELS,
    CATALOG_COLUMNS,
    CATEGORY_LABELS,
    DISCLOSURES,
)
from gongkai.domain.ledgers.matters import (
    DECISION_CATEGORY_LABELS,
    DECISION_COLUMNS,
    MATTER_CATEGORY_LABELS,
    MATTER_COLUMNS,
    MONEY_CATEGORY_LABELS,
    MONEY_COLUMNS,
)
from gongkai.domain.ledgers.result import EXAMPLE_KEY_PREFIX
from gongkai.domain.ledgers.templates import LedgerTemplate

__all__ = [
    "CATALOG_EXAMPLE",
    "CATALOG_SHEET",
    "CATALOG_TEMPLATE",
    "CATALOG_VALIDATIONS",
    "DECISION_EXAMPLE",
    "DECISION_SHEET",
    "DECISION_TEMPLATE",
    "DECISION_VALIDATIONS",
    "MATTER_EXAMPLE",
    "MATTER_SHEET",
    "MATTER_TEMPLATE",
    "MATTER_VALIDATIONS",
    "MONEY_EXAMPLE",
    "MONEY_SHEET",
    "MONEY_TEMPLATE",
    "MONEY_VALIDATIONS",
    "catalog_template_csv",
    "catalog_template_xlsx",
    "decision_template_csv",
    "decision_template_xlsx",
    "matter_template_csv",
    "matter_template_xlsx",
    "money_template_csv",
    "money_template_xlsx",
]

CATALOG_SHEET = "主动公开信息台账"
DECISION_SHEET = "处理决定台账"
MATTER_SHEET = "事项清单台账"
MONEY_SHEET = "收费和政府集中采购台账"

CATALOG_VALIDATIONS: dict[str, list[str]] = {
    "信息类别": list(CATEGORY_LABELS.values()),
    "公开属性": list(DISCLOSURES),
    # one channel from the list; several are typed by hand, separated by 、
    "公开渠道": list(CATALOG_CHANNELS),
    "公开内容": [c.display for c in CONTENTS],
}
DECISION_VALIDATIONS: dict[str, list[str]] = {"类别": list(DECISION_CATEGORY_LABELS.values())}
MATTER_VALIDATIONS: dict[str, list[str]] = {"类别": list(MATTER_CATEGORY_LABELS.values())}
MONEY_VALIDATIONS: dict[str, list[str]] = {"类别": list(MONEY_CATEGORY_LABELS.values())}

CATALOG_EXAMPLE: dict[str, object] = {
    "索引号": f"{EXAMPLE_KEY_PREFIX}11640521MB1234567X/2024-00001",
    "标题": "关于印发某乡2024年农村人居环境整治工作方案的通知",
    "文号": "某乡发〔2024〕3号",
    "信息类别": "行政规范性文件",
    "成文日期": date(2024, 3, 1),
    "发布日期": date(2024, 3, 5),
    "废止日期": None,
    "公开属性": "主动公开",
    "公开渠道": "政府网站、公开栏",
    "公开内容": "（一）行政法规、规章和规范性文件",
}
DECISION_EXAMPLE: dict[str, object] = {
    "类别": "其他对外管理服务事项",
    "事项名称": f"{EXAMPLE_KEY_PREFIX}农村居民最低生活保障审核（3月）",
    "决定日期": date(2024, 3, 31),
    "数量": 12,
}
MATTER_EXAMPLE: dict[str, object] = {
    "类别": "行政许可",
    "事项名称": f"{EXAMPLE_KEY_PREFIX}乡村建设规划许可证核发",
    "生效日期": date(2019, 1, 1),
    "取消日期": None,
}
MONEY_EXAMPLE: dict[str, object] = {
    "类别": "政府集中采购",
    "项目名称": f"{EXAMPLE_KEY_PREFIX}办公设备采购",
    "日期": date(2024, 6, 18),
    "金额（元）": 251000,
}


CATALOG_TEMPLATE = LedgerTemplate(
    CATALOG_SHEET, CATALOG_COLUMNS, CATALOG_VALIDATIONS, CATALOG_EXAMPLE
)
DECISION_TEMPLATE = LedgerTemplate(
    DECISION_SHEET, DECISION_COLUMNS, DECISION_VALIDATIONS, DECISION_EXAMPLE
)
MATTER_TEMPLATE = LedgerTemplate(MATTER_SHEET, MATTER_COLUMNS, MATTER_VALIDATIONS, MATTER_EXAMPLE)
MONEY_TEMPLATE = LedgerTemplate(MONEY_SHEET, MONEY_COLUMNS, MONEY_VALIDATIONS, MONEY_EXAMPLE)
catalog_template_xlsx = CATALOG_TEMPLATE.xlsx
catalog_template_csv = CATALOG_TEMPLATE.csv
decision_template_xlsx = DECISION_TEMPLATE.xlsx
decision_template_csv = DECISION_TEMPLATE.csv
matter_template_xlsx = MATTER_TEMPLATE.xlsx
matter_template_csv = MATTER_TEMPLATE.csv
money_template_xlsx = MONEY_TEMPLATE.xlsx
money_template_csv = MONEY_TEMPLATE.csv
