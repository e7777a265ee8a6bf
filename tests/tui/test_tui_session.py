"""The walk-through's rules without a terminal: filters, next unanswered, search, quick rows."""

from __future__ import annotations

from datetime import date

import pytest

from code_check.assessment.model import Answer, Assessment, Status
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


def test_a_quick_row_is_one_step_of_the_audit_trail(session, catalogue):
    members = [r.id for r in catalogue.in_template_row("6a")]
    session.save(members[0], Answer(status=Status.NOT_MET, evidence=["Log"]))
    before = session.assessment
    assert session.answer_row("6a", Status.MET) == members
    assert {session.answer(rid).status for rid in members} == {Status.MET}
    assert session.undo() == members  # the whole row, at once
    assert session.assessment == before
    assert session.undo() == [members[0]]
    assert session.undo() == []


def test_confirming_many_is_one_step(session, catalogue):
    ids = [r.id for r in catalogue.requirements[:4]]
    for rid in ids[:3]:
        session.save(rid, Answer(status=Status.MET, carried_over=True))
    assert session.to_confirm() == ids[:3]
    assert session.confirm_all(catalogue.requirements[:4]) == ids[:3]
    assert session.to_confirm() == []
    assert session.undo() == ids[:3]
    assert session.to_confirm() == ids[:3]


def test_typing_is_one_entry_and_takes_no_score_snapshots(session, catalogue):
    first, second = (r.id for r in catalogue.requirements[:2])
    session.save(first, Answer(status=Status.MET))
    snapshots = len(session.workspace.score_history(session.assessment_id))
    for text in ("B", "Be", "Bei", "Being"):
        session.type_commentary(first, text)
    session.type_commentary(second, "Other")
    session.type_commentary(first, "Being done")  # another provision came between
    session.update(first, status=Status.PARTLY_MET)
    trail = session.workspace.history(session.assessment_id)
    assert [(c.requirement_id, c.after.commentary, c.after.status) for c in trail] == [
        (first, None, Status.MET), (first, "Being", Status.MET), (second, "Other", None),
        (first, "Being done", Status.MET), (first, "Being done", Status.PARTLY_MET)]
    assert len(session.workspace.score_history(session.assessment_id)) == snapshots + 1
    session.undo()
    session.undo()
    assert session.answer(first).commentary == "Being"


def test_typing_by_someone_else_is_their_own_entry(session, catalogue):
    first = catalogue.requirements[0].id
    session.type_commentary(first, "Mine")
    session.author = "someone else"
    session.type_commentary(first, "Mine, and theirs")
    assert len(session.workspace.history(session.assessment_id)) == 2


def test_where_an_answer_for_a_whole_row_came_from(session, catalogue, workspace_path):
    from code_check.tui.session import AssessmentSession

    member = catalogue.in_template_row("1")[0].id
    imported = session.workspace.add_assessment(Assessment(
        council=COUNCIL, catalogue=catalogue.id, assessed_on=date(2026, 1, 5),
        answers={member: Answer(status=Status.MET, via_row="1")}), catalogue)
    assert AssessmentSession(session.workspace, imported, catalogue).row_source(member) == \
        "imported"
    carried = session.workspace.start_from_previous(imported, catalogue,
                                                    assessed_on=date(2026, 4, 5))
    carried_session = AssessmentSession(session.workspace, carried, catalogue)
    assert carried_session.row_source(member) == "carried over"
    carried_session.confirm(member)
    assert carried_session.row_source(member) == "carried over"
    carried_session.answer_row("1", Status.PARTLY_MET)
    assert carried_session.row_source(member) == "quick mode"
    carried_session.undo()
    assert carried_session.row_source(member) == "carried over"
