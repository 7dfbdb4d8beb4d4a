"""Small things of issue 10 (finding 20): a favicon instead of a 404 on every page; Django's
admin read in Chinese (its screen-reader headers, the label colon) through the project's
catalog, compiled and committed beside its source; no ASCII colon after a Chinese label in our
templates and UI strings. (The same attachment uploaded twice: tests/web/test_attachments.py.)"""

from __future__ import annotations

import ast
import gettext
import re
from pathlib import Path
from xml.etree import ElementTree

import pytest
from django import forms
from django.conf import settings
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.test import Client
from lxml import html as lxml_html

import gongkai

pytestmark = pytest.mark.django_db

SOURCE = Path(gongkai.__file__).resolve().parent
CATALOG = SOURCE / "locale" / "zh_Hans" / "LC_MESSAGES"


# ---------------------------------------------------------------------------------------------
# The favicon
# ---------------------------------------------------------------------------------------------


def test_favicon_ico_leads_to_the_static_icon(client: Client) -> None:
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == static("kernel/favicon.svg")
    found = finders.find("kernel/favicon.svg")
    assert found is not None
    root = ElementTree.parse(found).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg" and root.get("viewBox") == "0 0 32 32"


def test_every_page_names_its_icon(client: Client) -> None:
    page = lxml_html.fromstring(client.get("/").content.decode())
    assert page.xpath('//head/link[@rel="icon"]/@href') == [static("kernel/favicon.svg")]


# ---------------------------------------------------------------------------------------------
# The admin in Chinese, and the project's catalog
# ---------------------------------------------------------------------------------------------


def test_admin_screen_reader_headers_are_chinese(admin_client: Client) -> None:
    page = lxml_html.fromstring(admin_client.get("/admin/").content.decode())
    headers = {" ".join(th.text_content().split()) for th in page.xpath("//thead//th")}
    assert {"模型名称", "添加链接", "修改或查看列表链接"} <= headers
    assert not {"Model name", "Add link", "Change or view list link"} & headers
    added = admin_client.get("/admin/auth/user/add/").content.decode()
    assert "创建用户后，才能编辑更多用户选项。" in added and "After you" not in added
    axes = admin_client.get("/admin/axes/accessattempt/").content.decode()
    assert "登录尝试" in axes and "access attempts" not in axes
    index = lxml_html.fromstring(admin_client.get("/admin/").content.decode())
    apps = {" ".join(c.text_content().split()) for c in index.xpath("//caption")}
    assert "登录保护" in apps and "Axes" not in apps, apps


def test_form_labels_end_in_a_full_width_colon(client: Client) -> None:
    class Named(forms.Form):
        name = forms.CharField(label="名称")

    assert Named()["name"].label_tag() == '<label for="id_name">名称：</label>'
    login = lxml_html.fromstring(client.get("/admin/login/").content.decode())
    labels = [" ".join(label.text_content().split()) for label in login.xpath("//form//label")]
    assert labels[:2] == ["用户名：", "密码："]


def _po_entries(path: Path) -> dict[str, str]:
    """The msgid → msgstr pairs of a .po file of single-line entries (the header left out)."""
    entries: dict[str, str] = {}
    msgid: str | None = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("msgid "):
            msgid = ast.literal_eval(line[6:])
        elif line.startswith("msgstr ") and msgid:
            entries[msgid] = ast.literal_eval(line[7:])
    return entries


def test_the_committed_catalog_is_compiled_from_its_source() -> None:
    assert settings.LOCALE_PATHS == [SOURCE / "locale"]
    source = _po_entries(CATALOG / "django.po")
    with (CATALOG / "django.mo").open("rb") as compiled:
        catalog = gettext.GNUTranslations(compiled)
    assert {msgid: catalog.gettext(msgid) for msgid in source} == source
    assert len(catalog._catalog) - 1 == len(source)  # type: ignore[attr-defined]  # + header


# ---------------------------------------------------------------------------------------------
# Full-width colons after Chinese labels
# ---------------------------------------------------------------------------------------------

#: A Chinese character (or closing full-width bracket) followed by an ASCII colon that is not
#: part of a time or a URL (09:30, https://).
ASCII_COLON = re.compile(r"[\u4e00-\u9fff）]:(?![0-9/])")
TEMPLATE_CODE = re.compile(r"\{#.*?#\}|\{%\s*comment\s*%\}.*?\{%\s*endcomment\s*%\}", re.S)
TRANSLATED = {"_", "gettext", "gettext_lazy", "pgettext", "ngettext", "format_lazy"}


def test_templates_write_full_width_colons_after_chinese() -> None:
    found = []
    for path in sorted(SOURCE.rglob("templates/**/*.html")):
        text = TEMPLATE_CODE.sub("", path.read_text(encoding="utf-8"))
        found += [f"{path.relative_to(SOURCE)}: {m.group()}" for m in ASCII_COLON.finditer(text)]
    assert found == []


def test_ui_strings_write_full_width_colons_after_chinese() -> None:
    found = []
    for path in sorted(SOURCE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            if node.func.id not in TRANSLATED:
                continue
            found += [
                f"{path.relative_to(SOURCE)}:{node.lineno}: {arg.value}"
                for arg in node.args
                if isinstance(arg, ast.Constant)
                and isinstance(arg.value, str)
                and ASCII_COLON.search(arg.value)
            ]
    assert found == []
