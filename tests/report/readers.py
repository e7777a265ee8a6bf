"""Read exported files back with each format's own reader, for the report tests."""

from __future__ import annotations

import csv
import io
from html.parser import HTMLParser

import docx
import openpyxl


def docx_text(data: bytes) -> list[str]:
    """Every paragraph, then every table cell, row by row."""
    document = docx.Document(io.BytesIO(data))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" | ".join(cell.text for cell in row.cells))
    return lines


def xlsx_cells(data: bytes) -> dict[str, list[list[object]]]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    return {sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)]
            for sheet in book.worksheets}


def csv_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


class _TextAndTags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.append(tag)

    def handle_data(self, data) -> None:
        self.text.append(data)


def html_parts(html: str) -> tuple[str, list[str]]:
    """(the visible text, every start tag in order)."""
    parser = _TextAndTags()
    parser.feed(html)
    return "".join(parser.text), parser.tags
