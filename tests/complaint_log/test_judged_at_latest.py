"""A log judged as at its own latest date is read once (issue 13's rule, made one reading):
open complaints are put aside as the rows are read and judged when the date is known, giving
exactly the figures of a reading asked for that date, in one process or several."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

import pytest

from code_check.complaint_log import reader, timeliness
from code_check.complaint_log.reader import analyse_file
from code_check.gather import complaint_log_for_report

from .test_parallel import HEADER

TODAY = date(2026, 3, 31)
LATEST = date(2025, 6, 30)  # the log's last date: a Monday


def _after(received: date, days: int) -> str:
    return min(received + timedelta(days=days), LATEST).isoformat()


def open_log(path: Path, rows: int = 160) -> Path:
    """Complaints received January to June 2025, every kind of step left open at every age,
    with ties in how far past their limits they are."""
    rng = random.Random(15)
    lines = [HEADER]
    for number in range(rows):
        received = date(2025, 1, 6) + timedelta(days=rng.randrange(0, 170))
        kind = number % 5
        cells = [f"C{number}", received.isoformat(), "", "", "", "", "", "", ""]
        if kind >= 1:
            cells[2] = _after(received, rng.choice((1, 2, 6)))  # acknowledged
        if kind >= 2:
            cells[3], cells[4] = _after(received, rng.choice((9, 15, 30))), "no"
        if kind == 1:
            cells[4] = rng.choice(("yes", "no"))  # the response still open, maybe extended
        if kind >= 3:
            cells[5] = _after(received, rng.choice((31, 35)))  # escalated
        if kind == 4:
            cells[6] = _after(received, rng.choice((33, 40)))  # its stage 2 response open
            cells[8] = rng.choice(("yes", "no"))
        lines.append(",".join(cells + ["Housing", "x"]))
    lines.append(f"LAST,{LATEST.isoformat()},,,,,,,,Waste,x")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def log(tmp_path, monkeypatch) -> Path:
    monkeypatch.setattr(timeliness, "OVERDUE_LISTED", 7)  # ties at the edge of the listing
    return open_log(tmp_path / "log.csv")


def test_judged_at_its_latest_date_as_if_that_date_were_asked_for(log):
    asked = analyse_file(log, as_of=LATEST, progress=False, jobs=1)
    at_latest = analyse_file(log, as_of=TODAY, progress=False, jobs=1, at_latest=True)
    assert at_latest.as_of == LATEST
    assert 0 < asked.overdue_total and len(asked.overdue_cases) == 7
    assert {case.step for case in asked.overdue_cases} >= {"stage1.response"}
    assert at_latest == asked
    judged_today = analyse_file(log, as_of=TODAY, progress=False, jobs=1)
    assert judged_today.overdue_total > asked.overdue_total  # the date does matter


def test_in_ranges_too(log, in_process, used_ranges):
    asked = analyse_file(log, as_of=LATEST, progress=False, jobs=1)
    starts = [index for index, byte in enumerate(log.read_bytes()) if byte == ord("\n")]
    for edge in starts[5:-1:23]:
        in_process[:] = [edge + 1]
        at_latest = analyse_file(log, as_of=TODAY, progress=False, jobs=2, split_bytes=1,
                                 at_latest=True)
        assert used_ranges[-1] is not None and at_latest == asked, edge


def test_a_report_reads_its_log_once(log, monkeypatch):
    readings = []
    original = reader._in_one_process
    monkeypatch.setattr(reader, "_in_one_process",
                        lambda *args: readings.append(args) or original(*args))
    analysis = complaint_log_for_report(log, TODAY, as_of_asked=False, progress=False)
    assert analysis.as_of == LATEST and len(readings) == 1
