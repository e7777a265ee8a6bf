"""Walking through an assessment by keyboard: every change lands in the workspace at once."""

from __future__ import annotations

from contextlib import asynccontextmanager
from datetime import date

import pytest
from textual.widgets import Input, TextArea

from code_check.assessment.model import Action, Assessment, ProgressNote, Status
from code_check.store.workspace import Workspace
from code_check.tui.session import Filter
from code_check.tui.walkthrough_screen import WalkthroughScreen
from tests.tui.conftest import COUNCIL
from tests.tui.helpers import notifications, type_text


@pytest.fixture
def blank_id(workspace_path, catalogue) -> int:
    """A blank assessment in the workspace: its id."""
    with Workspace(workspace_path) as workspace:
        return workspace.add_assessment(
            Assessment(council=COUNCIL, catalogue=catalogue.id, assessed_on=date(2026, 3, 31)),
            catalogue)


@asynccontextmanager
async def walking(make_app):
    """The app at 80x24, walking through the newest assessment from its first provision."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        yield app, pilot, await _open_first(app, pilot)


async def _open_first(app, pilot) -> WalkthroughScreen:
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, WalkthroughScreen)
    return app.screen


async def test_answers_given_by_keyboard_are_saved_and_survive_a_restart(
        make_app, workspace_path, catalogue, blank_id):
    first, second, third = (r.id for r in catalogue.requirements[:3])
    async with walking(make_app) as (app, pilot, screen):
        await pilot.press("m", "right", "n", "right", "a")
        await pilot.press("e")
        await type_text(pilot, "Policy v3")
        await pilot.press("enter")
        with Workspace(workspace_path) as workspace:  # saved already, before the app closes
            saved = workspace.load(blank_id)
        assert saved.status(first) is Status.MET
        assert saved.status(second) is Status.NOT_MET
        assert saved.answer(third).evidence == ["Policy v3"]
        assert screen.current.id == third

    async with walking(make_app) as (app, pilot, screen):
        assert screen.session.answer(first).status is Status.MET
        assert screen.session.answer(third).status is Status.NOT_APPLICABLE
        assert str(screen.leaves[second].label).startswith("✘")
    with Workspace(workspace_path) as workspace:
        trail = [change.requirement_id for change in workspace.history(blank_id)]
    assert trail == [first, second, third, third]


def _stored(workspace_path, blank_id, requirement_id):
    """What the workspace holds now, read by a second connection as after a crash."""
    with Workspace(workspace_path) as workspace:
        return workspace.load(blank_id).answer(requirement_id)


async def _type_action(pilot, screen, description: str, owner: str, due: str) -> None:
    screen.query_one("#action-description", Input).focus()
    await type_text(pilot, description)
    await pilot.press("tab")
    await type_text(pilot, owner)
    await pilot.press("tab")
    await type_text(pilot, due)
    await pilot.press("enter")


async def test_commentary_is_stored_as_it_is_typed(make_app, workspace_path, catalogue, blank_id):
    """What is on screen is what is stored: no timer has to run first."""
    first = catalogue.requirements[0].id
    async with walking(make_app) as (app, pilot, screen):
        screen.query_one("#commentary", TextArea).focus()
        await type_text(pilot, "Being rewritten")
        assert _stored(workspace_path, blank_id, first).commentary == "Being rewritten"
        await pilot.press("backspace")
        assert _stored(workspace_path, blank_id, first).commentary == "Being rewritte"
        await pilot.press("escape", "ctrl+z")  # to the tree; undo takes back all the typing
        assert screen.session.answer(first).commentary is None
        assert screen.query_one("#commentary", TextArea).text == ""
    with Workspace(workspace_path) as workspace:
        trail = workspace.history(blank_id)
    assert [(c.before, c.after and c.after.commentary) for c in trail] == [
        (None, "Being rewritte"), (trail[0].after, None)]


async def test_an_action_is_saved_on_leaving_its_field(
        make_app, workspace_path, catalogue, blank_id):
    first = catalogue.requirements[0].id
    async with walking(make_app) as (app, pilot, screen):
        screen.query_one("#action-description", Input).focus()
        await type_text(pilot, "Rewrite the policy")
        await pilot.press("tab")  # no Enter
        assert _stored(workspace_path, blank_id, first).action == Action(
            description="Rewrite the policy")


async def test_an_action_with_a_uk_date_is_saved(make_app, workspace_path, catalogue, blank_id):
    first, second = (r.id for r in catalogue.requirements[:2])
    async with walking(make_app) as (app, pilot, screen):
        await _type_action(pilot, screen, "Rewrite the policy", "Jo", "31/03/2026")
        await pilot.press("escape", "right")
        await pilot.pause()
        await _type_action(pilot, screen, "Train staff", "Al", "30/6/2026")
        assert "Action saved." in notifications(app)
    assert _stored(workspace_path, blank_id, first).action == Action(
        description="Rewrite the policy", owner="Jo", due=date(2026, 3, 31))
    assert _stored(workspace_path, blank_id, second).action.due == date(2026, 6, 30)


async def test_a_bad_due_date_keeps_what_was_typed(make_app, workspace_path, catalogue, blank_id):
    first = catalogue.requirements[0].id
    async with walking(make_app) as (app, pilot, screen):
        await _type_action(pilot, screen, "Rewrite the policy", "Jo", "31/06/2026")
        assert "Due date: '31/06/2026' is not a real date" in " ".join(notifications(app))
        await pilot.press("escape", "right", "left")  # to the next provision and back
        await pilot.pause()
        assert screen.query_one("#action-description", Input).value == "Rewrite the policy"
        assert screen.query_one("#action-owner", Input).value == "Jo"
        screen.query_one("#action-due", Input).focus()
        await type_text(pilot, "2026-02-30")
        await pilot.press("enter")
        assert "Due date: '2026-02-30' is not a real date (check the day and the month)" \
            in " ".join(notifications(app))
        screen.query_one("#action-due", Input).value = ""
        await type_text(pilot, "next week")
        await pilot.press("enter")
        assert "Due date: 'next week' is not a date: write it like 31/03/2026 or 2026-03-31" \
            in " ".join(notifications(app))
    assert _stored(workspace_path, blank_id, first).action == Action(
        description="Rewrite the policy", owner="Jo")


async def test_evidence_is_removed_with_delete(make_app, workspace_path, catalogue, blank_id):
    first = catalogue.requirements[0].id
    async with walking(make_app) as (app, pilot, screen):
        await pilot.press("e")
        for item in ("One", "Two"):
            await type_text(pilot, item)
            await pilot.press("enter")
        screen.query_one("#evidence").focus()
        await pilot.press("home", "delete")
        await pilot.pause()
    with Workspace(workspace_path) as workspace:
        assert workspace.load(blank_id).answer(first).evidence == ["Two"]


async def test_filter_and_next_unanswered(make_app, council_ids, catalogue):
    async with walking(make_app) as (app, pilot, screen):
        session = screen.session
        unanswered = [r.id for r in catalogue.requirements if session.answer(r.id).status is None]
        await pilot.press("g")
        assert screen.current.id == unanswered[0]
        await pilot.press("g")
        assert screen.current.id == unanswered[1]

        await pilot.press("f")
        assert screen.shown is Filter.UNANSWERED
        assert list(screen.leaves) == unanswered
        await pilot.press("f")
        gap_ids = [g.id for g in session.score.gaps]
        assert screen.shown is Filter.GAPS and sorted(screen.leaves) == sorted(gap_ids)
        await pilot.press("f")
        musts = [r.id for r in catalogue.requirements if r.obligation.value == "must"]
        assert screen.shown is Filter.MUST and list(screen.leaves) == musts
        position = musts.index(screen.current.id)
        await pilot.press("right")
        assert screen.current.id == musts[position + 1]
        await pilot.press("f")
        assert screen.shown is Filter.ALL and len(screen.leaves) == len(catalogue.requirements)


async def test_undo_restores_the_previous_answer(make_app, workspace_path, catalogue, blank_id):
    first = catalogue.requirements[0].id
    async with walking(make_app) as (app, pilot, screen):
        await pilot.press("m", "p", "ctrl+z")
        assert screen.session.answer(first).status is Status.MET
        await pilot.press("ctrl+z")
        assert screen.session.answer(first).status is None
        await pilot.press("ctrl+z")
        assert "Nothing to undo." in notifications(app)
    with Workspace(workspace_path) as workspace:
        assert workspace.load(blank_id).answer(first).status is None


async def test_quick_mode_answers_a_whole_row(make_app, workspace_path, catalogue, blank_id):
    row_ids = [row.id for row in catalogue.template_rows]
    assert len(row_ids) == 10
    async with walking(make_app) as (app, pilot, _):
        await pilot.press("r")
        await pilot.pause()
        await pilot.press(*["down"] * row_ids.index("6a"), "m")
        await pilot.pause()
    with Workspace(workspace_path) as workspace:
        saved = workspace.load(blank_id)
    in_row = {r.id for r in catalogue.in_template_row("6a")}
    assert in_row and {rid for rid, a in saved.answers.items() if a.status} == in_row
    assert all(saved.answer(rid).via_row == "6a" for rid in in_row)
    assert all(saved.answer(rid).status is Status.MET for rid in in_row)


async def test_refining_a_quick_answer_drops_the_row_mark(make_app, catalogue, blank_id):
    first = catalogue.requirements[0].id
    async with walking(make_app) as (app, pilot, screen):
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        assert screen.session.answer(first).via_row == catalogue.template_rows[0].id
        assert "(in quick mode, for the whole of row 1)" in str(
            screen.query_one("#answer-line").render())
        await pilot.press("m")
        assert screen.session.answer(first).via_row is None


async def test_search_goes_to_the_chosen_provision(make_app, catalogue, blank_id):
    target = catalogue.requirements[20]
    async with walking(make_app) as (app, pilot, screen):
        await pilot.press("slash")
        await pilot.pause()
        await type_text(pilot, target.id)
        await pilot.press("enter")
        await pilot.pause()
        assert screen.current.id == target.id


async def test_carried_over_answers_show_until_confirmed(make_app, council_ids, workspace_path):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("c")  # a new assessment from the selected (newest) one
        await pilot.pause()
        await pilot.press("ctrl+s")  # dated today, by the same assessor
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, WalkthroughScreen)
        first = screen.current.id
        assert screen.session.answer(first).carried_over
        assert "↺" in str(screen.leaves[first].label)
        assert "Carried over" in str(screen.query_one("#answer-line").render())
        await pilot.press("c")
        assert "↺" not in str(screen.leaves[first].label)
        new_id = screen.assessment_id
    with Workspace(workspace_path) as workspace:
        saved = workspace.load(new_id)
        record = workspace.record(new_id)
    assert not saved.answer(first).carried_over
    assert record.based_on == council_ids[1]
    assert sum(a.carried_over for a in saved.answers.values()) == len(saved.answers) - 1


async def test_marking_an_action_done_says_so_in_words(
        make_app, workspace_path, catalogue, blank_id):
    from textual.widgets import Checkbox

    first = catalogue.requirements[0].id
    async with walking(make_app) as (app, pilot, screen):
        screen.query_one("#action-description", Input).focus()
        await type_text(pilot, "Train staff")
        await pilot.press("enter")
        done = screen.query_one("#action-done", Checkbox)
        assert str(done.label) == "Not done"
        done.focus()
        await pilot.press("space")
        await pilot.pause()
        assert str(done.label) == "Done"
        today = app.today  # ticking done records the day it was done
        assert screen.query_one("#action-completed", Input).value == today.isoformat()
    with Workspace(workspace_path) as workspace:
        assert workspace.load(blank_id).answer(first).action == Action(
            description="Train staff", done=True, completed=today)


async def test_a_revised_due_date_and_a_progress_note_are_saved(
        make_app, workspace_path, catalogue, blank_id):
    from textual.widgets import Static

    first = catalogue.requirements[0].id
    async with walking(make_app) as (app, pilot, screen):
        await _type_action(pilot, screen, "Rewrite the policy", "Jo", "31/03/2026")
        screen.query_one("#action-revised-due", Input).focus()
        await type_text(pilot, "30/09/2026")
        await pilot.press("enter")
        screen.query_one("#new-progress", Input).focus()
        await type_text(pilot, "Draft with legal")
        await pilot.press("enter")
        await pilot.pause()
        today = app.today
        assert str(screen.query_one("#action-progress", Static).render()) == (
            f"{today:%d/%m/%Y} Draft with legal")
        assert screen.query_one("#new-progress", Input).value == ""
    assert _stored(workspace_path, blank_id, first).action == Action(
        description="Rewrite the policy", owner="Jo", due=date(2026, 3, 31),
        revised_due=date(2026, 9, 30),
        progress=[ProgressNote(on=today, note="Draft with legal")])


async def test_a_progress_note_needs_an_action(make_app, workspace_path, catalogue, blank_id):
    first = catalogue.requirements[0].id
    async with walking(make_app) as (app, pilot, screen):
        screen.query_one("#new-progress", Input).focus()
        await type_text(pilot, "Started")
        await pilot.press("enter")
        assert "describe the action before adding a progress note" in " ".join(
            notifications(app))
    assert _stored(workspace_path, blank_id, first).action is None


async def test_quick_mode_asks_before_replacing_answers_and_undoes_in_one_step(
        make_app, council_ids, workspace_path, catalogue):
    from code_check.tui.confirm_screen import ConfirmScreen

    newer = council_ids[1]
    with Workspace(workspace_path) as workspace:
        before = workspace.load(newer)
    in_row = [r.id for r in catalogue.in_template_row("1")]
    answered = sum(1 for rid in in_row if before.status(rid) is not None)
    assert 0 < answered < len(in_row)
    async with walking(make_app) as (app, pilot, screen):
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("n")  # row 1, the first in the list: not met
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert f"Row 1 has {len(in_row)} provisions, and {answered} already have answers" \
            in app.screen.question
        await pilot.press("n")  # no: nothing changes
        await pilot.pause()
        assert _stored(workspace_path, newer, in_row[0]) == before.answer(in_row[0])
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert all(screen.session.answer(rid).status is Status.NOT_MET for rid in in_row)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert "Undid the last change, to" in notifications(app)[-1]
    with Workspace(workspace_path) as workspace:
        assert workspace.load(newer) == before


async def test_carried_over_answers_are_confirmed_together(make_app, council_ids, workspace_path):
    from code_check.tui.choice_screen import ChoiceScreen

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("c")  # from the selected (newest) assessment: asks date and assessor
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, WalkthroughScreen)
        carried = len(screen.session.to_confirm())
        assert carried > 10
        progress = str(screen.query_one("#progress-line").render())
        assert f"{carried} to confirm" in progress
        await pilot.press("C")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        section_one = len(screen.session.to_confirm(screen.session.catalogue.sections[0]
                                                     .requirements))
        await pilot.press("down", "enter")  # row 1, then section 1
        await pilot.pause()
        assert len(screen.session.to_confirm()) == carried - section_one
        await pilot.press("C")
        await pilot.pause()
        await pilot.press("end", "enter")  # all shown
        await pilot.pause()
        assert screen.session.to_confirm() == []
        assert "to confirm" not in str(screen.query_one("#progress-line").render())
        assert all("↺" not in str(leaf.label) for leaf in screen.leaves.values())
        await pilot.press("ctrl+z")  # the second bulk confirm, in one step
        await pilot.pause()
        assert len(screen.session.to_confirm()) == carried - section_one
        new_id = screen.assessment_id
    with Workspace(workspace_path) as workspace:
        saved = workspace.load(new_id)
    assert sum(a.carried_over for a in saved.answers.values()) == carried - section_one


async def test_answering_moves_on_under_the_unanswered_filter(make_app, council_ids, catalogue):
    async with walking(make_app) as (app, pilot, screen):
        first = screen.current.id
        await pilot.press("m")
        assert screen.current.id == first  # showing all: stays put
        await pilot.press("f")  # unanswered: moves on by default
        unanswered = list(screen.leaves)
        assert screen.current.id == unanswered[0]
        await pilot.press("p")
        assert screen.current.id == unanswered[1]
        assert "moving on after each answer" in str(screen.query_one("#progress-line").render())
        await pilot.press("o")  # stay
        await pilot.press("n")
        assert screen.current.id == unanswered[1]
        await pilot.press("o", "f", "f", "f")  # back to all, moving on as chosen
        assert screen.shown is Filter.ALL
        position = [r.id for r in catalogue.requirements].index(screen.current.id)
        await pilot.press("a")
        assert screen.current.id == catalogue.requirements[position + 1].id


async def test_an_overdue_action_is_flagged_on_the_card_and_in_the_tree(
        make_app, workspace_path, catalogue, blank_id):
    from code_check.assessment.model import Answer

    late, on_time = (r.id for r in catalogue.requirements[:2])
    with Workspace(workspace_path) as workspace:
        for requirement_id, due in ((late, date(2026, 3, 1)), (on_time, date(2026, 6, 1))):
            workspace.set_answer(blank_id, requirement_id, Answer(
                status=Status.NOT_MET, action=Action(description="Fix it", due=due)), catalogue)
    async with walking(make_app) as (app, pilot, screen):
        assert str(screen.leaves[late].label).endswith(" !")
        assert not str(screen.leaves[on_time].label).endswith(" !")
        assert "Action overdue: due 01 March 2026, not done" in str(
            screen.query_one("#answer-line").render())
        await pilot.press("right")
        assert "overdue" not in str(screen.query_one("#answer-line").render())


async def test_an_unticked_action_shows_no_cross(make_app, blank_id):
    from code_check.tui.done_box import DoneBox

    async with walking(make_app) as (app, pilot, screen):
        done = screen.query_one(DoneBox)
        assert "X" not in str(done.render()) and "Not done" in str(done.render())
        done.value = True
        await pilot.pause()
        assert "✔" in str(done.render()) and "Not done" not in str(done.render())


async def test_the_highlighted_evidence_is_the_one_del_removes(
        make_app, workspace_path, catalogue, blank_id):
    first = catalogue.requirements[0].id
    async with walking(make_app) as (app, pilot, screen):
        await pilot.press("e")
        for item in ("One", "Two", "Three"):
            await type_text(pilot, item)
            await pilot.press("enter")
        evidence = screen.query_one("#evidence")
        evidence.focus()
        assert evidence.highlighted == 0
        await pilot.press("down", "delete")
        await pilot.pause()
        assert evidence.highlighted == 1  # the next item, ready for another del
        await pilot.press("delete")
        await pilot.pause()
    assert _stored(workspace_path, blank_id, first).evidence == ["One"]


async def test_leaving_for_home_from_a_field_keeps_what_was_typed(make_app, catalogue,
                                                                  workspace_path, blank_id):
    from code_check.tui.home_screen import HomeScreen

    first = catalogue.requirements[0].id
    async with walking(make_app) as (app, pilot, screen):
        screen.query_one("#action-description", Input).focus()
        await type_text(pilot, "Train staff")
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert _stored(workspace_path, blank_id, first).action == Action(description="Train staff")
