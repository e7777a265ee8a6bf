"""The working-day calendar of England and Wales: counts pinned on known dates."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from code_check.complaint_log.working_days import WorkingDayCalendar


@pytest.fixture(scope="module")
def calendar() -> WorkingDayCalendar:
    return WorkingDayCalendar(around=date(2025, 1, 1))


@pytest.mark.parametrize(("start", "end", "expected", "why"), [
    (date(2025, 3, 7), date(2025, 3, 10), 1, "Friday to Monday is one working day"),
    (date(2025, 3, 10), date(2025, 3, 10), 0, "the same day counts nothing"),
    (date(2025, 3, 10), date(2025, 3, 17), 5, "a full week"),
    (date(2025, 4, 17), date(2025, 4, 22), 1, "Good Friday and Easter Monday 2025"),
    (date(2024, 3, 28), date(2024, 4, 2), 1, "Good Friday and Easter Monday 2024"),
    (date(2025, 5, 2), date(2025, 5, 6), 1, "early May bank holiday 2025"),
    (date(2025, 5, 23), date(2025, 5, 27), 1, "late May (spring) bank holiday 2025"),
    (date(2025, 8, 22), date(2025, 8, 26), 1, "summer bank holiday 2025"),
    (date(2021, 12, 24), date(2021, 12, 29), 1, "Christmas and Boxing Day 2021 on a weekend: "
                                                 "substitute days Monday 27 and Tuesday 28"),
    (date(2022, 12, 23), date(2022, 12, 28), 1, "Christmas 2022 on a Sunday: substitute "
                                                 "Tuesday 27, Boxing Day Monday 26"),
    (date(2027, 12, 24), date(2027, 12, 29), 1, "Christmas 2027 on a Saturday"),
    (date(2022, 6, 1), date(2022, 6, 6), 1, "2022: spring bank holiday moved to Thursday 2 June "
                                             "and the Platinum Jubilee on Friday 3 June"),
    (date(2022, 9, 16), date(2022, 9, 20), 1, "State Funeral, Monday 19 September 2022"),
    (date(2023, 5, 5), date(2023, 5, 9), 1, "Coronation, Monday 8 May 2023"),
    (date(2023, 4, 28), date(2023, 5, 2), 1, "early May bank holiday 2023"),
    (date(2024, 12, 31), date(2025, 12, 31), 253, "261 weekdays less 8 bank holidays in 2025"),
])
def test_working_days_on_known_dates(calendar, start, end, expected, why):
    assert calendar.working_days(start, end) == expected, why


def test_counts_are_negative_backwards(calendar):
    assert calendar.working_days(date(2025, 3, 10), date(2025, 3, 7)) == -1


def test_extra_days_off_are_not_working_days():
    closure = WorkingDayCalendar([date(2025, 12, 24)], around=date(2025, 1, 1))
    ordinary = WorkingDayCalendar(around=date(2025, 1, 1))
    assert ordinary.working_days(date(2025, 12, 23), date(2025, 12, 29)) == 2
    assert closure.working_days(date(2025, 12, 23), date(2025, 12, 29)) == 1
    assert not closure.is_working_day(date(2025, 12, 24))


def test_ordinals_stay_the_same_when_the_calendar_grows_either_way():
    calendar = WorkingDayCalendar(around=date(2025, 6, 1))
    before = calendar.ordinal(date(2025, 6, 2))
    calendar.ordinal(date(2018, 3, 1))
    calendar.ordinal(date(2031, 11, 1))
    assert calendar.ordinal(date(2025, 6, 2)) == before


def test_counts_match_a_day_by_day_count_across_years():
    calendar = WorkingDayCalendar(around=date(2025, 1, 1))
    rng = random.Random(7)
    first = date(2019, 1, 1).toordinal()
    for _ in range(200):
        a, b = sorted(date.fromordinal(first + rng.randrange(365 * 12)) for _ in range(2))
        brute = sum(calendar.is_working_day(a + timedelta(days=n))
                    for n in range(1, (b - a).days + 1))
        assert calendar.working_days(a, b) == brute, (a, b)
