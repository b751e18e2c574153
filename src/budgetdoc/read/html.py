"""Portal pages (.html): the text of the page body and its ``<table>``s, one line per block or cell."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from bs4 import BeautifulSoup, Tag

from budgetdoc.read.base import RawDocument
from budgetdoc.read.cells import LineBuilder
from budgetdoc.read.text import decode

_BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "div", "td", "th", "caption", "pre", "br")


def _rows(table: Tag) -> list[list[str]]:
    """Cell texts by grid position: a cell with colspan/rowspan fills every slot it covers."""
    grid: dict[tuple[int, int], str] = {}
    for r, tr in enumerate(table.find_all("tr")):
        c = 0
        for cell in tr.find_all(("td", "th"), recursive=False):
            while (r, c) in grid:
                c += 1
            text = cell.get_text(" ", strip=True)
            rowspan = int(str(cell.get("rowspan", 1)) or 1)
            colspan = int(str(cell.get("colspan", 1)) or 1)
            for dr in range(max(rowspan, 1)):
                for dc in range(max(colspan, 1)):
                    grid[(r + dr, c + dc)] = text
            c += max(colspan, 1)
    if not grid:
        return []
    height = max(r for r, _ in grid) + 1
    width = max(c for _, c in grid) + 1
    return [[grid.get((r, c), "") for c in range(width)] for r in range(height)]


def read_html(path: Path, data: bytes, **_: object) -> RawDocument:
    """Read an HTML page: scripts, styles and navigation dropped; paragraphs and tables in page order.

    Raises:
        UnreadableError: the bytes are not decodable as Chinese text.
    """
    text, encoding = decode(data, str(path))
    soup = BeautifulSoup(text, "html.parser")
    for tag in soup(["script", "style", "nav", "header", "footer", "noscript"]):
        tag.decompose()
    builder = LineBuilder(path, "html")
    body = soup.body or soup
    for element in body.find_all(["table", *_BLOCKS]):
        if element.name == "table":
            if element.find_parent("table") is None:
                builder.table(_rows(element))
            continue
        if element.find_parent("table") is not None or element.find(["table", *_BLOCKS[:-1]]):
            continue
        builder.paragraph(element.get_text(" ", strip=True))
    return replace(builder.build(data), encoding=encoding)
