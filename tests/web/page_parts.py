"""Reading what a page shows, for the tests: the rows of a table, cell by cell (assertions on
rows and cells, never on how often a text occurs anywhere on the page — the navigation bar
holds many of the same words and links)."""

from __future__ import annotations

from lxml import html as lxml_html

__all__ = ["marked_texts", "table_rows"]


def table_rows(page: str, testid: str = "object-table") -> list[list[str]]:
    """The body rows of the first table at or inside the element marked ``data-testid``, each
    as the whitespace-normalised texts of its cells."""
    tree = lxml_html.fromstring(page)
    marked = tree.xpath(f'//*[@data-testid="{testid}"]')
    assert marked, f'no element data-testid="{testid}" on the page'
    element = marked[0]
    table = element if element.tag == "table" else element.xpath(".//table")[0]
    rows = table.xpath("./tbody/tr") or table.xpath(".//tr[td]")
    return [[" ".join(cell.text_content().split()) for cell in row.xpath("./td")] for row in rows]


def marked_texts(page: str, testid: str) -> list[str]:
    """The whitespace-normalised texts of the elements marked ``data-testid``, in page order."""
    tree = lxml_html.fromstring(page)
    return [" ".join(e.text_content().split()) for e in tree.xpath(f'//*[@data-testid="{testid}"]')]
