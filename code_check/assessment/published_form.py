"""The self-assessment councils publish on their websites, read from CSV into an Assessment.

Two shapes are understood. The LGSCO form has one row per section of the Code, with section 6
split into stage 1 (row ``6a``) and stage 2 (row ``6b``); a row's answer applies to every
requirement of that row. The Housing Ombudsman's form has one row per provision, answered Yes
or No: a No whose commentary opens with "Partly" (as code-check writes a provision partly met)
is read as partly met. A provision whose number is not confirmed is shown on code-check's forms
by its section; its row is found again by its requirement text. Headers and section cells are
matched loosely, in the forms councils actually write them; anything that cannot be read is an
error naming the spreadsheet row (the header is row 1) and the column. The Housing Ombudsman's
2020 and 2022 forms, numbered differently, are recognised and refused rather than mis-read.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from code_check.assessment.model import Answer, Assessment, Council, Status, worst_of
from code_check.catalogue.model import Catalogue, RowPer, Section
from code_check.errors import InputError
from code_check.readers.csv_text import csv_problem, decode_csv, delimiter_of
from code_check.readers.files import read_bytes

ANSWER_HEADER_WORDS = ("follow", "compliant", "comply")
EVIDENCE_HEADER_WORDS = ("evidence",)
COMMENTARY_HEADER_WORDS = ("comment", "explanation")
REQUIREMENT_HEADER_WORDS = ("requirement", "expect")

_LOOKS_LIKE_PROVISION = re.compile(r"\d+\.(?:\d|x-)", re.I)
_SECTION = re.compile(
    r"(?:section\s*)?(\d+)(?:\s*\(([a-z])\)|([a-z])(?![a-z])|\s+([a-z])(?=\s*(?:$|[-\u2013:.)])))?",
    re.I,
)
_STAGE = re.compile(r"\bstage\s*(\d|one|two|three)\b", re.I)
_STAGE_WORDS = {"one": 1, "two": 2, "three": 3}
_SEPARATORS = ";\n"
_PARTLY_SAID = ("partly", "partial")
_MUST_OR_SHOULD = re.compile(
    r"\W*(?:(?:mandatory|best\s+practice|discretionary)\W*)?(?:must|should)s?\W*"
    r"(?:requirements?)?\W*", re.I)
_STAGES_WORD = re.compile(r"\bstages?\b", re.I)
_OLD_FORM = ("as the Housing Ombudsman's 2020 and 2022 forms did; their numbers are not the "
             "{code} Code's, so no answer can be matched: copy the answers into the current "
             "form (one row per provision) and import that")


@dataclass(frozen=True)
class _Columns:
    answer: int
    evidence: int | None
    commentary: int | None
    requirement: int | None
    headers: tuple[str, ...]

    def name(self, index: int) -> str:
        return self.headers[index].strip() or f"column {index + 1}"


@dataclass(frozen=True)
class _RowAnswer:
    """One line of the form, understood: which rows or provision it answers, and how."""

    line: int
    template_rows: tuple[str, ...]
    provision: str | None
    answer: Answer


def parse_published_form(
    rows: Sequence[Sequence[str]],
    catalogue: Catalogue,
    *,
    council: Council,
    assessed_on: date,
    assessor: str | None = None,
    source: str | Path | None = None,
) -> Assessment:
    """An assessment from the form's rows of cells (the header first, as in the spreadsheet)."""
    header_index = _header_row(rows)
    if header_index is None:
        raise InputError("the file is empty", source=source)
    _refuse_an_older_form(rows, catalogue, source)
    columns = _find_columns(rows[header_index], header_index + 1, source)
    if not any(_has_content(row) for row in rows[header_index + 1:]):
        raise InputError("has a header but no rows of answers under it",
                         source=source, line=header_index + 1)
    understood = [
        row_answer
        for index in range(header_index + 1, len(rows))
        if (row_answer := _read_row(rows[index], index + 1, columns, catalogue, source))
    ]
    answers = _combine(understood, catalogue, source)
    return Assessment(
        council=council, catalogue=catalogue.id, assessed_on=assessed_on, assessor=assessor,
        answers=answers,
    ).in_code_order(catalogue)


def read_published_form(
    path: Path,
    catalogue: Catalogue,
    *,
    council: Council,
    assessed_on: date,
    assessor: str | None = None,
) -> Assessment:
    """Read a published self-assessment saved as CSV (in any encoding ``decode_csv`` reads)."""
    return parse_published_form(
        form_cells(path), catalogue, council=council, assessed_on=assessed_on, assessor=assessor,
        source=path,
    )


def form_cells(path: Path) -> list[list[str]]:
    """The cells of a published form saved as CSV (in any encoding ``decode_csv`` reads)."""
    raw = read_bytes(path)
    if not raw.strip():
        raise InputError("the file is empty", source=path)
    return csv_rows(decode_csv(raw, path), path)


def form_catalogue(rows: Sequence[Sequence[str]], chosen: Catalogue,
                   catalogues: Iterable[Catalogue]) -> Catalogue:
    """The catalogue whose form this is: ``chosen``, unless the table's headings are exactly
    those of one other catalogue's form (the Housing Ombudsman's form, exported by code-check,
    imported while the LGSCO Code was chosen), whose numbers the chosen Code would mis-read."""
    header_index = _header_row(rows)
    if header_index is None:
        return chosen
    headings = _headings(rows[header_index])
    if _headings(chosen.published_form.columns) == headings:
        return chosen
    matching = [c for c in catalogues if _headings(c.published_form.columns) == headings]
    return matching[0] if len(matching) == 1 else chosen


def csv_rows(text: str, source: str | Path) -> list[list[str]]:
    """The cells of each record; the delimiter is whichever of , ; or tab the header uses most."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter_of(text), strict=True)
    rows: list[list[str]] = []
    try:
        for row in reader:
            rows.append(row)
    except csv.Error as exc:
        raise InputError(csv_problem(exc), source=source, line=len(rows) + 1) from None
    return rows


# columns -----------------------------------------------------------------------------------

def _find_columns(header: Sequence[str], line: int, source: str | Path | None) -> _Columns:
    folded = [cell.casefold() for cell in header]
    answer = _column_with(folded, ANSWER_HEADER_WORDS, taken=())
    if answer is None:
        raise InputError(
            "no answer column: one header must contain \"follow\", \"compliant\" or \"comply\" "
            "(for example \"Do we follow the Code\")",
            source=source, line=line,
        )
    if answer == 0:
        raise InputError(
            "the first column must name the section or provision, not hold the answers",
            source=source, line=line, field=header[0].strip() or "column 1",
        )
    evidence = _column_with(folded, EVIDENCE_HEADER_WORDS, taken=(0, answer))
    commentary = _column_with(folded, COMMENTARY_HEADER_WORDS, taken=(0, answer, evidence))
    requirement = _column_with(folded, REQUIREMENT_HEADER_WORDS,
                               taken=(0, answer, evidence, commentary))
    return _Columns(answer, evidence, commentary, requirement, tuple(header))


def _headings(cells: Sequence[str]) -> tuple[str, ...]:
    return tuple(_folded(cell) for cell in cells if cell.strip())


def _column_with(folded: list[str], words: tuple[str, ...],
                 taken: tuple[int | None, ...]) -> int | None:
    for index, cell in enumerate(folded):
        if index not in taken and any(word in cell for word in words):
            return index
    return None


# rows --------------------------------------------------------------------------------------

def _read_row(
    cells: Sequence[str], line: int, columns: _Columns, catalogue: Catalogue,
    source: str | Path | None,
) -> _RowAnswer | None:
    if not _has_content(cells):
        return None
    first = _cell(cells, 0)
    where: dict[str, Any] = {"source": source, "line": line, "field": columns.name(0)}
    if not first:
        raise InputError("no section or provision named in the first column", **where)
    commentary = _cell(cells, columns.commentary) or None
    answer = Answer(
        status=_partly_if_said(_status(_cell(cells, columns.answer), line, columns, source),
                               commentary),
        evidence=_evidence(_cell(cells, columns.evidence)),
        commentary=commentary,
    )
    provision = (_provision(first, catalogue, where)
                 or _provision_by_text(first, _cell(cells, columns.requirement), catalogue))
    if provision is not None:
        return _RowAnswer(line, (), provision, answer)
    if catalogue.published_form.one_row_per is RowPer.PROVISION:
        _refuse_an_answered_section(first, answer, catalogue, where)
        return None  # a heading, such as "Section 5 - The complaint handling process"
    template_rows = _template_rows(first, catalogue, where)
    return _RowAnswer(line, template_rows, None, answer)


def _status(cell: str, line: int, columns: _Columns, source: str | Path | None) -> Status | None:
    text = " ".join(cell.casefold().split()).rstrip(".")
    if not text:
        return None
    if text == "yes":
        return Status.MET
    if text == "no":
        return Status.NOT_MET
    if text.startswith(("partial", "partly")) or re.match(r"yes\W*with\b", text):
        return Status.PARTLY_MET
    if text in ("n/a", "na", "n.a", "not applicable"):
        return Status.NOT_APPLICABLE
    if text == "not assessed":  # what code-check's own form says of a row with no answers
        return None
    raise InputError(
        f"{cell.strip()!r} is not an answer code-check understands "
        "(use Yes, No, Partial, \"Yes, with ...\", N/A, or leave it empty)",
        source=source, line=line, field=columns.name(columns.answer),
    )


def _partly_if_said(status: Status | None, commentary: str | None) -> Status | None:
    """A No explained as partly in place is partly met: the Housing Ombudsman's form has no
    Partly, so councils (and code-check) answer No and say so in the commentary."""
    if status is Status.NOT_MET and (commentary or "").casefold().startswith(_PARTLY_SAID):
        return Status.PARTLY_MET
    return status


def _evidence(cell: str) -> list[str]:
    items = re.split(f"[{re.escape(_SEPARATORS)}]", cell.replace("\r", "\n"))
    return [item.strip() for item in items if item.strip()]


def _provision(first: str, catalogue: Catalogue, where: dict[str, Any]) -> str | None:
    """A provision id such as ``5.4`` or ``6.x-s2-acknowledge`` at the start of the cell."""
    token = first.split()[0].rstrip(".:;,)")
    if not _LOOKS_LIKE_PROVISION.match(token):
        return None
    wanted = token.lower()
    if catalogue.requirement(wanted) is None:
        raise InputError(f"unknown provision {wanted!r} (not in catalogue {catalogue.id})",
                         **where)
    return wanted


def _provision_by_text(first: str, requirement: str, catalogue: Catalogue) -> str | None:
    """The provision a row names by its section ("Section 4") and its requirement text, as
    code-check's provision-level forms show a provision whose number is not confirmed."""
    match = _SECTION.match(first)
    if match is None or not requirement:
        return None
    section = _section(catalogue, match.group(1))
    wanted = _folded(requirement)
    return next((r.id for r in section.requirements if _folded(r.text) == wanted),
                None) if section else None


def _refuse_an_answered_section(first: str, answer: Answer, catalogue: Catalogue,
                                where: dict[str, Any]) -> None:
    """A row naming no provision on a one-row-per-provision form is a heading only when it
    answers nothing."""
    if not _is_blank(answer):
        raise InputError(f"{first!r} names no provision (the {catalogue.id} form has one row "
                         f"per provision, such as {catalogue.requirements[0].id})", **where)


def _template_rows(first: str, catalogue: Catalogue, where: dict[str, Any]) -> tuple[str, ...]:
    """The form rows a section cell names: ``1``, ``Section 1 - ...``, ``6a``, ``Stage 2``."""
    known = [row.id for row in catalogue.template_rows]
    match = _SECTION.match(first)
    stages = {_stage_letter(m.group(1)) for m in _STAGE.finditer(first)}
    if match is None and not stages:
        raise InputError(f"{first!r} names no section of the Code (expected a number such as "
                         "1, 6a or a provision such as 5.4)", **where)
    if match is None:
        rows = tuple(row for row in known if row[-1:] in stages and row[:-1].isdigit())
        if len({row[:-1] for row in rows}) != 1:
            raise InputError(f"{first!r} does not say which section it belongs to", **where)
        return rows
    number = match.group(1)
    letter = (match.group(2) or match.group(3) or match.group(4) or "").lower()
    if letter:
        return _known(f"{number}{letter}", known, first, where)
    if number in known:
        return (number,)
    staged = tuple(row for row in known if re.fullmatch(rf"{number}[a-z]", row))
    if not staged:
        raise InputError(f"unknown section {number!r} (the form has rows "
                         f"{', '.join(known)})", **where)
    if stages:
        return tuple(_known(f"{number}{letter}", known, first, where)[0]
                     for letter in sorted(stages))
    return staged


def _stage_letter(stage: str) -> str:
    number = _STAGE_WORDS.get(stage.lower()) or int(stage)
    return chr(ord("a") + number - 1)


def _known(row: str, known: list[str], first: str, where: dict[str, Any]) -> tuple[str]:
    if row not in known:
        raise InputError(f"unknown section {row!r} in {first!r} (the form has rows "
                         f"{', '.join(known)})", **where)
    return (row,)


# older forms ---------------------------------------------------------------------------------

def _refuse_an_older_form(rows: Sequence[Sequence[str]], catalogue: Catalogue,
                          source: str | Path | None) -> None:
    """The Housing Ombudsman's 2020 and 2022 forms split each section into "must" and
    "should" rows and put the complaint stages in section 5: read as today's Code, their
    numbers would answer the wrong provisions."""
    for index, cells in enumerate(rows):
        said = next((cell.strip() for cell in cells[:2] if _MUST_OR_SHOULD.fullmatch(cell)),
                    None)
        if said:
            raise InputError(f"{said!r} splits the form into \"must\" and \"should\" rows, "
                             + _OLD_FORM.format(code=catalogue.id),
                             source=source, line=index + 1)
        misplaced = _stages_misplaced(_cell(cells, 0), catalogue)
        if misplaced:
            raise InputError(f"{_cell(cells, 0)!r} {misplaced}, "
                             + _OLD_FORM.format(code=catalogue.id),
                             source=source, line=index + 1)


def _stages_misplaced(first: str, catalogue: Catalogue) -> str | None:
    """What is wrong when a heading gives the complaint stages a section number whose
    section, in this catalogue, is about something else."""
    match = _SECTION.match(first)
    if match is None or _LOOKS_LIKE_PROVISION.match(first) or not _STAGES_WORD.search(first):
        return None
    number = match.group(1)
    section = _section(catalogue, number)
    if section is None or _STAGES_WORD.search(section.title):
        return None
    return (f"puts the complaint stages in section {number} (in {catalogue.id} section "
            f"{number} is {section.title!r})")


# answers -----------------------------------------------------------------------------------

def _combine(understood: list[_RowAnswer], catalogue: Catalogue,
             source: str | Path | None) -> dict[str, Answer]:
    """Row answers spread over their requirements; provision rows then override them."""
    _refuse_repeats(understood, source)
    by_requirement: dict[str, list[Answer]] = {}
    for row_answer in understood:
        if row_answer.provision or _is_blank(row_answer.answer):
            continue
        for row in row_answer.template_rows:
            marked = row_answer.answer.model_copy(update={"via_row": row})
            for requirement in catalogue.in_template_row(row):
                by_requirement.setdefault(requirement.id, []).append(marked)
    # Where one provision sits in two rows (6.21), the worse answer stands.
    answers = {rid: worst_of(candidates) for rid, candidates in by_requirement.items()}
    for row_answer in understood:
        if row_answer.provision and not _is_blank(row_answer.answer):
            answers[row_answer.provision] = row_answer.answer
    return answers


def _refuse_repeats(understood: list[_RowAnswer], source: str | Path | None) -> None:
    """Two lines answering the same row or provision: one answer would silently be lost."""
    seen: dict[str, int] = {}
    for row_answer in understood:
        if _is_blank(row_answer.answer):
            continue  # a heading row, such as "6 Complaints stages" above its two stages
        names = [f"provision {row_answer.provision}"] if row_answer.provision else [
            f"row {row}" for row in row_answer.template_rows]
        for name in names:
            if name in seen:
                raise InputError(f"{name} is answered twice (also on row {seen[name]})",
                                 source=source, line=row_answer.line)
            seen[name] = row_answer.line


def _is_blank(answer: Answer) -> bool:
    return answer.status is None and not answer.evidence and answer.commentary is None


def _cell(cells: Sequence[str], index: int | None) -> str:
    if index is None or index >= len(cells):
        return ""
    return cells[index].strip()


def _section(catalogue: Catalogue, number: str) -> Section | None:
    return next((section for section in catalogue.sections if section.id == number), None)


def _folded(text: str) -> str:
    return " ".join(text.casefold().split())


def _has_content(cells: Sequence[str]) -> bool:
    return any(cell.strip() for cell in cells)


def _header_row(rows: Sequence[Sequence[str]]) -> int | None:
    """The first row with an answer header, so lines above the table (the council, the date,
    who approved it) are passed over; else the first filled row, to say what is wrong."""
    headers = (index for index, cells in enumerate(rows)
               if any(word in cell.casefold() for cell in cells[1:]
                      for word in ANSWER_HEADER_WORDS))
    return next(headers, _first_filled(rows))


def _first_filled(rows: Sequence[Sequence[str]]) -> int | None:
    return next((index for index, cells in enumerate(rows) if _has_content(cells)), None)
