"""The UI shell: home, login/logout, navigation, error pages, vendored assets."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

pytestmark = pytest.mark.django_db


def test_home_public(client: Client, dept_a: Any) -> None:
    html = client.get("/").content.decode()
    assert f'href="/catalog/public/{dept_a.pk}/"' in html  # citizens find each catalog
    assert 'href="/reports/published/"' in html
    assert "政务公开工作平台" in html
    assert "Gongkai" in html
    assert 'href="/accounts/login/"' in html
    assert "退出登录" not in html
    assert 'lang="zh-CN"' in html


def test_public_navigation_offers_only_what_needs_no_login(client: Client, user: Any) -> None:
    """The anonymous visitor's bar offers no page that would only answer with the login form
    (年报检查 needs a signed-in user); a signed-in user without a body still has it."""
    from lxml import html as lxml_html

    def bar(page: str) -> list[tuple[str, str]]:
        tree = lxml_html.fromstring(page)
        links = tree.xpath('//nav[@aria-label="主导航"]//ul[contains(@class, "me-auto")]//a')
        return [(a.text_content().strip(), a.get("href")) for a in links]

    assert bar(client.get("/").content.decode()) == [
        ("首页", "/"),
        ("公开专栏", "/bodies/"),
        ("检索", "/catalog/search/"),
        ("年度报告", "/reports/published/"),
        ("网上申请", "/apply/"),
        ("意见征集", "/consult/"),
    ]
    client.force_login(user)
    assert ("年报检查", "/reports/check/") in bar(client.get("/").content.decode())


def test_home_logged_in_links_to_report_check(clerk_client: Client) -> None:
    html = clerk_client.get("/").content.decode()
    assert 'href="/reports/check/"' in html
    assert "年报检查" in html
    assert "张三" in html  # the user's name in the navbar
    assert "退出登录" in html


def test_home_links_to_work_by_the_policy(client: Client, django_user_model: Any) -> None:
    """The 工作入口 and the navigation to the work are for whoever works for a body, a
    superuser too (even before the first body exists); a signed-in account without a body is
    told to ask for one."""
    nobody = django_user_model.objects.create_user("nobody", password="nobody-password-1")
    client.force_login(nobody)
    html = client.get("/").content.decode()
    assert "工作入口" not in html and "尚未加入任何机关" in html
    assert 'href="/workbench/"' not in html
    root = django_user_model.objects.create_superuser("root", password="root-password-1")
    client.force_login(root)
    html = client.get("/").content.decode()
    assert "工作入口" in html and "尚未加入任何机关" not in html
    assert 'href="/workbench/"' in html


def test_no_cdn_in_pages(client: Client, user: Any) -> None:
    pages = [client.get("/accounts/login/")]
    client.force_login(user)
    pages += [client.get("/"), client.get("/reports/check/")]
    for page in pages:
        assert page.status_code == 200
        html = page.content.decode()
        assert "cdn" not in html.lower()
        assert "/static/vendor/bootstrap/css/bootstrap.min.css" in html


def test_login_form_in_chinese_and_logs_in(client: Client, user: Any) -> None:
    page = client.get("/accounts/login/?next=/reports/check/")
    html = page.content.decode()
    assert "工作人员登录" in html
    assert '<label class="form-label" for="id_username">用户名</label>' in html
    assert '<label class="form-label" for="id_password">密码</label>' in html

    bad = client.post("/accounts/login/", {"username": "clerk", "password": "wrong"})
    assert bad.status_code == 200
    assert "用户名或密码不正确" in bad.content.decode()

    good = client.post(
        "/accounts/login/",
        {"username": "clerk", "password": "clerk-password-1", "next": "/reports/check/"},
    )
    assert good.status_code == 302
    assert good["Location"] == "/reports/check/"


def test_logout_is_post(clerk_client: Client) -> None:
    assert clerk_client.get("/accounts/logout/").status_code == 405
    response = clerk_client.post("/accounts/logout/")
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert not clerk_client.get("/").wsgi_request.user.is_authenticated


def test_404_page_in_chinese(client: Client) -> None:
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "页面不存在（404）" in response.content.decode()


def test_500_template_renders_without_request() -> None:
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "服务器内部错误（500）" in html


def test_security_headers(client: Client) -> None:
    response = client.get("/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_vendored_bootstrap_matches_recorded_checksums() -> None:
    readme = finders.find("vendor/README.md")
    assert readme, "static/vendor/README.md records the vendored files"
    text = Path(str(readme)).read_text(encoding="utf-8")
    for name in ("bootstrap/css/bootstrap.min.css", "bootstrap/js/bootstrap.bundle.min.js"):
        path = finders.find(f"vendor/{name}")
        assert path, name
        digest = hashlib.sha256(Path(str(path)).read_bytes()).hexdigest()
        assert f"`{name}` | `{digest}`" in text, name
    assert "5.3.8" in text
