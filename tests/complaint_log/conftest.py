"""Fixtures for reading a log in ranges: chosen range starts in this process, and what each
reading in ranges returned."""

from __future__ import annotations

import pytest

from code_check.complaint_log import parallel


@pytest.fixture
def in_process(monkeypatch):
    """Ranges read in this process, starting at the offsets put in the list it gives (guessed
    as usual while that is empty)."""
    chosen: list[int] = []
    guessed = parallel._starts

    def starts(handle, data_start, size, processes):
        return sorted({data_start, *chosen}) if chosen else guessed(handle, data_start, size,
                                                                     processes)

    monkeypatch.setattr(parallel, "_starts", starts)
    monkeypatch.setattr(parallel, "_in_processes", lambda reading, ranges, data_start, bar: [
        parallel._tally_range(reading, part) for part in ranges])
    return chosen


@pytest.fixture
def used_ranges(monkeypatch) -> list[object]:
    """What each reading in ranges returned (None: it handed over to one process)."""
    results: list[object] = []
    original = parallel.analyse_in_ranges

    def recorded(*args, **kwargs):
        results.append(original(*args, **kwargs))
        return results[-1]

    monkeypatch.setattr(parallel, "analyse_in_ranges", recorded)
    return results
