"""Apps built exactly as the command line builds them, on a workspace in a temporary folder."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from code_check.assessment.model import Action, Answer, Assessment, AuthorityType, Council, Status
from code_check.catalogue.model import Catalogue
from code_check.store.workspace import Workspace
from code_check.tui.app import CodeCheckApp, create_app

TODAY = date(2026, 3, 31)
COUNCIL = Council(name="Example Borough Council", authority_type=AuthorityType.LONDON_BOROUGH)


@pytest.fixture
def workspace_path(tmp_path: Path) -> Path:
    return tmp_path / "workspace.sqlite3"


@pytest.fixture
def make_app(workspace_path: Path):
    """A factory, so a test can close the app and open it again on the same workspace."""
    def make(**options) -> CodeCheckApp:
        return create_app(workspace_path, today=TODAY, cursor_blink=False, **options)

    return make


def _answers(catalogue: Catalogue, pattern: list[Status | None]) -> dict[str, Answer]:
    answers = {}
    for index, requirement in enumerate(catalogue.requirements):
        status = pattern[index % len(pattern)]
        if status is not None:
            answers[requirement.id] = Answer(status=status, evidence=["Complaints policy v3"])
    return answers


@pytest.fixture
def council_ids(workspace_path: Path, catalogue: Catalogue) -> tuple[int, int]:
    """Two assessments of one council, six months apart: (older, newer)."""
    older = Assessment(
        council=COUNCIL, catalogue=catalogue.id, assessed_on=date(2025, 9, 30),
        assessor="Jane Officer",
        answers=_answers(catalogue, [Status.MET, Status.NOT_MET, Status.PARTLY_MET, None]),
    )
    newer_answers = _answers(catalogue, [Status.MET, Status.PARTLY_MET, Status.MET, None])
    newer_answers[catalogue.requirements[0].id] = Answer(  # met before: a regression
        status=Status.PARTLY_MET, evidence=["Complaints policy v3"])
    newer_answers[catalogue.requirements[1].id] = Answer(
        status=Status.NOT_MET, commentary="Policy rewrite under way",
        action=Action(description="Rewrite the policy", owner="Head of Customer Services",
                      due=date(2026, 6, 30)))
    newer = older.model_copy(update={"assessed_on": date(2026, 3, 15), "answers": newer_answers})
    with Workspace(workspace_path) as workspace:
        return (workspace.add_assessment(older, catalogue),
                workspace.add_assessment(newer, catalogue))
