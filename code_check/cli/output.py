"""Printing results: rich tables for people, JSON for scripts."""

from __future__ import annotations

import json
import sys
from typing import Any


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, indent=2, ensure_ascii=False, default=str)
    sys.stdout.write("\n")


def console():
    """A rich console on standard output (imported only when a table is printed)."""
    from rich.console import Console

    return Console(highlight=False)


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
