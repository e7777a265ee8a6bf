"""Exports that cannot bite (DESIGN section 9): what a user typed is data, never markup, a
formula or a terminal command. Every renderer, and the command line, passes user and catalogue
text through one of these; ``visible`` is the one place that decides what a control character
becomes, wherever the text is shown.
"""

from __future__ import annotations

import html
import json
import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|#&])")

# Every control (Unicode Cc) and format (Cf) character but tab and line breaks, which are text;
# lone surrogates and U+FFFE/U+FFFF, which no file can hold. Cf includes the right-to-left
# overrides and isolates (U+202A-U+202E, U+2066-U+2069) that make text display in another order.
_CONTROL = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2"
    "\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ud800-\udfff\ufeff"
    "\ufff9-\ufffb\ufffe\uffff\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]"
)
# Invisible characters that pasted text carries innocently (soft hyphen, zero-width space and
# joiners, word joiner, byte-order mark): dropped, as a reader would never see them anyway.
_DROPPED = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")
_ONE_LINE = re.compile(r"\r\n?|[\n\t]")
_DEL_PICTURE = "\u2421"
_REPLACEMENT = "\ufffd"


def visible(text: str, *, line_breaks: bool = True) -> str:
    """``text`` with no character that could act on a terminal, a file or a reader's eye.

    A control character is shown as its Unicode picture (ESC as ␛, NUL as ␀), so an officer
    sees that the text holds something odd; any other control or direction override becomes
    �. Tabs and line breaks stay where the format allows them; where it does not (a sheet
    name, an error line) each becomes a space.
    """
    return _CONTROL.sub(_shown, text if line_breaks else _ONE_LINE.sub(" ", text))


def _shown(match: re.Match) -> str:
    character = match[0]
    if character in _DROPPED:
        return ""
    code = ord(character)
    if code < 0x20:
        return chr(0x2400 + code)
    return _DEL_PICTURE if code == 0x7F else _REPLACEMENT


def inert_json(data, **options) -> str:
    """JSON whose strings carry no raw control or direction character.

    JSON is data for scripts, so nothing is replaced: json already writes the C0 controls as
    ``\\u001b``; the rest of ``visible``'s characters get the same escape here. The text
    decodes to exactly what was typed, yet no byte of the output acts on a terminal.
    """
    return _CONTROL.sub(_json_escape, json.dumps(data, ensure_ascii=False, **options))


def _json_escape(match: re.Match) -> str:
    return json.dumps(match[0])[1:-1]


def starts_like_formula(text: str) -> bool:
    """True for text a spreadsheet would run as a formula (a plain number is not one)."""
    return text.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(text)


def neutralise(value):
    """A spreadsheet cell's value made inert: control characters made visible, and
    formula-like text given a leading apostrophe.

    Numbers, dates and other non-text values pass through unchanged. (XLSX marks such a cell
    with Excel's quote-prefix style instead: see ``spreadsheet.write_row``.)
    """
    if not isinstance(value, str):
        return value
    text = visible(value)
    return "'" + text if starts_like_formula(text) else text


def html_text(text: object) -> str:
    """Text for HTML: controls made visible, ``<``, ``>``, ``&`` and quotes escaped."""
    return html.escape(visible(str(text)), quote=True)


def markdown_text(text: object) -> str:
    """Text for a Markdown table cell or paragraph: controls made visible, Markdown syntax and
    ``&`` backslash-escaped (``\\&``, which shows as ``&`` even where entities are not
    read, never as ``&amp;``), ``<`` and ``>`` as entities, lines joined so a cell stays
    one row."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(visible(str(text)).split()))
    return escaped.replace("<", "&lt;").replace(">", "&gt;")
