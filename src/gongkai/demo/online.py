"""Two online applications (网上申请) waiting for 中宁县自然资源局 to confirm receipt, so the
staff queue and the public status page have something to show. Idempotent: nothing is added
when the body already has online requests."""

from __future__ import annotations

from typing import Any

from gongkai.demo.bodies import DEPT_NATURAL_RESOURCES

__all__ = ["REQUESTS", "load_online_requests"]

REQUESTS: tuple[dict[str, Any], ...] = (
    {
        "applicant_type": "natural_person",
        "applicant_name": "马志强",
        "id_type": "id_card",
        "id_number": "640521198003120417",
        "phone": "13909551234",
        "address": "中宁县宁安镇东街12号",
        "postcode": "755100",
        "content": "申请公开2024年宁安镇范围内集体土地征收的批准文件和征地补偿安置方案。",
        "requested_form": "paper",
        "requested_delivery": "post",
    },
    {
        "applicant_type": "natural_person",
        "applicant_name": "李红梅",
        "id_type": "id_card",
        "id_number": "640521199207181523",
        "phone": "13895561234",
        "email": "lihongmei@example.com",
        "content": "申请公开中宁县国土空间总体规划（2021—2035年）草案公示期间收到的意见及采纳情况。",  # noqa: E501
        "requested_form": "electronic",
        "requested_delivery": "email",
    },
)


def load_online_requests() -> int:
    """Submit the demo requests if the body has none yet; returns how many were added."""
    from gongkai.apps.online.actions import submit_online_request
    from gongkai.apps.online.models import OnlineRequest
    from gongkai.apps.orgs.models import Body

    body = Body.objects.filter(name=DEPT_NATURAL_RESOURCES).first()
    if body is None or OnlineRequest.objects.filter(body=body).exists():
        return 0
    for fields in REQUESTS:
        submit_online_request(body, **fields)
    return len(REQUESTS)
