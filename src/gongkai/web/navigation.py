"""The site's navigation bar (``kernel/base.html``), declared once: the sections of the staff of
a body (the main ones, then those under 更多) and the public's. A section is marked as the
current one on the pages its patterns name."""

from __future__ import annotations

from dataclasses import dataclass
from fnmatch import fnmatchcase

from django.urls import ResolverMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

__all__ = ["MORE", "PUBLIC", "STAFF", "NavLink", "Section", "bar"]


@dataclass(frozen=True)
class Section:
    """A link of the navigation bar. ``pages``: the pages on which it is the current section,
    as patterns of ``namespace:url_name`` (``applications:*`` every page of an app,
    ``:workbench`` a page outside any namespace), ``except_pages`` taken out of them."""

    label: str | Promise
    url_name: str
    pages: tuple[str, ...]
    except_pages: tuple[str, ...] = ()
    testid: str = ""
    #: Offered only to a signed-in user (a page that needs a login is not offered to the
    #: anonymous visitor, who would only meet the login form).
    signed_in_only: bool = False

    def is_current(self, page: str) -> bool:
        def named(patterns: tuple[str, ...]) -> bool:
            return any(fnmatchcase(page, pattern) for pattern in patterns)

        return named(self.pages) and not named(self.except_pages)


@dataclass(frozen=True)
class NavLink:
    """A section as one page shows it."""

    label: str | Promise
    url: str
    current: bool
    testid: str


STAFF = (
    Section(_("工作台"), "workbench", (":workbench",)),
    Section(_("依申请公开"), "applications:list", ("applications:*",)),
    Section(
        _("主动公开"),
        "catalog:list",
        ("catalog:*",),
        except_pages=("catalog:public", "catalog:search"),
    ),
    Section(_("事项统计"), "stats:matters", ("stats:*",)),
    Section(_("年度报告"), "reports:annual_index", ("reports:*",), testid="nav-annual"),
)
MORE = (
    Section(_("复议诉讼"), "cases:list", ("cases:*",)),
    Section(_("文书模板"), "letters:index", ("letters:*",)),
    Section(_("信箱与建议提案"), "engagement:index", ("engagement:*",)),
    Section(_("会议公开"), "meetings:list", ("meetings:*",)),
    Section(_("公示栏与广播"), "notices:list", ("notices:*",)),
    Section(_("考核"), "assessment:index", ("assessment:*",)),
    Section(_("图表"), "charts:index", ("charts:*",)),
    Section(_("台账与统计"), "ledgers:index", ("ledgers:*",)),
    Section(_("年报检查"), "checks:upload", ("checks:*",)),
)
PUBLIC = (
    Section(_("首页"), "home", (":home",)),
    Section(_("公开专栏"), "column:index", ("column:*", "catalog:public", "catalog:public_item")),
    Section(_("检索"), "catalog:search", ("catalog:search",), testid="nav-search"),
    Section(
        _("年度报告"),
        "reports:published_index",
        ("reports:published_index", "reports:annual_published"),
    ),
    Section(_("网上申请"), "apply:index", ("apply:*",)),
    Section(_("意见征集"), "consult:index", ("consult:*",)),
    Section(_("年报检查"), "checks:upload", ("checks:*",), signed_in_only=True),
)


def _links(
    declared: tuple[Section, ...], match: ResolverMatch | None, *, signed_in: bool = True
) -> list[NavLink]:
    page = f"{match.namespace}:{match.url_name}" if match else None
    return [
        NavLink(s.label, reverse(s.url_name), page is not None and s.is_current(page), s.testid)
        for s in declared
        if signed_in or not s.signed_in_only
    ]


def bar(
    match: ResolverMatch | None, *, works_for_a_body: bool, signed_in: bool
) -> dict[str, object]:
    """The bar as the page ``match`` shows it (none current on a page not found): ``main``,
    and for the staff of a body ``more`` (the 更多 menu, ``more_current`` when it holds the
    current section). An anonymous visitor (``signed_in`` false) is not offered the sections
    that need a login."""
    if not works_for_a_body:
        public = _links(PUBLIC, match, signed_in=signed_in)
        return {"main": public, "more": [], "more_current": False}
    more = _links(MORE, match)
    return {
        "main": _links(STAFF, match),
        "more": more,
        "more_current": any(link.current for link in more),
    }
