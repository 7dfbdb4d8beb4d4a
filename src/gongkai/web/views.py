"""Views of the UI shell."""

from __future__ import annotations

from typing import Any

from django.views.generic import TemplateView

__all__ = ["HomeView"]

BODIES_SHOWN = 200


class HomeView(TemplateView):
    """Public landing page: the bodies' catalogs and published reports for citizens; links to
    their work for signed-in staff."""

    template_name = "web/home.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        from gongkai.apps.orgs.models import Body
        from gongkai.apps.reports.models import AnnualReport

        context = super().get_context_data(**kwargs)
        context["bodies"] = Body.objects.order_by("path").only("name", "depth")[:BODIES_SHOWN]
        context["recent_reports"] = (
            AnnualReport.objects.published().select_related("body").order_by("-published_at")[:8]
        )
        return context
