"""Actions in the workspace: the manager's fields are kept, and workspaces from before them
are brought forward with their actions (schema 4)."""

from __future__ import annotations

from contextlib import closing
from datetime import UTC, date, datetime

import pytest

from code_check.assessment.model import Action, Answer, Assessment, Council, ProgressNote, Status
from code_check.store import schema
from code_check.store.workspace import Workspace
from tests.old_workspaces import add_assessment, change_answer, workspace_at

COUNCIL = Council(name="Northtown District Council", authority_type="district_council")
OPEN = Action(description="Write the policy", owner="Ann Lee", due=date(2026, 5, 1))
DONE = OPEN.model_copy(update={"done": True})


@pytest.fixture
def path(tmp_path, monkeypatch):
    monkeypatch.setenv("CODE_CHECK_WORKSPACE", str(tmp_path / "default.sqlite3"))
    return tmp_path / "workspace.sqlite3"


def gap(action: Action) -> Answer:
    return Answer(status=Status.NOT_MET, action=action)


def assessment(**answers: Answer) -> Assessment:
    return Assessment(council=COUNCIL, catalogue="lgsco-2024", assessed_on=date(2026, 1, 15),
                      answers=answers)


def test_the_managers_fields_are_saved_and_loaded(path, catalogue):
    managed = DONE.model_copy(update={
        "revised_due": date(2026, 7, 1), "completed": date(2026, 6, 20),
        "progress": [ProgressNote(on=date(2026, 4, 2), note="Draft with legal")]})
    with Workspace(path) as workspace:
        assessment_id = workspace.add_assessment(assessment(**{"1.1": gap(managed)}), catalogue)
        assert workspace.load(assessment_id).answer("1.1").action == managed


def test_an_old_workspace_keeps_its_actions_and_dates_those_marked_done(path):
    """Schema 4 gives an action ticked done in the app the day it was ticked; one imported as
    done has no such record and stays undated; open actions are untouched."""
    with closing(workspace_at(path, 3)) as db:
        assessment_id = add_assessment(db, assessment(**{
            "1.1": gap(OPEN), "1.2": gap(OPEN), "1.3": gap(DONE)}))
        change_answer(db, assessment_id, "1.2", gap(OPEN), gap(DONE))
    with Workspace(path) as workspace:
        assert workspace.connection.execute("PRAGMA user_version").fetchone()[0] == len(
            schema.MIGRATIONS)
        answers = workspace.load(assessment_id).answers
    today = datetime.now(UTC).date()
    assert answers["1.1"].action == OPEN
    assert answers["1.2"].action == DONE.model_copy(update={"completed": today})
    assert answers["1.3"].action == DONE
