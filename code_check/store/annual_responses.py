"""The governing body's responses to the annual complaints reports (Code 8.2), in the workspace.

One a council and financial year: recording it again replaces it. Each change is one
transaction with its line in the registers' audit trail (``register_changes``, the register
named ``responses``): when, who, and the response before and after.
"""

from __future__ import annotations

from datetime import UTC, datetime

from code_check.registers.response import GoverningBodyResponse
from code_check.store.schema import transaction
from code_check.store.workspace import Workspace, guarded, read_back

REGISTER = "responses"


@guarded
class ResponsesStore:
    def __init__(self, workspace: Workspace) -> None:
        self._db = workspace.connection
        self.path = workspace.path

    def response(self, council: str, year: str) -> GoverningBodyResponse | None:
        held = self._held(council, year)
        return held[1] if held else None

    def years(self, council: str) -> set[str]:
        """The years whose report has a response recorded."""
        rows = self._db.execute("SELECT year FROM annual_responses WHERE council = ?",
                                (council,)).fetchall()
        return {row[0] for row in rows}

    def _held(self, council: str, year: str) -> tuple[int, GoverningBodyResponse] | None:
        row = self._db.execute("SELECT id, response FROM annual_responses WHERE council = ? "
                               "AND year = ?", (council, year)).fetchone()
        if row is None:
            return None
        with read_back():
            return int(row[0]), GoverningBodyResponse.model_validate_json(row[1])

    def record(self, response: GoverningBodyResponse, *, author: str | None = None) -> bool:
        """Keep the response to a council's year; True when it replaced one held."""
        with transaction(self._db):
            held = self._held(response.council, response.year)
            data = response.model_dump_json()
            if held is None:
                cursor = self._db.execute(
                    "INSERT INTO annual_responses (council, year, response) VALUES (?, ?, ?)",
                    (response.council, response.year, data))
                entry_id = cursor.lastrowid
                assert entry_id is not None  # an INSERT always sets it
            else:
                entry_id = held[0]
                self._db.execute("UPDATE annual_responses SET response = ? WHERE id = ?",
                                 (data, entry_id))
            self._db.execute(
                "INSERT INTO register_changes (register, entry_id, changed_at, author, before, "
                "after) VALUES (?, ?, ?, ?, ?, ?)",
                (REGISTER, entry_id, datetime.now(UTC).isoformat(timespec="seconds"), author,
                 held and held[1].model_dump_json(), data))
        return held is not None
