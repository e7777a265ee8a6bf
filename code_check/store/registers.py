"""The learning register and the register of Ombudsman decisions, kept in the workspace.

Every change (an entry added, changed or deleted) is one transaction together with its entry
in ``register_changes``: when, who (``store.author``) and the entry before and after, so the
annual report's sources can always be traced. An import goes in whole or not at all.

An Ombudsman's case is in the register once: its reference is the key, so importing a file
again changes the entries it holds rather than adding them twice. A learning entry has no such
key; one exactly like an entry held for the council is left out.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Generic

from code_check.errors import InputError
from code_check.registers.model import Entry, LearningEntry, OmbudsmanDecision, year_bounds
from code_check.store.schema import transaction
from code_check.store.workspace import Workspace, guarded, read_back


@dataclass(frozen=True)
class Held(Generic[Entry]):
    """An entry as the workspace holds it, with the number that names it."""

    id: int
    entry: Entry


@dataclass(frozen=True)
class RegisterChange:
    """One line of the registers' audit trail."""

    id: int
    register: str
    entry_id: int
    changed_at: datetime
    author: str | None
    before: dict[str, Any] | None
    after: dict[str, Any] | None


@dataclass(frozen=True)
class Imported:
    """What an import did: entries added, changed (a case held under its reference) and
    left as they were (already held)."""

    added: int
    changed: int
    unchanged: int


@dataclass(frozen=True)
class _Register:
    """Where a register lives, and the columns its queries need besides the entry's JSON."""

    name: str  # as the audit trail names it
    words: str  # as a message names one entry
    model: type[LearningEntry] | type[OmbudsmanDecision]
    table: str
    dated_by: str  # the column of the date that orders it and puts it in a year

    def columns(self, entry: LearningEntry | OmbudsmanDecision) -> dict[str, str]:
        if isinstance(entry, LearningEntry):
            return {"council": entry.council, "changed_on": entry.changed_on.isoformat()}
        return {"council": entry.council, "decided_on": entry.decided_on.isoformat(),
                "ombudsman": entry.ombudsman.value, "reference": entry.reference}


LEARNING = _Register("learning", "learning entry", LearningEntry, "learning", "changed_on")
DECISIONS = _Register("decisions", "Ombudsman decision", OmbudsmanDecision,
                      "ombudsman_decisions", "decided_on")
_REGISTERS: dict[type[Any], _Register] = {LearningEntry: LEARNING, OmbudsmanDecision: DECISIONS}


@guarded
class RegistersStore:
    """Both registers of one workspace."""

    def __init__(self, workspace: Workspace) -> None:
        self._db = workspace.connection
        self.path = workspace.path

    # reading --------------------------------------------------------------------------

    def learning(self, council: str | None = None,
                 year: str | None = None) -> list[Held[LearningEntry]]:
        """Learning entries by the day the change was made, optionally one council's or one
        financial year's."""
        return self._held(LearningEntry, council, year)

    def decisions(self, council: str | None = None,
                  year: str | None = None) -> list[Held[OmbudsmanDecision]]:
        """Decisions by the day they were made, optionally one council's or one year's."""
        return self._held(OmbudsmanDecision, council, year)

    def _held(self, kind: type[Entry], council: str | None,
              year: str | None) -> list[Held[Entry]]:
        register = _REGISTERS[kind]
        query, params = f"SELECT id, entry FROM {register.table} WHERE 1=1", list[str]()
        if council is not None:
            query += " AND council = ?"
            params.append(council.strip())
        if year is not None:
            query += f" AND {register.dated_by} BETWEEN ? AND ?"
            params.extend(day.isoformat() for day in year_bounds(year))
        rows = self._db.execute(f"{query} ORDER BY {register.dated_by}, id", params).fetchall()
        with read_back():
            return [Held(int(number), kind.model_validate_json(data)) for number, data in rows]

    def entry(self, kind: type[Entry], entry_id: int) -> Entry:
        found = self._entry(_REGISTERS[kind], entry_id)
        assert isinstance(found, kind)  # each register holds one kind
        return found

    def _entry(self, register: _Register, entry_id: int) -> LearningEntry | OmbudsmanDecision:
        row = self._db.execute(f"SELECT entry FROM {register.table} WHERE id = ?",
                               (entry_id,)).fetchone()
        if row is None:
            raise InputError(f"no {register.words} No. {entry_id} in the workspace",
                             source=self.path)
        with read_back():
            return register.model.model_validate_json(row[0])

    def changes(self, kind: type[Entry] | None = None,
                entry_id: int | None = None) -> list[RegisterChange]:
        """The audit trail, oldest first: one register's, or one entry's."""
        query, params = "SELECT * FROM register_changes WHERE 1=1", list[object]()
        if kind is not None:
            query += " AND register = ?"
            params.append(_REGISTERS[kind].name)
        if entry_id is not None:
            query += " AND entry_id = ?"
            params.append(entry_id)
        rows = self._db.execute(query + " ORDER BY id", params).fetchall()
        with read_back():
            return [RegisterChange(
                id=row[0], register=row[1], entry_id=row[2],
                changed_at=datetime.fromisoformat(row[3]), author=row[4],
                before=row[5] and json.loads(row[5]), after=row[6] and json.loads(row[6]),
            ) for row in rows]

    # writing --------------------------------------------------------------------------

    def add(self, entry: LearningEntry | OmbudsmanDecision, *, author: str | None = None) -> int:
        """Add an entry; returns its number."""
        with transaction(self._db):
            return self._insert(entry, author)

    def update(self, entry_id: int, entry: LearningEntry | OmbudsmanDecision, *,
               author: str | None = None) -> None:
        """Replace entry ``entry_id`` of the register ``entry`` belongs to."""
        with transaction(self._db):
            before = self._entry(_REGISTERS[type(entry)], entry_id)
            if before != entry:
                self._replace(entry_id, before, entry, author)

    def delete(self, kind: type[Entry], entry_id: int, *, author: str | None = None) -> None:
        with transaction(self._db):
            before = self._entry(_REGISTERS[kind], entry_id)
            self._db.execute(f"DELETE FROM {_REGISTERS[kind].table} WHERE id = ?", (entry_id,))
            self._log(_REGISTERS[kind], entry_id, before, None, author)

    def import_entries(self, entries: list[LearningEntry] | list[OmbudsmanDecision], *,
                       author: str | None = None) -> Imported:
        """Add what is new and change the cases held under the same reference, all in one
        transaction."""
        added = changed = 0
        with transaction(self._db):
            for entry in entries:
                held = self._same_case(entry) if isinstance(entry, OmbudsmanDecision) \
                    else self._same_learning(entry)
                if held is None:
                    self._insert(entry, author)
                    added += 1
                elif held.entry != entry:
                    self._replace(held.id, held.entry, entry, author)
                    changed += 1
        return Imported(added=added, changed=changed, unchanged=len(entries) - added - changed)

    def _insert(self, entry: LearningEntry | OmbudsmanDecision, author: str | None) -> int:
        register = _REGISTERS[type(entry)]
        self._refuse_a_second_case(entry, None)
        columns = {**register.columns(entry), "entry": _json(entry)}
        cursor = self._db.execute(
            f"INSERT INTO {register.table} ({', '.join(columns)}) "
            f"VALUES ({', '.join('?' * len(columns))})", list(columns.values()))
        entry_id = cursor.lastrowid
        assert entry_id is not None  # an INSERT always sets it
        self._log(register, entry_id, None, entry, author)
        return entry_id

    def _replace(self, entry_id: int, before: LearningEntry | OmbudsmanDecision,
                 after: LearningEntry | OmbudsmanDecision, author: str | None) -> None:
        register = _REGISTERS[type(after)]
        self._refuse_a_second_case(after, entry_id)
        columns = {**register.columns(after), "entry": _json(after)}
        self._db.execute(
            f"UPDATE {register.table} SET {', '.join(f'{name} = ?' for name in columns)} "
            "WHERE id = ?", [*columns.values(), entry_id])
        self._log(register, entry_id, before, after, author)

    def _refuse_a_second_case(self, entry: LearningEntry | OmbudsmanDecision,
                              entry_id: int | None) -> None:
        """A case is in the register once: another entry with its reference is refused."""
        if not isinstance(entry, OmbudsmanDecision):
            return
        held = self._same_case(entry)
        if held is not None and held.id != entry_id:
            raise InputError(f"the {entry.ombudsman.label}'s case {entry.reference} is already "
                             f"in the register as No. {held.id}: change that entry instead",
                             field="reference")

    def _same_case(self, decision: OmbudsmanDecision) -> Held[OmbudsmanDecision] | None:
        row = self._db.execute(
            "SELECT id, entry FROM ombudsman_decisions WHERE ombudsman = ? AND reference = ?",
            (decision.ombudsman.value, decision.reference)).fetchone()
        if row is None:
            return None
        with read_back():
            return Held(int(row[0]), OmbudsmanDecision.model_validate_json(row[1]))

    def _same_learning(self, entry: LearningEntry) -> Held[LearningEntry] | None:
        return next((held for held in self.learning(entry.council, entry.year)
                     if held.entry == entry), None)

    def _log(self, register: _Register, entry_id: int,
             before: LearningEntry | OmbudsmanDecision | None,
             after: LearningEntry | OmbudsmanDecision | None, author: str | None) -> None:
        self._db.execute(
            "INSERT INTO register_changes (register, entry_id, changed_at, author, before, "
            "after) VALUES (?, ?, ?, ?, ?, ?)",
            (register.name, entry_id, datetime.now(UTC).isoformat(timespec="seconds"), author,
             before and _json(before), after and _json(after)))


def _json(entry: LearningEntry | OmbudsmanDecision) -> str:
    return entry.model_dump_json()
