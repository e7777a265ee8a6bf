"""The SQLite workspace keeps every answer safe: concurrency, transactions, the audit trail,
undo, carry-over, migrations, and a process killed in the middle of writing."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from datetime import date

import pytest

from code_check.assessment.model import Action, Answer, Assessment, Council, Status
from code_check.errors import InputError
from code_check.store import schema
from code_check.store.workspace import Workspace

COUNCIL = Council(name="Northtown District Council", authority_type="district_council")


@pytest.fixture
def path(tmp_path, monkeypatch):
    monkeypatch.setenv("CODE_CHECK_WORKSPACE", str(tmp_path / "default.sqlite3"))
    return tmp_path / "workspace.sqlite3"


def blank(assessed_on=date(2026, 1, 15), **answers: Answer) -> Assessment:
    return Assessment(council=COUNCIL, catalogue="lgsco-2024", assessed_on=assessed_on,
                      assessor="Ann Lee", answers=answers)


MET = Answer(status=Status.MET, evidence=["Complaints policy s2"])
GAP = Answer(status=Status.NOT_MET, commentary="Not yet",
             action=Action(description="Write it", owner="Ann Lee", due=date(2026, 5, 1)))


# connection settings and concurrency --------------------------------------------------------

def test_wal_mode_and_a_busy_timeout(path):
    with Workspace(path) as workspace:
        db = workspace.connection
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
        assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_the_default_workspace_follows_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("CODE_CHECK_WORKSPACE", str(tmp_path / "env.sqlite3"))
    with Workspace() as workspace:
        assert workspace.path == tmp_path / "env.sqlite3"
    assert (tmp_path / "env.sqlite3").exists()


def test_two_connections_share_the_workspace_and_a_writer_waits_for_the_lock(path, catalogue):
    with Workspace(path) as workspace:
        assessment_id = workspace.add_assessment(blank(), catalogue, author="Ann Lee")
        other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        other.execute("BEGIN IMMEDIATE")  # another connection holds the write lock
        assert workspace.load(assessment_id).answers == {}  # readers are not blocked (WAL)
        started = time.monotonic()
        releaser = threading.Timer(0.5, lambda: other.execute("COMMIT"))
        releaser.start()
        workspace.set_answer(assessment_id, "1.1", MET, catalogue, author="Bo Ray")
        releaser.join()
        other.close()
        assert time.monotonic() - started >= 0.4  # it waited instead of failing
    with Workspace(path) as reopened:
        assert reopened.load(assessment_id).answer("1.1") == MET


WRITER = """
import sys
from pathlib import Path
from code_check.assessment.model import Answer
from code_check.catalogue.files import load_catalogue
from code_check.store.workspace import Workspace

catalogue = load_catalogue()
ids = [r.id for r in catalogue.requirements]
limit = int(sys.argv[3])
with Workspace(Path(sys.argv[1])) as workspace:
    write = 0
    while limit == 0 or write < limit:
        rid = ids[write % len(ids)]
        workspace.set_answer(int(sys.argv[2]), rid, Answer(commentary=f"write {write}"),
                             catalogue, author="writer")
        print(write, rid, flush=True)
        write += 1
"""


def _writer(path, assessment_id: int, limit: int) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), str(assessment_id), str(limit)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def test_two_processes_write_the_same_workspace(path, catalogue):
    with Workspace(path) as workspace:
        theirs = workspace.add_assessment(blank(), catalogue)
        ours = workspace.add_assessment(blank(date(2026, 2, 1)), catalogue)
        writer = _writer(path, theirs, 40)
        for index, requirement in enumerate(catalogue.requirements[:40]):
            workspace.set_answer(ours, requirement.id, Answer(commentary=f"ours {index}"),
                                 catalogue, author="reader")
            workspace.load(theirs)
        _, err = writer.communicate(timeout=60)
        assert writer.returncode == 0, err
        assert len(workspace.load(theirs).answers) == 40
        assert len(workspace.load(ours).answers) == 40


def test_a_process_killed_in_the_middle_of_writing_loses_nothing_committed(path, catalogue):
    with Workspace(path) as workspace:
        assessment_id = workspace.add_assessment(blank(), catalogue)
    writer = _writer(path, assessment_id, 0)
    reported = []
    while len(reported) < 150:
        line = writer.stdout.readline()
        assert line, writer.stderr.read()
        reported.append(line.split())
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait(timeout=30)
    writer.stdout.close()
    writer.stderr.close()

    with Workspace(path) as workspace:
        db = workspace.connection
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = workspace.load(assessment_id).answers
        history = workspace.history(assessment_id)
    written = {int(number): rid for number, rid in reported}
    last_reported = max(written)
    numbers = [int(change.after.commentary.split()[1]) for change in history]
    assert numbers == list(range(len(numbers)))  # every change logged, none twice
    assert last_reported <= numbers[-1] <= last_reported + 1  # at most one unreported commit
    for change in history:  # each answer is the last change logged for it
        assert stored[change.requirement_id] == _last_change(history, change.requirement_id)
    for number, rid in written.items():
        assert int(stored[rid].commentary.split()[1]) >= number


def _last_change(history, requirement_id):
    return [c.after for c in history if c.requirement_id == requirement_id][-1]


# transactions ------------------------------------------------------------------------------

def test_a_failed_write_leaves_the_workspace_as_it_was(path, catalogue, monkeypatch):
    with Workspace(path) as workspace:
        kept = workspace.add_assessment(blank(**{"1.1": MET}), catalogue)

        def broken_snapshot(*args):
            raise RuntimeError("disk full")

        monkeypatch.setattr(workspace, "_snapshot", broken_snapshot)
        with pytest.raises(RuntimeError):
            workspace.add_assessment(blank(date(2026, 3, 1), **{"2.1": GAP}), catalogue)
        with pytest.raises(RuntimeError):
            workspace.set_answer(kept, "1.2", MET, catalogue)
        assert [r.id for r in workspace.assessments()] == [kept]
        assert workspace.load(kept).answers == {"1.1": MET}
        assert len(workspace.history(kept)) == 1
        count = workspace.connection.execute("SELECT COUNT(*) FROM answer_changes").fetchone()
        assert count[0] == 1


def test_unknown_requirement_is_refused_before_writing(path, catalogue):
    with Workspace(path) as workspace:
        assessment_id = workspace.add_assessment(blank(), catalogue)
        with pytest.raises(InputError, match="unknown requirement '99.1'"):
            workspace.set_answer(assessment_id, "99.1", MET, catalogue)
        assert workspace.history(assessment_id) == []


# audit trail, undo, snapshots ---------------------------------------------------------------

def test_the_audit_trail_records_every_change_with_its_author(path, catalogue):
    with Workspace(path) as workspace:
        assessment_id = workspace.add_assessment(blank(**{"1.1": MET}), catalogue,
                                                 author="Ann Lee")
        workspace.set_answer(assessment_id, "1.2", GAP, catalogue, author="Bo Ray")
        workspace.set_answer(assessment_id, "1.2", MET, catalogue, author="Cy Dee")
        workspace.set_answer(assessment_id, "1.2", MET, catalogue, author="Cy Dee")  # no change
        workspace.set_answer(assessment_id, "1.1", Answer(), catalogue, author="Di Fox")
        history = workspace.history(assessment_id)
    assert [(c.requirement_id, c.author, c.before, c.after) for c in history] == [
        ("1.1", "Ann Lee", None, MET),
        ("1.2", "Bo Ray", None, GAP),
        ("1.2", "Cy Dee", GAP, MET),
        ("1.1", "Di Fox", MET, None),
    ]
    assert all(c.changed_at.tzinfo is not None for c in history)


def test_undo_restores_the_previous_answer_and_is_itself_recorded(path, catalogue):
    with Workspace(path) as workspace:
        assessment_id = workspace.add_assessment(blank(), catalogue)
        workspace.set_answer(assessment_id, "1.2", GAP, catalogue, author="Bo Ray")
        workspace.set_answer(assessment_id, "1.2", MET, catalogue, author="Bo Ray")
        assert workspace.undo(assessment_id, catalogue, author="Bo Ray") == "1.2"
        assert workspace.load(assessment_id).answer("1.2") == GAP
        assert workspace.undo(assessment_id, catalogue, author="Bo Ray") == "1.2"
        assert "1.2" not in workspace.load(assessment_id).answers
        assert workspace.undo(assessment_id, catalogue) is None
        history = workspace.history(assessment_id)
        snapshots = workspace.score_history(assessment_id)
    assert len(history) == 4
    assert [(c.before, c.after) for c in history[2:]] == [(MET, GAP), (GAP, None)]
    scores = [snapshot.overall.score for _, snapshot in snapshots]
    assert scores[0] == scores[-1] == 0 and max(scores) > 0


def test_a_score_snapshot_whenever_the_score_changes(path, catalogue):
    with Workspace(path) as workspace:
        assessment_id = workspace.add_assessment(blank(), catalogue)
        workspace.set_answer(assessment_id, "1.1", MET, catalogue)
        workspace.set_answer(assessment_id, "1.2", MET, catalogue)
        history = workspace.score_history(assessment_id)
        record = workspace.record(assessment_id)
    assert [round(s.overall.earned) for _, s in history] == [0, 1, 2]
    assert record.score == pytest.approx(history[-1][1].overall.score)


# carry-over --------------------------------------------------------------------------------

def test_starting_from_the_previous_assessment_flags_every_answer(path, catalogue):
    with Workspace(path) as workspace:
        old = workspace.add_assessment(blank(**{"1.1": MET, "2.1": GAP}), catalogue)
        new = workspace.start_from_previous(old, catalogue, assessed_on=date(2026, 4, 15),
                                            assessor="Bo Ray")
        carried = workspace.load(new)
        assert workspace.record(new).based_on == old
        assert carried.assessor == "Bo Ray" and carried.assessed_on == date(2026, 4, 15)
        assert {rid: a.carried_over for rid, a in carried.answers.items()} == {
            "1.1": True, "2.1": True}
        assert carried.answer("2.1").action == GAP.action
        workspace.set_answer(new, "1.1", MET, catalogue, author="Bo Ray")  # confirmed
        assert workspace.load(new).answer("1.1").carried_over is False
        assert workspace.load(old).answer("1.1") == MET  # the old one is untouched


# deleting ----------------------------------------------------------------------------------

def test_deleting_removes_the_assessment_and_its_history_only(path, catalogue):
    with Workspace(path) as workspace:
        old = workspace.add_assessment(blank(**{"1.1": MET}), catalogue)
        new = workspace.start_from_previous(old, catalogue, assessed_on=date(2026, 4, 1))
        workspace.delete_assessment(old)
        db = workspace.connection
        assert db.execute("SELECT COUNT(*) FROM answer_changes WHERE assessment_id = ?",
                          (old,)).fetchone()[0] == 0
        assert workspace.record(new).based_on is None
        assert workspace.load(new).answer("1.1").status is Status.MET
        with pytest.raises(InputError, match=f"no assessment {old}"):
            workspace.delete_assessment(old)


# schema versions ---------------------------------------------------------------------------

def test_an_empty_version_0_file_is_migrated_to_the_current_schema(path):
    sqlite3.connect(path).close()  # an empty database file: schema version 0
    assert path.exists()
    with Workspace(path) as workspace:
        db = workspace.connection
        assert db.execute("PRAGMA user_version").fetchone()[0] == len(schema.MIGRATIONS)
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
    assert {"councils", "assessments", "answers", "answer_changes",
            "score_snapshots"} <= tables


def test_migrations_run_forward_and_keep_the_data(path, catalogue, monkeypatch):
    with Workspace(path) as workspace:
        assessment_id = workspace.add_assessment(blank(**{"1.1": MET}), catalogue)
    later = [*schema.MIGRATIONS, "CREATE TABLE later_notes (id INTEGER PRIMARY KEY, note TEXT);"]
    monkeypatch.setattr(schema, "MIGRATIONS", later)
    with Workspace(path) as workspace:
        db = workspace.connection
        assert db.execute("PRAGMA user_version").fetchone()[0] == len(later)
        db.execute("INSERT INTO later_notes (note) VALUES ('kept')")
        assert workspace.load(assessment_id).answer("1.1") == MET
    with Workspace(path) as workspace:  # reopening runs nothing twice
        assert workspace.connection.execute("SELECT note FROM later_notes").fetchall() == [
            ("kept",)]


def test_a_failed_migration_leaves_the_old_version(path, catalogue, monkeypatch):
    with Workspace(path) as workspace:
        workspace.add_assessment(blank(**{"1.1": MET}), catalogue)
    version = len(schema.MIGRATIONS)
    monkeypatch.setattr(schema, "MIGRATIONS", [
        *schema.MIGRATIONS, "CREATE TABLE half (id INTEGER); INSERT INTO nowhere VALUES (1);"])
    with pytest.raises(InputError, match="could not be brought up to date"):
        Workspace(path)
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == version
    assert db.execute("SELECT COUNT(*) FROM sqlite_master WHERE name = 'half'").fetchone()[0] == 0
    db.close()


def test_a_workspace_from_a_newer_code_check_is_refused(path):
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
    db.execute(f"PRAGMA user_version = {len(schema.MIGRATIONS) + 1}")
    db.close()
    with pytest.raises(InputError, match="newer code-check"):
        Workspace(path)


def test_a_file_that_is_not_a_workspace_is_refused(path, capsys):
    path.write_bytes(b"this is a spreadsheet, honestly" * 100)
    with pytest.raises(InputError, match="not a code-check workspace"):
        Workspace(path)
    from code_check.cli import main

    assert main(["assessment", "list", "--workspace", str(path)]) == 1
    assert capsys.readouterr().err.count("\n") == 1


def test_answers_are_stored_as_json_that_round_trips(path, catalogue):
    full = Answer(status=Status.PARTLY_MET, evidence=["a", "b"], commentary="line 1\nline 2",
                  action=Action(description="Fix", owner="Ann", due=date(2026, 5, 1),
                                done=True), via_row="3", carried_over=True)
    with Workspace(path) as workspace:
        assessment_id = workspace.add_assessment(blank(**{"3.1": full}), catalogue)
        raw = workspace.connection.execute(
            "SELECT status, answer FROM answers WHERE assessment_id = ?",
            (assessment_id,)).fetchone()
        assert workspace.load(assessment_id).answer("3.1") == full
    assert raw[0] == "partly_met" and json.loads(raw[1])["via_row"] == "3"
