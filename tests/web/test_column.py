"""The public 政府信息公开专栏 (issue 13): the 指南 of a demo body states its real contacts,
the deadlines of 条例 and the channels it accepts; nothing that is not public — an unpublished,
a future-dated, a 依申请公开 or 不予公开 item, an unpublished report — appears on the 专栏, the
sitemap or the feeds; a published item is found by its 索引号."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any
from xml.etree import ElementTree

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from letters_world import make_admin
from lxml import etree

from gongkai.apps.catalog.actions import create_item, create_node, publish_item, review_secrecy
from gongkai.apps.catalog.models import CatalogItem
from gongkai.apps.orgs.models import Body
from gongkai.apps.reports.column import FEED_ENTRIES, RULES_NODE_NAME
from gongkai.apps.reports.models import AnnualReport
from gongkai.apps.workcal.services import load_calendar
from gongkai.demo.bodies import ALL_BODIES, COUNTY, DEPT_NATURAL_RESOURCES, body_spec
from gongkai.demo.loader import load_demo
from gongkai.demo.records import RULES, RULES_NODE
from gongkai.domain.applications.deadline import (
    MAX_EXTENSION_WORKING_DAYS,
    REPLY_WORKING_DAYS,
    Timeline,
    compute_deadline,
)
from gongkai.domain.applications.fees import COUNT_FREE
from gongkai.domain.letters.context import cn_date
from gongkai.kernel.models import AuditEntry
from gongkai.web.sitemaps import CatalogItemSitemap

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def _text(html: str) -> str:
    return re.sub(r"\s+", "", re.sub(r"<[^>]+>", "", html))


def _item_paths(text: str) -> set[str]:
    return set(re.findall(r"/catalog/public/items/\d+/", text))


def _public_paths() -> set[str]:
    return {
        reverse("catalog:public_item", args=[pk])
        for pk in CatalogItem.objects.public().values_list("pk", flat=True)
    }


def test_the_guide_of_a_demo_body_states_its_address_deadlines_and_channels() -> None:
    load_demo()
    body = Body.objects.get(name=DEPT_NATURAL_RESOURCES)
    spec = body_spec(body.name)
    assert body.office_address == spec.office_address
    # Every fact the 指南 is written from is there in the demo.
    for name in ("office_name", "office_address", "office_postcode", "office_phone"):
        assert getattr(body, name), name
    assert body.office_email.endswith(".example") and body.office_hours
    assert body.reconsideration_body and body.court and body.fee_payment_info
    page = Client().get(reverse("column:guide", args=[body.pk]))
    assert page.status_code == 200
    text = _text(page.content.decode())
    for label, value in (
        ("受理机构", body.office_name),
        ("办公地址", body.office_address),
        ("邮政编码", body.office_postcode),
        ("办公时间", body.office_hours),
        ("联系电话", body.office_phone),
        ("电子邮箱", body.office_email),
        ("缴费方式", body.fee_payment_info),
    ):
        assert _text(f"{label}：{value}") in text, label
    # Deadlines: the periods of 条例 and a worked example on the working-day calendar.
    assert f"自收到申请之日起{REPLY_WORKING_DAYS}个工作日内答复" in text
    assert f"延长期限最长不超过{MAX_EXTENSION_WORKING_DAYS}个工作日" in text
    assert f"应在{body.correction_period_working_days}个工作日内补正" in text
    today = timezone.localdate()
    deadline = compute_deadline(Timeline(received=today), load_calendar())
    assert f"例如：{cn_date(today)}收到的申请" in text
    assert f"应在{cn_date(deadline.due)}前答复" in text
    assert f"应在{cn_date(deadline.correction_notice_due)}前一次性告知" in text
    # Channels: online (the site's full address), in person and by post (with hours and
    # postcode), e-mail; fees and 救济途径.
    online = f"http://testserver{reverse('apply:form', args=[body.pk])}"
    assert f"网上申请：通过本平台在线提交（{online}）" in text
    place = f"{body.office_address}（邮政编码：{body.office_postcode}）"
    assert _text(f"当面提交：到{place}填写申请表，办公时间：{body.office_hours}") in text
    assert f"信函申请：邮寄至{place}" in text
    assert f"电子邮件申请：发送至{body.office_email}" in text
    assert f"按件计收：同一申请人一个自然月内累计申请{COUNT_FREE}件以下" in text
    assert f"向{body.reconsideration_body}申请行政复议" in text
    assert f"向{body.court}提起行政诉讼" in text
    # The 专栏 shows the guide's contacts and links the full guide and the application form.
    column = Client().get(reverse("column:body", args=[body.pk])).content.decode()
    assert f"办公地址：{body.office_address}" in _text(column)
    assert reverse("column:guide", args=[body.pk]) in column
    assert reverse("apply:form", args=[body.pk]) in column


def _section(page: str, testid: str) -> str:
    # Up to the next part of the column (a part may hold sections of its own).
    return page.split(f'data-testid="{testid}"', 1)[1].split('<section class="mb-4"', 1)[0]


def test_every_demo_body_shows_the_five_parts_populated() -> None:
    assert RULES_NODE == RULES_NODE_NAME
    load_demo()
    with_reports = 0
    for spec in ALL_BODIES:
        body = Body.objects.get(name=spec.name)
        rules = CatalogItem.objects.public().filter(body=body, node__name=RULES_NODE_NAME)
        assert {i.title for i in rules} == {f"{body.name}{title}" for title, _y, _m in RULES}
        page = Client().get(reverse("column:body", args=[body.pk])).content.decode()
        guide = _text(_section(page, "column-guide"))
        assert _text(f"受理机构：{body.office_name}") in guide, body.name
        shown = _item_paths(_section(page, "column-rules"))
        assert shown == {reverse("catalog:public_item", args=[i.pk]) for i in rules}, body.name
        assert len(_item_paths(_section(page, "column-proactive"))) > len(rules), body.name
        # The demo publishes the 2023 reports of 中宁县's bodies with an account of their own
        # (not the city above it, nor 徐套乡, whose 2019 report stays a draft).
        published = AnnualReport.objects.published().filter(body=body)
        with_reports += published.exists()
        reports = _section(page, "column-reports")
        for report in published:
            assert reverse("reports:annual_published", args=[body.pk, report.year]) in reports
        assert reverse("apply:form", args=[body.pk]) in _section(page, "column-apply")
    assert with_reports == len(ALL_BODIES) - 2


def test_the_admin_edits_the_contacts_the_guide_is_written_from(
    dept_a: Any, clerk_a: Any, django_user_model: Any
) -> None:
    admin = make_admin(django_user_model, dept_a)
    url = reverse("column:guide_action", kwargs={"pk": dept_a.pk, "op": "contacts"})
    guide = reverse("column:guide", args=[dept_a.pk])
    facts = {
        "office_name": "某某局办公室",
        "office_address": "某某县人民路8号三楼",
        "office_postcode": "755100",
        "office_hours": "周一至周五 9:00—17:00",
        "office_phone": "0955-5000000",
        "office_fax": "0955-5000001",
        "office_email": "gk@mou.gov.example",
    }
    clerk = Client()
    clerk.force_login(clerk_a)
    assert clerk.get(url).status_code == 403
    assert clerk.post(url, facts).status_code == 403
    client = Client()
    client.force_login(admin)
    assert url in client.get(guide).content.decode()
    assert client.get(url).status_code == 200
    for field, wrong, message in (
        ("office_postcode", "75510", "邮政编码应为 6 位数字。"),
        ("office_email", "不是邮箱", "电子邮箱地址格式不正确"),
    ):
        bad = client.post(url, {**facts, field: wrong})
        assert bad.status_code == 400
        assert message in bad.content.decode(), field
    dept_a.refresh_from_db()
    assert dept_a.office_address != facts["office_address"]
    assert client.post(url, facts).status_code == 302
    dept_a.refresh_from_db()
    assert {name: getattr(dept_a, name) for name in facts} == facts
    text = _text(Client().get(guide).content.decode())
    assert _text(f"办公地址：{facts['office_address']}") in text
    assert f"传真申请：传真至{facts['office_fax']}" in text
    assert f"电子邮件申请：发送至{facts['office_email']}" in text
    entry = AuditEntry.objects.get(object_id=dept_a.pk, action="reports.guide_contacts")
    assert entry.user == admin


def _non_public_items(body: Body, user: Any) -> list[CatalogItem]:
    made = timezone.localdate() - timedelta(days=60)
    draft = create_item(body, title="未发布的主动公开件", made_on=made, acting_user=user)
    on_request = create_item(
        body,
        title="依申请公开件",
        made_on=made,
        disclosure="依申请公开",
        disclosure_reason="涉及内部事务",
        acting_user=user,
    )
    withheld = create_item(
        body,
        title="不予公开件",
        made_on=made,
        disclosure="不予公开",
        disclosure_reason="涉及国家秘密",
        acting_user=user,
    )
    future = create_item(body, title="明天才发布的件", made_on=made, acting_user=user)
    future = review_secrecy(future, "approved", made, acting_user=user)
    future = publish_item(
        future, timezone.localdate() + timedelta(days=1), ["政府网站"], acting_user=user
    )
    return [draft, on_request, withheld, future]


def test_nothing_that_is_not_public_appears_on_the_column_sitemap_or_feeds(
    django_user_model: Any,
) -> None:
    load_demo()
    admin = django_user_model.objects.create_superuser("root", "r@example.org", "x")
    county = Body.objects.get(name=COUNTY)
    body = Body.objects.get(name=DEPT_NATURAL_RESOURCES)
    hidden = _non_public_items(body, admin)
    node = create_node(body, RULES_NODE_NAME, acting_user=admin)
    rules = create_item(
        body,
        title="政府信息公开保密审查制度",
        made_on=timezone.localdate() - timedelta(days=9),
        node=node,
        acting_user=admin,
    )
    rules = review_secrecy(rules, "approved", rules.made_on, acting_user=admin)
    rules = publish_item(rules, timezone.localdate(), ["政府网站"], acting_user=admin)
    hidden_paths = {reverse("catalog:public_item", args=[i.pk]) for i in hidden}
    public = _public_paths()
    assert hidden_paths and not hidden_paths & public
    client = Client()

    column = client.get(reverse("column:body", args=[body.pk])).content.decode()
    shown = _item_paths(column)
    assert shown and shown <= public
    for item in hidden:
        assert item.title not in column
    rules_section = column.split('data-testid="column-rules"')[1].split("</section>")[0]
    assert reverse("catalog:public_item", args=[rules.pk]) in rules_section

    index = ElementTree.fromstring(client.get(reverse("sitemap")).content)
    sections = [e.text or "" for e in index.iter(f"{SITEMAP}loc")]
    # The catalog's pages are id windows (web.sitemaps._IdWindows): every one is listed.
    assert {re.sub(r"\?p=\d+$", "", s).rsplit("/", 1)[1] for s in sections} == {
        "sitemap-bodies.xml",
        "sitemap-catalog.xml",
        "sitemap-reports.xml",
    }
    top = CatalogItem.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    assert sum("sitemap-catalog.xml" in s for s in sections) == -(-top // CatalogItemSitemap.limit)
    locs = []
    for section in sections:
        page = ElementTree.fromstring(client.get(section.split("testserver", 1)[1]).content)
        locs += [e.text or "" for e in page.iter(f"{SITEMAP}loc")]
    assert _item_paths(" ".join(locs)) == public
    published = {
        reverse("reports:annual_published", args=[r.body_id, r.year])
        for r in AnnualReport.objects.published()
    }
    assert AnnualReport.objects.exclude(pk__in=AnnualReport.objects.published()).exists()
    sitemap_reports = {
        loc.split("testserver", 1)[1] for loc in locs if "/reports/published/" in loc
    }
    assert sitemap_reports == published

    for name, of in (("column:feed", body), ("column:jurisdiction_feed", county)):
        response = client.get(reverse(name, args=[of.pk]))
        assert response["Content-Type"].startswith("application/atom+xml")
        feed = ElementTree.fromstring(response.content)
        links = [e.get("href") or "" for e in feed.iter(f"{ATOM}link")]
        assert _item_paths(" ".join(links)) <= public
        assert reverse("catalog:public_item", args=[rules.pk]) in " ".join(links)
        reports = {
            link.split("testserver", 1)[1] for link in links if "/reports/published/" in link
        }
        assert reports <= published
    county_feed = client.get(reverse("column:jurisdiction_feed", args=[county.pk])).content.decode()
    assert not hidden_paths & _item_paths(county_feed)


def test_an_item_is_found_by_its_index_number_only_when_public(django_user_model: Any) -> None:
    load_demo()
    admin = django_user_model.objects.create_superuser("root", "r@example.org", "x")
    body = Body.objects.get(name=DEPT_NATURAL_RESOURCES)
    item = CatalogItem.objects.public().filter(body=body).first()
    assert item is not None
    url = reverse("catalog:public_by_index", args=[body.pk, item.index_number])
    response = Client().get(url)
    assert response.status_code == 301
    assert response["Location"] == reverse("catalog:public_item", args=[item.pk])
    # The item's page shows that address as its 固定链接.
    page = Client().get(response["Location"]).content.decode()
    permalink = page.split('data-testid="permalink"', 1)[1].split("</dd>", 1)[0]
    assert f'href="{url}"' in permalink and f">http://testserver{url}</a>" in permalink
    for hidden in _non_public_items(body, admin):
        url = reverse("catalog:public_by_index", args=[body.pk, hidden.index_number])
        assert Client().get(url).status_code == 404
    other = Body.objects.exclude(pk=body.pk).first()
    assert other is not None
    url = reverse("catalog:public_by_index", args=[other.pk, item.index_number])
    assert Client().get(url).status_code == 404


def test_the_admin_rewrites_the_guide_and_resets_it_with_audit_entries(
    dept_a: Any, clerk_a: Any, django_user_model: Any
) -> None:
    admin = make_admin(django_user_model, dept_a)
    edit = reverse("column:guide_action", kwargs={"pk": dept_a.pk, "op": "edit"})
    reset = reverse("column:guide_action", kwargs={"pk": dept_a.pk, "op": "reset"})
    guide = reverse("column:guide", args=[dept_a.pk])
    clerk = Client()
    clerk.force_login(clerk_a)
    assert clerk.get(edit).status_code == 403
    assert clerk.post(edit, {"guide_text": "一、x\n改"}).status_code == 403
    client = Client()
    client.force_login(admin)
    form = client.get(edit).content.decode()
    assert "二、受理机构及联系方式" in form  # starts from the generated text
    assert client.post(edit, {"guide_text": "  \n"}).status_code == 400
    response = client.post(edit, {"guide_text": "一、本机关的指南\n请到三楼办公室办理。"})
    assert response.status_code == 302
    text = _text(Client().get(guide).content.decode())
    assert "一、本机关的指南请到三楼办公室办理。" in text
    assert "二、受理机构及联系方式" not in text
    column = _text(Client().get(reverse("column:body", args=[dept_a.pk])).content.decode())
    assert "请到三楼办公室办理。" in column
    assert client.post(reset, {}).status_code == 302
    dept_a.refresh_from_db()
    assert dept_a.guide_text == ""
    assert "二、受理机构及联系方式" in _text(Client().get(guide).content.decode())
    actions = list(
        AuditEntry.objects.filter(object_id=dept_a.pk, action__startswith="reports.guide")
        .order_by("pk")
        .values_list("action", "user__username")
    )
    assert actions == [("reports.guide", "admin_a"), ("reports.guide_reset", "admin_a")]


def test_the_column_costs_the_same_queries_for_more_nodes_and_items(
    dept_a: Any, reviewer_a: Any
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    dept_a.credit_code = "11640521MB1234567X"
    dept_a.save()
    made = timezone.localdate() - timedelta(days=30)

    def add_node_with_items(name: str, n: int) -> None:
        node = create_node(dept_a, name, acting_user=reviewer_a)
        for i in range(n):
            item = create_item(
                dept_a, title=f"{name}{i}", made_on=made, node=node, acting_user=reviewer_a
            )
            item = review_secrecy(item, "approved", made, acting_user=reviewer_a)
            publish_item(item, made, ["政府网站"], acting_user=reviewer_a)

    url = reverse("column:body", args=[dept_a.pk]) + "?view=nodes"
    add_node_with_items("甲目录", 2)
    with CaptureQueriesContext(connection) as few:
        first = Client().get(url).content.decode()
    for name in ("乙目录", "丙目录", "丁目录"):
        add_node_with_items(name, 7)
    with CaptureQueriesContext(connection) as many:
        page = Client().get(url).content.decode()
    assert len(many) == len(few)
    assert "甲目录1" in first
    # Five newest of each node, the node's count beside it.
    assert "丙目录6" in page and "丙目录2" in page and "丙目录1" not in page
    assert "（7）" in _text(page)


def _rfc3339(value: str | None) -> datetime:
    assert value and re.fullmatch(
        r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})", value
    ), value
    return datetime.fromisoformat(value)


def test_the_feeds_carry_what_rfc_4287_requires() -> None:
    load_demo()
    county = Body.objects.get(name=COUNTY)
    body = Body.objects.get(name=DEPT_NATURAL_RESOURCES)
    atom = {"a": ATOM.strip("{}")}
    for name, of in (("column:feed", body), ("column:jurisdiction_feed", county)):
        response = Client().get(reverse(name, args=[of.pk]))
        feed = etree.fromstring(response.content)
        assert feed.tag == f"{ATOM}feed"

        def one(element: Any, path: str) -> str:
            found = element.xpath(path, namespaces=atom)
            assert len(found) == 1, path
            return str(found[0]).strip()

        # §4.1.1: exactly one id (an absolute IRI), title and updated; an author; a self link.
        assert one(feed, "a:id/text()").startswith("http://testserver/")
        assert of.name in one(feed, "a:title/text()")
        updated = _rfc3339(one(feed, "a:updated/text()"))
        assert one(feed, "a:author/a:name/text()") == of.name
        assert one(feed, "a:link[@rel='self']/@href").endswith(reverse(name, args=[of.pk]))
        assert one(feed, "a:link[@rel='alternate']/@href").endswith(
            reverse("column:body", args=[of.pk])
        )
        entries = feed.xpath("a:entry", namespaces=atom)
        assert 0 < len(entries) <= FEED_ENTRIES
        ids = []
        stamps = []
        for entry in entries:
            # §4.1.2: id, title, updated; an alternate link (no content); an author.
            ids.append(one(entry, "a:id/text()"))
            link = one(entry, "a:link[@rel='alternate']/@href")
            # The entry's absolute address: unique and never changing (the item's id).
            assert ids[-1] == link and link.startswith("http://testserver/")
            assert one(entry, "a:title/text()")
            stamps.append(_rfc3339(one(entry, "a:updated/text()")))
            assert stamps[-1] <= updated
            _rfc3339(one(entry, "a:published/text()"))
            assert one(entry, "a:author/a:name/text()")
            assert not entry.xpath("a:content", namespaces=atom)
        assert len(set(ids)) == len(ids)
        assert stamps == sorted(stamps, reverse=True)
        assert max(stamps) == updated
    # The jurisdiction's feed names the bodies below, each entry by its own body.
    authors = set(
        etree.fromstring(
            Client().get(reverse("column:jurisdiction_feed", args=[county.pk])).content
        ).xpath("a:entry/a:author/a:name/text()", namespaces=atom)
    )
    assert len(authors) > 1 and authors <= set(county.subtree().values_list("name", flat=True))


def test_a_sitemap_page_outside_the_id_windows_is_a_404(dept_a: Any) -> None:
    url = reverse("sitemap_section", args=["catalog"])
    client = Client()
    assert client.get(url).status_code == 200  # page 1 exists even with no item
    for page in ("0", "2", "x"):
        assert client.get(f"{url}?p={page}").status_code == 404, page
