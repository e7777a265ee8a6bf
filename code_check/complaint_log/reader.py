"""Reading a complaint log from a CSV file: the shell around the timeliness core.

The file is streamed row by row (memory does not grow with its length) and only the columns
of DESIGN section 8 are picked out of each row; the others are never kept. It is read
strictly: a quote left open would otherwise swallow the rest of the file into one cell.
"""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Callable, Iterator
from contextlib import suppress
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from code_check.complaint_log.columns import ColumnMap, locate_columns
from code_check.complaint_log.timeliness import Limits, LogAnalysis, analyse_rows, code_limits
from code_check.complaint_log.working_days import WorkingDayCalendar
from code_check.errors import InputError
from code_check.readers.csv_text import csv_problem, delimiter_of, file_encoding
from code_check.readers.files import open_to_read

if TYPE_CHECKING:
    from _csv import Reader  # the type csv.reader returns

PROGRESS_FROM_BYTES = 20_000_000  # files smaller than this finish before a bar is worth showing
PROGRESS_EVERY_ROWS = 50_000
HEAD_BYTES = 65_536  # read first to tell the delimiter


def analyse_file(
    path: Path,
    *,
    as_of: date | None = None,
    column_map: ColumnMap | None = None,
    calendar: WorkingDayCalendar | None = None,
    progress: bool | None = None,
    limits: Limits | None = None,
) -> LogAnalysis:
    """Measure a complaint log CSV file.

    ``progress`` None shows a bar on standard error for a large file when it is a terminal.
    ``limits`` None: the timescales of the bundled Code (``code_limits``).
    """
    as_of = as_of or date.today()
    limits = limits or _bundled_limits()
    log = _LogFile.recognise(path)
    with log.open() as handle:
        records = log.records(handle)
        try:
            header = next(records)
        except StopIteration:
            raise InputError("the file is empty; expected a header row of column names",
                             source=path, line=1) from None
        columns = locate_columns(header, column_map or ColumnMap(), source=str(path))
        calendar = calendar or WorkingDayCalendar(around=as_of)
        size = Path(path).stat().st_size
        if progress is None:
            progress = size >= PROGRESS_FROM_BYTES and sys.stderr.isatty()
        if not progress:
            return analyse_rows(records, columns, as_of=as_of, calendar=calendar, limits=limits)
        return _with_progress_bar(
            lambda rows: analyse_rows(rows, columns, as_of=as_of, calendar=calendar,
                                      limits=limits),
            records, handle, size,
        )


def _bundled_limits() -> Limits:
    from code_check.catalogue.files import load_catalogue

    return code_limits(load_catalogue())


def load_map_file(path: Path) -> ColumnMap:
    """A YAML mapping of our column names to a log's headings (safe loading, located errors)."""
    from code_check.readers.yaml_source import load_model

    return load_model(path, ColumnMap)


@dataclass(frozen=True)
class _LogFile:
    """A log file and how to read it, as its first bytes show."""

    path: Path
    encoding: str
    delimiter: str

    @classmethod
    def recognise(cls, path: Path) -> _LogFile:
        encoding = file_encoding(path)
        with open_to_read(path) as handle:
            head = handle.read(HEAD_BYTES)
        return cls(path, encoding, delimiter_of(head.decode(encoding, errors="replace")))

    def open(self) -> io.TextIOWrapper[BinaryIO]:
        """The file as text (checked whole by ``recognise``: replacing a bad byte only guards
        against the file being changed since)."""
        return io.TextIOWrapper(open_to_read(self.path), encoding=self.encoding,
                                errors="replace", newline="")

    def records(self, handle: io.TextIOWrapper[BinaryIO]) -> Iterator[list[str]]:
        """The file's rows of cells; one the csv module cannot read stops the reading, since
        nothing after it can be trusted (``yield from`` adds next to nothing per row)."""
        try:
            yield from self._reader(handle)
        except csv.Error as error:
            raise InputError(csv_problem(error), source=self.path,
                             line=self._row_of_error()) from None

    def _reader(self, handle: io.TextIOWrapper[BinaryIO]) -> Reader:
        return csv.reader(handle, delimiter=self.delimiter, strict=True)

    def _row_of_error(self) -> int:
        """The spreadsheet row the csv module stopped at, counted by reading the file again
        (only after an error, so that the rows of a good file are not counted one by one)."""
        rows = 0
        with self.open() as handle, suppress(csv.Error):
            for _ in self._reader(handle):
                rows += 1
        return rows + 1


def _with_progress_bar(analyse: Callable[[Iterator[list[str]]], LogAnalysis],
                       records: Iterator[list[str]], handle: io.TextIOWrapper[BinaryIO],
                       size: int) -> LogAnalysis:
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TimeRemainingColumn

    with Progress("Reading the complaint log", BarColumn(), TaskProgressColumn(),
                  TimeRemainingColumn(), console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("read", total=size)
        return analyse(_reporting(records, lambda: bar.update(
            task, completed=handle.buffer.tell())))


def _reporting(records: Iterator[list[str]],
               report: Callable[[], None]) -> Iterator[list[str]]:
    """The rows unchanged, reporting every so often how far through the file they are."""
    for number, row in enumerate(records, 1):
        if number % PROGRESS_EVERY_ROWS == 0:
            report()
        yield row
