"""考核结果已发布 on the 工作台: the section ``assessments-published`` of
:data:`gongkai.apps.applications.views.WORKBENCH_SECTIONS` (the applications app cannot import
this app). For a body's staff: the published assessments of their bodies by their superiors
(:func:`~gongkai.apps.assessment.services.recent_own_sheets`: :func:`own_sheets` published
within the last :data:`~gongkai.domain.assessment.WORKBENCH_DAYS` days), each with the link to
their body's score sheet. Registered by :class:`AssessmentConfig.ready`."""

from __future__ import annotations

from datetime import date
from typing import Any

import django_tables2 as tables  # type: ignore[import-untyped]
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from gongkai.apps.applications.views import (
    WORKBENCH_ROWS,
    WorkbenchRows,
    register_workbench_source,
)
from gongkai.apps.assessment.services import recent_own_sheets
from gongkai.kernel.tables import BaseTable

__all__ = ["PublishedSheetTable", "published_sheets", "register"]


class PublishedSheetTable(BaseTable):
    """One row per (assessment, own body): the link to the body's score sheet."""

    noun = _("份考核表")

    title = tables.Column(verbose_name=_("考核"), empty_values=(), orderable=False)
    year = tables.Column(verbose_name=_("年度"), orderable=False)
    assessor = tables.Column(verbose_name=_("考核机关"), orderable=False)
    body = tables.Column(verbose_name=_("被考核机关"), orderable=False)
    published_on = tables.DateColumn(verbose_name=_("发布日期"), format="Y-m-d", orderable=False)

    class Meta(BaseTable.Meta):
        fields = ("title", "year", "assessor", "body", "published_on")

    def render_title(self, record: dict[str, Any]) -> SafeString:
        return format_html('<a href="{}">{}</a>', record["url"], record["title"])


def published_sheets(user: Any, today: date, empty_text: Any) -> WorkbenchRows:
    """The rows of 考核结果已发布: the newest year first."""
    pairs = recent_own_sheets(user, today)
    rows = [
        {
            "title": assessment.title,
            "url": reverse("assessment:sheet", kwargs={"pk": assessment.pk, "body": body.pk}),
            "year": assessment.year,
            "assessor": assessment.body.name,
            "body": body.name,
            "published_on": timezone.localdate(assessment.published_at)
            if assessment.published_at
            else None,
        }
        for assessment, body in pairs[:WORKBENCH_ROWS]
    ]
    return WorkbenchRows(PublishedSheetTable(rows, empty_text=empty_text), len(pairs))


def register() -> None:
    register_workbench_source("assessments-published", published_sheets)
