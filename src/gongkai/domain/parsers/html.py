"""The text of a report published as a web page (.html/.htm), for the plain-text reader.

Like the Word reader (:mod:`gongkai.domain.parsers.docx`), the page becomes the text the
plain-text reader reads: each paragraph (or other block) a line, each row of a data table a
line of tab-separated cells, a merged cell printed once. The rows' ``rowspan``/``colspan`` are
laid out on the table's grid first: a cell spanning several columns is printed once, the
continuation of a cell spanning several rows is printed blank (its text was printed in the
row above) — exactly what the Word reader prints for a merged Word table, so both formats
meet the same table reader.

Bytes are decoded here (:func:`decode_html`), by a clean decode, never by guessing:

1. a byte-order mark (UTF-8, UTF-16) — when the rest decodes with it;
2. the page's own declaration (``<meta charset>``, ``<meta http-equiv="Content-Type">``,
   ``<?xml encoding>``); a page declared GB2312 or GBK is decoded as GB18030 (its superset,
   which is what such pages really hold). A declaration of UTF-16/32 on bytes readable as
   ASCII, or of a Western single-byte charset (ISO-8859-1, windows-1252: a template's default,
   and they decode any bytes), is not taken. A declaration that is not UTF-8 yields to UTF-8
   when the bytes are valid UTF-8 with non-ASCII characters (a Chinese text in GB18030 is
   practically never valid UTF-8, while UTF-8 decodes "cleanly" as GB18030 into garbage);
3. else UTF-8, then GB18030, whichever decodes without error;
4. else, a page with a few damaged bytes, in the one of the two with the fewest invalid
   sequences, which are replaced and reported (:mod:`gongkai.domain.parsers.encoding`).

A page cut off inside its last character (a crawl stopped short) decodes up to that character.

Which tables are read: only *data* tables, the innermost ones with two cells in a row at
least. A layout table (one whose cells hold tables, or a one-column table an article's text
is typeset in) is not a data table: its cells are read as blocks, in order, so a report
table nested in a page layout, or split over several ``<table>`` elements, comes out as
consecutive rows. What surrounds a report on a site is left out: scripts, styles, forms,
``<nav>``/``<header>``/``<footer>``/``<aside>`` and their ARIA roles, blocks whose class or id
names them (nav, menu, header, footer, sidebar, breadcrumb, copyright…) when short, and
blocks that are nothing but links (a menu, a table of links). A cell's ``<br>`` and
``&nbsp;`` become spaces; full-width digits and other odd spaces are left to the text
reader's normalisation (:mod:`gongkai.domain.parsers.normalize`), as for any text.

Before the page is parsed it is held to :data:`gongkai.domain.limits.MAX_HTML_BYTES`; the parse
never touches the network, keeps libxml2's limits (no ``huge_tree``) and expands no entity but
HTML's own character references; then the element count and nesting depth are bounded
(:data:`~gongkai.domain.limits.MAX_HTML_ELEMENTS`, :data:`~gongkai.domain.limits.MAX_HTML_DEPTH`).
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from lxml import etree  # type: ignore[import-untyped]  # no type hints shipped

from gongkai.domain.limits import (
    MAX_HTML_DEPTH,
    MAX_HTML_ELEMENTS,
    MAX_HTML_TABLE_CELLS,
    FileLimitError,
    check_html_size,
)
from gongkai.domain.parsers.encoding import Decoded, clean_decode, damaged_decode

__all__ = ["HTML_SUFFIXES", "HtmlReadError", "decode_html", "html_text", "is_html"]

HTML_SUFFIXES = (".html", ".htm")


class HtmlReadError(Exception):
    """A web page whose text cannot be read (message in Chinese, without the file name)."""


# --- recognising and decoding -------------------------------------------------------------

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_HEAD_BYTES = 4096
_START_RE = re.compile(
    rb"\A\s*<(?:!doctype\s+html|html|head|body|meta|title|table|div|p\b|!--)", re.I
)
_TAG_RE = re.compile(rb"<(?:html|body|table|p|div|br)\b", re.I)
_DECLARED_RES = (
    re.compile(rb"<meta[^>]*?\bcharset\s*=\s*[\"']?\s*([a-z0-9_.:-]+)", re.I),
    re.compile(rb"<\?xml[^>]*?\bencoding\s*=\s*[\"']([a-z0-9_.:-]+)", re.I),
)
# Chinese pages declared in these are GB18030 in practice (characters beyond GB2312 and GBK
# occur in names); GB18030 decodes every GB2312/GBK byte sequence the same way.
_GB_ALIASES = {"gb2312", "gbk", "cp936", "ms936", "x-gbk", "gb_2312-80", "gb2312-80", "euc-cn",
               "csgb2312", "x-euc-cn", "chinese", "gb18030"}  # fmt: skip
_FALLBACK = ("utf-8", "gb18030")
_WESTERN = {"iso8859-1", "cp1252", "iso8859-15"}


def _strip_bom(data: bytes) -> tuple[bytes, str | None]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :], encoding
    return data, None


def is_html(data: bytes, filename: str = "") -> bool:
    """``data`` is a web page: it starts with an HTML tag, or the file is named .html/.htm and
    holds HTML tags (a page saved with the wrong name, or a text named .html, is read for what
    it is)."""
    body, bom = _strip_bom(data)
    if bom is not None and bom.startswith("utf-16"):
        try:
            body = body[: 2 * _HEAD_BYTES].decode(bom, errors="ignore").encode("ascii", "ignore")
        except LookupError:  # pragma: no cover - the codecs are built in
            return False
    head = body[:_HEAD_BYTES]
    if _START_RE.match(head):
        return True
    return filename.lower().endswith(HTML_SUFFIXES) and _TAG_RE.search(body[:65536]) is not None


def _declared(data: bytes) -> str | None:
    """The encoding the page declares in its first bytes (GB2312/GBK as GB18030), if Python
    knows it."""
    head = data[:_HEAD_BYTES]
    for pattern in _DECLARED_RES:
        match = pattern.search(head)
        if match is None:
            continue
        name = match.group(1).decode("ascii", "ignore").lower()
        if name in _GB_ALIASES:
            return "gb18030"
        try:
            encoding = codecs.lookup(name).name
        except LookupError:
            return None
        # A page whose declaration is readable as ASCII is not UTF-16/32 (HTML itself reads
        # such a declaration as UTF-8); a Western single-byte charset decodes any bytes, so
        # on a report it is a template's default, not a decision: both are left to the
        # clean decodes.
        if encoding.startswith(("utf-16", "utf-32")) or encoding in _WESTERN:
            return None
        return encoding
    return None


def decode_html(data: bytes) -> Decoded:
    """The characters of the page ``data`` (see the module's documentation for the order)."""
    body, bom = _strip_bom(data)
    if bom is not None:
        text = clean_decode(body, bom)
        if text is not None:
            return Decoded(text, bom)
    declared = _declared(body)
    if declared is not None:
        if declared != "utf-8" and not body.isascii():
            as_utf8 = clean_decode(body, "utf-8")
            if as_utf8 is not None:
                return Decoded(as_utf8, "utf-8")
        text = clean_decode(body, declared)
        if text is not None:
            return Decoded(text, declared)
    for encoding in _FALLBACK:
        text = clean_decode(body, encoding)
        if text is not None:
            return Decoded(text, encoding)
    damaged = damaged_decode(body, _FALLBACK)
    if damaged is not None:
        return damaged
    raise HtmlReadError("网页的文字既不是 UTF-8 也不是 GB18030（GBK/GB2312）编码，无法解码")


# --- the page's text ----------------------------------------------------------------------

# Never part of a report: code, styles, forms, embedded objects, and the site's own parts.
# fmt: off
_DROP_TAGS = frozenset((
    "script", "style", "noscript", "template", "head", "title", "iframe", "object", "embed",
    "svg", "canvas", "form", "select", "option", "button", "input", "textarea", "nav",
    "aside", "menu",
))
# fmt: on
# A page's header and footer, unless they are an article's own (its title, its date).
_PAGE_PART_TAGS = frozenset({"header", "footer"})
_DROP_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "search", "menu"})
_CHROME_WORDS_RE = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|navigation|menu|menus|footer|foot|sidebar|breadcrumbs?|crumbs?|"
    r"copyright|share|toolbar|search|login)"
    r"(?:$|[\s_-])",
    re.I,
)
# A block marked as site chrome by its class or id is dropped only when it is this short: a
# report's own container is never that small, whatever it is called. Only containers are
# judged by their names or links, never a cell, a paragraph or a span of the text.
_CHROME_MAX_CHARS = 1000
_CHROME_CANDIDATES = frozenset({"div", "ul", "ol", "table", "dl", "section", "center"})
_MIN_LINKS = 2
_LINK_SHARE = 0.8

# fmt: off
_BLOCK_TAGS = frozenset((
    "address", "article", "blockquote", "body", "center", "dd", "details", "dialog", "dir",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5",
    "h6", "hr", "html", "li", "main", "ol", "p", "pre", "section", "summary", "table",
    "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "caption", "br",
))
# fmt: on
_MAX_COLSPAN = 1000  # as HTML caps it; a rowspan stops at the table's last row


def _text(node: etree._Element) -> str:
    return "".join(node.itertext())


def _chars(text: str | None) -> int:
    return len("".join(text.split())) if text else 0


@dataclass
class _Size:
    """What an element holds: characters (no spaces), characters inside links, links."""

    chars: int = 0
    link_chars: int = 0
    links: int = 0
    tables: int = 0  # tables inside it


def _sizes(root: etree._Element) -> dict[etree._Element, _Size]:
    """The :class:`_Size` of every element, in one pass from the leaves up (the nesting depth
    is bounded before)."""
    sizes: dict[etree._Element, _Size] = {}

    def measure(node: etree._Element) -> _Size:
        size = _Size(chars=_chars(node.text))
        for child in node:
            if isinstance(child.tag, str):
                inner = measure(child)
                size.chars += inner.chars
                size.link_chars += inner.link_chars
                size.links += inner.links
                size.tables += inner.tables + (child.tag == "table")
            size.chars += _chars(child.tail)
        if node.tag == "a":
            size.link_chars, size.links = size.chars, size.links + 1
        sizes[node] = size
        return size

    measure(root)
    return sizes


class _Page:
    """The parsed page and what is known of its elements."""

    def __init__(self, root: etree._Element) -> None:
        self.sizes = _sizes(root)

    def is_chrome(self, node: etree._Element) -> bool:
        """Site navigation, headers, footers, sidebars and the like around the report."""
        tag = node.tag
        if tag in _DROP_TAGS:
            return True
        if tag in _PAGE_PART_TAGS:
            return next(node.iterancestors("article", "main"), None) is None
        if (node.get("role") or "").strip().lower() in _DROP_ROLES:
            return True
        if node.get("hidden") is not None:
            return True
        if tag not in _CHROME_CANDIDATES:
            return False
        size = self.sizes.get(node, _Size())
        names = f"{node.get('class') or ''} {node.get('id') or ''}"
        if _CHROME_WORDS_RE.search(names) is not None and size.chars <= _CHROME_MAX_CHARS:
            return True
        if size.links < _MIN_LINKS or not size.chars:
            return False
        return size.link_chars >= _LINK_SHARE * size.chars


def _rows(table: etree._Element) -> Iterator[etree._Element]:
    """The rows of a data table (also inside thead/tbody/tfoot), in order."""
    for child in table:
        if child.tag == "tr":
            yield child
        elif child.tag in ("thead", "tbody", "tfoot"):
            yield from (row for row in child if row.tag == "tr")


_SPAN_RE = re.compile(r"\s*(\d{1,7})")


def _span(cell: etree._Element, name: str, most: int) -> int:
    """A cell's ``rowspan``/``colspan`` as browsers read it (leading digits: "2px" is 2)."""
    match = _SPAN_RE.match(cell.get(name) or "")
    return min(max(int(match.group(1)), 1), most) if match else 1


def _is_data_table(table: etree._Element, size: _Size) -> bool:
    """An innermost table with at least two cells in some row: a table of one column (an
    article typeset in a one-cell table) is read as blocks, its paragraphs as lines."""
    if size.tables:
        return False
    return any(sum(c.tag in ("td", "th") for c in row) > 1 for row in _rows(table))


class _Lines:
    """Lines of text being built: inline text joins the current line, a block ends it."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self._current: list[str] = []

    def add(self, text: str) -> None:
        self._current.append(text)

    def end(self) -> None:
        line = " ".join("".join(self._current).split())
        if line:
            self.lines.append(line)
        self._current = []

    def extend(self, lines: list[str]) -> None:
        self.end()
        self.lines.extend(lines)

    def blank(self) -> None:
        """An empty paragraph: a blank line, as the Word reader prints one (one cell a line,
        a blank cell an empty paragraph)."""
        self.end()
        self.lines.append("")


class _Reader(_Page):
    """The page as lines of text for the plain-text reader."""

    def cell_text(self, cell: etree._Element) -> str:
        return " ".join("".join(self._inline(cell)).split())

    def _inline(self, node: etree._Element) -> Iterator[str]:
        """The text of ``node``, a ``<br>`` or block boundary as a space, chrome left out."""
        if node.text:
            yield node.text
        for child in node:
            if isinstance(child.tag, str) and not self.is_chrome(child):
                block = child.tag in _BLOCK_TAGS
                if block:
                    yield " "
                yield from self._inline(child)
                if block:
                    yield " "
            if child.tail:
                yield child.tail

    def table_lines(self, table: etree._Element) -> list[str]:
        """The rows of a data table, tab-separated, on its grid: a cell spanning columns
        printed once, the continuation of a cell spanning rows printed blank (as the Word
        reader prints a merged Word table)."""
        rows = list(_rows(table))
        # below[r][c]: the column where the cell covering (r, c) from a row above starts.
        below: dict[int, dict[int, int]] = {}
        spread = 0
        lines: list[str] = []
        for r, row in enumerate(rows):
            covered = below.pop(r, {})
            printed: dict[int, str] = {}
            col = 0
            for cell in row:
                if cell.tag not in ("td", "th") or self.is_chrome(cell):
                    continue
                while col in covered:
                    if covered[col] == col:
                        printed[col] = ""
                    col += 1
                rowspan = _span(cell, "rowspan", len(rows) - r)
                colspan = _span(cell, "colspan", _MAX_COLSPAN)
                spread += rowspan * colspan
                if spread > MAX_HTML_TABLE_CELLS:
                    raise FileLimitError(
                        f"网页中的一个表格超过了 {MAX_HTML_TABLE_CELLS:,} 个单元格的上限"
                    )
                printed[col] = self.cell_text(cell)
                for dr in range(rowspan):
                    spans = covered if dr == 0 else below.setdefault(r + dr, {})
                    for dc in range(colspan):
                        if dr or dc:
                            spans[col + dc] = col
                col += colspan
            for c, start in covered.items():  # cells from above past this row's own cells
                if c >= col and start == c:
                    printed[c] = ""
            lines.append("\t".join(printed[c] for c in sorted(printed)).rstrip("\t"))
        return lines

    def walk(self, node: etree._Element, out: _Lines) -> None:
        if node.text:
            out.add(node.text)
        for child in node:
            if isinstance(child.tag, str) and not self.is_chrome(child):
                tag = child.tag
                if tag == "table" and _is_data_table(child, self.sizes[child]):
                    captions = [self.cell_text(c) for c in child if c.tag == "caption"]
                    out.extend([c for c in captions if c] + self.table_lines(child))
                elif tag == "pre":
                    out.extend([" ".join(line.split()) for line in _text(child).splitlines()])
                elif tag in _BLOCK_TAGS:
                    out.end()
                    before = len(out.lines)
                    self.walk(child, out)
                    out.end()
                    if tag == "p" and len(out.lines) == before:
                        out.blank()
                else:
                    self.walk(child, out)
            if child.tail:
                out.add(child.tail)


def _check_shape(root: etree._Element) -> None:
    """Refuse a page over the element count or nesting depth limits."""
    count = 0
    stack: list[tuple[etree._Element, int]] = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        count += 1
        if count > MAX_HTML_ELEMENTS:
            raise FileLimitError(f"网页中的元素超过了 {MAX_HTML_ELEMENTS:,} 个的上限")
        if depth > MAX_HTML_DEPTH:
            raise FileLimitError(f"网页的标签嵌套超过了 {MAX_HTML_DEPTH} 层的上限")
        stack.extend((child, depth + 1) for child in node)


def _parser() -> etree.HTMLParser:
    return etree.HTMLParser(
        remove_comments=True,
        remove_pis=True,
        no_network=True,
        huge_tree=False,
        recover=True,
        default_doctype=False,
    )


_XML_DECL_RE = re.compile(r"\A\s*<\?xml[^>]*>")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def html_text(data: bytes) -> Decoded:
    """The text of the web page ``data``: blocks as lines, data-table rows as tab-separated
    lines, merged cells once (see the module's documentation); a damaged decode says so."""
    try:
        check_html_size(len(data))
    except FileLimitError as exc:
        raise HtmlReadError(str(exc)) from None
    # NUL and other C0 controls (a page pasted from a binary, a broken CMS) are dropped: lxml
    # refuses a string holding one, and no report character is among them.
    decoded = decode_html(data)
    markup = _CONTROL_RE.sub("", _XML_DECL_RE.sub("", decoded.text))
    if not markup.strip():
        raise HtmlReadError("网页中没有文字")
    try:
        root = etree.fromstring(markup, _parser())
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        root = None
    if root is None:
        raise HtmlReadError("网页无法解析")
    try:
        _check_shape(root)
    except FileLimitError as exc:
        raise HtmlReadError(str(exc)) from None
    out = _Lines()
    body = root.find("body")
    try:
        _Reader(root).walk(body if body is not None else root, out)
    except FileLimitError as exc:
        raise HtmlReadError(str(exc)) from None
    out.end()
    text = "\n".join(out.lines)
    if not text.strip():
        raise HtmlReadError("网页中没有文字")
    return replace(decoded, text=text)
