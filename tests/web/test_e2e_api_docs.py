"""End to end in Debian chromium: the API's docs page (/api/v1/docs) renders Swagger UI from the
site's own static files under the site's Content-Security-Policy, asking no other host."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e


def test_the_docs_page_renders_without_any_other_host(
    page: Page, live_server: Any, transactional_db: Any
) -> None:
    own = urlsplit(live_server.url).netloc
    hosts: set[str] = set()
    errors: list[str] = []
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.goto(f"{live_server.url}/api/v1/docs")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("政务公开工作平台开放接口")
    expect(page.locator(".opblock-summary-path").first).to_be_visible()
    assert hosts - {""} == {own}
    assert [e for e in errors if "Content Security Policy" in e] == []
