"""Reading a complaint log from a CSV file: the shell around the timeliness core.

The file is streamed row by row (memory does not grow with its length) and only the columns
of DESIGN section 8 are picked out of each row; the others are never kept. It is read
strictly: a quote left open would otherwise swallow the rest of the file into one cell. A large
file is read by several processes at once, one part each (``parallel``), with the same result.
"""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from code_check.complaint_log.columns import ColumnMap, locate_columns
from code_check.complaint_log.timeliness import Limits, LogAnalysis, analyse_rows, code_limits
from code_check.complaint_log.working_days import WorkingDayCalendar
from code_check.errors import InputError
from code_check.readers.csv_text import (
    UTF8,
    WINDOWS_1252,
    csv_problem,
    delimiter_of,
    file_encoding,
)
from code_check.readers.files import open_to_read

if TYPE_CHECKING:
    from _csv import Reader  # the type csv.reader returns

PROGRESS_FROM_BYTES = 20_000_000  # files smaller than this finish before a bar is worth showing
PROGRESS_EVERY_ROWS = 50_000
HEAD_BYTES = 65_536  # read first to tell the delimiter
SPLIT_FROM_BYTES = 8_000_000  # a smaller file is read in one process


def analyse_file(
    path: Path,
    *,
    as_of: date | None = None,
    column_map: ColumnMap | None = None,
    calendar: WorkingDayCalendar | None = None,
    progress: bool | None = None,
    limits: Limits | None = None,
    jobs: int | None = None,
    split_bytes: int | None = None,
    at_latest: bool = False,
) -> LogAnalysis:
    """Measure a complaint log CSV file.

    ``progress`` None shows a bar on standard error for a large file when it is a terminal.
    ``limits`` None: the timescales of the bundled Code (``code_limits``).
    ``jobs``: at most this many processes read a large file at once (None: one per usable
    core), each ``split_bytes`` of it at least (None: enough to be worth a process).
    ``at_latest``: open complaints are judged as at the log's latest date when it is before
    ``as_of``, in the same one reading.
    """
    as_of = as_of or date.today()
    how = _Measure(as_of, column_map or ColumnMap(), calendar or WorkingDayCalendar(around=as_of),
                   limits or _bundled_limits(), progress, at_latest)
    processes = _processes(Path(path), jobs, split_bytes)
    if processes > 1:
        # Tried as UTF-8 without a pass over the file to check it: each process checks the
        # bytes it reads, so the check is shared out too.
        analysis = _in_parts(_LogFile.recognise(path, UTF8), how, processes)
        if analysis is not None:
            return analysis
    log = _LogFile.recognise(path)  # the whole file checked to be text in one encoding
    if processes > 1 and log.encoding == WINDOWS_1252:
        analysis = _in_parts(log, how, processes)
        if analysis is not None:
            return analysis
    return _in_one_process(log, how)


@dataclass(frozen=True)
class _Measure:
    """How a log is measured, in one process or several."""

    as_of: date
    column_map: ColumnMap
    calendar: WorkingDayCalendar
    limits: Limits
    progress: bool | None
    at_latest: bool = False  # judge open complaints as at the log's latest date if earlier


def _processes(path: Path, jobs: int | None, split_bytes: int | None) -> int:
    try:
        size = path.stat().st_size
    except OSError:
        return 1  # reading it in one process says what is wrong
    if jobs == 1 or (size < SPLIT_FROM_BYTES and split_bytes is None):
        return 1  # without loading what starts processes
    from code_check.complaint_log.parallel import processes_for

    return processes_for(size, jobs, split_bytes)


def _in_parts(log: _LogFile, how: _Measure, processes: int) -> LogAnalysis | None:
    from code_check.complaint_log.parallel import analyse_in_ranges

    return analyse_in_ranges(
        log.path, encoding=log.encoding, delimiter=log.delimiter, column_map=how.column_map,
        as_of=how.as_of, calendar=how.calendar, limits=how.limits, processes=processes,
        progress_bar=partial(_progress_bar, log.size) if log.shows_progress(how.progress)
        else None, at_latest=how.at_latest)


def _in_one_process(log: _LogFile, how: _Measure) -> LogAnalysis:
    with log.open() as handle:
        records = log.records(handle)
        try:
            header = next(records)
        except StopIteration:
            raise InputError("the file is empty; expected a header row of column names",
                             source=log.path, line=1) from None
        columns = locate_columns(header, how.column_map, source=str(log.path))
        analyse = partial(analyse_rows, columns=columns, as_of=how.as_of, calendar=how.calendar,
                          limits=how.limits, at_latest=how.at_latest)
        if not log.shows_progress(how.progress):
            return analyse(records)
        with _progress_bar(log.size) as report:
            return analyse(_reporting(records, lambda: report(handle.buffer.tell())))


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
    def recognise(cls, path: Path, encoding: str | None = None) -> _LogFile:
        """The file read in ``encoding``, None: in the one the whole file is found to be in."""
        encoding = encoding or file_encoding(path)
        with open_to_read(path) as handle:
            head = handle.read(HEAD_BYTES)
        return cls(path, encoding, delimiter_of(head.decode(encoding, errors="replace")))

    @property
    def size(self) -> int:
        return Path(self.path).stat().st_size

    def shows_progress(self, progress: bool | None) -> bool:
        """Whether to show a bar (``progress`` None: for a large file on a terminal)."""
        if progress is None:
            return self.size >= PROGRESS_FROM_BYTES and sys.stderr.isatty()
        return progress

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


@contextmanager
def _progress_bar(size: int) -> Iterator[Callable[[int], None]]:
    """A bar on standard error; it is told how many of the file's ``size`` bytes are read."""
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TimeRemainingColumn

    with Progress("Reading the complaint log", BarColumn(), TaskProgressColumn(),
                  TimeRemainingColumn(), console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("read", total=size)
        yield lambda done: bar.update(task, completed=done)


def _reporting(records: Iterator[list[str]],
               report: Callable[[], None]) -> Iterator[list[str]]:
    """The rows unchanged, reporting every so often how far through the file they are."""
    for number, row in enumerate(records, 1):
        if number % PROGRESS_EVERY_ROWS == 0:
            report()
        yield row
