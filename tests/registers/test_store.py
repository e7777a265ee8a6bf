"""Both registers in the workspace: kept whole, every change in their audit trail, a case held
once, an import all or nothing, and a workspace of schema 5 brought forward."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date

import pytest

from code_check.assessment.model import Assessment, AuthorityType, Council
from code_check.errors import InputError
from code_check.registers.model import LearningEntry, OmbudsmanDecision
from code_check.store import schema
from code_check.store.registers import RegistersStore
from code_check.store.workspace import Workspace
from tests.old_workspaces import add_assessment, workspace_at
from tests.registers.samples import COUNCIL, decision, learning


@pytest.fixture
def path(tmp_path):
    return tmp_path / "workspace.sqlite3"


@pytest.fixture
def store(path):
    with Workspace(path) as workspace:
        yield RegistersStore(workspace)


def test_entries_are_listed_by_date_and_filtered_by_council_and_year(store):
    later = learning(changed_on=date(2026, 2, 1))
    earlier = learning(changed_on=date(2025, 4, 1))
    next_year = learning(changed_on=date(2026, 4, 1))
    elsewhere = learning(council="Northfield District Council")
    numbers = [store.add(entry) for entry in (later, earlier, next_year, elsewhere)]
    assert [held.entry for held in store.learning(COUNCIL)] == [earlier, later, next_year]
    assert [held.id for held in store.learning(" example borough council ", "2025-26")] == [
        numbers[1], numbers[0]]
    assert [held.entry for held in store.learning(year="2026-27")] == [next_year]


def test_a_decision_is_kept_whole(store):
    given = decision(report="public interest report", note="Reported to Cabinet.")
    number = store.add(given)
    assert store.decisions(COUNCIL, "2025-26")[0].entry == given
    assert store.entry(OmbudsmanDecision, number) == given


def test_every_change_is_in_the_audit_trail_with_who_and_what_before_and_after(store):
    first = learning()
    number = store.add(first, author="Sam Patel")
    changed = learning(owner="Repairs Manager")
    store.update(number, changed, author="Jo Khan")
    store.update(number, changed, author="Jo Khan")  # nothing changed: nothing logged
    store.delete(LearningEntry, number, author="Sam Patel")
    trail = store.changes(LearningEntry, number)
    assert [(c.register, c.author) for c in trail] == [
        ("learning", "Sam Patel"), ("learning", "Jo Khan"), ("learning", "Sam Patel")]
    assert [(c.before, c.after) for c in trail] == [
        (None, first.model_dump(mode="json")),
        (first.model_dump(mode="json"), changed.model_dump(mode="json")),
        (changed.model_dump(mode="json"), None)]
    assert store.learning() == []


def test_a_deleted_entrys_number_is_never_given_again(store):
    number = store.add(learning())
    store.delete(LearningEntry, number)
    assert store.add(learning()) == number + 1
    assert [c.entry_id for c in store.changes(LearningEntry)] == [number, number, number + 1]


def test_a_missing_entry_is_named(store, path):
    with pytest.raises(InputError, match=rf"^{path}: no Ombudsman decision No. 7 in the "):
        store.delete(OmbudsmanDecision, 7)
    with pytest.raises(InputError, match="no learning entry No. 3 in the workspace"):
        store.update(3, learning())


def test_a_case_is_held_once_under_its_reference(store):
    first = store.add(decision())
    other = store.add(decision(reference="24 009 999"))
    with pytest.raises(InputError, match="^reference: the Local Government and Social Care "
                       f"Ombudsman's case 24 001 234 is already in the register as No. {first}"):
        store.add(decision(decided_on=date(2025, 7, 1)))
    with pytest.raises(InputError, match=f"as No. {first}: change that entry instead"):
        store.update(other, decision())
    same_reference_other_ombudsman = decision(ombudsman="hos", decision="maladministration")
    assert store.add(same_reference_other_ombudsman) > other


def test_an_import_adds_the_new_changes_cases_held_and_leaves_the_rest(store):
    store.add(decision())
    store.add(learning())
    result = store.import_entries([decision(), decision(reference="B"),
                                   decision(remedy_complied="no")])
    assert (result.added, result.changed, result.unchanged) == (1, 1, 1)
    assert [h.entry.remedy_complied.value for h in store.decisions()] == ["no", "yes"]
    again = store.import_entries([learning(), learning(owner="Repairs Manager")])
    assert (again.added, again.changed, again.unchanged) == (1, 0, 1)


def test_an_import_goes_in_whole_or_not_at_all(store, monkeypatch):
    calls = []
    real_log = RegistersStore._log

    def failing_log(self, *args):
        calls.append(args)
        if len(calls) == 2:
            raise InputError("the disk is full")
        real_log(self, *args)

    monkeypatch.setattr(RegistersStore, "_log", failing_log)
    with pytest.raises(InputError, match="the disk is full"):
        store.import_entries([learning(), learning(owner="Another role")])
    monkeypatch.undo()
    assert store.learning() == [] and store.changes() == []


def test_an_entry_changed_behind_code_checks_back_reads_as_damage(store, path):
    store.add(learning())
    with closing(sqlite3.connect(path)) as db, db:
        db.execute("UPDATE learning SET entry = json_set(entry, '$.owner', 'a@b.com')")
    with pytest.raises(InputError, match="the workspace file is damaged"):
        store.learning()


def test_a_schema_5_workspace_is_brought_forward_and_keeps_its_assessments(path):
    given = Assessment(council=Council(name=COUNCIL, authority_type=AuthorityType.LONDON_BOROUGH),
                       catalogue="lgsco-2024", assessed_on=date(2026, 3, 31))
    with closing(workspace_at(path, 5)) as db:
        assessment_id = add_assessment(db, given)
    with Workspace(path) as workspace:
        version = workspace.connection.execute("PRAGMA user_version").fetchone()[0]
        assert version == len(schema.MIGRATIONS) >= 6  # 6 adds the registers
        assert workspace.load(assessment_id) == given
        store = RegistersStore(workspace)
        number = store.add(learning())
        assert store.learning()[0].id == number
    with Workspace(path) as workspace:  # opened again: recognised as it now is
        assert RegistersStore(workspace).learning()[0].entry == learning()
