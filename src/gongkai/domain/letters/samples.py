"""A sample case that calls for every letter: the trial render of an uploaded template, the
preview of a template, and the tests start from it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from gongkai.domain.letters.facts import (
    ApplicationFacts,
    BodyFacts,
    ConsultationFacts,
    CorrectionFacts,
    ExtensionFacts,
    FeeFacts,
    LetterKind,
)

__all__ = ["SAMPLE_BODY", "SAMPLE_ISSUED_ON", "sample_application"]

SAMPLE_BODY = BodyFacts(
    name="示例县人民政府办公室",
    office_name="示例县人民政府办公室政务公开科",
    address="示例县人民路1号",
    postcode="221000",
    phone="0516-12345678",
    reconsideration_body="示例市人民政府",
    court="示例县人民法院",
    payment_info="请通过非税收入缴款书缴纳",
)

SAMPLE_ISSUED_ON = date(2024, 4, 19)


def sample_application() -> ApplicationFacts:
    """A 部分公开 case with a 补正, a consultation, an extension and a fee."""
    return ApplicationFacts(
        number="2024-0007",
        applicant_name="张三",
        applicant_type="natural_person",
        received_on=date(2024, 3, 5),
        content="2023年度示例镇征地补偿款发放明细",
        channel="邮寄",
        address="示例县幸福路8号",
        postcode="221000",
        phone="13800000000",
        requested_form="纸质",
        requested_delivery="邮寄",
        due_on=date(2024, 5, 10),
        correction=CorrectionFacts(
            sent_on=date(2024, 3, 8),
            items="请写明所需信息的具体年份和所在村组",
            period_days=15,
            due_on=date(2024, 3, 29),
            received_on=date(2024, 3, 12),
        ),
        extension=ExtensionFacts(
            days=20,
            reason="所需信息涉及多个部门，需要汇总核实",
            approved_on=date(2024, 4, 8),
            new_due_on=date(2024, 5, 10),
        ),
        consultations=(
            ConsultationFacts(
                party="李四",
                sent_on=date(2024, 3, 15),
                answer_due_on=date(2024, 4, 8),
                answered_on=date(2024, 4, 1),
                address="示例县和平路2号",
            ),
        ),
        fee=FeeFacts(
            method="by_volume",
            amount=Decimal("300.00"),
            notice_on=date(2024, 4, 10),
            pages=60,
            pay_by=date(2024, 5, 9),
            paid_on=date(2024, 4, 12),
        ),
        outcome="partial",
        reasons="其中涉及个人银行账号的内容属于个人隐私，第三方不同意公开，公开会对第三方合法权益造成损害",
        withheld="补偿对象的银行账号",
        replied_on=SAMPLE_ISSUED_ON,
        delivery_way="邮寄",
        issued=((LetterKind.REPLY, "示政办信〔2024〕7号"),),
    )
