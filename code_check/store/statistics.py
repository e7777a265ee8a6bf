"""The Ombudsman's figures in the workspace: one row per council and year.

Saving a year that is already held replaces it; ``plan`` says beforehand what would change,
so the command line and the TUI can show it and ask first. A save is one transaction: a set
of rows goes in whole or not at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from code_check.assessment.model import AuthorityType
from code_check.errors import InputError
from code_check.statistics.changes import FieldChange, differences
from code_check.statistics.model import OmbudsmanStats, stored_fields
from code_check.store.schema import transaction
from code_check.store.workspace import Workspace, guarded, read_back


@dataclass(frozen=True)
class PlannedChange:
    """What saving one council's year would do: add it, replace it, or nothing."""

    new: OmbudsmanStats
    old: OmbudsmanStats | None
    changes: list[FieldChange]

    @property
    def kind(self) -> str:
        if self.old is None:
            return "new"
        return "replaced" if self.changes else "unchanged"

    @property
    def title(self) -> str:
        return f"{self.new.council} {self.new.year}"


@guarded
class StatisticsStore:
    """Statistics kept in a workspace's ``ombudsman_statistics`` table."""

    def __init__(self, workspace: Workspace) -> None:
        self._workspace = workspace
        self._db = workspace.connection
        self.path = workspace.path

    def rows(self, council: str | None = None, year: str | None = None) -> list[OmbudsmanStats]:
        """Every stored year, councils by name and years oldest first; optionally filtered."""
        query, params = "SELECT statistics FROM ombudsman_statistics WHERE 1=1", []
        if council is not None:
            query += " AND council = ?"
            params.append(council)
        if year is not None:
            query += " AND year = ?"
            params.append(year)
        query += " ORDER BY council COLLATE NOCASE, year"
        rows = self._db.execute(query, params).fetchall()
        with read_back():
            return [OmbudsmanStats.model_validate_json(row[0]) for row in rows]

    def authority_type(self, council: str) -> AuthorityType | None:
        """The council's type from its figures held, else from its assessments' record."""
        held = self.rows(council)
        if held:
            return held[-1].authority_type
        try:
            return self._workspace.council(council).authority_type
        except InputError:
            return None

    def plan(self, rows: list[OmbudsmanStats]) -> list[PlannedChange]:
        """What saving ``rows`` would add and replace, with each replaced column."""
        planned = []
        for row in rows:
            old = self.held(row.council, row.year)
            planned.append(PlannedChange(row, old, differences(old, row) if old else []))
        return planned

    def held(self, council: str, year: str) -> OmbudsmanStats | None:
        found = self.rows(council, year)
        return found[0] if found else None

    def save(self, rows: list[OmbudsmanStats], source: str) -> None:
        """Add or replace every row in one transaction."""
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with transaction(self._db):
            for row in rows:
                self._db.execute(
                    "INSERT INTO ombudsman_statistics (council, year, statistics, imported_at, "
                    "source) VALUES (?, ?, ?, ?, ?) ON CONFLICT(council, year) DO UPDATE SET "
                    "statistics = excluded.statistics, imported_at = excluded.imported_at, "
                    "source = excluded.source",
                    (row.council, row.year, _json(row), now, source),
                )


def _json(row: OmbudsmanStats) -> str:
    import json

    return json.dumps(stored_fields(row), ensure_ascii=False)
