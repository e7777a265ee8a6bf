"""Reading a large complaint log in several processes at once, one byte range each, with the
figures of one pass over it (issue 17).

A range must start where a row starts, and a quoted cell may hold line breaks, so where rows
start cannot be told from the bytes alone. Each range is guessed to start just after the first
line break past an even share of the file. Its worker tallies the rows that start in it, reads
on past its end to the end of the row it ends in, and says where the next row starts; when that
is not where the next range was guessed to start (a line break inside a quoted cell fooled the
guess), that range is read again from where its first row truly starts. Each worker returns the
small counters of one pass (``LogCounts``); added in file order they give exactly the figures of
one pass, row numbers included.

Only UTF-8 and Windows-1252 logs are split: in both, the byte 0x0A is a line break and never
part of another character, so a range cut just after one starts on a whole character. In UTF-16
and UTF-32 that byte is also half or a quarter of other characters (U+010A, 'Ċ', is 0A 01 in
UTF-16 LE), so a range could start mid-character: those logs are read in one process.

Workers may be spawned (macOS, Windows): everything they run is defined at module level and
everything they are given can be pickled.
"""

from __future__ import annotations

import codecs
import csv
import io
import multiprocessing
import os
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date
from functools import partial
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from code_check.complaint_log.columns import ColumnMap, Columns, locate_columns
from code_check.complaint_log.timeliness import Limits, LogAnalysis, LogCounts, Tally
from code_check.complaint_log.working_days import WorkingDayCalendar
from code_check.errors import InputError
from code_check.readers.csv_text import UTF8, csv_problem
from code_check.readers.files import open_to_read

if TYPE_CHECKING:
    from _csv import Reader
    from ctypes import Array, c_longlong
    from multiprocessing.context import BaseContext

    from _typeshed import WriteableBuffer

# The least of a file worth a process of its own: a forked worker starts in milliseconds, a
# spawned one imports Python and code-check afresh (about half a second, the time it takes to read
# some 20 MB of a log).
FORKED_BYTES = 4_000_000
SPAWNED_BYTES = 32_000_000
CHUNK_BYTES = 1 << 20  # read at a time from a range (a few lines past it: 8 KB at a time)
PROGRESS_SECONDS = 0.2  # how often the bar is brought up to date
Report = Callable[[int], None]  # is told how many bytes of the file have been read
ProgressBar = Callable[[], AbstractContextManager[Report]]

_read_so_far: Array[c_longlong] | None = None  # in a worker: bytes read, by range


class _NotText(Exception):
    """A NUL byte: never in text (a workbook, or UTF-16 that lost its mark)."""


@dataclass(frozen=True)
class _Reading:
    """What every range of one log is read and measured with."""

    path: Path
    codec: str  # the encoding past any byte-order mark
    delimiter: str
    columns: Columns
    as_of: date
    calendar: WorkingDayCalendar
    limits: Limits


@dataclass(frozen=True)
class _Range:
    start: int  # guessed: just after a line break
    stop: int  # where the next range is guessed to start
    slot: int | None  # its place in _read_so_far; None: not shown on the bar


@dataclass(frozen=True)
class _RangeTally:
    start: int
    counts: LogCounts
    next_start: int | None  # where the first row at or after ``stop`` starts; None: ``problem``
    problem: str = ""  # why the row after the ones counted cannot be read as CSV


def processes_for(size: int, jobs: int | None, split_bytes: int | None = None) -> int:
    """How many processes to read a file of ``size`` bytes with: at most ``jobs`` (None: the
    usable cores), each given ``split_bytes`` of it at least (None: enough to be worth starting
    a process for)."""
    least = split_bytes or (FORKED_BYTES if _forks() else SPAWNED_BYTES)
    return max(1, min(jobs or usable_cores(), size // least))


def usable_cores() -> int:
    """The cores this process may run on."""
    if hasattr(os, "process_cpu_count"):  # Python 3.13
        return int(os.process_cpu_count() or 1)
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def analyse_in_ranges(path: Path, *, encoding: str, delimiter: str, column_map: ColumnMap,
                      as_of: date, calendar: WorkingDayCalendar, limits: Limits, processes: int,
                      progress_bar: ProgressBar | None,
                      at_latest: bool = False) -> LogAnalysis | None:
    """The log measured by ``processes`` processes at once, or None when it is to be read in
    one: a byte in it is not text in ``encoding`` (UTF-8 or Windows-1252), its header cannot be
    read, or processes cannot be started. The one-process reading then checks the whole file's
    encoding before it says what is wrong, as it must; a row that cannot be read as CSV is
    reported here exactly as it would say it."""
    codec = "utf-8" if encoding == UTF8 else encoding
    try:
        with open_to_read(path) as handle:
            size = os.fstat(handle.fileno()).st_size
            header = _header(handle, codec, delimiter, size)
            if header is None:
                return None
            cells, data_start = header
            starts = _starts(handle, data_start, size, processes)
        columns = _columns(cells, column_map, path)
        if columns is None:
            return None
        reading = _Reading(path, codec, delimiter, columns, as_of, calendar, limits)
        ranges = [_Range(start, stop, slot) for slot, (start, stop)
                  in enumerate(zip(starts, [*starts[1:], size], strict=True))]
        total = _merged(reading, ranges, _in_processes(reading, ranges, data_start, progress_bar))
    except (_NotText, UnicodeDecodeError, OSError, BrokenProcessPool):
        return None
    return total.analysis(columns, as_of, limits, calendar, at_latest=at_latest)


def _header(handle: BinaryIO, codec: str, delimiter: str,
            size: int) -> tuple[list[str], int] | None:
    """The header row and the byte offset where the row after it starts (None: csv cannot
    read it)."""
    marked = codec == "utf-8" and handle.read(3) == codecs.BOM_UTF8
    lines = _LinesOnward(handle, len(codecs.BOM_UTF8) if marked else 0, size, codec)
    try:
        return next(csv.reader(lines, delimiter=delimiter, strict=True)), lines.end
    except (csv.Error, StopIteration):
        return None


def _columns(header: list[str], column_map: ColumnMap, path: Path) -> Columns | None:
    """Where the columns are, or None: the one-process reading says what is wrong, once it has
    checked the whole file's encoding (a fault in that is said first)."""
    try:
        return locate_columns(header, column_map, source=str(path))
    except InputError:
        return None


def _starts(handle: BinaryIO, data_start: int, size: int, processes: int) -> list[int]:
    """Where each range is guessed to start: the rows first, then just after the first line
    break at or past each even share of the rows' bytes (a quoted cell may hold that break)."""
    shares = (data_start + (size - data_start) * number // processes
              for number in range(1, processes))
    return sorted({data_start} | {_after_line_break(handle, share) for share in shares} - {size})


def _after_line_break(handle: BinaryIO, offset: int) -> int:
    handle.seek(offset)
    while chunk := handle.read(CHUNK_BYTES):
        found = chunk.find(b"\n")
        if found >= 0:
            return offset + found + 1
        offset += len(chunk)
    return offset


def _in_processes(reading: _Reading, ranges: list[_Range], data_start: int,
                  progress_bar: ProgressBar | None) -> list[_RangeTally]:
    context = _process_context()
    read_so_far = context.RawArray("q", len(ranges)) if progress_bar else None
    with ProcessPoolExecutor(len(ranges), mp_context=context, initializer=_share_progress,
                             initargs=(read_so_far,)) as pool:
        futures = [pool.submit(_tally_range, reading, part) for part in ranges]
        if progress_bar is not None and read_so_far is not None:
            with progress_bar() as report:  # its thread starts once the workers have
                done = False
                while not done:
                    done = not wait(futures, timeout=PROGRESS_SECONDS).not_done
                    report(data_start + sum(read_so_far))
        return [future.result() for future in futures]


def _process_context() -> BaseContext:
    return multiprocessing.get_context("fork" if _forks() else "spawn")


def _forks() -> bool:
    """Fork where the platform starts processes so by default and no other thread is running:
    the workers start at once, everything already imported. Spawn otherwise (macOS, Windows,
    and the app, which reads logs on a thread of its own): a process forked while another
    thread holds a lock can wait for that lock for ever."""
    return multiprocessing.get_all_start_methods()[0] == "fork" \
        and threading.active_count() == 1


def _share_progress(read_so_far: Array[c_longlong] | None) -> None:
    global _read_so_far  # noqa: PLW0603 - set once as each worker starts
    _read_so_far = read_so_far


def _merged(reading: _Reading, ranges: list[_Range], tallies: list[_RangeTally]) -> LogCounts:
    """The ranges' counts added up in file order, each range read again from where its first
    row truly starts if it was guessed wrongly; the first row csv cannot read stops it all, as
    it stops a one-process reading, and is named by its spreadsheet row."""
    total = LogCounts()
    start = ranges[0].start
    for part, tally in zip(ranges, tallies, strict=True):
        if tally.start != start:
            tally = _tally_range(reading, _Range(start, max(start, part.stop), None))
        if tally.next_start is None:
            raise InputError(tally.problem, source=reading.path,
                             line=1 + total.rows + tally.counts.rows + 1)
        total.add(tally.counts)
        start = tally.next_start
    return total


def _tally_range(reading: _Reading, part: _Range) -> _RangeTally:
    """Tally the rows that start in the range (in a worker process)."""
    tally = Tally(reading.columns, reading.as_of, reading.calendar, reading.limits)
    with open_to_read(reading.path) as handle:
        size = os.fstat(handle.fileno()).st_size
        in_range = _text(handle, part.start, part.stop, reading.codec, part.slot,
                         CHUNK_BYTES)
        onward = _LinesOnward(handle, part.stop, size, reading.codec)
        reader = csv.reader(chain(in_range, onward.probed()), delimiter=reading.delimiter,
                            strict=True)
        try:
            _tally_to_next_range(tally, reader, onward)
        except csv.Error as error:
            for _ in iter(partial(in_range.read, CHUNK_BYTES), ""):
                pass  # the rest of the range is still checked to be text
            return _RangeTally(part.start, tally.finished(), None, csv_problem(error))
    return _RangeTally(part.start, tally.finished(), onward.end)


def _tally_to_next_range(tally: Tally, reader: Reader, onward: _LinesOnward) -> None:
    """Tally rows until the first row that starts at or after the range's end.

    csv gives a blank line as an empty row; each run of rows ends at one. Before the range's end
    that is a blank row of the log; after it, it is one of ``probed``'s empty lines, which csv
    reads as a blank row only where a row has ended: where the next row starts.
    """
    while True:
        tally.consume(iter(reader.__next__, []))
        if onward.reached:
            return
        tally.blank_row()


def _text(handle: BinaryIO, start: int, stop: int, codec: str, slot: int | None = None,
          chunk: int = io.DEFAULT_BUFFER_SIZE) -> io.TextIOWrapper[io.BufferedReader]:
    """Bytes ``start`` to ``stop`` of the file as text in lines (strictly decoded), read
    ``chunk`` bytes at a time."""
    return io.TextIOWrapper(io.BufferedReader(_Bytes(handle, start, stop, slot), chunk),
                            encoding=codec, newline="")


class _Bytes(io.RawIOBase):
    """Bytes ``start`` to ``stop`` of an open file (others may read it too), refusing NUL and
    counting those read in the worker's progress slot."""

    def __init__(self, handle: BinaryIO, start: int, stop: int, slot: int | None) -> None:
        super().__init__()
        self.handle, self.position, self.stop, self.slot = handle, start, stop, slot

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: WriteableBuffer) -> int:
        view = memoryview(buffer)
        self.handle.seek(self.position)
        data = self.handle.read(min(len(view), self.stop - self.position))
        if b"\x00" in data:
            raise _NotText
        view[:len(data)] = data
        self.position += len(data)
        if _read_so_far is not None and self.slot is not None:
            _read_so_far[self.slot] += len(data)
        return len(data)


class _LinesOnward:
    """The file's lines from a byte offset on, counting the bytes handed out in ``end``."""

    def __init__(self, handle: BinaryIO, start: int, size: int, codec: str) -> None:
        self.text = _text(handle, start, size, codec)
        self.codec = codec
        self.end = start
        self.reached = False  # whether ``probed`` has been asked for a line

    def __iter__(self) -> Iterator[str]:
        for line in self.text:
            self.end += len(line.encode(self.codec))
            yield line

    def probed(self) -> Iterator[str]:
        """The lines, with an empty line before each and after the last: csv reads an empty
        line as nothing inside a quoted cell and as a blank row (``[]``) anywhere else."""
        self.reached = True
        yield ""
        for line in self:
            yield line
            yield ""
