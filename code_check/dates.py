"""Dates as people write them: ISO (2026-03-31) or UK (31/03/2026, 31/3/2026).

One rule for every place that reads a typed or logged date, so the complaint-log reader and
the app accept the same forms.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Literal

from code_check.errors import InputError

DATE_PATTERN = re.compile(
    r"\s*(?:(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})"
    r"|(?P<uk_day>\d{1,2})/(?P<uk_month>\d{1,2})/(?P<uk_year>\d{4}))"
    r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?\s*"
)
EXAMPLES = "31/03/2026 or 2026-03-31"


def read_date(text: str) -> date | Literal[False] | None:
    """A date in ISO or UK form (a time after it is ignored); None when empty; False if bad.

    False rather than an exception: the complaint-log reader calls this for every distinct
    cell of a log of millions of rows."""
    if not text.strip():
        return None
    match = DATE_PATTERN.fullmatch(text)
    if match is None:
        return False
    parts = match.groupdict()
    try:
        if parts["year"]:
            return date(int(parts["year"]), int(parts["month"]), int(parts["day"]))
        return date(int(parts["uk_year"]), int(parts["uk_month"]), int(parts["uk_day"]))
    except ValueError:
        return False


def typed_date(text: str, field: str) -> date | None:
    """A date typed into a form (empty: None), or a plain-words problem naming the field."""
    parsed = read_date(text)
    if parsed is False:
        shown = text.strip()
        if DATE_PATTERN.fullmatch(text):
            raise InputError(f"{shown!r} is not a real date (check the day and the month)",
                             field=field)
        raise InputError(f"{shown!r} is not a date: write it like {EXAMPLES}", field=field)
    return parsed


def long_date(value: date) -> str:
    """A date the UK way, as people read it: 30 April 2026 (no leading zero, no weekday).

    The one rule for every date put into words, so reports and checks agree; machine data
    (JSON fields, CSV columns) keeps ISO."""
    return f"{value.day} {value:%B %Y}"


def short_date(value: date) -> str:
    """A date the UK way where room is short, as in a table's column: 30 Apr 2026."""
    return f"{value.day} {value:%b %Y}"


def long_date_span(first: date | None, last: date | None) -> str | None:
    """"1 April 2025 to 26 March 2026"; None when either end is unknown (nothing dated)."""
    if first is None or last is None:
        return None
    return f"{long_date(first)} to {long_date(last)}"
