"""法定主动公开内容 of a catalog item (条例第二十条、第二十一条, ``domain.catalog.contents``).

A nullable column added in place (on SQLite an ``ALTER TABLE ADD COLUMN``, no table rebuild, so
the FTS triggers on the table stay as they are; ``install_search_index`` runs after every
migrate anyway), the index of the 专栏's grouping, and the obvious defaults: 规章 and 行政规范性
文件 are 第二十条第（一）项.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations, models


def fill_defaults(apps: Any, schema_editor: Any) -> None:
    from gongkai.domain.catalog.contents import default_content

    item = apps.get_model("catalog", "CatalogItem")
    for category in ("regulation", "normative", "other"):
        content = default_content(category)
        if content is not None:
            item.objects.filter(category=category, content__isnull=True).update(content=content)


class Migration(migrations.Migration):
    dependencies = [("catalog", "0006_search_index")]

    operations = [
        migrations.AddField(
            model_name="catalogitem",
            name="content",
            field=models.CharField(
                blank=True,
                choices=[
                    ("a20.1", "（一）行政法规、规章和规范性文件"),
                    ("a20.2", "（二）机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名"),
                    ("a20.3", "（三）国民经济和社会发展规划、专项规划、区域规划及相关政策"),
                    ("a20.4", "（四）国民经济和社会发展统计信息"),
                    (
                        "a20.5",
                        "（五）办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果",
                    ),
                    (
                        "a20.6",
                        "（六）实施行政处罚、行政强制的依据、条件、程序以及本行政机关认为具有一定社会影响的行政处罚决定",
                    ),
                    ("a20.7", "（七）财政预算、决算信息"),
                    ("a20.8", "（八）行政事业性收费项目及其依据、标准"),
                    ("a20.9", "（九）政府集中采购项目的目录、标准及实施情况"),
                    ("a20.10", "（十）重大建设项目的批准和实施情况"),
                    (
                        "a20.11",
                        "（十一）扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况",
                    ),
                    ("a20.12", "（十二）突发公共事件的应急预案、预警信息及应对情况"),
                    (
                        "a20.13",
                        "（十三）环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况",
                    ),
                    ("a20.14", "（十四）公务员招考的职位、名额、报考条件等事项以及录用结果"),
                    (
                        "a20.15",
                        "（十五）法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息",
                    ),
                    ("a21.urban_construction", "第二十一条·市政建设"),
                    ("a21.public_services", "第二十一条·公共服务"),
                    ("a21.public_welfare", "第二十一条·公益事业"),
                    ("a21.public_order", "第二十一条·治安管理"),
                    ("a21.rural_policy", "第二十一条·农业农村政策"),
                    ("a21.irrigation", "第二十一条·农田水利工程建设运营"),
                    ("a21.land_contract_transfer", "第二十一条·农村土地承包经营权流转"),
                    ("a21.homestead", "第二十一条·宅基地使用情况审核"),
                    ("a21.fundraising_labour", "第二十一条·筹资筹劳"),
                    ("a21.land_expropriation", "第二十一条·土地征收"),
                    ("a21.housing_expropriation", "第二十一条·房屋征收"),
                    ("a21.social_assistance", "第二十一条·社会救助"),
                ],
                help_text=(
                    "条例第二十条、第二十一条规定的法定主动公开内容；规章和行政规范性文件默认为"
                    "第二十条第（一）项。"
                ),
                max_length=40,
                null=True,
                verbose_name="公开内容",
            ),
        ),
        migrations.AddIndex(
            model_name="catalogitem",
            index=models.Index(
                fields=["body", "disclosure", "content", "published_on"],
                name="catitem_body_content_pub",
            ),
        ),
        migrations.RunPython(fill_defaults, migrations.RunPython.noop, elidable=True),
    ]
