"""One workspace, several people at once (``code-check serve``): noticing that someone else
has saved, and who last changed a provision.

SQLite's WAL mode and busy timeout already let several app processes write one workspace
file; the later write wins and the audit trail keeps both. What each process needs besides
is to see the others' work without reading everything again on a timer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from code_check.store.workspace import Workspace, plain_sqlite_errors, read_back


@dataclass(frozen=True)
class LastChange:
    author: str | None
    changed_at: datetime  # in UTC, as the audit trail keeps it


def last_change(workspace: Workspace, assessment_id: int,
                requirement_id: str) -> LastChange | None:
    """The latest audit entry for one provision (an undo counts: it changed the answer)."""
    with plain_sqlite_errors(workspace.path):
        row = workspace.connection.execute(
            "SELECT author, changed_at FROM answer_changes WHERE assessment_id = ? AND "
            "requirement_id = ? ORDER BY id DESC LIMIT 1",
            (assessment_id, requirement_id),
        ).fetchone()
    if row is None:
        return None
    with read_back():
        return LastChange(author=row[0], changed_at=datetime.fromisoformat(row[1]))


class ChangeWatch:
    """Tells whether another connection has saved to the workspace since the last look.

    SQLite's ``PRAGMA data_version`` changes when another connection commits, never for this
    connection's own writes, and reading it touches no table: cheap enough to ask every
    second."""

    def __init__(self, workspace: Workspace) -> None:
        self._workspace = workspace
        self._seen = self._version()

    def changed(self) -> bool:
        version = self._version()
        if version == self._seen:
            return False
        self._seen = version
        return True

    def _version(self) -> int:
        with plain_sqlite_errors(self._workspace.path):
            return int(self._workspace.connection.execute("PRAGMA data_version").fetchone()[0])
