"""Root URL configuration."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.sitemaps import views as sitemaps
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from gongkai.apps.api.api import api
from gongkai.apps.applications.views import WorkbenchView
from gongkai.kernel.login import PasswordChangeView
from gongkai.kernel.replica import replica_views
from gongkai.web.display import DisplayModeView
from gongkai.web.sitemaps import SITEMAPS
from gongkai.web.views import FaviconView, HomeView, LoginView

__all__ = ["handler400", "urlpatterns"]

#: A request body over the upload limit is 413 with a Chinese page (gongkai.kernel.uploads).
handler400 = "gongkai.kernel.uploads.bad_request"

API_PATTERNS, API_APP, API_NAMESPACE = api.urls

admin.site.site_header = _("政务公开工作平台 · 系统管理")
admin.site.site_title = _("政务公开工作平台")
admin.site.index_title = _("系统管理")

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("favicon.ico", FaviconView.as_view(), name="favicon"),
    path("display/", DisplayModeView.as_view(), name="display_mode"),
    path("accounts/login/", LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", PasswordChangeView.as_view(), name="password_change"),
    path("reports/check/", include("gongkai.apps.checks.urls")),
    path("reports/", include("gongkai.apps.reports.urls")),
    path("workbench/", WorkbenchView.as_view(), name="workbench"),
    # 网上申请 submitted by applicants, confirmed by the body (条例第三十一条).
    path("applications/online/", include("gongkai.apps.online.urls")),
    path("applications/", include("gongkai.apps.applications.urls")),
    path("apply/", include("gongkai.apps.online.urls_public")),
    path("ledgers/", include("gongkai.apps.stats.urls_ledgers")),
    path("cases/", include("gongkai.apps.cases.urls")),
    path("letters/", include("gongkai.apps.letters.urls")),
    # The public 政府信息公开专栏 of every body (条例第十二条), and the sitemap of the public pages.
    path("bodies/", include("gongkai.apps.reports.urls_column")),
    *replica_views(
        [
            path(
                "sitemap.xml",
                sitemaps.index,
                {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
                name="sitemap",
            ),
            path(
                "sitemap-<section>.xml",
                sitemaps.sitemap,
                {"sitemaps": SITEMAPS},
                name="sitemap_section",
            ),
        ]
    ),
    path("catalog/", include("gongkai.apps.catalog.urls")),
    path("stats/", include("gongkai.apps.stats.urls")),
    path("engagement/", include("gongkai.apps.engagement.urls")),
    path("assessment/", include("gongkai.apps.assessment.urls")),
    path("consult/", include("gongkai.apps.engagement.urls_public")),
    path("meetings/", include("gongkai.apps.meetings.urls")),
    path("notices/", include("gongkai.apps.notices.urls")),
    path("charts/", include("gongkai.apps.charts.urls")),
    # The open API's reads (GET) may read the replica; its writes pin the client to the primary.
    path("api/v1/", (replica_views(API_PATTERNS), API_APP, API_NAMESPACE)),
    path("api-tokens/", include("gongkai.apps.api.urls")),
    path("admin/", admin.site.urls),
]
