"""The workspace: one SQLite file holding councils, assessments, every answer change and
score snapshots. Every write is one transaction; an answer is saved the moment it is given.

A file that is not a code-check workspace is refused before anything is written to it, and
SQLite's own failures (a full disk, a read-only or damaged file) reach the user as one line
naming the workspace and saying what to do.
"""

from __future__ import annotations

import functools
import inspect
import os
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Concatenate, NoReturn, ParamSpec, Protocol, TypeVar

from code_check.assessment.codes import (
    SEPARATOR,
    SecondCode,
    follow_first_code,
    from_stored,
    seed_second_code,
    stored_answers,
    stored_key,
    with_stored_answer,
)
from code_check.assessment.model import AlsoUnder, Answer, Assessment, Council, Status
from code_check.assessment.scoring import Score, score
from code_check.catalogue.model import Catalogue
from code_check.errors import InputError
from code_check.store.schema import (
    DamagedWorkspace,
    WorkspaceRefused,
    check_ours,
    migrate,
    transaction,
)

WORKSPACE_ENV = "CODE_CHECK_WORKSPACE"


def default_workspace_path() -> Path:
    """``$CODE_CHECK_WORKSPACE``, else code-check's file in the user's data folder."""
    configured = os.environ.get(WORKSPACE_ENV)
    if configured:
        return Path(configured).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("code-check", appauthor=False)) / "workspace.sqlite3"


@dataclass(frozen=True)
class AssessmentRecord:
    """An assessment as listed: enough to show it without loading every answer."""

    id: int
    council: str
    catalogue: str
    assessed_on: date
    assessor: str | None
    based_on: int | None
    score: float | None
    band: str | None
    coverage: float | None
    also_catalogue: str | None = None

    @property
    def catalogues(self) -> list[str]:
        """The Codes the assessment answers, the first Code first."""
        return [self.catalogue, *([self.also_catalogue] if self.also_catalogue else [])]


@dataclass(frozen=True)
class AnswerChange:
    id: int
    requirement_id: str
    changed_at: datetime
    author: str | None
    before: Answer | None
    after: Answer | None


_DAMAGED = ("the workspace file is damaged ({error}): restore it from a backup copy, or start a "
            "new one with --workspace NEW.sqlite3")

# What a user can do about each of SQLite's failures (by its primary result code).
_WHAT_TO_DO = {
    sqlite3.SQLITE_FULL: "the disk is full, so this change was not saved (everything saved "
    "before is kept): free some space, then try again",
    sqlite3.SQLITE_READONLY: "the workspace cannot be written, as the file or its folder is "
    "read-only: ask for write access, or work on a copy with --workspace COPY.sqlite3",
    sqlite3.SQLITE_CORRUPT: _DAMAGED,
    sqlite3.SQLITE_NOTADB: "not a code-check workspace: it is not a database file, and it was "
    "left unchanged; choose another file with --workspace",
    sqlite3.SQLITE_IOERR: "the workspace could not be read or written ({error}): check that "
    "the disk or network drive is there and has space, then try again",
    sqlite3.SQLITE_BUSY: "the workspace is busy: another program is saving to it; try again "
    "in a moment",
}
_WHAT_TO_DO[sqlite3.SQLITE_CANTOPEN] = _WHAT_TO_DO[sqlite3.SQLITE_PERM] = (
    _WHAT_TO_DO[sqlite3.SQLITE_READONLY])
_WHAT_TO_DO[sqlite3.SQLITE_LOCKED] = _WHAT_TO_DO[sqlite3.SQLITE_BUSY]


@contextmanager
def plain_sqlite_errors(path: Path, otherwise: str | None = None) -> Iterator[None]:
    """SQLite's failures, and damage found in what the workspace holds, as one line naming the
    workspace. Any other database error is a bug, left as it is unless ``otherwise`` says what
    to tell the user."""
    try:
        yield
    except (sqlite3.DatabaseError, DamagedWorkspace, UnicodeDecodeError) as exc:
        advice = _in_words(exc, path) or (otherwise and otherwise.format(error=exc))
        if not advice:
            raise
        raise InputError(advice, source=path) from exc


def _in_words(exc: Exception, path: Path) -> str | None:
    """What to tell the user about ``exc`` (None: nothing the user can act on).

    An error SQLite gives no usual code for ("unsupported file format", "no such column") is
    damage when SQLite's own check of the file finds some; that check reads the whole file, so
    it runs only then, never on opening."""
    if isinstance(exc, UnicodeDecodeError):  # text, or SQLite's message about it, not UTF-8
        return _DAMAGED.format(error="it holds text that is not UTF-8")
    if isinstance(exc, DamagedWorkspace):
        return _DAMAGED.format(error=exc)
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None and code & 0xFF in _WHAT_TO_DO:
        return _WHAT_TO_DO[code & 0xFF].format(error=exc)
    return _DAMAGED.format(error=exc) if _damaged(path) else None


def _damaged(path: Path) -> bool:
    """Whether SQLite's quick check finds the workspace file damaged (or cannot read it).

    The check only reads, but opens the file as a workspace is opened (never made anew), so
    that, closing last, it removes the WAL files it brought."""
    try:
        with closing(sqlite3.connect(f"{path.absolute().as_uri()}?mode=rw", uri=True)) as db:
            return bool(db.execute("PRAGMA quick_check(1)").fetchone()[0] != "ok")
    except (sqlite3.DatabaseError, UnicodeDecodeError):
        return True


class _OnAWorkspace(Protocol):
    path: Path


Params = ParamSpec("Params")
Result = TypeVar("Result")
Class = TypeVar("Class", bound=type)
Method = Callable[Concatenate[_OnAWorkspace, Params], Result]


def guarded(cls: Class) -> Class:
    """Wrap every public method of a class that works on a workspace (``self.path``) in
    ``plain_sqlite_errors``, methods added later included."""
    for name, member in list(vars(cls).items()):
        if inspect.isfunction(member) and not name.startswith("_"):
            setattr(cls, name, _guard(member))
    return cls


def _guard(method: Method[Params, Result]) -> Method[Params, Result]:
    @functools.wraps(method)
    def guarded_method(self: _OnAWorkspace, /, *args: Params.args,
                       **kwargs: Params.kwargs) -> Result:
        with plain_sqlite_errors(self.path):
            return method(self, *args, **kwargs)

    return guarded_method


def _connect(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path, isolation_level=None, timeout=10)


# How every SQLite database file begins (an empty file is a new one).
_SQLITE_HEADER = b"SQLite format 3\x00"

# The workspace files open in this process, by (device, inode). SQLite's locks on a file
# belong to the whole process, and closing any handle on the file drops them all: another
# process (another browser tab's app) would then think these connections gone, and delete the
# WAL file under them. So a file open here, known to be a database, is not opened again.
_OPEN_HERE: Counter[tuple[int, int] | None] = Counter()


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        status = path.stat()
    except OSError:
        return None
    return status.st_dev, status.st_ino


def _refuse_what_is_not_a_database(path: Path) -> None:
    """A file that does not begin as a database does is refused before SQLite sees it: SQLite
    would take a one-byte file for an empty one and write a new workspace over it."""
    if _OPEN_HERE[_identity(path)]:
        return
    try:
        with path.open("rb") as file:
            start = file.read(len(_SQLITE_HEADER))
    except OSError:
        return  # not there yet, or not readable: SQLite says which
    if start and start != _SQLITE_HEADER:
        raise InputError(_WHAT_TO_DO[sqlite3.SQLITE_NOTADB], source=path)


@contextmanager
def read_back() -> Iterator[None]:
    """Values code-check wrote, read back: one that no longer parses was changed since."""
    try:
        yield
    except (ValueError, TypeError) as exc:
        raise DamagedWorkspace("a value it holds cannot be read back") from exc


@guarded
class Workspace:
    """A council workspace on disk. Use as a context manager or call ``close()``."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_workspace_path()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise InputError(f"the workspace's folder cannot be made ({exc.strerror}): choose "
                             "another place with --workspace", source=self.path) from None
        _refuse_what_is_not_a_database(self.path)
        with plain_sqlite_errors(self.path):
            self._db = _connect(self.path)
            try:
                self._open()
            except BaseException:
                self._db.close()
                raise
        self._identity = _identity(self.path)
        _OPEN_HERE[self._identity] += 1

    def _open(self) -> None:
        """Settle what the file is before writing anything: someone else's database must be
        left byte for byte as it was (not even switched to WAL)."""
        self._db.text_factory = bytes.decode  # not UTF-8: UnicodeDecodeError, seen as damage
        self._db.execute("PRAGMA busy_timeout=10000")
        self._db.execute("PRAGMA foreign_keys=ON")
        try:
            check_ours(self._db)
        except WorkspaceRefused as exc:
            raise InputError(str(exc), source=self.path) from None
        self._db.execute("PRAGMA journal_mode=WAL")
        with plain_sqlite_errors(self.path, otherwise="the workspace could not be brought up "
                                 "to date ({error}) and was left as it was: please report this"):
            migrate(self._db)

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()
        if self._identity is not None:
            _OPEN_HERE[self._identity] -= 1
            self._identity = None

    @property
    def connection(self) -> sqlite3.Connection:
        """For modules that keep their own tables here (statistics, complaint-log summaries)."""
        return self._db

    # councils -----------------------------------------------------------------------------

    def councils(self) -> list[Council]:
        rows = self._db.execute("SELECT council FROM councils ORDER BY name").fetchall()
        with read_back():
            return [Council.model_validate_json(row[0]) for row in rows]

    def council(self, name: str) -> Council:
        row = self._db.execute("SELECT council FROM councils WHERE name = ?", (name,)).fetchone()
        if row is None:
            self._missing(f"council called {name!r}")
        with read_back():
            return Council.model_validate_json(row[0])

    def save_council(self, council: Council) -> int:
        with transaction(self._db):
            return self._save_council(council)

    def _save_council(self, council: Council) -> int:
        self._db.execute(
            "INSERT INTO councils (name, council) VALUES (?, ?) "
            "ON CONFLICT(name) DO UPDATE SET council = excluded.council",
            (council.name, council.model_dump_json(exclude_defaults=True)),
        )
        return self._council_id(council.name)

    def _council_id(self, name: str) -> int:
        row = self._db.execute("SELECT id FROM councils WHERE name = ?", (name,)).fetchone()
        if row is None:
            self._missing(f"council called {name!r}")
        return int(row[0])

    def _missing(self, what: str) -> NoReturn:
        """Say that ``what`` is not in the workspace, unless the file is damaged: a damaged page
        SQLite has not noticed can hide a row, and then restoring a backup is what helps."""
        if _damaged(self.path):
            raise DamagedWorkspace(f"no {what} was found, and SQLite's check of the file "
                                   "found faults")
        raise InputError(f"no {what} in the workspace", source=self.path)

    # assessments ------------------------------------------------------------------------

    def assessments(self, council: str | None = None) -> list[AssessmentRecord]:
        """Assessments, newest first, with their latest score snapshot."""
        query = """
            SELECT a.id, c.name, a.catalogue, a.assessed_on, a.assessor, a.based_on,
                   s.score, s.band, s.coverage, a.also_catalogue
            FROM assessments a JOIN councils c ON c.id = a.council_id
            LEFT JOIN score_snapshots s ON s.id = (
                SELECT MAX(id) FROM score_snapshots WHERE assessment_id = a.id)
            {where}
            ORDER BY a.assessed_on DESC, a.id DESC
        """
        if council is None:
            rows = self._db.execute(query.format(where="")).fetchall()
        else:
            rows = self._db.execute(query.format(where="WHERE c.name = ?"), (council,)).fetchall()
        with read_back():
            return [
                AssessmentRecord(
                    id=row[0], council=row[1], catalogue=row[2],
                    assessed_on=date.fromisoformat(row[3]), assessor=row[4], based_on=row[5],
                    score=row[6], band=row[7], coverage=row[8], also_catalogue=row[9],
                )
                for row in rows
            ]

    def record(self, assessment_id: int) -> AssessmentRecord:
        for record in self.assessments():
            if record.id == assessment_id:
                return record
        self._missing(f"assessment {assessment_id}")

    def add_assessment(
        self,
        assessment: Assessment,
        catalogue: Catalogue,
        *,
        author: str | None = None,
        based_on: int | None = None,
    ) -> int:
        """Store a whole assessment (new or imported) in one transaction."""
        with transaction(self._db):
            return self._insert_assessment(assessment, catalogue, author, based_on)

    def add_series(self, assessments: list[Assessment], catalogue: Catalogue) -> list[int]:
        """Store assessments oldest first, each started from the one before, all or nothing."""
        ids: list[int] = []
        with transaction(self._db):
            for assessment in assessments:
                ids.append(self._insert_assessment(
                    assessment, catalogue, assessment.assessor, ids[-1] if ids else None))
        return ids

    def _insert_assessment(
        self, assessment: Assessment, catalogue: Catalogue, author: str | None,
        based_on: int | None,
    ) -> int:
        council_id = self._save_council(assessment.council)
        cursor = self._db.execute(
            "INSERT INTO assessments (council_id, catalogue, assessed_on, assessor, "
            "based_on, created_at, also_catalogue) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (council_id, assessment.catalogue, assessment.assessed_on.isoformat(),
             assessment.assessor, based_on, _now(),
             assessment.also and assessment.also.catalogue),
        )
        assessment_id = cursor.lastrowid
        assert assessment_id is not None  # an INSERT always sets it
        for key, answer in stored_answers(assessment).items():
            self._write_answer(assessment_id, key, answer)
            self._log_change(assessment_id, key, None, answer, author)
        self._snapshot(assessment_id, score(catalogue, assessment))
        return assessment_id

    def start_from_previous(
        self, previous_id: int, catalogue: Catalogue, *, assessed_on: date,
        assessor: str | None = None,
    ) -> int:
        """A new assessment whose answers are carried over and marked until confirmed."""
        previous = self.load(previous_id)
        carried = {
            rid: answer.model_copy(update={"carried_over": True})
            for rid, answer in previous.answers.items()
            if catalogue.requirement(rid) is not None
        }
        also = previous.also and previous.also.model_copy(update={"answers": {
            rid: answer.model_copy(update={"carried_over": True})
            for rid, answer in previous.also.answers.items()}})
        fresh = previous.model_copy(update={
            "answers": carried, "also": also, "assessed_on": assessed_on,
            "assessor": assessor or previous.assessor, "catalogue": catalogue.id,
        })
        return self.add_assessment(fresh, catalogue, author=assessor, based_on=previous_id)

    def previous_of(self, assessment_id: int) -> int | None:
        """The assessment this one was started from, else the council's next older one."""
        record = self.record(assessment_id)
        if record.based_on is not None:
            return record.based_on
        older = [r for r in self.assessments(record.council)
                 if (r.assessed_on, r.id) < (record.assessed_on, record.id)]
        return older[0].id if older else None

    def load(self, assessment_id: int) -> Assessment:
        row = self._db.execute(
            "SELECT c.council, a.catalogue, a.assessed_on, a.assessor, a.also_catalogue "
            "FROM assessments a JOIN councils c ON c.id = a.council_id WHERE a.id = ?",
            (assessment_id,),
        ).fetchone()
        if row is None:
            self._missing(f"assessment {assessment_id}")
        answers = self._db.execute(
            "SELECT requirement_id, answer FROM answers WHERE assessment_id = ?", (assessment_id,),
        ).fetchall()
        with read_back():
            assessment = Assessment(
                council=Council.model_validate_json(row[0]), catalogue=row[1],
                assessed_on=date.fromisoformat(row[2]), assessor=row[3],
                also=AlsoUnder(catalogue=row[4]) if row[4] is not None else None,
            )
            return from_stored(assessment, {key: Answer.model_validate_json(data)
                                            for key, data in answers})

    def extend(self, assessment_id: int, second: SecondCode, *,
               author: str | None = None) -> Assessment:
        """Answer a second Code in the same assessment from now on: its provisions with
        ``close`` partners start from their answers, marked to confirm (one step of undo)."""
        with transaction(self._db):
            seeded = seed_second_code(self.load(assessment_id), second.catalogue,
                                      second.equivalence)
            assert seeded.also is not None  # just added
            self._db.execute("UPDATE assessments SET also_catalogue = ? WHERE id = ?",
                             (seeded.also.catalogue, assessment_id))
            batch = self._next_batch()
            for requirement_id, answer in seeded.also.answers.items():
                key = stored_key(seeded.also.catalogue, requirement_id)
                self._write_answer(assessment_id, key, answer)
                self._log_change(assessment_id, key, None, answer, author, batch)
        return seeded

    def update_details(self, assessment_id: int, assessment: Assessment) -> None:
        """Change the date, assessor or council details (not the answers)."""
        with transaction(self._db):
            council_id = self._save_council(assessment.council)
            self._db.execute(
                "UPDATE assessments SET council_id = ?, assessed_on = ?, assessor = ? "
                "WHERE id = ?",
                (council_id, assessment.assessed_on.isoformat(), assessment.assessor,
                 assessment_id),
            )

    def delete_assessment(self, assessment_id: int) -> None:
        self.record(assessment_id)
        with transaction(self._db):
            self._db.execute("DELETE FROM assessments WHERE id = ?", (assessment_id,))

    # answers ------------------------------------------------------------------------------

    def set_answer(
        self, assessment_id: int, requirement_id: str, answer: Answer, catalogue: Catalogue,
        *, author: str | None = None, typing: bool = False, second: SecondCode | None = None,
    ) -> Score:
        """Save one answer at once, with its audit entry and a score snapshot if it changed.

        ``requirement_id`` is the workspace key: a provision of the first Code (``catalogue``),
        or of the second as ``hos-2024:5.6`` (``codes.where_stored`` says which). A dual
        assessment needs ``second``: its carried answers follow the first Code's as they
        change, in the same step of the audit trail and of undo.

        ``typing``: commentary saved as it is typed. While it follows on from the latest step
        (the same provision's commentary, by the same author), that step is extended rather
        than one step a keystroke, so undo takes back what was typed in one step."""
        return self._save(assessment_id, {requirement_id: answer}, catalogue, author,
                          typing=typing, second=second)

    def set_answers(
        self, assessment_id: int, answers: dict[str, Answer], catalogue: Catalogue,
        *, author: str | None = None, second: SecondCode | None = None,
    ) -> Score:
        """Save the answers one action gives (a quick-mode row) in one transaction; their
        audit entries share a batch number, so one undo takes them all back."""
        return self._save(assessment_id, answers, catalogue, author, batch=True, second=second)

    def _save(self, assessment_id: int, answers: dict[str, Answer], catalogue: Catalogue,
              author: str | None, *, typing: bool = False, batch: bool = False,
              second: SecondCode | None = None) -> Score:
        with transaction(self._db):
            assessment = self.load(assessment_id)
            _check_keys(assessment, list(answers), catalogue, second)
            changes = _changes(assessment, answers)
            assessment = _with_changes(assessment, changes)
            if second is not None:
                followers = _changes(assessment, follow_first_code(
                    assessment, changes, second.equivalence))
                assessment = _with_changes(assessment, followers)
                changes.update({key: (changes.get(key, (before, None))[0], after)
                                for key, (before, after) in followers.items()})
            for key, (_, after) in changes.items():
                self._write_answer(assessment_id, key, after or Answer())
            if not (typing and self._extend_typing(assessment_id, changes, author)):
                batch_number = self._next_batch() if batch or len(changes) > 1 else None
                for key, (before, after) in changes.items():
                    self._log_change(assessment_id, key, before, after, author, batch_number)
            result = score(catalogue, assessment)
            if any(_status(before) != _status(after) for before, after in changes.values()):
                self._snapshot(assessment_id, result)
        return result

    def _extend_typing(self, assessment_id: int,
                       changes: dict[str, tuple[Answer | None, Answer | None]],
                       author: str | None) -> bool:
        """Fold a commentary keystroke into the latest step when that step is the same
        provisions' commentary being typed by the same person (see ``set_answer``)."""
        entries = self._db.execute(
            "SELECT id, requirement_id, author, before, after, undone, undoes "
            "FROM answer_changes WHERE assessment_id = ? AND (id = ? OR batch = ?)",
            (assessment_id, *self._latest_step(assessment_id)),
        ).fetchall()
        latest = {row[1]: row for row in entries}
        if len(latest) != len(entries) or set(latest) != set(changes):
            return False
        for key, (before, after) in changes.items():
            _, _, by, latest_before, latest_after, undone, undoes = latest[key]
            if by != author or undone or undoes is not None \
                    or _answer(latest_after) != before \
                    or not _commentary_typed(_answer(latest_before), _answer(latest_after)) \
                    or not _commentary_typed(before, after):
                return False
        for key, (_, after) in changes.items():
            self._db.execute("UPDATE answer_changes SET after = ?, changed_at = ? WHERE id = ?",
                             (_json(after), _now(), latest[key][0]))
        return True

    def _latest_step(self, assessment_id: int) -> tuple[int | None, int | None]:
        """The latest audit entry's id and batch: together, the latest step."""
        row = self._db.execute(
            "SELECT id, batch FROM answer_changes WHERE assessment_id = ? "
            "ORDER BY id DESC LIMIT 1", (assessment_id,)).fetchone()
        return (row[0], row[1]) if row else (None, None)

    def undo(
        self, assessment_id: int, catalogue: Catalogue, *, author: str | None = None
    ) -> str | None:
        """Undo the latest change not yet undone, with the rest of its batch (a quick-mode
        row); returns the provision it touched first (None: nothing to undo).

        Each undo is itself an entry in the audit trail, so the trail stays complete.
        """
        with transaction(self._db):
            latest = self._db.execute(
                "SELECT id, batch FROM answer_changes "
                "WHERE assessment_id = ? AND undone = 0 AND undoes IS NULL "
                "ORDER BY id DESC LIMIT 1",
                (assessment_id,),
            ).fetchone()
            if latest is None:
                return None
            change_id, batch = latest
            rows: list[tuple[int, str, str | None, str | None]] = self._db.execute(
                "SELECT id, requirement_id, before, after FROM answer_changes "
                "WHERE assessment_id = ? AND undone = 0 AND (id = ? OR batch = ?) "
                "ORDER BY id DESC",
                (assessment_id, change_id, batch),
            ).fetchall()
            for undone_id, requirement_id, before, after in rows:
                self._write_answer(assessment_id, requirement_id, _answer(before) or Answer())
                self._db.execute("UPDATE answer_changes SET undone = 1 WHERE id = ?",
                                 (undone_id,))
                self._db.execute(
                    "INSERT INTO answer_changes (assessment_id, requirement_id, changed_at, "
                    "author, before, after, undoes) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (assessment_id, requirement_id, _now(), author, after, before, undone_id),
                )
            self._snapshot(assessment_id, score(catalogue, self.load(assessment_id)))
        return rows[-1][1]

    def row_answer_source(self, assessment_id: int, requirement_id: str) -> str:
        """Where an answer given for a whole row of the published form (``via_row``) came
        from: "quick mode" (given in the app), "carried over" (with the answers of the
        previous assessment) or "imported" (with the file the assessment was imported from)."""
        rows = self._db.execute(
            "SELECT before, after, batch FROM answer_changes WHERE assessment_id = ? AND "
            "requirement_id = ? AND undone = 0 AND undoes IS NULL ORDER BY id DESC",
            (assessment_id, requirement_id),
        )
        for before, after, batch in rows:  # the latest entry that gave the row's answer
            given, replaced = _answer(after), _answer(before) or Answer()
            if given is not None and given.via_row and (given.via_row, given.status) != (
                    replaced.via_row, replaced.status):
                if batch is not None:
                    return "quick mode"
                break
        return "carried over" if self.record(assessment_id).based_on is not None else "imported"

    def history(self, assessment_id: int) -> list[AnswerChange]:
        """The audit trail, oldest first."""
        rows = self._db.execute(
            "SELECT id, requirement_id, changed_at, author, before, after FROM answer_changes "
            "WHERE assessment_id = ? ORDER BY id",
            (assessment_id,),
        ).fetchall()
        with read_back():
            return [
                AnswerChange(
                    id=row[0], requirement_id=row[1], changed_at=datetime.fromisoformat(row[2]),
                    author=row[3], before=_answer(row[4]), after=_answer(row[5]),
                )
                for row in rows
            ]

    def score_history(self, assessment_id: int) -> list[tuple[datetime, Score]]:
        rows = self._db.execute(
            "SELECT taken_at, detail FROM score_snapshots WHERE assessment_id = ? ORDER BY id",
            (assessment_id,),
        ).fetchall()
        with read_back():
            return [(datetime.fromisoformat(t), Score.model_validate_json(d)) for t, d in rows]

    def _write_answer(self, assessment_id: int, requirement_id: str, answer: Answer) -> None:
        if answer.is_empty:
            self._db.execute(
                "DELETE FROM answers WHERE assessment_id = ? AND requirement_id = ?",
                (assessment_id, requirement_id),
            )
            return
        self._db.execute(
            "INSERT INTO answers (assessment_id, requirement_id, status, answer) "
            "VALUES (?, ?, ?, ?) ON CONFLICT(assessment_id, requirement_id) DO UPDATE SET "
            "status = excluded.status, answer = excluded.answer",
            (assessment_id, requirement_id, answer.status and answer.status.value,
             answer.model_dump_json(exclude_defaults=True)),
        )

    def _log_change(self, assessment_id: int, requirement_id: str, before: Answer | None,
                    after: Answer | None, author: str | None, batch: int | None = None) -> None:
        self._db.execute(
            "INSERT INTO answer_changes (assessment_id, requirement_id, changed_at, author, "
            "before, after, batch) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (assessment_id, requirement_id, _now(), author, _json(before), _json(after), batch),
        )

    def _next_batch(self) -> int:
        return int(self._db.execute(
            "SELECT COALESCE(MAX(batch), 0) + 1 FROM answer_changes").fetchone()[0])

    def _snapshot(self, assessment_id: int, result: Score) -> None:
        self._db.execute(
            "INSERT INTO score_snapshots (assessment_id, taken_at, score, band, coverage, detail)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (assessment_id, _now(), result.overall.score, result.overall.band,
             result.overall.coverage, result.model_dump_json()),
        )


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


Changes = dict[str, tuple[Answer | None, Answer | None]]


def _changes(assessment: Assessment, answers: dict[str, Answer]) -> Changes:
    """(before, after) for each answer, by workspace key, that differs from what is stored
    (None: no answer)."""
    stored = stored_answers(assessment)
    changes = {}
    for key, answer in answers.items():
        before = stored.get(key)
        after = None if answer.is_empty else answer
        if before != after:
            changes[key] = (before, after)
    return changes


def _with_changes(assessment: Assessment, changes: Changes) -> Assessment:
    for key, (_, after) in changes.items():
        assessment = with_stored_answer(assessment, key, after or Answer())
    return assessment


def _check_keys(assessment: Assessment, keys: list[str], catalogue: Catalogue,
                second: SecondCode | None) -> None:
    """Refuse, before anything is written, an answer to a provision neither Code has, or to
    one of the second Code's answered once through the first (a ``same`` pair)."""
    if assessment.also is not None and second is None:
        raise TypeError("a dual assessment's answers are saved with its second Code")
    for key in keys:
        catalogue_id, _, requirement_id = key.rpartition(SEPARATOR)
        if not catalogue_id:
            if catalogue.requirement(key) is None:
                raise InputError(f"unknown requirement {key!r} (not in {catalogue.id})")
            continue
        answered = assessment.also.catalogue if assessment.also is not None else None
        if second is None or catalogue_id != answered or second.catalogue.id != answered:
            raise InputError(f"this assessment does not answer {catalogue_id}")
        if second.catalogue.requirement(requirement_id) is None:
            raise InputError(f"unknown requirement {requirement_id!r} (not in {catalogue_id})")
        partner = second.equivalence.same_as(requirement_id)
        if partner is not None:
            raise InputError(f"{requirement_id} of {catalogue_id} is answered once for both "
                             f"Codes, through {partner} of {catalogue.id}")


def _status(answer: Answer | None) -> Status | None:
    return answer.status if answer else None


def _commentary_typed(before: Answer | None, after: Answer | None) -> bool:
    """Whether the commentary changed and nothing else did (but the carried-over mark)."""
    fields = {"commentary": None, "carried_over": False}
    return (before or Answer()).model_copy(update=fields) == \
        (after or Answer()).model_copy(update=fields) and \
        (before or Answer()).commentary != (after or Answer()).commentary


def _json(answer: Answer | None) -> str | None:
    return answer.model_dump_json(exclude_defaults=True) if answer else None


def _answer(data: str | None) -> Answer | None:
    with read_back():
        return Answer.model_validate_json(data) if data else None
