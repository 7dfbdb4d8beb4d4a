"""The reply and delivery forms (issue 10, finding 11): the delivery way defaults to the
applicant's choice; the reply form offers, per outcome, the article of 条例 and a standard
wording the clerk edits — rendered by the server, filled in without JavaScript too."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.test import Client
from lxml import html as lxml_html

from gongkai.apps.applications.actions import reply
from gongkai.domain.applications.outcomes import OUTCOME_KEYS
from gongkai.domain.applications.replies import reply_guide

pytestmark = pytest.mark.django_db


def page_tree(client: Client, url: str) -> Any:
    response = client.get(url)
    assert response.status_code == 200
    return lxml_html.fromstring(response.content)


def selected_way(tree: Any) -> list[str]:
    return [str(o.get("value")) for o in tree.xpath('//select[@name="way"]/option[@selected]')]


@pytest.mark.parametrize(("asked", "expected"), [("email", "email"), ("post", "post")])
def test_delivery_way_defaults_to_the_applicants_choice(
    client: Client, register: Any, clerk_a: Any, asked: str, expected: str
) -> None:
    app = register(received_on=date(2026, 9, 25), requested_delivery=asked)
    app = reply(
        app, "granted", "条例第三十六条", "予以公开。", date(2026, 9, 28), acting_user=clerk_a
    )
    client.force_login(clerk_a)
    tree = page_tree(client, f"/applications/{app.pk}/actions/record_delivery/")
    assert selected_way(tree) == [expected]


def test_reply_form_lists_article_and_wording_of_every_outcome(
    client: Client, register: Any, clerk_a: Any
) -> None:
    app = register(received_on=date(2026, 9, 25))
    client.force_login(clerk_a)
    tree = page_tree(client, f"/applications/{app.pk}/actions/reply/")
    items = tree.xpath('//*[@data-testid="reply-help"]//li[@data-outcome]')
    assert [i.get("data-outcome") for i in items] == list(OUTCOME_KEYS)
    third_party = items[OUTCOME_KEYS.index("denied.third_party")]
    assert third_party.get("data-basis") == reply_guide("denied.third_party").basis
    assert "第十五条" in third_party.xpath(".//summary")[0].text_content()
    assert third_party.get("data-wording") == reply_guide("denied.third_party").wording
    # The script that fills the fields is a static file; nothing inline.
    scripts = tree.xpath("//script")
    assert all(s.get("src") for s in scripts)
    assert any(s.get("src").endswith("applications/reply.js") for s in scripts)


def test_reply_form_preset_by_outcome_without_javascript(
    client: Client, register: Any, clerk_a: Any
) -> None:
    app = register(received_on=date(2026, 9, 25))
    client.force_login(clerk_a)
    url = f"/applications/{app.pk}/actions/reply/?outcome=denied.process_info"
    tree = page_tree(client, url)
    guide = reply_guide("denied.process_info")
    assert tree.xpath('//select[@name="outcome"]/option[@selected]/@value') == [
        "denied.process_info"
    ]
    assert tree.xpath('//input[@name="legal_basis"]/@value') == [guide.basis]
    assert tree.xpath('//textarea[@name="reply_text"]')[0].text_content().strip() == guide.wording
    selected = tree.xpath('//*[@data-testid="reply-help-selected"]')
    assert [s.get("data-outcome") for s in selected] == ["denied.process_info"]
    assert selected[0].xpath(".//details[@open]")
    # An unknown key presets nothing.
    tree = page_tree(client, f"/applications/{app.pk}/actions/reply/?outcome=x")
    assert tree.xpath('//input[@name="legal_basis"]/@value') in ([], [""])


def test_reply_posted_with_the_edited_wording(client: Client, register: Any, clerk_a: Any) -> None:
    app = register(received_on=date(2026, 9, 25))
    client.force_login(clerk_a)
    guide = reply_guide("unable.not_held")
    text = guide.wording.replace("（请写明）", "某某县自然资源局，电话 0000-1234567")
    response = client.post(
        f"/applications/{app.pk}/actions/reply/",
        {
            "version": app.version,
            "outcome": "unable.not_held",
            "legal_basis": guide.basis,
            "reply_text": text,
            "replied_on": "2026-09-28",
        },
    )
    assert response.status_code == 302
    app.refresh_from_db()
    assert (app.outcome, app.legal_basis, app.reply_text) == ("unable.not_held", guide.basis, text)
