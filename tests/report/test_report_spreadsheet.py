"""The action plan workbook read back: headings on every sheet, print setup, typed cells, the
manager's fields and RAG colours; and the cohort workbook's typed cells."""

from __future__ import annotations

import io
from datetime import date, datetime

import openpyxl
import pytest

from code_check.assessment.model import ProgressNote
from code_check.report.cohort_export import render_cohort_xlsx
from code_check.report.spreadsheet import ACTION_COLUMNS, RAG_FILLS, render_xlsx

from . import demo_inputs


def book_of(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


@pytest.fixture(scope="module")
def book(report):
    return book_of(render_xlsx(report))


def test_every_sheet_names_the_council_the_assessment_and_readiness(book, report):
    for sheet in book.worksheets:
        assert sheet["A1"].value == ("Example Borough Council: Complaint Handling Code "
                                     "self-assessment of 31 March 2026")
        assert sheet["A2"].value == (f"Readiness {report.summary.score_text} "
                                     f"({report.summary.band}); actions as at "
                                     f"{report.title.as_of_text}")
        assert sheet["A3"].value == "Provision"


def test_every_sheet_prints_landscape_one_page_wide_with_its_headings_repeated(book):
    for sheet in book.worksheets:
        assert sheet.page_setup.orientation == "landscape"
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
        assert sheet.print_title_rows == "$1:$3"


def test_dates_and_numbers_are_stored_as_such(book, report):
    columns = [name for name, _ in ACTION_COLUMNS]
    rows = list(book["All actions"].iter_rows(min_row=4, values_only=True))
    assert [row[columns.index("Provision")] for row in rows] == [
        a.requirement_id for a in report.actions]
    for row, action in zip(rows, report.actions, strict=True):
        due = row[columns.index("Due")]
        assert due == (datetime.combine(action.due, datetime.min.time()) if action.due
                       else None)
        assert row[columns.index("Priority")] == action.priority
    due_cell = book["All actions"].cell(row=4, column=columns.index("Due") + 1)
    assert due_cell.is_date and due_cell.number_format == "dd/mm/yyyy"
    gap_ranks = [row[6] for row in book["Full self-assessment"].iter_rows(min_row=4,
                                                                         values_only=True)]
    assert {type(rank) for rank in gap_ranks} == {int, type(None)}


def test_the_managers_fields_and_rag_colour(catalogue, assessments):
    previous, current = assessments
    requirement_id, answer = next((rid, a) for rid, a in current.answers.items() if a.action)
    action = answer.action.model_copy(update={
        "due": date(2026, 3, 31), "revised_due": date(2026, 6, 20), "done": False,
        "progress": [ProgressNote(on=date(2026, 2, 2), note="Draft with legal"),
                     ProgressNote(on=date(2026, 3, 3), note="=Signed off")]})
    changed = current.with_answer(requirement_id, answer.model_copy(update={"action": action}))
    sheet = book_of(render_xlsx(demo_inputs.report(catalogue, previous, changed)))["All actions"]
    columns = [name for name, _ in ACTION_COLUMNS]
    row = next(r for r in sheet.iter_rows(min_row=4) if r[0].value == requirement_id)
    cell = {name: row[index] for index, name in enumerate(columns)}
    assert demo_inputs.AS_OF == date(2026, 6, 1)  # 19 days before the revised date
    assert cell["Revised due"].value == datetime(2026, 6, 20)
    assert cell["RAG"].value == "Due within 30 days"
    assert cell["RAG"].fill.fgColor.rgb.endswith(RAG_FILLS["Amber"].fgColor.rgb[-6:])
    assert cell["Progress notes"].value == "02/02/2026: Draft with legal\n03/03/2026: =Signed off"
    assert cell["Progress notes"].data_type == "s"


def test_the_cohort_workbook_stores_dates_and_numbers(cohort):
    book = book_of(render_cohort_xlsx(cohort))
    rows = list(book["Readiness and progress"].iter_rows(min_row=4, values_only=True))
    for row, council in zip(rows, cohort.councils, strict=True):
        assessed_on, readiness, coverage, gaps = row[2], row[3], row[5], row[6]
        assert assessed_on == datetime.combine(council.assessed_on, datetime.min.time())
        assert (readiness, coverage, gaps) == (council.score, council.coverage, council.gaps)
    assert any(row[7] is not None and isinstance(row[8], float) for row in rows)
    for sheet in book.worksheets:
        assert sheet.print_title_rows == "$1:$3" and sheet["A1"].value.startswith("Complaint")
