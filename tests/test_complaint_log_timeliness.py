"""Each timeliness figure on a small log whose answers were worked out by hand.

As of Monday 30 June 2025. June 2025 has no bank holidays; May has Monday 5 (early May) and
Monday 26 (spring). Working days from A to B count the days D with A < D <= B.
"""

from __future__ import annotations

from datetime import date

import pytest

from code_check.catalogue.model import Measure
from code_check.complaint_log.reader import analyse_file

HEADER = ("reference,name,received,acknowledged,stage1_response,stage1_extended,escalated,"
          "stage2_acknowledged,stage2_response,stage2_extended,service")
ROWS = (
    # A: ack 1, response 10 (Wed 4 .. Tue 17 June): on time at the limit.
    "A,Ann,2025-06-02,2025-06-03,2025-06-17,no,,,,,Housing",
    # B: Fri 23 May -> Tue 27 May is 1 (Mon 26 is a bank holiday); response 11: late.
    "B,Bea,23/05/2025,27/05/2025,11/06/2025,no,,,,,Housing",
    # C: ack 6: late; response 10 with an extension: on time.
    "C,Cal,2025-06-02,2025-06-10,2025-06-24,yes,,,,,Planning",
    # D: open, 20 working days old: both stage 1 steps overdue.
    "D,Dee,2025-06-02,,,,,,,,Planning",
    # E: open, 3 working days old: nothing due yet.
    "E,Eve,2025-06-25,,,,,,,,Housing",
    # F: ack 1, response 5; escalated, stage 2 ack 3, stage 2 response open for 17: not due.
    "F,Fay,2025-05-12,2025-05-13,2025-05-20,no,2025-06-02,2025-06-05,,no,Housing",
    # G: ack 1, response 9 (Mon 5 May off); stage 2 ack 5 (Mon 26 off), response 23: late.
    "G,Gus,2025-05-01,2025-05-02,2025-05-16,no,2025-05-19,2025-05-27,2025-06-27,no,Planning",
    # H: acknowledged after the as-of date: not yet happened, and nothing is due.
    "H,Hal,2025-06-30,2025-07-01,,,,,,,Housing",
    # I: received after the as-of date: counted as a case, measured nowhere.
    "I,Ivy,2025-07-02,,,,,,,,Housing",
    # J: acknowledged before received: a bad row.
    "J,Jo,2025-06-10,2025-06-09,,,,,,,Housing",
)


@pytest.fixture(scope="module")
def analysis(tmp_path_factory):
    path = tmp_path_factory.mktemp("log") / "log.csv"
    path.write_text("\n".join((HEADER, *ROWS)) + "\n", encoding="utf-8")
    return analyse_file(path, as_of=date(2025, 6, 30), progress=False)


def test_cases_count_every_row_bad_and_future_ones_included(analysis):
    assert analysis.cases == 10
    assert analysis.not_yet_received == 1
    assert [(r.row, r.error) for r in analysis.rejected_rows] == [
        (11, "acknowledged: is before received")]
    assert (analysis.first_received, analysis.last_received) == (date(2025, 5, 1),
                                                                 date(2025, 6, 30))


def test_stage1_acknowledgement(analysis):
    step = analysis.step(Measure.STAGE1_ACKNOWLEDGEMENT)
    # Taken: A1 B1 C6 F1 G1; D overdue (20 > 5); E and H not yet due.
    assert (step.measured, step.on_time, step.late, step.on_time_pct) == (6, 4, 2, 66.7)
    assert (step.median_working_days, step.p90_working_days) == (1, 6)
    assert (step.overdue_open, step.extensions_used) == (1, None)


def test_stage1_response(analysis):
    step = analysis.step(Measure.STAGE1_RESPONSE)
    # Taken: A10 B11 C10(extended) F5 G9; D overdue (20 > 10).
    assert (step.measured, step.on_time, step.late, step.on_time_pct) == (6, 4, 2, 66.7)
    assert step.extensions_used == 1
    assert (step.median_working_days, step.p90_working_days) == (10, 11)
    assert step.overdue_open == 1


def test_stage2(analysis):
    acknowledgement = analysis.step(Measure.STAGE2_ACKNOWLEDGEMENT)
    assert (acknowledgement.measured, acknowledgement.on_time) == (2, 2)
    assert acknowledgement.on_time_pct == 100.0
    assert (acknowledgement.median_working_days, acknowledgement.p90_working_days) == (4.0, 5)
    response = analysis.step(Measure.STAGE2_RESPONSE)
    assert (response.measured, response.on_time, response.on_time_pct) == (1, 0, 0.0)
    assert (response.median_working_days, response.p90_working_days) == (23, 23)
    assert (response.extensions_used, response.overdue_open) == (0, 0)


def test_overdue_cases_furthest_past_their_limit_first(analysis):
    assert [(c.reference, c.step, c.working_days, c.limit) for c in analysis.overdue_cases] == [
        ("D", Measure.STAGE1_ACKNOWLEDGEMENT, 20, 5),
        ("D", Measure.STAGE1_RESPONSE, 20, 10),
    ]
    assert analysis.overdue_total == 2


def test_by_month_of_receipt(analysis):
    months = {m.month: m for m in analysis.by_month}
    assert list(months) == ["2025-05", "2025-06"]
    assert (months["2025-05"].cases, months["2025-06"].cases) == (3, 5)
    may, june = months["2025-05"].stage1, months["2025-06"].stage1
    assert (may.acknowledgement.measured, may.acknowledgement.on_time) == (3, 3)
    assert (june.acknowledgement.measured, june.acknowledgement.on_time) == (3, 1)
    assert june.acknowledgement.on_time_pct == 33.3
    assert (may.response.measured, may.response.on_time) == (3, 2)
    assert (june.response.measured, june.response.on_time) == (3, 2)


def test_by_service_area(analysis):
    services = {s.service: s for s in analysis.by_service}
    assert list(services) == ["Housing", "Planning"]
    assert (services["Housing"].cases, services["Planning"].cases) == (5, 3)
    for name in services:
        response = services[name].stage1.response
        assert (response.measured, response.on_time, response.on_time_pct) == (3, 2, 66.7)
    assert services["Planning"].stage2.response.on_time == 0


def test_no_service_column_means_no_service_breakdown(tmp_path):
    path = tmp_path / "log.csv"
    path.write_text("reference,received,acknowledged,stage1_response,stage1_extended,escalated,"
                    "stage2_acknowledged,stage2_response,stage2_extended\n"
                    "A,2025-06-02,2025-06-03,2025-06-17,no,,,,\n", encoding="utf-8")
    analysis = analyse_file(path, as_of=date(2025, 6, 30), progress=False)
    assert analysis.by_service is None
    assert analysis.step(Measure.STAGE1_RESPONSE).on_time == 1


def test_very_long_durations_are_counted_too(tmp_path):
    # 2024 has 254 working days (262 weekdays less 8 bank holidays). After Wednesday 3 January
    # 252 remain (Tuesday 2 and Wednesday 3 are behind; Monday 1 is a bank holiday), then
    # Thursday 2 and Friday 3 January 2025 (Wednesday 1 is a bank holiday): 254.
    path = tmp_path / "log.csv"
    path.write_text("reference,received,acknowledged,stage1_response,stage1_extended,escalated,"
                    "stage2_acknowledged,stage2_response,stage2_extended\n"
                    "L,2024-01-02,2024-01-03,2025-01-03,no,,,,\n"
                    "O,2024-01-02,2024-01-03,,no,,,,\n", encoding="utf-8")
    analysis = analyse_file(path, as_of=date(2025, 1, 3), progress=False)
    response = analysis.step(Measure.STAGE1_RESPONSE)
    assert (response.measured, response.on_time, response.overdue_open) == (2, 0, 1)
    assert (response.median_working_days, response.p90_working_days) == (254, 254)
    assert [(c.reference, c.working_days) for c in analysis.overdue_cases] == [("O", 254)]


def test_the_latest_date_of_any_kind_up_to_the_as_of_date(analysis, tmp_path):
    # H was received on the as-of date; its acknowledgement and I's receipt come after it.
    assert analysis.last_dated == date(2025, 6, 30)
    path = tmp_path / "log.csv"
    path.write_text("\n".join((HEADER, ROWS[0])) + "\n", encoding="utf-8")
    later_reply = analyse_file(path, as_of=date(2025, 6, 30), progress=False)
    # A log's last entry may be a reply, after its last receipt: a report judges it as at then.
    assert (later_reply.last_received, later_reply.last_dated) == (date(2025, 6, 2),
                                                                   date(2025, 6, 17))
