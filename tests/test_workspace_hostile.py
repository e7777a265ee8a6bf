"""Workspaces under hostile conditions: someone else's database, a read-only file, a full disk,
damaged pages; and a report that runs out of space, and an import that changes a council's details.

Every failure is one line naming the file and saying what to do; nothing committed is lost and a
file that is not code-check's is left byte for byte as it was.
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import threading
from pathlib import Path

import pytest

from code_check.assessment.files import load_assessment_file
from code_check.assessment.model import Answer, Assessment, Council, Status
from code_check.errors import InputError
from code_check.readers import files
from code_check.statistics.files import read_statistics
from code_check.store import schema
from code_check.store import workspace as workspace_module
from code_check.store.schema import APPLICATION_ID, transaction
from code_check.store.statistics import StatisticsStore
from code_check.store.workspace import Workspace

DEMO = Path(workspace_module.__file__).parents[1] / "demo" / "example-borough-2026-03-31.yaml"
DEMO_STATISTICS = DEMO.with_name("example-statistics.csv")
NORTHTOWN = Council(name="Northtown District Council", authority_type="district_council",
                    population=90000)


@pytest.fixture
def path(tmp_path) -> Path:
    return tmp_path / "workspace.sqlite3"


def demo_workspace(path: Path, catalogue) -> int:
    """A workspace holding the demo council's assessment (67 answers); returns its id."""
    with Workspace(path) as workspace:
        return workspace.add_assessment(load_assessment_file(DEMO, catalogue), catalogue)


def raw(path: Path, *statements: str) -> None:
    db = sqlite3.connect(path, isolation_level=None)
    for statement in statements:
        db.execute(statement)
    db.close()


def pragma(path: Path, name: str):
    db = sqlite3.connect(path)
    try:
        return db.execute(f"PRAGMA {name}").fetchone()[0]
    finally:
        db.close()


def one_line_naming(stderr: str, path: Path) -> str:
    assert stderr.count("\n") == 1 and str(path) in stderr, stderr
    assert "unexpected problem" not in stderr and "Traceback" not in stderr
    return stderr


def opened_read_only(monkeypatch) -> None:
    """What SQLite does with a file it may not write (root ignores chmod, so ask for it)."""
    monkeypatch.setattr(workspace_module, "_connect", lambda path: sqlite3.connect(
        f"file:{path}?mode=ro", uri=True, isolation_level=None, timeout=10))


# code-check's mark ---------------------------------------------------------------------------

def test_a_new_workspace_carries_code_checks_mark(path):
    Workspace(path).close()
    assert pragma(path, "application_id") == APPLICATION_ID


def test_an_empty_file_becomes_a_workspace(path, catalogue):
    path.write_bytes(b"")
    assert demo_workspace(path, catalogue) == 1
    assert pragma(path, "application_id") == APPLICATION_ID


def test_a_workspace_from_before_the_mark_opens_and_is_marked(path, catalogue):
    assessment_id = demo_workspace(path, catalogue)
    raw(path, "PRAGMA application_id = 0")
    with Workspace(path) as workspace:
        assert len(workspace.load(assessment_id).answers) == 67
    assert pragma(path, "application_id") == APPLICATION_ID


def test_an_older_workspace_from_before_the_mark_is_migrated_and_marked(path, monkeypatch):
    monkeypatch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:1])
    with Workspace(path) as workspace:
        workspace.save_council(NORTHTOWN)
    raw(path, "PRAGMA application_id = 0")
    monkeypatch.undo()
    with Workspace(path) as workspace:
        assert workspace.council(NORTHTOWN.name) == NORTHTOWN
        assert StatisticsStore(workspace).rows() == []  # migration 2's table is there
    assert pragma(path, "user_version") == len(schema.MIGRATIONS)
    assert pragma(path, "application_id") == APPLICATION_ID


def _code_check_tables_and_more(path: Path) -> None:
    Workspace(path).close()
    raw(path, "PRAGMA journal_mode = DELETE", "PRAGMA application_id = 0",
        "CREATE TABLE invoices (id INTEGER PRIMARY KEY)")


FOREIGN = {
    "someone's invoices": lambda path: raw(
        path, "CREATE TABLE invoices (id INTEGER PRIMARY KEY, payee TEXT, amount REAL)",
        "INSERT INTO invoices (payee, amount) VALUES ('Acme', 120.5)"),
    "table names that clash": lambda path: raw(
        path, "CREATE TABLE councils (code TEXT, region TEXT)",
        "INSERT INTO councils VALUES ('E07000001', 'North')"),
    "code-check's tables and another": _code_check_tables_and_more,
    "another program's mark": lambda path: raw(path, "PRAGMA application_id = 252006674",
                                               "PRAGMA user_version = 1"),
    "not SQLite at all": lambda path: path.write_bytes(b"reference,received\nC1,2026-01-05\n"),
}


@pytest.mark.parametrize("make", FOREIGN.values(), ids=FOREIGN.keys())
def test_a_database_that_is_not_code_checks_is_refused_and_left_unchanged(path, make, run_cli):
    make(path)
    before = path.read_bytes()
    with pytest.raises(InputError, match="not a code-check workspace") as refused:
        Workspace(path)
    assert "left unchanged" in str(refused.value) and str(path) in str(refused.value)
    status, out, err = run_cli("assessment", "list", "--workspace", path)
    assert status == 1 and out == ""
    one_line_naming(err, path)
    assert path.read_bytes() == before  # no tables added, not switched to WAL
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]  # no -wal, no -shm


def test_a_foreign_databases_tables_are_named(path):
    FOREIGN["someone's invoices"](path)
    with pytest.raises(InputError, match=r"another program's database \(it holds the tables "
                                         r"invoices\)"):
        Workspace(path)


def test_two_programs_making_one_new_workspace_at_once_both_succeed(path):
    """The second waits for the first's migration, then finds nothing left to do."""
    first = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    first.execute("PRAGMA journal_mode = WAL")
    first.execute("BEGIN IMMEDIATE")
    for script in schema.MIGRATIONS:
        for statement in schema._statements(script):
            first.execute(statement)
    first.execute(f"PRAGMA user_version = {len(schema.MIGRATIONS)}")
    committer = threading.Timer(0.5, lambda: first.execute("COMMIT"))
    committer.start()
    with Workspace(path) as second:  # saw an empty file, then waited for the lock
        second.save_council(NORTHTOWN)
    committer.join()
    first.close()
    assert pragma(path, "application_id") == APPLICATION_ID


# read-only files and folders ------------------------------------------------------------------

def test_a_read_only_workspace_is_read_but_a_change_is_refused_in_one_line(
        path, catalogue, monkeypatch, run_cli):
    demo_workspace(path, catalogue)
    before = path.read_bytes()
    opened_read_only(monkeypatch)
    status, out, _ = run_cli("assessment", "list", "--workspace", path, "--format", "json")
    assert status == 0 and '"council": "Example Borough Council"' in out
    status, _, err = run_cli("assessment", "new", "--council", "Example Borough Council",
                             "--workspace", path)
    assert status == 1
    assert "read-only" in one_line_naming(err, path) and "--workspace" in err
    assert path.read_bytes() == before


def test_a_read_only_workspace_from_before_the_mark_can_still_be_read(
        path, catalogue, monkeypatch):
    assessment_id = demo_workspace(path, catalogue)
    raw(path, "PRAGMA application_id = 0")
    opened_read_only(monkeypatch)
    with Workspace(path) as workspace:
        assert len(workspace.load(assessment_id).answers) == 67
    assert pragma(path, "application_id") == 0


def test_a_new_workspace_in_a_read_only_folder_is_refused_in_one_line(
        path, monkeypatch, run_cli):
    opened_read_only(monkeypatch)  # the file cannot be made, as in a read-only folder
    status, _, err = run_cli("assessment", "list", "--workspace", path)
    assert status == 1 and "read-only" in one_line_naming(err, path)


# a full disk ---------------------------------------------------------------------------------

def full_disk(db: sqlite3.Connection, spare_pages: int = 0) -> None:
    """The file may grow by ``spare_pages`` only, then SQLite says 'database or disk is full'."""
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.execute(f"PRAGMA max_page_count = {pages + spare_pages}")


def test_a_full_disk_is_reported_as_such_not_as_a_failed_rollback(path):
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("CREATE TABLE notes (note TEXT)")
    full_disk(db)
    with pytest.raises(sqlite3.OperationalError) as failure, transaction(db):
        db.execute("INSERT INTO notes VALUES (?)", ("x" * 100_000,))
    assert failure.value.sqlite_errorcode == sqlite3.SQLITE_FULL
    assert not db.in_transaction
    db.close()


def test_answers_saved_before_the_disk_filled_are_all_kept(path, catalogue):
    with Workspace(path) as workspace:
        assessment_id = workspace.add_assessment(
            Assessment(council=NORTHTOWN, catalogue="lgsco-2024",
                       assessed_on="2026-01-15"), catalogue)
        full_disk(workspace.connection, spare_pages=10)
        saved = {}
        with pytest.raises(InputError) as full:
            for requirement in catalogue.requirements:
                answer = Answer(status=Status.MET, commentary=requirement.id * 300)
                workspace.set_answer(assessment_id, requirement.id, answer, catalogue)
                saved[requirement.id] = answer
    assert "disk is full" in str(full.value) and str(path) in str(full.value)
    assert "rollback" not in str(full.value)
    assert 0 < len(saved) < len(catalogue.requirements)
    with Workspace(path) as workspace:
        assert workspace.connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert workspace.load(assessment_id).answers == saved
        assert len(workspace.history(assessment_id)) == len(saved)


def test_an_import_onto_a_full_disk_names_the_workspace_and_loses_nothing(
        path, catalogue, monkeypatch, run_cli):
    kept = demo_workspace(path, catalogue)
    connect = workspace_module._connect

    def connect_to_a_full_disk(target):
        db = connect(target)
        full_disk(db)
        return db

    monkeypatch.setattr(workspace_module, "_connect", connect_to_a_full_disk)
    status, _, err = run_cli("assessment", "import", DEMO, "--date", "2026-06-30",
                             "--workspace", path)
    assert status == 1
    assert "disk is full" in one_line_naming(err, path) and "rollback" not in err
    monkeypatch.undo()
    with Workspace(path) as workspace:
        assert [record.id for record in workspace.assessments()] == [kept]
        assert workspace.load(kept) == load_assessment_file(DEMO, catalogue)


# damaged pages -------------------------------------------------------------------------------

def damage(path: Path, start: int, end: int | None = None) -> None:
    data = bytearray(path.read_bytes())
    end = len(data) if end is None else end
    data[start:end] = bytes((index * 37) % 251 for index in range(end - start))
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("where", ["table pages", "schema page"])
def test_a_damaged_workspace_is_named_with_what_to_do(path, catalogue, run_cli, where):
    demo_workspace(path, catalogue)
    assert not path.with_name(path.name + "-wal").exists()  # everything is in the file
    copy = path.with_name("copy.sqlite3")
    shutil.copy(path, copy)
    page = pragma(path, "page_size")
    damage(copy, page * 2) if where == "table pages" else damage(copy, 100, page)
    status, out, err = run_cli("assessment", "show", "1", "--workspace", copy)
    assert status == 1 and out == ""
    assert "damaged" in one_line_naming(err, copy) and "backup" in err
    status, _, _ = run_cli("assessment", "show", "1", "--workspace", path)
    assert status == 0  # the original is untouched


def refused_unchanged(path: Path, run_cli, *argv: str) -> str:
    """Run a command on a broken workspace: one line naming it, and every file as it was."""
    before = {p.name: p.read_bytes() for p in path.parent.iterdir()}
    status, out, err = run_cli(*argv, "--workspace", path)
    assert status == 1 and out == ""
    assert {p.name: p.read_bytes() for p in path.parent.iterdir()} == before  # no -wal, no -shm
    return one_line_naming(err, path)


def set_byte(path: Path, offset: int, value: int) -> None:
    data = bytearray(path.read_bytes())
    data[offset] = value
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("value", [0x05, 0xFF])
def test_an_unknown_schema_format_number_is_damage(path, catalogue, run_cli, value):
    """Byte 47 of SQLite's header: SQLite says only "unsupported file format"."""
    demo_workspace(path, catalogue)
    set_byte(path, 47, value)
    for argv in (["assessment", "list"], ["score", "1"], ["stats", "show"]):
        err = refused_unchanged(path, run_cli, *argv)
        assert "damaged (unsupported file format)" in err and "backup" in err


def test_a_negative_schema_version_is_damage(path, catalogue, run_cli):
    """Byte 60 is the top byte of user_version: 0xFF makes it negative."""
    demo_workspace(path, catalogue)
    set_byte(path, 60, 0xFF)
    err = refused_unchanged(path, run_cli, "assessment", "list")
    version = len(schema.MIGRATIONS) - 0x1000000
    assert f"damaged (its schema version reads {version})" in err


def test_an_unmarked_workspace_with_a_negative_schema_version_is_refused(
        path, monkeypatch, run_cli):
    monkeypatch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:2])
    Workspace(path).close()
    monkeypatch.undo()
    raw(path, "PRAGMA journal_mode = DELETE", "PRAGMA application_id = 0",
        "PRAGMA user_version = -1")
    assert "not a code-check workspace" in refused_unchanged(path, run_cli, "assessment", "list")


def test_a_column_not_there_is_damage_found_on_opening(path, catalogue, run_cli):
    """SQLite would say "no such column: c.name" in the middle of a command."""
    demo_workspace(path, catalogue)
    raw(path, "ALTER TABLE councils RENAME COLUMN name TO title")
    err = refused_unchanged(path, run_cli, "assessment", "list")
    assert "damaged (its tables are not the ones code-check made)" in err


def test_schema_text_that_is_not_utf8_is_damage(path, catalogue, run_cli):
    demo_workspace(path, catalogue)
    set_byte(path, path.read_bytes().index(b"assessor TEXT") + 2, 0xE6)
    err = refused_unchanged(path, run_cli, "assessment", "list")
    assert "damaged (it holds text that is not UTF-8)" in err


@pytest.mark.parametrize("command", [["assessment", "list"], ["score", "1"], ["stats", "show"]])
def test_a_value_that_is_not_utf8_is_damage(path, catalogue, run_cli, command):
    demo_workspace(path, catalogue)
    with Workspace(path) as workspace:
        StatisticsStore(workspace).save(read_statistics(DEMO_STATISTICS), "demo")
    raw(path, "UPDATE councils SET name = CAST(X'4EE6' AS TEXT), council = CAST(X'7B22E6' AS TEXT)",
        "UPDATE ombudsman_statistics SET statistics = CAST(X'7B22E6' AS TEXT)")
    err = refused_unchanged(path, run_cli, *command)
    assert "damaged (it holds text that is not UTF-8)" in err


STORED_VALUES_CHANGED = {
    "an answer's status": ("UPDATE answers SET answer = '{\"status\": \"mat\"}'",
                           lambda workspace: workspace.load(1)),
    "an assessment's date": ("UPDATE assessments SET assessed_on = '2026-13-45'",
                             lambda workspace: workspace.assessments()),
    "an audit entry's time": ("UPDATE answer_changes SET changed_at = 'yesterday'",
                              lambda workspace: workspace.history(1)),
    "a score snapshot": ("UPDATE score_snapshots SET detail = '{'",
                         lambda workspace: workspace.score_history(1)),
    "a council": ("UPDATE councils SET council = '[]'", lambda workspace: workspace.councils()),
    "a year's statistics": ("UPDATE ombudsman_statistics SET statistics = '{}'",
                            lambda workspace: StatisticsStore(workspace).rows()),
}


@pytest.mark.parametrize("change, read", STORED_VALUES_CHANGED.values(),
                         ids=STORED_VALUES_CHANGED.keys())
def test_a_stored_value_that_no_longer_parses_is_damage(path, catalogue, change, read):
    demo_workspace(path, catalogue)
    with Workspace(path) as workspace:
        StatisticsStore(workspace).save(read_statistics(DEMO_STATISTICS), "demo")
    raw(path, change)
    with Workspace(path) as workspace, pytest.raises(InputError) as damaged:
        read(workspace)
    assert str(damaged.value) == (f"{path}: the workspace file is damaged (a value it holds "
                                  "cannot be read back): restore it from a backup copy, or start "
                                  "a new one with --workspace NEW.sqlite3")


def test_a_changed_answer_stops_a_score_in_one_line(path, catalogue, run_cli):
    demo_workspace(path, catalogue)
    raw(path, "UPDATE answers SET answer = '{\"status\": \"mat\"}'")
    err = refused_unchanged(path, run_cli, "score", "1")
    assert "damaged (a value it holds cannot be read back)" in err


def hide_the_assessment(path: Path) -> None:
    """Four bytes slipped in front of the assessments table's one row, as a bad copy might:
    SQLite then finds no assessment 1 and reports nothing wrong."""
    db = sqlite3.connect(path)
    page_size = db.execute("PRAGMA page_size").fetchone()[0]
    root = db.execute("SELECT rootpage FROM sqlite_master WHERE name = 'assessments'").fetchone()
    db.close()
    data = path.read_bytes()
    page = (root[0] - 1) * page_size
    row = page + int.from_bytes(data[page + 8:page + 10], "big")  # the leaf's first cell
    path.write_bytes(data[:row] + bytes(4) + data[row:])


def test_an_assessment_hidden_by_damage_is_not_reported_missing(path, catalogue, run_cli):
    demo_workspace(path, catalogue)
    hide_the_assessment(path)
    err = refused_unchanged(path, run_cli, "score", "1")
    assert "damaged (no assessment 1 was found, and SQLite's check of the file found " \
        "faults)" in err


def test_an_assessment_not_there_is_named_with_the_workspace(path, catalogue, run_cli):
    demo_workspace(path, catalogue)
    status, _, err = run_cli("score", "7", "--workspace", path)
    assert status == 1
    assert err == f"code-check: {path}: no assessment 7 in the workspace\n"


def test_opening_a_workspace_does_not_check_the_whole_file(path, catalogue, monkeypatch):
    """SQLite's check reads every page: it runs only once something has gone wrong."""
    demo_workspace(path, catalogue)

    def whole_file_read(path):
        raise AssertionError("the whole file was checked")

    monkeypatch.setattr(workspace_module, "_damaged", whole_file_read)
    with Workspace(path) as workspace:
        assert workspace.load(1).council.name == "Example Borough Council"


@pytest.mark.parametrize("content", [b"S", b"\x00", b"SQLite format 3"])
@pytest.mark.parametrize("command", [["assessment", "list"], ["score", "1"], ["stats", "show"],
                                     ["assessment", "import", str(DEMO)]])
def test_a_file_too_short_to_be_a_database_is_refused_unchanged(path, run_cli, content, command):
    """SQLite takes a one-byte file for an empty one and would make a workspace of it."""
    path.write_bytes(content)
    err = refused_unchanged(path, run_cli, *command)
    assert "not a code-check workspace: it is not a database file" in err


# a report on a full disk ---------------------------------------------------------------------

class DiskFillsUp:
    """A file that takes half of what is written, then reports the disk full."""

    real_fdopen = staticmethod(os.fdopen)

    def __init__(self, descriptor, *args, **kwargs) -> None:
        self._file = self.real_fdopen(descriptor, *args, **kwargs)

    def __enter__(self):
        return self

    def __exit__(self, *exc_info) -> None:
        self._file.close()

    def write(self, data) -> None:
        self._file.write(data[: len(data) // 2])
        self._file.flush()
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_a_report_that_runs_out_of_space_leaves_no_hidden_file(tmp_path, monkeypatch, run_cli):
    out = tmp_path / "committee" / "report.md"
    out.parent.mkdir()
    out.write_text("last quarter's report")
    monkeypatch.setattr(files.os, "fdopen", DiskFillsUp)
    status, _, err = run_cli("report", DEMO, "--format", "md", "-o", out)
    assert status == 1 and "disk is full" in one_line_naming(err, out)
    assert [p.name for p in out.parent.iterdir()] == ["report.md"]
    assert out.read_text() == "last quarter's report"


def test_an_interrupted_write_leaves_no_hidden_file(tmp_path, monkeypatch):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(files.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        files.write_atomically(tmp_path / "report.html", "<p>done</p>")
    assert list(tmp_path.iterdir()) == []


# an import that changes a council's details ---------------------------------------------------

def test_importing_an_assessment_that_changes_a_held_councils_details_says_so(
        tmp_path, catalogue, run_cli):
    path = tmp_path / "workspace.sqlite3"
    demo_workspace(path, catalogue)
    changed = tmp_path / "changed.yaml"
    changed.write_text(DEMO.read_text().replace("population: 150000", "population: 1")
                       .replace("metropolitan_borough", "unitary_council"))
    status, out, _ = run_cli("assessment", "import", changed, "--workspace", path)
    assert status == 0
    notice = [line for line in out.splitlines() if line.startswith("Changed")]
    assert notice == ["Changed the details held for Example Borough Council: authority type was "
                      "Metropolitan borough, now Unitary council; population was 150,000, now 1 "
                      "(all its assessments share them)."]


def test_importing_with_the_same_details_says_nothing_of_them(path, catalogue, run_cli):
    demo_workspace(path, catalogue)
    status, out, _ = run_cli("assessment", "import", DEMO, "--workspace", path)
    assert status == 0 and "Changed" not in out and out.startswith("Imported")


def test_a_published_form_with_a_new_population_says_so_in_json(path, tmp_path, run_cli):
    import json

    with Workspace(path) as workspace:
        workspace.save_council(NORTHTOWN)
    form = tmp_path / "form.csv"
    form.write_text("Code section,Compliant\n1,Yes\n")
    status, out, _ = run_cli("assessment", "import", form, "--council", NORTHTOWN.name,
                             "--population", "95000", "--workspace", path, "--format", "json")
    assert status == 0
    assert json.loads(out)["council_changes"] == [
        {"field": "population", "was": "90,000", "now": "95,000"}]
    with Workspace(path) as workspace:
        assert workspace.council(NORTHTOWN.name).population == 95000
