"""The action plan as an Excel workbook for service managers (openpyxl). Layout only.

One sheet with every action, then one per owner; each with filters and a frozen header row.
Text a user typed is always a string cell, never a formula; formula-like text also gets the
quote-prefix style, so Excel shows it as typed and never evaluates it.
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
OVERDUE_FILL = PatternFill("solid", fgColor="FDE8E7")
ACTION_COLUMNS = (
    ("Provision", 14), ("Provisional id", 10), ("Section", 9), ("Requirement", 50),
    ("Status", 14), ("Action", 50), ("Owner", 24), ("Due", 12), ("State", 18),
    ("Overdue", 10), ("Evidence", 40),
)
ASSESSMENT_COLUMNS = (
    ("Provision", 14), ("Provisional id", 10), ("Section", 9), ("Must or should", 16),
    ("Requirement", 50), ("Status", 14), ("Gap rank", 9), ("Evidence", 40),
    ("Commentary", 40), ("Action", 40),
)
_SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def render_xlsx(report: Report) -> bytes:
    book = Workbook()
    everything = book.worksheets[0]  # a new workbook's one sheet
    everything.title = "All actions"
    _action_sheet(everything, report.actions)
    owners: dict[str, list[ActionItem]] = {}
    for action in report.actions:
        owners.setdefault(action.owner, []).append(action)
    used = {everything.title.casefold()}
    for owner, actions in sorted(owners.items(), key=lambda item: item[0].casefold()):
        _action_sheet(book.create_sheet(sheet_name(owner, used)), actions)
    _assessment_sheet(book.create_sheet(sheet_name("Full self-assessment", used)), report)
    return save(book)


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
    """Values into a row: text always as an inert string cell."""
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


def header(sheet, columns: tuple[tuple[str, int], ...]) -> None:
    write_row(sheet, 1, [name for name, _ in columns])
    for index, (_, width) in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=index)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"


def _action_sheet(sheet, actions: list[ActionItem]) -> None:
    header(sheet, ACTION_COLUMNS)
    for row, action in enumerate(actions, start=2):
        write_row(sheet, row, [
            action.requirement_id, "Yes" if action.provisional else "No", action.section,
            action.requirement, action.status_label, action.description, action.owner,
            action.due if action.due else "No due date", action.state,
            "Overdue" if action.overdue else "No", "\n".join(action.evidence),
        ])
        sheet.cell(row=row, column=8).number_format = "dd/mm/yyyy"
        for column in (4, 6, 11):
            sheet.cell(row=row, column=column).alignment = Alignment(wrap_text=True,
                                                                     vertical="top")
        if action.overdue:
            for column in (9, 10):
                sheet.cell(row=row, column=column).fill = OVERDUE_FILL
                sheet.cell(row=row, column=column).font = Font(bold=True)
    _filter(sheet, ACTION_COLUMNS, len(actions))


def _assessment_sheet(sheet, report: Report) -> None:
    header(sheet, ASSESSMENT_COLUMNS)
    for row, item in enumerate(report.appendix, start=2):
        action = item.action
        write_row(sheet, row, [
            item.id, "Yes" if item.provisional else "No", item.section, item.obligation_label,
            item.text, item.status_label, item.gap_rank or "", "\n".join(item.evidence),
            item.commentary or "",
            f"{action.description} (owner: {action.owner}; due: {action.due_text}; "
            f"{action.state})" if action else "",
        ])
        for column in (5, 8, 9, 10):
            sheet.cell(row=row, column=column).alignment = Alignment(wrap_text=True,
                                                                     vertical="top")
    _filter(sheet, ASSESSMENT_COLUMNS, len(report.appendix))


def _filter(sheet, columns: tuple, rows: int) -> None:
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(1, rows) + 1}"
