"""Views of the UI shell."""

from __future__ import annotations

from django.views.generic import TemplateView

__all__ = ["HomeView"]


class HomeView(TemplateView):
    """Public landing page; signed-in users get links to their work."""

    template_name = "core/home.html"
