"""A large log read by several processes at once gives exactly the one-process result (issue 17).

The files are small: ``split_bytes`` lets them be split anyway. Most tests run the ranges in
this process (``in_process``) with the range starts chosen, so that every line break of an
awkward file can be tried as a range edge; the rest start real worker processes.
"""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import pytest

from code_check.complaint_log import parallel, timeliness
from code_check.complaint_log.reader import analyse_file
from code_check.errors import InputError

AS_OF = date(2025, 12, 31)
HEADER = ("reference,received,acknowledged,stage1_response,stage1_extended,escalated,"
          "stage2_acknowledged,stage2_response,stage2_extended,service,notes")
ROWS = [
    "R1,2025-06-02,2025-06-03,2025-06-10,no,,,,,Housing,plain",
    'R2,2025-06-02,2025-06-04,2025-06-30,yes,,,,,Waste,"two\nlines"',
    'R3,02/07/2025,,,,,,,,"Council\r\nTax","a note\nR9,2025-01-01,2025-01-02,,,,,,,Fake,x\nend"',
    "R4,,2025-06-03,,,,,,,Housing,received missing",
    'R5,2025-07-01,2025-07-02,2025-07-20,no,2025-07-25,2025-07-28,2025-08-20,no,Waste,'
    '"he said ""no""\n""then"" left\n\n"',
    "",
    "R6,31/02/2025,,,,,,,,Parking,not a date",
    ",,,,,,,,,,",
    'R7,2025-01-06,,,,,,,,Housing,"open\nand overdue"',
    '"R\n8",2025-01-07,,,,,,,,"",overdue too',
    "R10,2026-02-01,,,,,,,,Housing,received after the as-of date",
    'R11,2025-09-01,2025-09-02,2025-09-01,no,,,,,Waste,"response\rbefore ack"',
    "R12,2025-10-01,2025-10-01,2025-10-02,perhaps,,,,,Waste,bad flag",
    'R13,2025-11-03,2025-11-04,,,,,,,Housing,"ends on a quote:\n"""',
]


def write_log(path: Path, rows: list[str] = ROWS, *, ending: str = "\n",
              encoding: str = "utf-8", tail: str = "") -> Path:
    """The rows as a file, each row ended with ``ending`` (line breaks inside cells kept)."""
    path.write_bytes((ending.join([HEADER, *rows]) + ending + tail).encode(encoding))
    return path


@pytest.fixture
def awkward(tmp_path) -> Path:
    return write_log(tmp_path / "log.csv")


def one_process(path: Path, **options) -> str:
    return analyse_file(path, as_of=AS_OF, progress=False, jobs=1, **options).model_dump_json()


def in_ranges(path: Path, used: list[object], jobs: int = 2, **options) -> str:
    """The JSON of the log read in ranges, failing if it was handed to one process instead."""
    options.setdefault("progress", False)
    result = analyse_file(path, as_of=AS_OF, jobs=jobs, split_bytes=1, **options)
    assert used and used[-1] is not None, "read in one process, not in ranges"
    return result.model_dump_json()


def line_starts(path: Path) -> list[int]:
    """Every offset just after a line break (the header's included)."""
    data = path.read_bytes()
    return [at + 1 for at in range(len(data)) if data[at:at + 1] == b"\n"]


def test_the_awkward_file_has_what_the_tests_need(awkward):
    analysis = json.loads(one_process(awkward))
    assert analysis["cases"] == 12  # 14 rows, 2 of them blank
    assert [r["row"] for r in analysis["rejected_rows"]] == [5, 8, 13, 14]
    assert analysis["overdue_total"] > 0 and analysis["not_yet_received"] == 1
    assert len(line_starts(awkward)) == len(ROWS) + 1 + 10  # 10 inside quoted cells


@pytest.mark.parametrize("ending", ["\n", "\r\n"], ids=["LF", "CRLF"])
def test_a_range_edge_at_every_line_break_gives_the_one_process_result(
        tmp_path, in_process, used_ranges, ending):
    """Most line breaks are inside quoted cells, one before a line that looks like a row: the
    worker before the edge reads on to the end of its row and the range is read again."""
    path = write_log(tmp_path / "log.csv", ending=ending)
    expected = one_process(path)
    for edge in line_starts(path)[1:-1]:
        in_process[:] = [edge]
        assert in_ranges(path, used_ranges) == expected, edge


def test_ranges_holding_part_of_one_row_or_nothing_but_a_blank_line(awkward, in_process,
                                                                  used_ranges):
    expected = one_process(awkward)
    starts = line_starts(awkward)[1:-1]
    for first, second in zip(starts, starts[1:], strict=False):
        in_process[:] = [first, second]
        assert in_ranges(awkward, used_ranges) == expected, (first, second)
    in_process[:] = starts  # a range at every line
    assert in_ranges(awkward, used_ranges) == expected


@pytest.mark.parametrize("tail", ["", "\n\n\n", "\r\n  \n"], ids=["none", "blank", "spaces"])
@pytest.mark.parametrize("last_line_ended", [True, False])
def test_an_empty_tail_and_a_last_line_without_its_line_break(tmp_path, in_process, used_ranges,
                                                              tail, last_line_ended):
    path = write_log(tmp_path / "log.csv", ROWS + ["R99,2025-06-02,,,,,,,,Waste,last"],
                     tail=tail)
    if not last_line_ended:
        path.write_bytes(path.read_bytes().rstrip(b"\r\n"))
    expected = one_process(path)
    for edge in line_starts(path)[1:]:
        in_process[:] = [edge]
        assert in_ranges(path, used_ranges) == expected, edge


def test_a_byte_order_mark_and_windows_1252(tmp_path, in_process, used_ranges):
    rows = [row.replace("Waste", "Café") for row in ROWS]
    marked = write_log(tmp_path / "marked.csv", rows, encoding="utf-8-sig")
    windows = write_log(tmp_path / "windows.csv", rows, encoding="cp1252")
    assert one_process(marked) == one_process(windows)
    assert '"Café"' in one_process(marked)
    assert in_ranges(marked, used_ranges, jobs=3) == one_process(marked)
    used_ranges.clear()
    assert in_ranges(windows, used_ranges, jobs=3) == one_process(windows)
    assert used_ranges[0] is None  # tried as UTF-8 first, then read as Windows-1252


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32"])
def test_utf16_and_utf32_are_read_in_one_process(tmp_path, used_ranges, encoding):
    path = write_log(tmp_path / "log.csv", encoding=encoding)
    assert analyse_file(path, as_of=AS_OF, progress=False, jobs=2, split_bytes=1) \
        .model_dump_json() == one_process(path)
    assert used_ranges == [None]


def test_a_file_too_small_to_split_is_read_in_one_process(awkward, used_ranges):
    size = awkward.stat().st_size
    analysis = analyse_file(awkward, as_of=AS_OF, progress=False, jobs=4, split_bytes=size)
    assert analysis.model_dump_json() == one_process(awkward)
    assert used_ranges == []


@pytest.mark.parametrize(("forks", "processes"), [(True, 8), (False, 3)])
def test_spawned_processes_are_given_more_of_a_file_than_forked_ones(monkeypatch, forks,
                                                                    processes):
    """A spawned process takes about half a second to start: worth it only for more work."""
    monkeypatch.setattr(parallel, "_forks", lambda: forks)
    assert parallel.processes_for(100_000_000, jobs=8) == processes
    assert parallel.processes_for(100_000_000, jobs=8, split_bytes=50_000_000) == 2
    assert parallel.processes_for(7_000_000, jobs=8) == 1


def test_overdue_cases_beyond_those_listed_keep_the_order_they_were_found_in(
        tmp_path, in_process, used_ranges, monkeypatch):
    """Ties in days past the limit are listed in file order, across ranges too."""
    monkeypatch.setattr(timeliness, "OVERDUE_LISTED", 5)
    rows = [f"O{number},2025-0{1 + number % 3}-06,,,,,,,,Housing,x" for number in range(40)]
    path = write_log(tmp_path / "log.csv", rows)
    expected = one_process(path)
    assert len(json.loads(expected)["overdue_cases"]) == 5
    for edge in line_starts(path)[1:-1:3]:
        in_process[:] = [edge]
        assert in_ranges(path, used_ranges) == expected, edge


def test_dates_cached_apart_in_each_range_give_the_same_last_date(tmp_path, in_process,
                                                                 used_ranges):
    rows = ["A,2025-03-03,2025-03-04,,,,,,,,x", "B,2025-03-03,2025-12-24,,,,,,,,x",
            "C,2025-03-03,2025-03-04,2026-01-05,,,,,,,x", "D,2025-03-03,2025-03-04,,,,,,,,x"]
    path = write_log(tmp_path / "log.csv", rows)
    expected = one_process(path)
    assert json.loads(expected)["last_dated"] == "2025-12-24"
    for edge in line_starts(path)[1:-1]:
        in_process[:] = [edge]
        assert in_ranges(path, used_ranges) == expected


def error_of(path: Path, **options) -> str:
    with pytest.raises(InputError) as raised:
        analyse_file(path, as_of=AS_OF, progress=False, **options)
    return str(raised.value)


@pytest.mark.parametrize("bad", [
    'X1,2025-06-02,"never closed,,,,,,,,',
    'X1,"2025-06-02"after,,,,,,,,,',
], ids=["quote never closed", "text after a closing quote"])
def test_a_row_csv_cannot_read_is_named_by_its_spreadsheet_row(tmp_path, in_process, bad):
    """Row 10 of the spreadsheet, whichever range it falls in and however the ranges were
    guessed (the line breaks before it in quoted cells make it line 17 of the text)."""
    path = write_log(tmp_path / "log.csv", [*ROWS[:8], bad, *ROWS[8:]])
    expected = error_of(path, jobs=1)
    assert ":10: a quoted cell" in expected
    for edge in line_starts(path)[1:-1]:
        in_process[:] = [edge]
        assert error_of(path, jobs=2, split_bytes=1) == expected, edge


def test_a_cell_past_the_field_limit_is_named_alike(tmp_path, in_process):
    path = write_log(tmp_path / "log.csv", [*ROWS[:3], 'X,2025-06-02,"' + "x" * 80 + '"', *ROWS])
    in_process[:] = [line_starts(path)[4]]
    limit = csv.field_size_limit(60)
    try:
        expected = error_of(path, jobs=1)
        assert error_of(path, jobs=2, split_bytes=1) == expected
    finally:
        csv.field_size_limit(limit)
    assert expected.endswith(":5: a cell on this row is longer than 60 characters; "
                             'is a quote (") left open?')


def big_log(tmp_path: Path, copies: int = 30) -> Path:
    rows = [row.replace("R", f"R{copy}-", 1) for copy in range(copies) for row in ROWS]
    return write_log(tmp_path / "log.csv", rows)


def spoil(path: Path, at: int, content: bytes) -> None:
    """Put ``content`` just before byte ``at`` of the file."""
    data = path.read_bytes()
    path.write_bytes(data[:at] + content + data[at:])


@pytest.mark.parametrize(("content", "problem"), [
    (b"\x00", "is not a text file"),
    (b"\x81", "is not UTF-8 text (byte 0x81)"),  # nor Windows-1252
], ids=["NUL", "not UTF-8 or Windows-1252"])
def test_a_bad_byte_far_into_a_range_is_named_as_in_one_process(tmp_path, in_process,
                                                              used_ranges, content, problem):
    """Far enough from the header and from the range before it that only its own worker
    reads it."""
    path = big_log(tmp_path, copies=60)
    spoil(path, path.stat().st_size - 20, content)
    expected = error_of(path, jobs=1)
    assert problem in expected
    in_process[:] = [line_starts(path)[len(ROWS) * 20]]
    assert error_of(path, jobs=2, split_bytes=1) == expected
    assert used_ranges == [None]


def test_a_bad_byte_after_a_row_csv_cannot_read_is_named_first_as_in_one_process(
        tmp_path, in_process, used_ranges):
    """One process checks the whole file's encoding before reading a row; a worker stopped by a
    row it cannot read still checks the rest of its range."""
    path = big_log(tmp_path, copies=60)
    edge = line_starts(path)[len(ROWS) * 20]
    spoil(path, path.stat().st_size - 20, b"\x81")
    spoil(path, edge, b'"X"Y,2025-06-02,,,,,,,,,\n')
    assert "is not UTF-8 text (byte 0x81)" in error_of(path, jobs=1)
    in_process[:] = [edge]
    assert error_of(path, jobs=2, split_bytes=1) == error_of(path, jobs=1)
    assert used_ranges == [None]


def test_a_missing_column_is_named_as_in_one_process(tmp_path, used_ranges):
    path = tmp_path / "log.csv"
    path.write_text(HEADER.replace("acknowledged,", "") + "\n" + "\n".join(ROWS) + "\n",
                    encoding="utf-8")
    assert error_of(path, jobs=2, split_bytes=1) == error_of(path, jobs=1)
    assert "no column headed 'acknowledged'" in error_of(path, jobs=1)


# Worker processes: started for real from here on.

def test_worker_processes_give_the_one_process_result(tmp_path, used_ranges):
    path = big_log(tmp_path)
    assert in_ranges(path, used_ranges, jobs=4) == one_process(path)


def test_spawned_worker_processes_as_on_macos_and_windows(tmp_path, used_ranges, monkeypatch):
    import multiprocessing

    monkeypatch.setattr(parallel, "_process_context", lambda: multiprocessing.get_context("spawn"))
    path = big_log(tmp_path, copies=5)
    assert in_ranges(path, used_ranges, jobs=2) == one_process(path)


def test_one_progress_bar_is_told_every_byte_of_the_file(tmp_path, used_ranges, monkeypatch):
    from contextlib import contextmanager

    import code_check.complaint_log.reader as reader

    told: list[int] = []

    @contextmanager
    def bar(size):
        yield told.append

    monkeypatch.setattr(reader, "_progress_bar", bar)
    path = big_log(tmp_path)
    assert in_ranges(path, used_ranges, jobs=3, progress=True) == one_process(path)
    assert told[-1] == path.stat().st_size
    assert told == sorted(told)


def test_processes_that_cannot_start_leave_it_to_one_process(tmp_path, used_ranges,
                                                             monkeypatch):
    def refused(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(parallel, "ProcessPoolExecutor", refused)
    path = big_log(tmp_path, copies=2)
    result = analyse_file(path, as_of=AS_OF, progress=False, jobs=2, split_bytes=1)
    assert result.model_dump_json() == one_process(path)
    assert used_ranges == [None]


def test_log_analyse_jobs_option(run_cli, capsys, tmp_path, used_ranges, monkeypatch):
    import code_check.complaint_log.reader as reader

    monkeypatch.setattr(reader, "SPLIT_FROM_BYTES", 100)
    for least in ("FORKED_BYTES", "SPAWNED_BYTES"):
        monkeypatch.setattr(parallel, least, 100)
    monkeypatch.setattr(parallel, "usable_cores", lambda: 3)
    path = big_log(tmp_path, copies=3)
    command = ("log", "analyse", path, "--as-of", AS_OF.isoformat(), "--format", "json")
    status, one, err = run_cli(*command, "--jobs", "1")
    assert (status, err, used_ranges) == (0, "", [])
    for jobs in (["--jobs", "2"], []):  # the default: the usable cores
        status, out, err = run_cli(*command, *jobs)
        assert (status, err, out) == (0, "", one)
        assert used_ranges.pop() is not None
    with pytest.raises(SystemExit) as exit_info:
        run_cli(*command, "--jobs", "0")
    assert exit_info.value.code == 2
    assert capsys.readouterr().err.endswith("error: argument --jobs: must be 1 or more\n")
