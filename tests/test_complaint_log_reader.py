"""Reading complaint logs: every kind of bad row, dates, flags, column maps, bad files."""

from __future__ import annotations

from datetime import date

import pytest

from code_check.complaint_log.columns import ColumnMap
from code_check.complaint_log.reader import analyse_file, load_map_file
from code_check.errors import InputError

HEADER = ("reference,received,acknowledged,stage1_response,stage1_extended,escalated,"
          "stage2_acknowledged,stage2_response,stage2_extended")
GOOD = "OK1,2025-06-02,2025-06-03,2025-06-10,no,,,,"
AS_OF = date(2025, 12, 31)


def analyse(tmp_path, *rows: str, header: str = HEADER, **options):
    path = tmp_path / "log.csv"
    path.write_text("\n".join((header, *rows)) + "\n", encoding="utf-8")
    options.setdefault("progress", False)
    return analyse_file(path, as_of=AS_OF, **options)


@pytest.mark.parametrize(("row", "error"), [
    ("X,,2025-06-03,,,,,,", "received: is empty"),
    ("X,31/02/2025,,,,,,,", "received: '31/02/2025' is not a date (use 2026-04-01 or 01/04/2026)"),
    ("X,2025-06-02,2025-13-01,,,,,,", "acknowledged: '2025-13-01' is not a date"),
    ("X,2025-06-02,,next week,,,,,", "stage1_response: the cell is not a date"),
    ("X,2025-06-02,,,perhaps,,,,", "stage1_extended: must be yes, no or empty"),
    ("X,2025-06-02,,,Y,,,,", "stage1_extended: must be yes, no or empty"),
    ("X,2025-06-02,2205-06-03,,,,,,", "acknowledged: '2205-06-03' is not a plausible date"),
    ("X,2025-06-02,,,,2025-07-01,,,sometimes", "stage2_extended: must be yes, no or empty"),
    ("X,2025-06-02,2025-06-01,,,,,,", "acknowledged: is before received"),
    ("X,2025-06-02,,2025-05-30,,,,,", "stage1_response: is before received"),
    ("X,2025-06-02,2025-06-03,,,2025-06-01,,,", "escalated: is before received"),
    ("X,2025-06-02,2025-06-05,2025-06-04,,,,,", "stage1_response: is before acknowledged"),
    ("X,2025-06-02,,,,,2025-07-01,,", "stage2_acknowledged: is filled in but escalated is empty"),
    ("X,2025-06-02,,,,,,2025-07-01,", "stage2_response: is filled in but escalated is empty"),
    ("X,2025-06-02,,,,2025-07-01,2025-06-30,,", "stage2_acknowledged: is before escalated"),
    ("X,2025-06-02,,,,2025-07-01,,2025-06-30,", "stage2_response: is before escalated"),
    ("X,2025-06-02,,,,2025-07-01,2025-07-03,2025-07-02,",
     "stage2_response: is before stage2_acknowledged"),
])
def test_each_kind_of_bad_row_is_reported_skipped_and_the_rest_read(tmp_path, row, error):
    analysis = analyse(tmp_path, GOOD, row, GOOD)
    assert [r.row for r in analysis.rejected_rows] == [3]
    assert analysis.rejected_rows[0].error.startswith(error)
    assert analysis.cases == 3
    assert analysis.stage1.acknowledgement.measured == 2  # the bad row is counted nowhere else


def test_blank_rows_are_not_cases_but_keep_the_row_numbers(tmp_path):
    analysis = analyse(tmp_path, GOOD, "", ",,,,,,,,", "X,,,,,,,,")
    assert analysis.cases == 2
    assert [(r.row, r.error) for r in analysis.rejected_rows] == [(5, "received: is empty")]


def test_row_numbers_are_spreadsheet_rows_even_with_line_breaks_inside_cells(tmp_path):
    header = "name," + HEADER
    analysis = analyse(tmp_path, '"Line one\nline two",' + GOOD, "x,X,,,,,,,,,", header=header)
    assert [r.row for r in analysis.rejected_rows] == [3]


def test_short_rows_read_missing_cells_as_empty(tmp_path):
    analysis = analyse(tmp_path, "S1,2025-06-02,2025-06-03")
    assert analysis.rejected_rows == []
    assert analysis.stage1.acknowledgement.on_time == 1


def test_iso_uk_dates_with_times_and_flags_in_any_case(tmp_path):
    analysis = analyse(tmp_path, "A,02/06/2025,2025-06-03 09:30,10/06/2025 14:05:00,No,,,,",
                       "B,2025-06-02,3/6/2025,2025-06-30,YES,,,,")
    assert analysis.rejected_rows == []
    response = analysis.stage1.response
    assert (response.measured, response.on_time, response.extensions_used) == (2, 2, 1)


def test_a_byte_order_mark_and_headings_in_another_case_are_fine(tmp_path):
    path = tmp_path / "log.csv"
    path.write_bytes(("\ufeff" + HEADER.upper() + "\n" + GOOD + "\n").encode("utf-8"))
    assert analyse_file(path, as_of=AS_OF, progress=False).stage1.acknowledgement.measured == 1


def test_a_column_map_reads_another_systems_headings(tmp_path):
    header = HEADER.replace(",received,", ",Date Logged,").replace(",acknowledged,", ",Ack Date,")
    column_map = ColumnMap(received="Date Logged", acknowledged="Ack Date")
    analysis = analyse(tmp_path, GOOD, header=header, column_map=column_map)
    assert analysis.stage1.acknowledgement.on_time == 1
    assert analysis.columns["received"] == "Date Logged"


def test_a_map_file_is_yaml_and_its_mistakes_are_located(tmp_path):
    good = tmp_path / "map.yaml"
    good.write_text("received: Date Logged\nacknowledged: Ack Date\n", encoding="utf-8")
    assert load_map_file(good) == ColumnMap(received="Date Logged", acknowledged="Ack Date")
    bad = tmp_path / "bad.yaml"
    bad.write_text("received: Date Logged\nrecieved_on: Other\n", encoding="utf-8")
    with pytest.raises(InputError) as raised:
        load_map_file(bad)
    assert f"{bad}:2" in str(raised.value)


def test_a_missing_column_stops_with_one_line_naming_it(tmp_path):
    with pytest.raises(InputError) as raised:
        analyse(tmp_path, GOOD, header=HEADER.replace("stage1_response", "answered"))
    message = str(raised.value)
    assert "log.csv:1: stage1_response: no column headed 'stage1_response'" in message
    assert "\n" not in message


def test_an_empty_file_and_a_missing_file_are_input_errors(tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(InputError, match="empty"):
        analyse_file(empty, as_of=AS_OF, progress=False)
    with pytest.raises(InputError, match="file not found"):
        analyse_file(tmp_path / "nope.csv", as_of=AS_OF, progress=False)


def test_a_row_the_csv_module_cannot_read_is_reported_and_the_rest_read(tmp_path):
    import csv

    limit = csv.field_size_limit()
    try:
        csv.field_size_limit(200)
        analysis = analyse(tmp_path, GOOD, "X,2025-06-02," + "z" * 500 + ",,,,,,", GOOD)
    finally:
        csv.field_size_limit(limit)
    assert [r.row for r in analysis.rejected_rows] == [3]
    assert "cannot be read" in analysis.rejected_rows[0].error
    assert analysis.stage1.acknowledgement.measured == 2


def test_the_progress_bar_changes_nothing_but_the_screen(tmp_path, monkeypatch):
    import code_check.complaint_log.reader as reader

    monkeypatch.setattr(reader, "PROGRESS_EVERY_ROWS", 2)
    rows = [GOOD, "X,,2025-06-03,,,,,,", *[GOOD] * 5]
    with_bar = analyse(tmp_path, *rows, progress=True)
    assert with_bar == analyse(tmp_path, *rows)
    assert [r.row for r in with_bar.rejected_rows] == [3]
