"""The workspace's SQLite schema, as numbered forward migrations, and the mark that tells
code-check's own files from anyone else's database.

A migration runs once, inside the same transaction that records the new version, so a
workspace is always at one well-defined version. Never edit a released migration: add one.
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress

# SQLite's header field for "which application owns this file" (PRAGMA application_id): the
# ASCII letters "CChk". Set on every workspace code-check creates or opens; a database carrying
# any other mark, or none and tables of its own, is someone else's and is never written to.
APPLICATION_ID = 0x4343686B


class WorkspaceRefused(Exception):
    """A file code-check must not open as a workspace; the message says why, in plain words."""


class DamagedWorkspace(Exception):
    """A workspace of code-check's that no longer holds what code-check wrote (a damaged disk,
    a bad copy, an edit by another program); the message says what was found."""


MIGRATIONS: list[str] = [
    # 1: councils, assessments, answers, the audit trail and score snapshots.
    """
    CREATE TABLE councils (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        council TEXT NOT NULL                -- Council model, JSON
    );
    CREATE TABLE assessments (
        id INTEGER PRIMARY KEY,
        council_id INTEGER NOT NULL REFERENCES councils(id) ON DELETE CASCADE,
        catalogue TEXT NOT NULL,
        assessed_on TEXT NOT NULL,           -- ISO date
        assessor TEXT,
        based_on INTEGER REFERENCES assessments(id) ON DELETE SET NULL,
        created_at TEXT NOT NULL
    );
    CREATE INDEX assessments_by_council ON assessments(council_id, assessed_on);
    CREATE TABLE answers (
        assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
        requirement_id TEXT NOT NULL,
        status TEXT,                         -- copy of answer.status, for queries
        answer TEXT NOT NULL,                -- Answer model, JSON
        PRIMARY KEY (assessment_id, requirement_id)
    ) WITHOUT ROWID;
    CREATE TABLE answer_changes (
        id INTEGER PRIMARY KEY,
        assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
        requirement_id TEXT NOT NULL,
        changed_at TEXT NOT NULL,
        author TEXT,
        before TEXT,                         -- Answer JSON, NULL when there was none
        after TEXT,                          -- Answer JSON, NULL when cleared
        undone INTEGER NOT NULL DEFAULT 0,   -- 1 once undone
        undoes INTEGER REFERENCES answer_changes(id)  -- set on the entry an undo writes
    );
    CREATE INDEX answer_changes_by_assessment ON answer_changes(assessment_id, id);
    CREATE TABLE score_snapshots (
        id INTEGER PRIMARY KEY,
        assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
        taken_at TEXT NOT NULL,
        score REAL,
        band TEXT NOT NULL,
        coverage REAL,
        detail TEXT NOT NULL                 -- Score model, JSON
    );
    CREATE INDEX score_snapshots_by_assessment ON score_snapshots(assessment_id, id);
    """,
    # 2: the Ombudsman's figures, one row per council and year.
    """
    CREATE TABLE ombudsman_statistics (
        council TEXT NOT NULL COLLATE NOCASE,
        year TEXT NOT NULL,                  -- financial year, 2023-24
        statistics TEXT NOT NULL,            -- OmbudsmanStats model, JSON
        imported_at TEXT NOT NULL,
        source TEXT,                         -- file or "pasted text" it came from
        PRIMARY KEY (council, year)
    ) WITHOUT ROWID;
    """,
    # 3: audit entries made by one action together (a quick-mode row) share a batch number,
    # so one undo takes them all back; NULL for a change made alone.
    """
    ALTER TABLE answer_changes ADD COLUMN batch INTEGER;
    """,
    # 4: actions gained a revised due date, a completed date and progress notes (issue 13);
    # old actions read as they are. A done action gets the day it was marked done in this
    # workspace (its audit entry, in UTC) as its completed date; one imported or carried over
    # as done has no such entry and is left without a date rather than given a wrong one.
    """
    UPDATE answers SET answer = json_set(answer, '$.action.completed', marked.day)
    FROM (
        SELECT assessment_id, requirement_id, substr(max(changed_at), 1, 10) AS day
        FROM answer_changes
        WHERE undone = 0 AND undoes IS NULL AND before IS NOT NULL
          AND json_extract(after, '$.action.done') = 1
          AND coalesce(json_extract(before, '$.action.done'), 0) = 0
        GROUP BY assessment_id, requirement_id
    ) AS marked
    WHERE marked.assessment_id = answers.assessment_id
      AND marked.requirement_id = answers.requirement_id
      AND json_extract(answers.answer, '$.action.done') = 1
      AND json_type(answers.answer, '$.action.completed') IS NULL;
    """,
    # 5: an assessment may answer a second Code as well (issue 14: a council that owns homes
    # answers the Housing Ombudsman's Code beside the LGSCO's). Its answers sit in `answers`
    # under keys such as "hos-2024:5.6", so the audit trail and undo treat them alike.
    """
    ALTER TABLE assessments ADD COLUMN also_catalogue TEXT;
    """,
    # 6: the two registers of the annual complaints report (issue 15) and their audit trail:
    # each register's rows hold the entry as JSON (``entry``) beside the columns queries need
    # (dates ISO; a case's Ombudsman, lgsco or hos, and its reference, held once); each change
    # records the entry before and after as JSON (NULL when added, NULL when deleted), in
    # the register named learning or decisions. Entry numbers are never reused
    # (AUTOINCREMENT), so an entry's history stays its own after it is deleted. Written
    # compactly, so that the text of the whole schema still fits the file's first page.
    """
    CREATE TABLE learning (id INTEGER PRIMARY KEY AUTOINCREMENT, council TEXT NOT NULL
    COLLATE NOCASE, changed_on TEXT NOT NULL, entry TEXT NOT NULL);
    CREATE TABLE ombudsman_decisions (id INTEGER PRIMARY KEY AUTOINCREMENT, council TEXT NOT
    NULL COLLATE NOCASE, decided_on TEXT NOT NULL, ombudsman TEXT NOT NULL, reference TEXT NOT
    NULL, entry TEXT NOT NULL, UNIQUE (ombudsman, reference));
    CREATE TABLE register_changes (id INTEGER PRIMARY KEY, register TEXT NOT NULL, entry_id
    INTEGER NOT NULL, changed_at TEXT NOT NULL, author TEXT, before TEXT, after TEXT);
    """,
    # 7: the governing body's response to each year's annual complaints report (issue 15,
    # Code 8.2), one a council and financial year, as JSON; its changes go in register_changes
    # as the register named responses. Compact, as 6.
    """
    CREATE TABLE annual_responses (id INTEGER PRIMARY KEY AUTOINCREMENT, council TEXT NOT NULL
    COLLATE NOCASE, year TEXT NOT NULL, response TEXT NOT NULL, UNIQUE (council, year));
    """,
]


def check_ours(connection: sqlite3.Connection) -> None:
    """Refuse, before anything is written, a database that is not a code-check workspace.

    Ours are marked; a workspace from before the mark is recognised by holding exactly the
    tables its schema version gives; an empty database is a new workspace.
    """
    mark, version = _pragma(connection, "application_id"), _pragma(connection, "user_version")
    if mark == APPLICATION_ID:
        _check_intact(connection, version)
        return
    found = _objects(connection)
    if mark != 0 or not 0 <= version <= len(MIGRATIONS) or found != _objects_at(version):
        tables = sorted(name for kind, name, _ in found if kind == "table")
        held = f" (it holds the tables {', '.join(tables)})" if tables else ""
        raise WorkspaceRefused(f"not a code-check workspace: it is another program's "
                               f"database{held}, and it was left unchanged; choose another "
                               "file with --workspace")


def _check_intact(connection: sqlite3.Connection, version: int) -> None:
    """A marked workspace must be at a version this code-check knows, holding exactly that
    version's tables, columns and indexes, so that no query meets one missing or changed
    (reading the schema costs little: SQLite reads it before any query anyway)."""
    if version > len(MIGRATIONS):
        raise WorkspaceRefused(f"this workspace was written by a newer code-check "
                               f"(schema {version}): please upgrade code-check")
    if version < 0:
        raise DamagedWorkspace(f"its schema version reads {version}")
    if _objects(connection) != _objects_at(version):
        raise DamagedWorkspace("its tables are not the ones code-check made")


def migrate(connection: sqlite3.Connection) -> int:
    """Bring the schema up to date and mark the file as code-check's; returns the version."""
    for version in range(_pragma(connection, "user_version") + 1, len(MIGRATIONS) + 1):
        with transaction(connection):
            if _pragma(connection, "user_version") < version:  # not done meanwhile by another
                for statement in _statements(MIGRATIONS[version - 1]):
                    connection.execute(statement)
                connection.execute(f"PRAGMA user_version = {version}")
    if _pragma(connection, "application_id") != APPLICATION_ID:
        _mark(connection)
    return len(MIGRATIONS)


def _mark(connection: sqlite3.Connection) -> None:
    """Mark a workspace from before the mark; a read-only one can still be read, and is
    recognised by its tables until it can be marked."""
    try:
        with transaction(connection):
            connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    except sqlite3.OperationalError as exc:
        if exc.sqlite_errorcode & 0xFF != sqlite3.SQLITE_READONLY:
            raise


@contextmanager
def transaction(connection: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """All or nothing: a write that fails half-way leaves the workspace as it was."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield connection
        connection.execute("COMMIT")
    except BaseException:
        _roll_back(connection)
        raise


def _roll_back(connection: sqlite3.Connection) -> None:
    """Undo the failed transaction, unless SQLite already has (it does on a full disk): a
    failure here must never replace the error that says what really went wrong."""
    if connection.in_transaction:
        with suppress(sqlite3.Error):
            connection.execute("ROLLBACK")


def _pragma(connection: sqlite3.Connection, name: str) -> int:
    return int(connection.execute(f"PRAGMA {name}").fetchone()[0])


def _objects(connection: sqlite3.Connection) -> set[tuple[str, str, str]]:
    """Tables, indexes, views and triggers, leaving out SQLite's own bookkeeping."""
    return set(connection.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE substr(name, 1, 7) != 'sqlite_'"))


def _objects_at(version: int) -> frozenset[tuple[str, str, str]]:
    """What a code-check workspace at ``version`` holds."""
    return _built(tuple(MIGRATIONS[:version]))


@functools.cache
def _built(scripts: tuple[str, ...]) -> frozenset[tuple[str, str, str]]:
    """The objects ``scripts`` make, built in memory once (a workspace is opened many times)."""
    memory = sqlite3.connect(":memory:")
    try:
        for script in scripts:
            for statement in _statements(script):
                memory.execute(statement)
        return frozenset(_objects(memory))
    finally:
        memory.close()


def _statements(script: str) -> list[str]:
    """Split a migration into statements (``executescript`` would commit on its own)."""
    statements, buffer = [], ""
    for line in script.splitlines(keepends=True):
        buffer += line.split("--", 1)[0] if "--" in line else line
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    return [s for s in statements if s]
