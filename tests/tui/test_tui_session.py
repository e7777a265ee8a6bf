"""The walk-through's rules without a terminal: filters, next unanswered, search, quick rows."""

from __future__ import annotations

from datetime import date

import pytest

from code_check.assessment import Answer, Assessment, Status
from code_check.errors import InputError
from code_check.store.workspace import Workspace
from code_check.tui.session import AssessmentSession, Filter
from tests.tui.conftest import COUNCIL


@pytest.fixture
def session(workspace_path, catalogue):
    workspace = Workspace(workspace_path)
    assessment_id = workspace.add_assessment(
        Assessment(council=COUNCIL, catalogue=catalogue.id, assessed_on=date(2026, 3, 31)),
        catalogue)
    yield AssessmentSession(workspace, assessment_id, catalogue)
    workspace.close()


def test_next_unanswered_skips_answers_and_wraps_round(session, catalogue):
    ids = [r.id for r in catalogue.requirements]
    session.save(ids[1], Answer(status=Status.MET))
    assert session.next_unanswered(ids[0]).id == ids[2]
    for requirement_id in ids[2:]:
        session.save(requirement_id, Answer(status=Status.NOT_APPLICABLE))
    assert session.next_unanswered(ids[-1]).id == ids[0]
    session.save(ids[0], Answer(status=Status.MET))
    assert session.next_unanswered(ids[0]) is None


def test_filters(session, catalogue):
    ids = [r.id for r in catalogue.requirements]
    session.save(ids[0], Answer(status=Status.MET))
    session.save(ids[1], Answer(status=Status.PARTLY_MET))
    session.save(ids[2], Answer(status=Status.NOT_APPLICABLE))
    assert [r.id for r in session.visible(Filter.UNANSWERED)] == ids[3:]
    assert ids[0] not in [r.id for r in session.visible(Filter.GAPS)]
    assert ids[1] in [r.id for r in session.visible(Filter.GAPS)]
    assert ids[2] not in [r.id for r in session.visible(Filter.GAPS)]
    assert all(r.obligation.value == "must" for r in session.visible(Filter.MUST))
    assert Filter.MUST.following() is Filter.ALL


def test_search_needs_every_word(session, catalogue):
    broad = {r.id for r in session.search("acknowledge")}
    narrow = {r.id for r in session.search("ACKNOWLEDGE escalation")}
    assert narrow and narrow < broad
    assert [r.id for r in session.search(catalogue.requirements[5].id)][0] == \
        catalogue.requirements[5].id
    assert session.search("") == []
    assert session.search("zzzz-not-a-word") == []


def test_a_change_confirms_a_carried_over_answer(session, catalogue):
    first = catalogue.requirements[0].id
    session.save(first, Answer(status=Status.MET, carried_over=True))
    session.update(first, evidence=["Policy"])
    assert session.answer(first) == Answer(status=Status.MET, evidence=["Policy"])


def test_quick_rows_must_exist(session):
    with pytest.raises(InputError, match="no row '6c'"):
        session.answer_row("6c", Status.MET)
