"""The project's own page: the public home page (every other page belongs to an app)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from gongkai.apps.orgs.models import Body
from gongkai.apps.reports.models import AnnualReport
from gongkai.kernel.views import PageView

__all__ = ["HomeView"]

BODIES_SHOWN = 200
REPORTS_SHOWN = 8


class HomeView(PageView):
    """Public landing page: the bodies' catalogs and published reports for citizens; links to
    their work for the staff of a body (``works_for_a_body``: :mod:`.context_processors`)."""

    public = True
    title = _("首页")
    template_name = "web/home.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["bodies"] = Body.objects.order_by("path").only("name", "depth")[:BODIES_SHOWN]
        context["recent_reports"] = (
            AnnualReport.objects.published()
            .select_related("body")
            .order_by("-published_at")[:REPORTS_SHOWN]
        )
        return context
