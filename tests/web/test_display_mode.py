"""The 适老化 display (gongkai.web.display): the header's switch is a real toggle button in a
form; the POST sets the visitor's cookie and leads back to the page (never to another site);
the server reads the cookie, so the page arrives already in the mode; the POST needs its CSRF
token. (In the browser, at 360 px, with axe-core: test_e2e_display_mode.py.)"""

from __future__ import annotations

import pytest
from django.test import Client
from lxml import html as lxml_html

from gongkai.web.display import COOKIE, ELDER, STANDARD

pytestmark = pytest.mark.django_db


def switch(page_html: str) -> lxml_html.HtmlElement:
    page = lxml_html.fromstring(page_html)
    (button,) = page.xpath('//header//form[@action="/display/"]//button[@type="submit"]')
    return button


def test_the_page_arrives_in_the_visitors_mode(client: Client) -> None:
    response = client.get("/apply/")
    assert "Cookie" in response["Vary"]  # a cache never serves one visitor's mode to another
    standard = response.content.decode()
    assert 'class="gk-elder"' not in standard.split("<head>")[0]
    button = switch(standard)
    assert button.text_content().strip() == "适老化"
    assert button.get("aria-pressed") == "false"
    form = button.getparent()
    assert form.xpath('.//input[@name="mode"]/@value') == [ELDER]
    assert form.xpath('.//input[@name="next"]/@value') == ["/apply/"]
    assert form.xpath('.//input[@name="csrfmiddlewaretoken"]')

    client.cookies[COOKIE] = ELDER
    elder = client.get("/apply/?x=1").content.decode()
    assert elder.split("<head>")[0].endswith('<html lang="zh-CN" class="gk-elder">\n')
    button = switch(elder)
    assert button.get("aria-pressed") == "true"
    form = button.getparent()
    assert form.xpath('.//input[@name="mode"]/@value') == [STANDARD]
    assert form.xpath('.//input[@name="next"]/@value') == ["/apply/?x=1"]


def test_the_switch_sets_the_cookie_and_goes_back(client: Client) -> None:
    response = client.post("/display/", {"mode": ELDER, "next": "/apply/?x=1"})
    assert response.status_code == 302 and response["Location"] == "/apply/?x=1"
    cookie = response.cookies[COOKIE]
    assert cookie.value == ELDER
    assert cookie["max-age"] == 365 * 24 * 3600 and cookie["samesite"] == "Lax"
    assert cookie["httponly"]
    assert 'class="gk-elder"' in client.get("/").content.decode()

    response = client.post("/display/", {"mode": STANDARD, "next": "/"})
    assert response.cookies[COOKIE].value == STANDARD
    assert 'class="gk-elder"' not in client.get("/").content.decode()
    # Anything but "elder" is the standard display.
    assert client.post("/display/", {"mode": "huge"}).cookies[COOKIE].value == STANDARD


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:x", ""]
)
def test_the_switch_never_leads_to_another_site(client: Client, target: str) -> None:
    response = client.post("/display/", {"mode": ELDER, "next": target})
    assert response.status_code == 302 and response["Location"] == "/"


def test_the_switch_needs_its_csrf_token_and_a_post() -> None:
    client = Client(enforce_csrf_checks=True)
    refused = client.post("/display/", {"mode": ELDER, "next": "/"})
    assert refused.status_code == 403 and COOKIE not in refused.cookies
    assert client.get("/display/").status_code == 405

    page = lxml_html.fromstring(client.get("/").content.decode())
    token = page.xpath('//form[@action="/display/"]//input[@name="csrfmiddlewaretoken"]/@value')
    response = client.post("/display/", {"mode": ELDER, "next": "/", "csrfmiddlewaretoken": token})
    assert response.status_code == 302 and response.cookies[COOKIE].value == ELDER
