"""Dual assessments in the workspace (schema 5): the second Code's answers kept under keys
such as ``hos-2024:5.6``, carried answers following the first Code's in the same step of the
audit trail and of undo, and workspaces from before brought forward."""

from __future__ import annotations

import re
import sqlite3
from contextlib import closing
from datetime import date

import pytest

from code_check.assessment.codes import SecondCode, seed_second_code
from code_check.assessment.model import Answer, Status
from code_check.errors import InputError
from code_check.store import schema
from code_check.store.workspace import Workspace
from tests.assessment import dual
from tests.assessment.dual import SECOND, answers, first_only
from tests.old_workspaces import add_assessment, workspace_at

CARRIED_NOT_MET = Answer(status=Status.NOT_MET, carried_over=True)


@pytest.fixture
def path(tmp_path):
    return tmp_path / "workspace.sqlite3"


@pytest.fixture
def codes():
    return dual.first(), SecondCode(dual.second(), dual.equivalence())


@pytest.fixture
def seeded(codes):
    first, second = codes
    given = first_only(answers(_1_1="met", _1_2="partly_met", _1_3="not_met", _2_1="met"))
    return seed_second_code(given, second.catalogue, second.equivalence)


def stored_keys(workspace, assessment_id):
    return sorted(row[0] for row in workspace.connection.execute(
        "SELECT requirement_id FROM answers WHERE assessment_id = ?", (assessment_id,)))


def test_a_dual_assessment_is_kept_whole_with_the_second_code_under_its_keys(
        path, codes, seeded):
    with Workspace(path) as workspace:
        assessment_id = workspace.add_assessment(seeded, codes[0])
        assert workspace.load(assessment_id) == seeded
        assert stored_keys(workspace, assessment_id) == [
            "1.1", "1.2", "1.3", "2.1", f"{SECOND}:1.2", f"{SECOND}:2.2"]
        assert workspace.record(assessment_id).catalogues == [dual.FIRST, SECOND]


def test_a_carried_answer_follows_the_first_code_in_one_step_of_undo(path, codes, seeded):
    first, second = codes
    with Workspace(path) as workspace:
        assessment_id = workspace.add_assessment(seeded, first)
        workspace.set_answer(assessment_id, "1.3", Answer(status=Status.MET), first,
                             second=second)
        assert workspace.load(assessment_id).also.answers["1.2"] == Answer(
            status=Status.PARTLY_MET, carried_over=True)
        assert [c.requirement_id for c in workspace.history(assessment_id)[-2:]] == [
            "1.3", f"{SECOND}:1.2"]
        workspace.undo(assessment_id, first)
        assert workspace.load(assessment_id) == seeded


def test_a_confirmed_answer_stays_as_confirmed(path, codes, seeded):
    first, second = codes
    with Workspace(path) as workspace:
        assessment_id = workspace.add_assessment(seeded, first)
        workspace.set_answer(assessment_id, f"{SECOND}:1.2", Answer(status=Status.NOT_MET),
                             first, second=second)
        workspace.set_answer(assessment_id, "1.3", Answer(status=Status.MET), first,
                             second=second)
        assert workspace.load(assessment_id).also.answers["1.2"] == Answer(
            status=Status.NOT_MET)


def test_typing_a_commentary_its_partner_carries_is_one_step_of_undo(path, codes):
    first, second = codes
    with Workspace(path) as workspace:
        blank = seed_second_code(first_only({}), second.catalogue, second.equivalence)
        assessment_id = workspace.add_assessment(blank, first)
        for text in ("N", "No", "No log"):
            workspace.set_answer(assessment_id, "2.1", Answer(commentary=text), first,
                                 typing=True, second=second)
        assert workspace.load(assessment_id).also.answers["2.2"] == Answer(
            commentary="No log", carried_over=True)
        assert len(workspace.history(assessment_id)) == 2  # 2.1 and its partner 2.2
        workspace.undo(assessment_id, first)
        assert workspace.load(assessment_id) == blank


@pytest.mark.parametrize(("key", "problem"), [
    (f"{SECOND}:1.1", f"1.1 of {SECOND} is answered once for both Codes, through 1.1"),
    (f"{SECOND}:9.9", f"unknown requirement '9.9' (not in {SECOND})"),
    ("third-code:1.1", "this assessment does not answer third-code"),
])
def test_an_answer_neither_code_takes_is_refused_before_writing(path, codes, seeded, key,
                                                                problem):
    first, second = codes
    with Workspace(path) as workspace:
        assessment_id = workspace.add_assessment(seeded, first)
        with pytest.raises(InputError, match=re.escape(problem)):
            workspace.set_answer(assessment_id, key, Answer(status=Status.MET), first,
                                 second=second)
        assert workspace.load(assessment_id) == seeded


def test_a_dual_assessment_is_never_saved_without_its_second_code(path, codes, seeded):
    with Workspace(path) as workspace:
        assessment_id = workspace.add_assessment(seeded, codes[0])
        with pytest.raises(TypeError):
            workspace.set_answer(assessment_id, "1.3", Answer(status=Status.MET), codes[0])


def test_extending_seeds_the_second_code_as_one_step(path, codes):
    first, second = codes
    given = first_only(answers(_1_2="met", _2_1="not_met"))
    with Workspace(path) as workspace:
        assessment_id = workspace.add_assessment(given, first)
        extended = workspace.extend(assessment_id, second, author="Ann Lee")
        assert workspace.load(assessment_id) == extended
        assert extended.also.answers == {
            "1.2": Answer(status=Status.MET, carried_over=True), "2.2": CARRIED_NOT_MET}
        assert workspace.record(assessment_id).also_catalogue == SECOND
        workspace.undo(assessment_id, first)
        assert workspace.load(assessment_id).also.answers == {}


def test_the_next_assessment_carries_both_codes_over(path, codes, seeded):
    first, second = codes
    with Workspace(path) as workspace:
        old_id = workspace.add_assessment(seeded, first)
        workspace.set_answer(old_id, f"{SECOND}:2.3", Answer(status=Status.MET), first,
                             second=second)
        new_id = workspace.start_from_previous(old_id, first, assessed_on=date(2027, 3, 31))
        carried = workspace.load(new_id).also
        assert carried.answers["2.3"] == Answer(status=Status.MET, carried_over=True)
        assert all(answer.carried_over for answer in carried.answers.values())


def test_a_schema_4_workspace_is_brought_forward_and_can_take_a_second_code(path, codes):
    first, second = codes
    given = first_only(answers(_1_2="met", _2_1="not_met"))
    with closing(workspace_at(path, 4)) as db:
        assessment_id = add_assessment(db, given)
    with Workspace(path) as workspace:
        assert workspace.connection.execute("PRAGMA user_version").fetchone()[0] == len(
            schema.MIGRATIONS)
        assert workspace.load(assessment_id) == given
        assert workspace.record(assessment_id).catalogues == [dual.FIRST]
        workspace.extend(assessment_id, second)
        assert workspace.load(assessment_id).also.answers["2.2"] == CARRIED_NOT_MET


def test_an_answer_kept_for_a_code_the_assessment_does_not_answer_is_damage(path, codes):
    with Workspace(path) as workspace:
        assessment_id = workspace.add_assessment(first_only({}), codes[0])
    with closing(sqlite3.connect(path)) as db, db:
        db.execute("INSERT INTO answers VALUES (?, 'third-code:1.1', 'met', '{}')",
                   (assessment_id,))
    with Workspace(path) as workspace, pytest.raises(InputError, match="damaged"):
        workspace.load(assessment_id)
