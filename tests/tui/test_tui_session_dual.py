"""The app's one write path on a dual assessment (issue 14): an answer given in the
walk-through carries its unconfirmed Housing Ombudsman partners along, in one step of undo."""

from __future__ import annotations

from code_check.assessment.model import Status
from code_check.demo import housing_demo_assessment
from code_check.demo.dating import ANCHOR
from code_check.store.workspace import Workspace
from code_check.tui.session import AssessmentSession


def test_an_answer_moves_its_carried_partner_and_undo_takes_both_back(workspace_path,
                                                                       catalogue):
    demo = housing_demo_assessment(today=ANCHOR)
    with Workspace(workspace_path) as workspace:
        assessment_id = workspace.add_assessment(demo, catalogue)
        session = AssessmentSession(workspace, assessment_id, catalogue)
        assert session.second.catalogue.id == "hos-2024"
        session.update("1.7", status=Status.MET)  # LGSCO 1.7 is close to HOS 1.5
        carried = workspace.load(assessment_id).also.answers["1.5"]
        assert (carried.status, carried.carried_over) == (Status.MET, True)
        session.undo()
        assert workspace.load(assessment_id) == demo
