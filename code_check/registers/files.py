"""The registers as files: CSV for spreadsheets and YAML for review, each read back exactly as
it was written.

CSV is read by the one rule for every CSV code-check reads (``readers.csv_text``): one row an
entry under a header of column names, several references or provisions in one cell between
semicolons, choices in words or as their values. A cell that a spreadsheet would run as a
formula is written with a leading apostrophe (``report.inert.neutralise``), which reading
takes off again. YAML is read safely, anchors and aliases refused (``readers.yaml_source``),
under one key naming the register (``learning:`` or ``decisions:``).

All or nothing: the first bad entry stops the read with one line naming the file, the row (the
spreadsheet's row, the header being row 1; in YAML the line) and the field.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from datetime import date
from itertools import count
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from code_check.assessment.files import dump_yaml
from code_check.catalogue.model import Catalogue
from code_check.errors import InputError
from code_check.readers.csv_text import csv_problem, decode_csv, delimiter_of
from code_check.readers.files import read_bytes, write_atomically
from code_check.readers.yaml_source import compose, located_error, read_text
from code_check.registers.model import (
    LIST_SEPARATOR,
    Entry,
    LearningEntry,
    OmbudsmanDecision,
    Worded,
    first_problem,
)
from code_check.report.inert import neutralise, starts_like_formula
from code_check.statistics.model import financial_year

YEAR = "year"  # written for people sorting a spreadsheet; read only to be checked
NAMES: dict[type[Any], str] = {LearningEntry: "learning", OmbudsmanDecision: "decisions"}
SUFFIXES = (".csv", ".yaml", ".yml")


def columns(kind: type[LearningEntry | OmbudsmanDecision]) -> tuple[str, ...]:
    """A register's columns in file order: council and year first, then the model's fields."""
    return ("council", YEAR, *(name for name in kind.model_fields if name != "council"))


# writing ------------------------------------------------------------------------------------

def write_register(path: Path, entries: Iterable[Entry], kind: type[Entry]) -> None:
    """Write a register to a .csv, .yaml or .yml file, whole or not at all."""
    text = dump_csv(entries, kind) if _suffix(path) == ".csv" else dump_register_yaml(
        entries, kind)
    write_atomically(path, text)


def dump_csv(entries: Iterable[Entry], kind: type[Entry]) -> str:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns(kind))
    for entry in entries:
        writer.writerow([csv_cell(text_of(value)) for value in _values(entry).values()])
    return out.getvalue()


def dump_register_yaml(entries: Iterable[Entry], kind: type[Entry]) -> str:
    rows = [{key: value for key, value in _values(entry).items() if value not in (None, [])}
            for entry in entries]
    return dump_yaml({NAMES[kind]: rows})


def _values(entry: LearningEntry | OmbudsmanDecision) -> dict[str, Any]:
    """An entry's values in column order, its choices in words."""
    values: dict[str, Any] = {"council": entry.council, YEAR: entry.year}
    for name in columns(type(entry))[2:]:
        value = getattr(entry, name)
        values[name] = value.label if isinstance(value, Worded) else value
    return values


def text_of(value: object) -> str:
    """A value as a CSV cell holds it: lists between semicolons, yes or no, ISO dates."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return f"{LIST_SEPARATOR} ".join(value)
    return value.isoformat() if isinstance(value, date) else str(value)


def csv_cell(text: str) -> str:
    """A CSV cell a spreadsheet cannot run: ``neutralise``d, and given one more apostrophe
    when it already begins with apostrophes before a formula, so that ``read_cell`` takes off
    exactly the one added."""
    cell: str = neutralise(text)  # type: ignore[no-untyped-call]  # the report shell's
    return "'" + cell if cell == text and _needs_apostrophe(text) else cell


def read_cell(cell: str) -> str:
    """The text ``csv_cell`` wrote."""
    return cell[1:] if cell.startswith("'") and _needs_apostrophe(cell[1:]) else cell


def _needs_apostrophe(text: str) -> bool:
    return starts_like_formula(text.lstrip("'"))


# reading ------------------------------------------------------------------------------------

def read_register(path: Path, kind: type[Entry],
                  catalogues: Iterable[Catalogue] = ()) -> list[Entry]:
    """Every entry of a register file, checked (provisions against ``catalogues``)."""
    reader = _read_csv if _suffix(path) == ".csv" else _read_yaml
    entries = reader(path, kind, list(catalogues))
    _refuse_a_case_twice(entries, path)
    return [entry for _, entry in entries]


def _suffix(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise InputError("expected a .csv, .yaml or .yml file", source=path)
    return suffix


def _read_csv(path: Path, kind: type[Entry],
              catalogues: list[Catalogue]) -> list[tuple[int, Entry]]:
    text = decode_csv(read_bytes(path), path)
    records = _records(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter_of(text),
                                  strict=True), path)
    header = next(records, (1, []))[1]
    if not any(cell.strip() for cell in header):
        raise InputError("the file is empty: expected a header row of column names",
                         source=path, line=1)
    names = _header(header, kind, path)
    entries = []
    for row, record in records:
        if not any(cell.strip() for cell in record):
            continue
        if len(record) > len(names):
            raise InputError(f"has {len(record)} cells but the header names {len(names)} "
                             "columns", source=path, line=row)
        data = {name: read_cell(cell) for name, cell in zip(names, record, strict=False)
                if name and cell.strip()}
        entries.append((row, _entry(kind, data, path, row, catalogues)))
    return entries


def _records(reader: Any, path: Path) -> Iterator[tuple[int, list[str]]]:
    """Each record with its spreadsheet row; one the csv module cannot read is an error on
    that row, worded as for every CSV file."""
    for row in count(1):
        try:
            yield row, next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise InputError(csv_problem(error), source=path, line=row) from None


def _header(header: list[str], kind: type[Entry], path: Path) -> list[str]:
    names = [cell.strip().lower() for cell in header]
    known = columns(kind)
    for name in names:
        if name and name not in known:
            raise InputError(f"is not a column of the {NAMES[kind]} register (its columns: "
                             f"{', '.join(known)})", source=path, line=1, field=name)
        if name and names.count(name) > 1:
            raise InputError("appears twice in the header", source=path, line=1, field=name)
    for name, field in kind.model_fields.items():
        if field.is_required() and name not in names:
            raise InputError("is a required column but the header lacks it", source=path,
                             line=1, field=name)
    return names


def _read_yaml(path: Path, kind: type[Entry],
               catalogues: list[Catalogue]) -> list[tuple[int, Entry]]:
    data, node = compose(read_text(path), path)
    name = NAMES[kind]
    items = data.get(name) if isinstance(data, dict) else None
    if not isinstance(items, list) or set(data) != {name}:
        raise InputError(f"expected the {name} register: '{name}:' and under it a list of "
                         "entries, each starting with '- council: ...'", source=path,
                         line=node.start_mark.line + 1)
    item_nodes = node.value[0][1].value
    return [(item_node.start_mark.line + 1, _yaml_entry(kind, item, item_node, path, catalogues))
            for item, item_node in zip(items, item_nodes, strict=True)]


def _yaml_entry(kind: type[Entry], item: object, node: yaml.Node, path: Path,
                catalogues: list[Catalogue]) -> Entry:
    if not isinstance(item, dict):
        raise InputError("expected the fields of one entry (council: ..., and the rest)",
                         source=path, line=node.start_mark.line + 1)
    return _entry(kind, item, path, node.start_mark.line + 1, catalogues, node)


def _entry(kind: type[Entry], data: dict[str, Any], path: Path, line: int,
           catalogues: list[Catalogue], node: yaml.Node | None = None) -> Entry:
    """One entry checked, a problem named on its row (in YAML, the line of the field); a year
    given beside the entry's date must be the date's year."""
    fields = {key: value for key, value in data.items() if key != YEAR}
    try:
        entry = kind.model_validate(fields, context={"catalogues": catalogues})
    except ValidationError as exc:
        field, problem = first_problem(exc)
        at = line if node is None else located_error(exc, node, path).line
        raise InputError(problem, source=path, line=at, field=field) from None
    if YEAR in data:
        try:
            given = financial_year(data[YEAR])
        except ValueError as exc:
            raise InputError(str(exc), source=path, line=line, field=YEAR) from None
        if given != entry.year:
            raise InputError(f"{given} is not the year of its date, which falls in "
                             f"{entry.year}", source=path, line=line, field=YEAR)
    return entry


def _refuse_a_case_twice(entries: list[tuple[int, Entry]], path: Path) -> None:
    """A file gives each Ombudsman's case once (two entries would be two versions of it)."""
    seen: dict[tuple[str, str], int] = {}
    for line, entry in entries:
        if not isinstance(entry, OmbudsmanDecision):
            return
        key = (entry.ombudsman.value, entry.reference)
        if key in seen:
            raise InputError(f"case {entry.reference} is already given on row {seen[key]}",
                             source=path, line=line, field="reference")
        seen[key] = line
