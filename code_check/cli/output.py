"""Printing results: rich tables for people, JSON for scripts.

Nothing a user typed reaches the terminal raw: every string rich prints passes through
``inert.visible`` (so no escape sequence, hyperlink or direction override acts), user text in
rich markup goes through ``escape``, and JSON keeps such characters as ``\\u`` escapes.
"""

from __future__ import annotations

import sys
from typing import Any

from code_check.report.inert import inert_json, visible


def print_json(data: Any) -> None:
    sys.stdout.write(inert_json(data, indent=2, default=str) + "\n")


def console():
    """A rich console on standard output (imported only when a table is printed)."""
    from rich.console import Console

    class InertConsole(Console):
        def render_str(self, text: str, **options):
            return super().render_str(visible(text), **options)

    return InertConsole(highlight=False, emoji=False)


def table(title: str | None = None, *columns: str, **kwargs):
    from rich.table import Table

    result = Table(title=title, title_justify="left", **kwargs)
    for column in columns:
        result.add_column(column)
    return result


def escape(text: str) -> str:
    """User and catalogue text is never rich markup."""
    from rich.markup import escape as escape_markup

    return escape_markup(text)


def one_line(text: str) -> str:
    """Text for a plain line on the terminal (an error, a prompt): nothing in it acts."""
    return visible(text, line_breaks=False)
