"""The 政府信息公开指南 of a body (条例第十二条): generated from its stored fields by the domain
(:func:`gongkai.domain.applications.guide.generate_guide`), or the text its 管理员 wrote
(``Body.guide_text``, :func:`gongkai.apps.reports.actions.set_guide`)."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from gongkai.apps.catalog.models import PUBLICATION_LIMIT_WORKING_DAYS
from gongkai.apps.letters.services import body_facts
from gongkai.apps.orgs.models import Body
from gongkai.apps.workcal.services import load_calendar
from gongkai.domain.applications.guide import GuideFacts, GuideSection, generate_guide, parse_guide

__all__ = ["generated_guide", "shown_guide"]


def generated_guide(body: Body, request: HttpRequest | None = None) -> tuple[GuideSection, ...]:
    """The guide the platform writes from what it knows of ``body``: the online form's full
    address (of the site ``request`` came to; the path alone without one) and the worked
    example of the reply deadline for an application received today, on the calendar."""
    online = reverse("apply:form", args=[body.pk])
    return generate_guide(
        GuideFacts(
            body=body_facts(body),
            publication_working_days=PUBLICATION_LIMIT_WORKING_DAYS,
            hours=body.office_hours,
            correction_working_days=body.correction_period_working_days,
            online_url=request.build_absolute_uri(online) if request is not None else online,
            calendar=load_calendar(),
            example_received=timezone.localdate(),
        )
    )


def shown_guide(body: Body, request: HttpRequest | None = None) -> tuple[GuideSection, ...]:
    """The guide the public sees: the 管理员's text when there is one, else the generated."""
    if body.guide_text:
        return parse_guide(body.guide_text)
    return generated_guide(body, request)
