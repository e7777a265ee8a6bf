"""Working days in England and Wales: Monday to Friday less the bank holidays.

The Code's timescales are in working days. A complaint log can hold millions of date pairs, so
the calendar gives every date a *working-day ordinal* (how many working days lie between a fixed
anchor date and it) and counting the working days between two dates is one subtraction.
Ordinals never change once given out: extending the calendar to earlier or later years keeps
them, so callers may cache them.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

import holidays

FIRST_WEEKEND_DAY = 5  # date.weekday(): Saturday


class WorkingDayCalendar:
    """Monday to Friday less the bank holidays of England and Wales and any extra days off.

    ``extra_days_off`` are one-off closures the bank-holiday list does not know about, for
    example a council's own closure day.
    """

    def __init__(self, extra_days_off: Iterable[date] = (), *, around: date | None = None) -> None:
        self._extra_days_off = frozenset(extra_days_off)
        self._days_off_by_year: dict[int, frozenset[date]] = {}
        anchor_year = (around or date.today()).year
        self._first_year = anchor_year
        self._last_year = anchor_year
        self._first_day = date(anchor_year, 1, 1).toordinal()
        self._ordinals = self._count_year(anchor_year, start=0)

    def is_working_day(self, day: date) -> bool:
        return day.weekday() < FIRST_WEEKEND_DAY and day not in self._days_off(day.year)

    def ordinal(self, day: date) -> int:
        """Working days from the anchor to ``day``: (ordinal(b) - ordinal(a)) counts a < D <= b."""
        index = day.toordinal() - self._first_day
        if index < 0 or index >= len(self._ordinals):
            self._cover(day.year)
            index = day.toordinal() - self._first_day
        return self._ordinals[index]

    def working_days(self, start: date, end: date) -> int:
        """The working days D with start < D <= end (negative when end is before start)."""
        return self.ordinal(end) - self.ordinal(start)

    def _cover(self, year: int) -> None:
        while year < self._first_year:
            self._first_year -= 1
            earlier = self._count_year(self._first_year, start=0)
            # Shift the new year so its last day sits just before the old first day's count.
            old_first_day = date.fromordinal(self._first_day)
            shift = self._ordinals[0] - earlier[-1] - self.is_working_day(old_first_day)
            self._ordinals = [value + shift for value in earlier] + self._ordinals
            self._first_day = date(self._first_year, 1, 1).toordinal()
        while year > self._last_year:
            self._last_year += 1
            self._ordinals += self._count_year(self._last_year, start=self._ordinals[-1])

    def _count_year(self, year: int, *, start: int) -> list[int]:
        """Running working-day counts for each day of ``year``, continuing from ``start``."""
        days_off = self._days_off(year)
        day = date(year, 1, 1)
        one_day = timedelta(days=1)
        counts = []
        running = start
        while day.year == year:
            if day.weekday() < FIRST_WEEKEND_DAY and day not in days_off:
                running += 1
            counts.append(running)
            day += one_day
        return counts

    def _days_off(self, year: int) -> frozenset[date]:
        if year not in self._days_off_by_year:
            bank_holidays = holidays.country_holidays("GB", subdiv="ENG", years=year)
            extra = {d for d in self._extra_days_off if d.year == year}
            self._days_off_by_year[year] = frozenset(bank_holidays) | extra
        return self._days_off_by_year[year]
