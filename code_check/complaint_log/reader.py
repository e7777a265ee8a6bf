"""Reading a complaint log from a CSV file: the shell around the timeliness core.

The file is streamed row by row (memory does not grow with its length) and only the columns
of DESIGN section 8 are picked out of each row; the others are never kept.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

from code_check.complaint_log.columns import ColumnMap, locate_columns
from code_check.complaint_log.timeliness import LogAnalysis, analyse_rows
from code_check.errors import InputError
from code_check.working_days import WorkingDayCalendar

PROGRESS_FROM_BYTES = 20_000_000  # files smaller than this finish before a bar is worth showing
PROGRESS_EVERY_ROWS = 50_000


def analyse_file(
    path: Path,
    *,
    as_of: date | None = None,
    column_map: ColumnMap | None = None,
    calendar: WorkingDayCalendar | None = None,
    progress: bool | None = None,
) -> LogAnalysis:
    """Measure a complaint log CSV file.

    ``progress`` None shows a bar on standard error for a large file when it is a terminal.
    """
    as_of = as_of or date.today()
    try:
        handle = open(path, encoding="utf-8-sig", errors="replace", newline="")  # noqa: SIM115
    except FileNotFoundError:
        raise InputError("file not found", source=path) from None
    except OSError as error:
        raise InputError(f"cannot be read ({error.strerror or error})", source=path) from None
    with handle:
        reader = csv.reader(handle)
        try:
            header = next(reader)
        except StopIteration:
            raise InputError("the file is empty; expected a header row of column names",
                             source=path, line=1) from None
        except csv.Error as error:
            raise InputError(f"the header cannot be read ({error})", source=path, line=1) from None
        columns = locate_columns(header, column_map or ColumnMap(), source=str(path))
        calendar = calendar or WorkingDayCalendar(around=as_of)
        size = Path(path).stat().st_size
        if progress is None:
            progress = size >= PROGRESS_FROM_BYTES and sys.stderr.isatty()
        if not progress:
            return analyse_rows(reader, columns, as_of=as_of, calendar=calendar)
        return _with_progress_bar(
            lambda rows: analyse_rows(rows, columns, as_of=as_of, calendar=calendar),
            reader, handle, size,
        )


def load_map_file(path: Path) -> ColumnMap:
    """A YAML mapping of our column names to a log's headings (safe loading, located errors)."""
    from code_check.yaml_source import load_model

    return load_model(path, ColumnMap)


def _with_progress_bar(analyse: Callable, reader, handle, size: int) -> LogAnalysis:
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TimeRemainingColumn

    with Progress("Reading the complaint log", BarColumn(), TaskProgressColumn(),
                  TimeRemainingColumn(), console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("read", total=size)
        return analyse(_Progress(reader, lambda: bar.update(task, completed=handle.buffer.tell())))


class _Progress:
    """Rows from ``reader``, reporting every so often; an iterator class, not a generator,
    so a row the csv module cannot read does not end the iteration."""

    def __init__(self, reader, report: Callable[[], None]) -> None:
        self._reader = reader
        self._report = report
        self._rows = 0

    def __iter__(self):
        return self

    def __next__(self) -> list[str]:
        row = next(self._reader)
        self._rows += 1
        if self._rows % PROGRESS_EVERY_ROWS == 0:
            self._report()
        return row
