"""The demo council, dated relative to the day it is installed, so it never looks stale.

The bundled files are dated as if installed in June 2026 (``ANCHOR``): the latest assessment
at the end of March and the one before at the end of December, four actions overdue and most
not yet due, a complaint log for the year to the end of March, and the Ombudsman's figures up
to 2024-25 (each year's letter comes out in July), and the registers: learning through
2025-26 and the Ombudsman's decisions, one remedy overdue. Installed in another month, the demo
moves by that many months: assessment and due dates by whole months (a month's last day stays the
last day), the complaint log by the nearest whole number of weeks (so weekdays, and with them
working days, stay as they were), the Ombudsman's years by the letters published meanwhile,
and years named in the text by whole years no later than the dates moved.
"""

from __future__ import annotations

import calendar
import csv
import io
import re
from collections.abc import Mapping
from datetime import date, timedelta

from code_check.assessment.model import Action, Answer, Assessment
from code_check.registers.model import LearningEntry, OmbudsmanDecision
from code_check.statistics.model import OmbudsmanStats

ANCHOR = date(2026, 6, 1)
LOG_END = date(2026, 3, 31)  # the log's last day, and the latest assessment's
LOG_DATE_COLUMNS = ("received", "acknowledged", "stage1_response", "escalated",
                    "stage2_acknowledged", "stage2_response")
_YEAR_IN_TEXT = re.compile(r"\b(20\d\d)(?:([/-])(\d\d)(?![\d-]))?")  # 2025, 2025/26, 2025-26
_REFERENCE_MONTH = re.compile(r"^(EBC-)\d{4}(-)")


def months_moved(today: date) -> int:
    """How many months the demo moves when installed on ``today``."""
    return (today.year - ANCHOR.year) * 12 + today.month - ANCHOR.month


def move_date(day: date, months: int) -> date:
    """The same day ``months`` later (earlier when negative); a month's last day stays last."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    length = calendar.monthrange(year, month + 1)[1]
    if day.day == calendar.monthrange(day.year, day.month)[1]:
        return date(year, month + 1, length)
    return date(year, month + 1, min(day.day, length))


def move_text(text: str, months: int) -> str:
    """Years named in the text (``October 2025``, ``2025/26``, ``report-2025-26``) moved by
    whole years, never past the dates themselves: evidence from before an assessment stays
    before it."""
    years = months // 12
    if not years:
        return text

    def moved(match: re.Match[str]) -> str:
        year = int(match[1]) + years
        return f"{year}{match[2]}{(year + 1) % 100:02d}" if match[3] else str(year)

    return _YEAR_IN_TEXT.sub(moved, text)


def move_assessment(assessment: Assessment, months: int) -> Assessment:
    also = assessment.also and assessment.also.model_copy(
        update={"answers": _move_answers(assessment.also.answers, months)})
    return assessment.model_copy(update={
        "assessed_on": move_date(assessment.assessed_on, months),
        "answers": _move_answers(assessment.answers, months), "also": also})


def _move_answers(answers: dict[str, Answer], months: int) -> dict[str, Answer]:
    return {rid: _move_answer(answer, months) for rid, answer in answers.items()}


def _move_answer(answer: Answer, months: int) -> Answer:
    action = answer.action
    if action is not None:
        action = Action(description=move_text(action.description, months), owner=action.owner,
                        due=action.due and move_date(action.due, months), done=action.done)
    commentary = answer.commentary and move_text(answer.commentary, months)
    return answer.model_copy(update={
        "evidence": [move_text(item, months) for item in answer.evidence],
        "commentary": commentary, "action": action})


def move_statistics(rows: list[OmbudsmanStats], months: int) -> list[OmbudsmanStats]:
    """Years moved by the Ombudsman's letters published since the anchor (each July)."""
    years = (months + 11) // 12
    return [OmbudsmanStats.model_validate({**row.model_dump(), "year": _financial_year(
        int(row.year[:4]) + years)}) for row in rows]


def _financial_year(first: int) -> str:
    return f"{first}-{(first + 1) % 100:02d}"


def move_complaint_log(text: str, months: int) -> str:
    """The demo complaint log (CSV) moved by the whole weeks nearest to ``months``."""
    shift = timedelta(weeks=round((move_date(LOG_END, months) - LOG_END).days / 7))
    reader = csv.DictReader(io.StringIO(text, newline=""))
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, reader.fieldnames or (), lineterminator="\n")
    writer.writeheader()
    for row in reader:
        for column in LOG_DATE_COLUMNS:
            if row[column]:
                row[column] = (date.fromisoformat(row[column]) + shift).isoformat()
        received = date.fromisoformat(row["received"])
        row["reference"] = _REFERENCE_MONTH.sub(rf"\g<1>{received:%y%m}\g<2>",
                                                row["reference"])
        writer.writerow(row)
    return out.getvalue()


def move_learning(entries: list[LearningEntry], months: int,
                  references: Mapping[str, str]) -> list[LearningEntry]:
    """Learning moved by whole months, each complaint named as the moved log names it."""
    return [entry.model_copy(update={
        "changed_on": move_date(entry.changed_on, months),
        "learned": move_text(entry.learned, months), "changed": move_text(entry.changed, months),
        "complaints": [references.get(reference, reference) for reference in entry.complaints],
    }) for entry in entries]


def move_decisions(entries: list[OmbudsmanDecision], months: int) -> list[OmbudsmanDecision]:
    """Decisions and their remedies' due dates moved by whole months (so an overdue remedy
    stays overdue)."""
    return [entry.model_copy(update={
        "decided_on": move_date(entry.decided_on, months),
        "remedy_due": entry.remedy_due and move_date(entry.remedy_due, months),
        "remedy": entry.remedy and move_text(entry.remedy, months),
        "note": entry.note and move_text(entry.note, months),
    }) for entry in entries]


def moved_references(text: str, months: int) -> dict[str, str]:
    """The demo log's references before and after moving it: a reference names the month its
    complaint came in, which moving may change."""
    def references(log: str) -> list[str]:
        return [row["reference"] for row in csv.DictReader(io.StringIO(log, newline=""))]

    return dict(zip(references(text), references(move_complaint_log(text, months)),
                    strict=True))
