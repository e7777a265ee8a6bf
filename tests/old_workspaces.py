"""Workspaces as earlier versions of code-check left them, written with SQL alone: today's
code cannot write an older schema, and a migration is only tested by what it finds."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from code_check.assessment.model import Answer, Assessment
from code_check.store import schema


def workspace_at(path: Path, version: int) -> sqlite3.Connection:
    """A new workspace file at schema ``version``, marked as code-check's."""
    db = sqlite3.connect(path, isolation_level=None)
    for script in schema.MIGRATIONS[:version]:
        for statement in schema._statements(script):
            db.execute(statement)
    db.execute(f"PRAGMA user_version = {version}")
    db.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
    return db


def add_assessment(db: sqlite3.Connection, assessment: Assessment) -> int:
    """The assessment with its council and answers, each answer logged as first given."""
    db.execute("INSERT OR IGNORE INTO councils (name, council) VALUES (?, ?)",
               (assessment.council.name, assessment.council.model_dump_json(
                   exclude_defaults=True)))
    council_id = db.execute("SELECT id FROM councils WHERE name = ?",
                            (assessment.council.name,)).fetchone()[0]
    assessment_id = db.execute(
        "INSERT INTO assessments (council_id, catalogue, assessed_on, assessor, created_at) "
        "VALUES (?, ?, ?, ?, ?)",
        (council_id, assessment.catalogue, assessment.assessed_on.isoformat(),
         assessment.assessor, _now())).lastrowid
    for requirement_id, answer in assessment.answers.items():
        change_answer(db, assessment_id, requirement_id, None, answer)
    return assessment_id


def change_answer(db: sqlite3.Connection, assessment_id: int, requirement_id: str,
                  before: Answer | None, after: Answer) -> None:
    """An answer given or changed, with its audit entry."""
    db.execute("INSERT OR REPLACE INTO answers (assessment_id, requirement_id, status, answer) "
               "VALUES (?, ?, ?, ?)", (assessment_id, requirement_id,
                                       after.status and after.status.value, _json(after)))
    db.execute("INSERT INTO answer_changes (assessment_id, requirement_id, changed_at, before, "
               "after) VALUES (?, ?, ?, ?, ?)",
               (assessment_id, requirement_id, _now(), before and _json(before), _json(after)))


def _json(answer: Answer) -> str:
    return answer.model_dump_json(exclude_defaults=True)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
