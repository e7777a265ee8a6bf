"""What a user typed, or a file held, made fit for the screen.

Council names, evidence, commentary, owners, complaint references and statistics notes are
data: they must never be read as Textual or Rich markup ("[see annex]" would vanish) nor reach
the terminal with a control or direction character (an escape sequence would recolour or
hyperlink the screen). ``code_check.report.inert.visible`` is the one place that decides what
such a character becomes, for files and screens alike.
"""

from __future__ import annotations

from rich.text import Text

from code_check.report.inert import visible


def inert_text(text: object, style: str = "") -> Text:
    """``text`` as a Text (never markup), its control and direction characters made visible."""
    return Text(visible(str(text)), style=style)
