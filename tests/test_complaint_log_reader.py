"""Reading complaint logs: every kind of bad row, dates, flags, column maps, bad files."""

from __future__ import annotations

import codecs
import csv
import io
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


def log_of_300_rows(tmp_path, opened_on: int, encoding: str = "utf-8"):
    """A 300-row log with a quote opened in one row's notes and never closed; row 5's notes
    run over two lines, so spreadsheet rows and lines of text differ."""
    rows = [f"R{number},2025-06-02,2025-06-03,2025-06-10,no,,,,,note {number}"
            for number in range(2, 301)]
    rows[5 - 2] = rows[5 - 2].replace("note 5", '"note 5\non two lines"')
    rows[opened_on - 2] = rows[opened_on - 2].replace(f"note {opened_on}", '"never closed')
    path = tmp_path / "log.csv"
    path.write_text("\n".join((HEADER + ",notes", *rows)) + "\n", encoding=encoding)
    return path


@pytest.mark.parametrize("opened_on", [12, 299])
def test_a_quote_never_closed_is_an_error_naming_the_row_it_opened_on(tmp_path, opened_on):
    path = log_of_300_rows(tmp_path, opened_on)
    with pytest.raises(InputError) as raised:
        analyse_file(path, as_of=AS_OF, progress=False)
    assert str(raised.value) == (f'{path}:{opened_on}: a quoted cell opened on this row is never '
                                 'closed (a " is missing), so the rest of the file cannot be read')


def test_a_quote_never_closed_in_the_header_names_row_1(tmp_path):
    with pytest.raises(InputError, match=r"log\.csv:1: a quoted cell opened on this row is never"):
        analyse(tmp_path, GOOD, GOOD, header=HEADER + ',"notes')


def test_a_quoted_cell_running_past_the_field_limit_is_an_error_naming_its_row(tmp_path):
    limit = csv.field_size_limit()
    try:
        csv.field_size_limit(200)
        with pytest.raises(InputError) as raised:  # the quote is closed, but 20 rows later
            analyse(tmp_path, GOOD, 'X,2025-06-02,"2025-06-03', *[GOOD] * 20, 'X",,,,,,,', GOOD)
    finally:
        csv.field_size_limit(limit)
    assert str(raised.value).endswith(
        'log.csv:3: a cell on this row is longer than 200 characters; is a quote (") left open?')


def test_text_after_a_closing_quote_is_an_error_naming_its_row(tmp_path):
    """Where a stray quote closes a cell left open rows before, text follows it."""
    with pytest.raises(InputError, match=r"log\.csv:3: a quoted cell on this row goes on after"):
        analyse(tmp_path, GOOD, '"X"Y,2025-06-02,,,,,,,', GOOD)


@pytest.mark.parametrize(("encoding", "delimiter"), [
    ("utf-16", "\t"),  # Excel's "Unicode Text"
    ("utf-16", ","),
    ("utf-16-be", ","),
    ("utf-32", ","),
    ("utf-8", ";"),  # where the comma is the decimal mark
    ("utf-8", "\t"),
])
def test_utf16_utf32_semicolons_and_tabs_are_read_like_utf8_with_commas(
        tmp_path, encoding, delimiter):
    rows = [[*HEADER.split(","), "service"], [*GOOD.split(","), "Housing"],
            ["X", "", "2025-06-03", *[""] * 6, "Waste"],
            ["B", "2025-06-02", "2025-06-20", *[""] * 6, "Parking, permits; zones"]]
    text = io.StringIO()
    csv.writer(text, delimiter=delimiter).writerows(rows)
    path = tmp_path / "log.csv"
    path.write_bytes(codecs.BOM_UTF16_BE * (encoding == "utf-16-be")
                     + text.getvalue().encode(encoding))
    analysis = analyse_file(path, as_of=AS_OF, progress=False)
    assert [r.row for r in analysis.rejected_rows] == [3]
    assert {s.service for s in analysis.by_service} == {"Housing", "Parking, permits; zones"}
    assert analysis.stage1.acknowledgement.measured == 2


@pytest.mark.parametrize(("content", "problem"), [
    (HEADER.encode("utf-16-le"), "log.csv:1: is UTF-16 text without a byte-order mark: "
     'save it from your spreadsheet as "CSV UTF-8"'),
    (b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00", "log.csv:1: is not a text file "
     '(an Excel workbook?): save it from your spreadsheet as "CSV UTF-8"'),
    (b"reference,received\nA,\x00\x00\x00", "log.csv:2: is not a text file"),
], ids=["utf-16 without its mark", "zip file", "NUL bytes"])
def test_a_file_that_is_not_text_says_so_instead_of_missing_a_column(tmp_path, content, problem):
    path = tmp_path / "log.csv"
    path.write_bytes(content)
    with pytest.raises(InputError) as raised:
        analyse_file(path, as_of=AS_OF, progress=False)
    assert str(raised.value).startswith(str(tmp_path / problem))


def test_an_excel_workbook_renamed_csv_is_not_a_text_file(tmp_path):
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.active.append(HEADER.split(","))
    workbook.save(tmp_path / "log.csv")
    with pytest.raises(InputError, match=r"log\.csv:1: is not a text file \(an Excel workbook"):
        analyse_file(tmp_path / "log.csv", as_of=AS_OF, progress=False)


def test_two_headings_matching_one_column_name_both(tmp_path):
    with pytest.raises(InputError) as raised:
        analyse(tmp_path, GOOD, header=HEADER.replace("received", "Received") + ",received ")
    assert str(raised.value).endswith(
        "log.csv:1: received: more than one heading matches 'received': 'Received' (column 2) "
        "and 'received ' (column 10); rename or remove all but one")


def test_a_folder_is_not_a_log(tmp_path):
    with pytest.raises(InputError, match="is a folder, not a file"):
        analyse_file(tmp_path, as_of=AS_OF, progress=False)


def test_the_progress_bar_changes_nothing_but_the_screen(tmp_path, monkeypatch):
    import code_check.complaint_log.reader as reader

    monkeypatch.setattr(reader, "PROGRESS_EVERY_ROWS", 2)
    rows = [GOOD, "X,,2025-06-03,,,,,,", *[GOOD] * 5]
    with_bar = analyse(tmp_path, *rows, progress=True)
    assert with_bar == analyse(tmp_path, *rows)
    assert [r.row for r in with_bar.rejected_rows] == [3]
