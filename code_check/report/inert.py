"""Exports that cannot bite (DESIGN section 9): what a user typed is data, never markup or
a formula. Every renderer passes user and catalogue text through one of these.
"""

from __future__ import annotations

import html
import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|#])")
_XML_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def starts_like_formula(text: str) -> bool:
    """True for text a spreadsheet would run as a formula (a plain number is not one)."""
    return text.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(text)


def neutralise(value):
    """A spreadsheet cell's value made inert: formula-like text gets a leading apostrophe.

    Numbers, dates and other non-text values pass through unchanged. The one function CSV and
    XLSX exports both use.
    """
    if isinstance(value, str) and starts_like_formula(value):
        return "'" + value
    return value


def xml_safe(text: object) -> str:
    """Text Word and Excel files can hold: control characters XML forbids are dropped.

    (A pasted vertical tab or NUL would otherwise stop the export.)
    """
    return _XML_FORBIDDEN.sub("", str(text))


def html_text(text: object) -> str:
    """Text for HTML: ``<``, ``>``, ``&`` and quotes escaped."""
    return html.escape(str(text), quote=True)


def markdown_text(text: object) -> str:
    """Text for a Markdown table cell or paragraph: HTML escaped, Markdown syntax escaped,
    lines joined so a cell stays one row."""
    escaped = html.escape(" ".join(str(text).split()), quote=False)
    return _MARKDOWN_SPECIAL.sub(r"\\\1", escaped)
