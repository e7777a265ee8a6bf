"""The app names who made each change in the audit trail, by the rule the command line uses."""

from __future__ import annotations

import getpass
from datetime import date

import pytest
from textual.widgets import Input

from code_check.assessment.files import save_assessment_file
from code_check.assessment.model import Assessment, Status
from code_check.store.workspace import Workspace
from tests.tui.conftest import COUNCIL
from tests.tui.helpers import type_text


@pytest.fixture(autouse=True)
def login_name(monkeypatch):
    monkeypatch.setattr(getpass, "getuser", lambda: "jofficer")


async def test_an_answer_given_in_the_app_carries_the_login_name(make_app, workspace_path,
                                                                 catalogue):
    with Workspace(workspace_path) as workspace:
        blank_id = workspace.add_assessment(
            Assessment(council=COUNCIL, catalogue=catalogue.id, assessed_on=date(2026, 3, 31)),
            catalogue)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # the walk-through of the only assessment
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
    with Workspace(workspace_path) as workspace:
        trail = workspace.history(blank_id)
    assert [(change.after.status, change.author) for change in trail] == [
        (Status.MET, "jofficer")]


async def test_an_assessment_imported_in_the_app_names_its_assessor(make_app, workspace_path,
                                                                    catalogue, tmp_path):
    first = catalogue.requirements[0].id
    assessment = Assessment(council=COUNCIL, catalogue=catalogue.id,
                            assessed_on=date(2026, 3, 31), assessor="Jane Officer")
    path = tmp_path / "assessment.yaml"
    save_assessment_file(assessment.with_answer(first, assessment.answer(first).model_copy(
        update={"status": Status.MET})), path, catalogue)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        app.screen.query_one(Input).value = ""
        await type_text(pilot, str(path))
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
    with Workspace(workspace_path) as workspace:
        imported = max(record.id for record in workspace.assessments())
        trail = workspace.history(imported)
    assert [(change.requirement_id, change.author) for change in trail] == [
        (first, "Jane Officer")]
