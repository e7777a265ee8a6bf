"""The action plan as an Excel workbook for service managers (openpyxl). Layout only.

One sheet with every action, then one per owner, then the full self-assessment. Every sheet
names the council, the assessment and its readiness above a filtered, frozen header row, and
prints landscape, one page wide, with those rows on every page. Dates and numbers are stored
as dates and numbers, so they sort and filter. Text a user typed is always a string cell,
never a formula; formula-like text also gets the quote-prefix style, so Excel shows it as
typed and never evaluates it.
"""

from __future__ import annotations

import io
import re

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from code_check.report.inert import starts_like_formula, visible
from code_check.report.model import ActionItem, Report

HEADER_FILL = PatternFill("solid", fgColor="DDE2EA")
RAG_FILLS = {  # light shades: the RAG's words stay readable in black on each
    "Red": PatternFill("solid", fgColor="F4C7C3"),
    "Amber": PatternFill("solid", fgColor="FCE8B2"),
    "Green": PatternFill("solid", fgColor="B7E1CD"),
    "Blue": PatternFill("solid", fgColor="C9DAF8"),
}
DATE_FORMAT = "dd/mm/yyyy"
ACTION_COLUMNS = (
    ("Provision", 14), ("Provisional id", 10), ("Section", 9), ("Requirement", 50),
    ("Status", 14), ("Priority", 9), ("Why this priority", 22), ("Action", 50), ("Owner", 24),
    ("Due", 12), ("Revised due", 12), ("RAG", 20), ("Completed", 12), ("Progress notes", 50),
    ("Evidence", 40),
)
ACTION_DATE_COLUMNS = (10, 11, 13)
ACTION_RAG_COLUMN = 12
ACTION_TEXT_COLUMNS = (4, 8, 14, 15)
ASSESSMENT_COLUMNS = (
    ("Provision", 14), ("Provisional id", 10), ("Section", 9), ("Must or should", 16),
    ("Requirement", 50), ("Status", 14), ("Gap rank", 9), ("Evidence", 40),
    ("Commentary", 40), ("Action", 40),
)
_SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def render_xlsx(report: Report) -> bytes:
    book = Workbook()
    headings = report_headings(report)
    everything = book.worksheets[0]  # a new workbook's one sheet
    everything.title = "All actions"
    _action_sheet(everything, headings, report.actions)
    owners: dict[str, list[ActionItem]] = {}
    for action in report.actions:
        owners.setdefault(action.owner, []).append(action)
    used = {everything.title.casefold()}
    for owner, actions in sorted(owners.items(), key=lambda item: item[0].casefold()):
        _action_sheet(book.create_sheet(sheet_name(owner, used)), headings, actions)
    _assessment_sheet(book.create_sheet(sheet_name("Full self-assessment", used)), headings,
                      report)
    return save(book)


def report_headings(report: Report) -> list[str]:
    """What every sheet says above its table: whose assessment, and how ready."""
    title, summary = report.title, report.summary
    return [f"{title.council}: {title.catalogue_title} self-assessment of "
            f"{title.assessed_on_text}",
            f"Readiness {summary.score_text} ({summary.band}); actions as at {title.as_of_text}"]


def save(book: Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def sheet_name(wanted: str, used: set[str]) -> str:
    """A valid, unused sheet name (Excel: one line of at most 31 characters, no []:*?/\\)."""
    base = _SHEET_NAME_FORBIDDEN.sub(" ", visible(wanted, line_breaks=False)).strip(" '")
    base = base or "Sheet"
    if len(base) > 31 and "(" in base:  # "Priya Shah (Head of Legal ...)": the name will do
        base = base.split("(")[0].strip() or base
    name, number = base[:31], 2
    while name.casefold() in used:
        suffix = f" ({number})"
        name, number = base[:31 - len(suffix)] + suffix, number + 1
    used.add(name.casefold())
    return name


def write_row(sheet, row: int, values: list) -> None:
    """Values into a row: text always as an inert string cell, dates shown the UK way."""
    for column, value in enumerate(values, start=1):
        cell = sheet.cell(row=row, column=column)
        if isinstance(value, str):
            text = visible(value)
            cell.value = text
            cell.data_type = "s"
            if starts_like_formula(text):
                cell.quotePrefix = True
        else:
            cell.value = value
            if cell.is_date:
                cell.number_format = DATE_FORMAT


def header(sheet, headings: list[str], columns: tuple[tuple[str, int], ...]) -> int:
    """The heading lines, then the column names: frozen, and repeated on every printed page,
    which is landscape and one page wide. Returns the first row for data."""
    for row, heading in enumerate(headings, start=1):
        write_row(sheet, row, [heading])
        sheet.cell(row=row, column=1).font = Font(bold=True, size=14 if row == 1 else 11)
    names_row = len(headings) + 1
    write_row(sheet, names_row, [name for name, _ in columns])
    for index, (_, width) in enumerate(columns, start=1):
        cell = sheet.cell(row=names_row, column=index)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = f"A{names_row + 1}"
    sheet.print_title_rows = f"1:{names_row}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages down as it takes
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    return names_row + 1


def filtered(sheet, columns: tuple, first_row: int, rows: int) -> None:
    """A filter over the column names and the rows below them."""
    sheet.auto_filter.ref = (f"A{first_row - 1}:{get_column_letter(len(columns))}"
                             f"{first_row + max(0, rows - 1)}")


def _action_sheet(sheet, headings: list[str], actions: list[ActionItem]) -> None:
    first = header(sheet, headings, ACTION_COLUMNS)
    for row, action in enumerate(actions, start=first):
        write_row(sheet, row, [
            action.requirement_id, "Yes" if action.provisional else "No", action.section,
            action.requirement, action.status_label, action.priority, action.priority_reason,
            action.description, action.owner, action.due, action.revised_due, action.state,
            action.completed, _progress_notes(action), "\n".join(action.evidence),
        ])
        for column in ACTION_DATE_COLUMNS:
            sheet.cell(row=row, column=column).number_format = DATE_FORMAT
        for column in ACTION_TEXT_COLUMNS:
            sheet.cell(row=row, column=column).alignment = Alignment(wrap_text=True,
                                                                     vertical="top")
        rag = sheet.cell(row=row, column=ACTION_RAG_COLUMN)
        rag.fill = RAG_FILLS[action.rag_colour]
        rag.font = Font(bold=action.overdue)
    filtered(sheet, ACTION_COLUMNS, first, len(actions))


def _progress_notes(action: ActionItem) -> str:
    return "\n".join(f"{note.on:%d/%m/%Y}: {note.note}" for note in action.progress)


def _assessment_sheet(sheet, headings: list[str], report: Report) -> None:
    first = header(sheet, headings, ASSESSMENT_COLUMNS)
    for row, item in enumerate(report.appendix, start=first):
        action = item.action
        write_row(sheet, row, [
            item.id, "Yes" if item.provisional else "No", item.section, item.obligation_label,
            item.text, item.status_label, item.gap_rank, "\n".join(item.evidence),
            item.commentary or "",
            f"{action.description} (owner: {action.owner}; due: {action.due_text}; "
            f"{action.state})" if action else "",
        ])
        for column in (5, 8, 9, 10):
            sheet.cell(row=row, column=column).alignment = Alignment(wrap_text=True,
                                                                     vertical="top")
    filtered(sheet, ASSESSMENT_COLUMNS, first, len(report.appendix))
