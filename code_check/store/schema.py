"""The workspace's SQLite schema, as numbered forward migrations.

A migration runs once, inside the same transaction that records the new version, so a
workspace is always at one well-defined version. Never edit a released migration: add one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

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
]


def migrate(connection: sqlite3.Connection) -> int:
    """Bring the schema up to date; returns the version now in force."""
    current = connection.execute("PRAGMA user_version").fetchone()[0]
    if current > len(MIGRATIONS):
        from code_check.errors import InputError

        raise InputError(
            f"this workspace was written by a newer code-check (schema {current}); "
            "please upgrade code-check"
        )
    for version in range(current + 1, len(MIGRATIONS) + 1):
        with transaction(connection):
            for statement in _statements(MIGRATIONS[version - 1]):
                connection.execute(statement)
            connection.execute(f"PRAGMA user_version = {version}")
    return len(MIGRATIONS)


@contextmanager
def transaction(connection: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """All or nothing: a write that fails half-way leaves the workspace as it was."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield connection
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")


def _statements(script: str) -> list[str]:
    """Split a migration into statements (``executescript`` would commit on its own)."""
    statements, buffer = [], ""
    for line in script.splitlines(keepends=True):
        buffer += line.split("--", 1)[0] if "--" in line else line
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    return [s for s in statements if s]
