"""A report's complaint log is judged as at the log's latest date unless a date is asked for
(one rule, code_check.gather.complaint_log_for_report, for the command line and the app)."""

from __future__ import annotations

from datetime import date

from code_check.gather import complaint_log_for_report

HEADER = ("reference,received,acknowledged,stage1_response,stage1_extended,escalated,"
          "stage2_acknowledged,stage2_response,stage2_extended")
# The log was last brought up to date on Tuesday 25 November 2025: B's reply is still to come.
ROWS = ("A,2025-11-03,2025-11-04,2025-11-20,no,,,,", "B,2025-11-24,2025-11-25,,no,,,,")
TODAY = date(2026, 3, 31)


def write_log(tmp_path, rows=ROWS):
    path = tmp_path / "log.csv"
    path.write_text("\n".join((HEADER, *rows)) + "\n", encoding="utf-8")
    return path


def test_open_complaints_are_judged_as_at_the_logs_latest_date(tmp_path):
    analysis = complaint_log_for_report(write_log(tmp_path), TODAY, as_of_asked=False)
    assert analysis.as_of == date(2025, 11, 25)
    assert analysis.overdue_total == 0  # B's reply was not yet due when the log was written


def test_a_date_asked_for_is_kept(tmp_path):
    analysis = complaint_log_for_report(write_log(tmp_path), TODAY, as_of_asked=True)
    assert analysis.as_of == TODAY
    assert [case.reference for case in analysis.overdue_cases] == ["B"]


def test_a_log_with_no_date_before_the_day_is_judged_on_the_day(tmp_path):
    log = write_log(tmp_path, ("A,2026-04-02,,,,,,,",))
    analysis = complaint_log_for_report(log, TODAY, as_of_asked=False)
    assert analysis.as_of == TODAY and analysis.not_yet_received == 1
