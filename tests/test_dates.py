"""One rule for dates typed or logged: ISO or UK, and a plain word when it is neither."""

from __future__ import annotations

from datetime import date

import pytest

from code_check.dates import long_date, long_date_span, read_date, typed_date
from code_check.errors import InputError


@pytest.mark.parametrize("text", ["2026-03-31", "31/03/2026", "31/3/2026", " 31/03/2026 ",
                                  "2026-03-31 09:15", "31/03/2026 09:15:02"])
def test_iso_and_uk_dates_read_alike(text):
    assert read_date(text) == typed_date(text, "Due date") == date(2026, 3, 31)


def test_empty_is_no_date():
    assert read_date("  ") is None and typed_date("", "Due date") is None


@pytest.mark.parametrize(("text", "problem"), [
    ("2026-02-30", "Due date: '2026-02-30' is not a real date (check the day and the month)"),
    ("31/06/2026", "Due date: '31/06/2026' is not a real date (check the day and the month)"),
    ("03/31/2026", "Due date: '03/31/2026' is not a real date (check the day and the month)"),
    ("next week", "Due date: 'next week' is not a date: write it like 31/03/2026 or "
                  "2026-03-31"),
    ("31-03-2026", "Due date: '31-03-2026' is not a date: write it like 31/03/2026 or "
                   "2026-03-31"),
])
def test_a_bad_date_says_what_is_wrong(text, problem):
    assert read_date(text) is False
    with pytest.raises(InputError) as refused:
        typed_date(text, "Due date")
    assert str(refused.value) == problem


def test_dates_in_words_are_written_the_uk_way():
    assert long_date(date(2026, 4, 30)) == "30 April 2026"
    assert long_date(date(2026, 3, 1)) == "1 March 2026"  # no leading zero


def test_a_span_of_dates_needs_both_ends():
    assert long_date_span(date(2025, 4, 1), date(2026, 3, 26)) == "1 April 2025 to 26 March 2026"
    assert long_date_span(None, date(2026, 3, 26)) is None
    assert long_date_span(date(2025, 4, 1), None) is None
