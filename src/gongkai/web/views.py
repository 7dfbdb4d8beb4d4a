"""The project's own pages: the public home page, and the login that leads the staff of a body
to their 工作台 (every other page belongs to an app)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth import views as auth_views
from django.templatetags.static import static
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView

from gongkai.apps.orgs.models import Body
from gongkai.apps.reports.models import AnnualReport
from gongkai.kernel.forms import LoginForm
from gongkai.kernel.permissions import policy_for
from gongkai.kernel.views import PageView

__all__ = ["FaviconView", "HomeView", "LoginView"]

BODIES_SHOWN = 200
REPORTS_SHOWN = 8


@dataclass(frozen=True)
class Card:
    """A card of the home page's side: a way in for a visitor."""

    title: str | Promise
    text: str | Promise
    url_name: str
    button: str | Promise
    primary: bool = False


#: The staff of a body: their work (URL name, what it is), one link each.
WORK = (
    ("workbench", _("工作台：依申请公开的待办和期限")),
    ("reports:annual_index", _("年度报告：编制、提交、审核、发布")),
    ("catalog:list", _("主动公开目录维护")),
    ("stats:matters", _("事项清单、处理决定和收费")),
    ("engagement:index", _("信箱来信和建议提案")),
    ("checks:upload", _("年报检查：上传已发布的年报核对勾稽关系")),
)
#: A visitor: the staff's login, and the check anyone may run.
VISITOR = (
    Card(
        _("工作人员登录"),
        _("登录后办理依申请公开、维护公开目录、编制和审核年度报告。"),
        "login",
        _("登录"),
        primary=True,
    ),
    Card(
        _("年报检查"),
        _("上传一份已发布的年度报告，按官方格式识别表格并核对勾稽关系。"),
        "checks:upload",
        _("开始检查"),
    ),
)


class HomeView(PageView):
    """Public landing page: the bodies' catalogs and published reports for citizens; links to
    their work for the staff of a body (``works_for_a_body``: :mod:`.context_processors`)."""

    public = True
    title = _("首页")
    template_name = "web/home.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["work"] = WORK
        context["visitor"] = VISITOR
        context["bodies"] = Body.objects.order_by("path").only("name", "depth")[:BODIES_SHOWN]
        context["recent_reports"] = (
            AnnualReport.objects.published()
            .select_related("body")
            .order_by("-published_at")[:REPORTS_SHOWN]
        )
        return context


class FaviconView(RedirectView):
    """``/favicon.ico``: browsers ask for it on every site whatever the page's ``<link
    rel="icon">`` says; it is the static ``kernel/favicon.svg`` (the character 公), by its
    current (hashed) static URL, hence a temporary redirect."""

    permanent = False

    def get_redirect_url(self, *args: Any, **kwargs: Any) -> str:
        return static("kernel/favicon.svg")


class LoginView(auth_views.LoginView):
    """登录: a page given by ``?next=`` first; else the staff of a body (a role in some body,
    as the body policy says — the home page's ``works_for_a_body``) land on their 工作台, any
    other account on the home page (``LOGIN_REDIRECT_URL``)."""

    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_default_redirect_url(self) -> str:
        if policy_for(Body).user_has_permission(self.request.user, "view"):
            return reverse("workbench")
        return str(super().get_default_redirect_url())
