"""Reading Ombudsman statistics from CSV and YAML files: one row per council and year.

All or nothing: the first bad row stops the read with one line naming the file, the row
(the spreadsheet's row number, the header being row 1) and the column.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import yaml
from pydantic import ValidationError

from code_check.errors import InputError
from code_check.readers.csv_text import csv_problem, decode_csv, delimiter_of
from code_check.readers.files import read_bytes
from code_check.readers.yaml_source import compose, located_error, read_text
from code_check.statistics.model import (
    COLUMNS,
    REQUIRED_COLUMNS,
    OmbudsmanStats,
    first_problem,
    validated,
)

if TYPE_CHECKING:
    from _csv import Reader  # the type csv.reader returns

RENAMED_COLUMNS = {
    "upheld_pct": "published_upheld_pct",
    "satisfactory_remedy_pct": "published_satisfactory_remedy_pct",
}


def read_statistics(path: Path) -> list[OmbudsmanStats]:
    """Every row of a ``.csv``, ``.yaml`` or ``.yml`` statistics file, checked."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        rows = _read_csv(path)
    elif suffix in (".yaml", ".yml"):
        rows = _read_yaml(path)
    else:
        raise InputError("expected a .csv, .yaml or .yml statistics file", source=path)
    _refuse_repeats(rows, path)
    return [row for _, row in rows]


def _read_csv(path: Path) -> list[tuple[int, OmbudsmanStats]]:
    text = decode_csv(read_bytes(path), path)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter_of(text), strict=True)
    records = _records(reader, path)
    header = next(records, None)
    if not header or not any(cell.strip() for cell in header):
        raise InputError("the file is empty: expected a header row of column names",
                         source=path, line=1)
    columns = [cell.strip().lower() for cell in header]
    _check_columns(columns, path)
    rows = []
    for record in records:
        line = reader.line_num
        if not any(cell.strip() for cell in record):
            continue
        if len(record) > len(columns):
            raise InputError(f"has {len(record)} cells but the header names {len(columns)} "
                             "columns", source=path, line=line)
        data = {column: cell for column, cell in zip(columns, record, strict=False)
                if column and cell.strip()}
        rows.append((line, validated(data, source=path, line=line)))
    if not rows:
        raise InputError("has a header but no rows of figures", source=path)
    return rows


def _records(reader: Reader, path: Path) -> Iterator[list[str]]:
    """The reader's rows; one the csv module cannot read is an error on the line it starts on,
    worded as for every CSV file, not a crash."""
    last_line = 0
    while True:
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise InputError(csv_problem(error), source=path, line=last_line + 1) from None
        last_line = reader.line_num
        yield record


def _check_columns(columns: list[str], path: Path) -> None:
    for column in columns:
        if column in RENAMED_COLUMNS:
            raise InputError(
                "rates are worked out from the counts; put the Ombudsman's printed figure in "
                f"a column called {RENAMED_COLUMNS[column]}", source=path, line=1, field=column)
        if column and column not in COLUMNS:
            raise InputError("is not a known column (check the spelling; see the README)",
                             source=path, line=1, field=column)
        if column and columns.count(column) > 1:
            raise InputError("appears twice in the header", source=path, line=1, field=column)
    for column in REQUIRED_COLUMNS:
        if column not in columns:
            raise InputError("is a required column but the header lacks it",
                             source=path, line=1, field=column)


def _read_yaml(path: Path) -> list[tuple[int, OmbudsmanStats]]:
    data, node = compose(read_text(path), path)
    if not isinstance(data, list):
        raise InputError("expected a list of rows, one per council and year (each starting "
                         "with '- council: ...')", source=path, line=node.start_mark.line + 1)
    rows = []
    for item, item_node in zip(data, node.value, strict=True):
        line = item_node.start_mark.line + 1
        if isinstance(item, dict):
            for key in RENAMED_COLUMNS:
                if key in item:
                    raise InputError(
                        "rates are worked out from the counts; give the Ombudsman's printed "
                        f"figure as {RENAMED_COLUMNS[key]}", source=path, line=line, field=key)
        rows.append((line, _validate_item(item, item_node, path)))
    if not rows:
        raise InputError("has no rows of figures", source=path)
    return rows


def _validate_item(item: object, node: yaml.Node, path: Path) -> OmbudsmanStats:
    """One YAML row, its problem reported at the line of the field at fault."""
    if not isinstance(item, dict):
        raise InputError("expected the fields of one council and year (council: ..., "
                         "year: ...)", source=path, line=node.start_mark.line + 1)
    try:
        return OmbudsmanStats.model_validate(item)
    except ValidationError as exc:
        located = located_error(exc, node, path)
        column, problem = first_problem(exc)
        raise InputError(problem, source=path, line=located.line, field=column) from None


def _refuse_repeats(rows: list[tuple[int, OmbudsmanStats]], path: Path) -> None:
    seen: dict[tuple[str, str], int] = {}
    for line, row in rows:
        key = (row.council.casefold(), row.year)
        if key in seen:
            raise InputError(f"{row.council} {row.year} is already given on line {seen[key]}",
                             source=path, line=line, field="year")
        seen[key] = line

