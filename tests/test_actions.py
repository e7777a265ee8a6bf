"""An action's RAG on the "as at" date, judged from the revised due date where there is one."""

from __future__ import annotations

from datetime import date

import pytest

from code_check.assessment.lint import lint
from code_check.assessment.model import Action, Answer, Assessment, Council, Rag, Status

AS_AT = date(2026, 4, 1)


@pytest.mark.parametrize(("fields", "rag"), [
    ({"due": date(2026, 3, 31)}, Rag.OVERDUE),
    ({"due": date(2026, 4, 1)}, Rag.DUE_SOON),
    ({"due": date(2026, 5, 1)}, Rag.DUE_SOON),
    ({"due": date(2026, 5, 2)}, Rag.ON_TRACK),
    ({}, Rag.NO_DUE_DATE),
    ({"due": date(2026, 3, 1), "done": True}, Rag.COMPLETE),
    ({"due": date(2026, 3, 1), "revised_due": date(2026, 6, 30)}, Rag.ON_TRACK),
    ({"due": date(2026, 9, 1), "revised_due": date(2026, 3, 30)}, Rag.OVERDUE),
])
def test_rag_follows_the_date_now_due(fields, rag):
    action = Action(description="Write the policy", **fields)
    assert action.rag(AS_AT) is rag
    assert action.overdue(AS_AT) is (rag is Rag.OVERDUE)


def test_rag_is_said_in_words_and_colour():
    assert [(r.label, r.colour) for r in Rag] == [
        ("Overdue", "Red"), ("Due within 30 days", "Amber"), ("No due date", "Amber"),
        ("On track", "Green"), ("Complete", "Blue")]


def test_the_overdue_check_names_the_revised_date(catalogue):
    action = Action(description="Write it", due=date(2026, 1, 31), revised_due=date(2026, 3, 1))
    assessment = Assessment(
        council=Council(name="X", authority_type="london_borough"), catalogue="lgsco-2024",
        assessed_on=date(2026, 3, 31), answers={"1.1": Answer(status=Status.NOT_MET,
                                                               action=action)})
    overdue = [f.message for f in lint(catalogue, assessment, as_of=AS_AT)
               if f.check == "action-overdue"]
    assert overdue == ["the action was due on 1 March 2026 and is not done"]
