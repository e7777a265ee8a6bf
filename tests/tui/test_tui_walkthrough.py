"""Walking through an assessment by keyboard: every change lands in the workspace at once."""

from __future__ import annotations

from datetime import date

from textual.widgets import Input, TextArea

from code_check.assessment import Action, Assessment, Status
from code_check.store.workspace import Workspace
from code_check.tui.session import Filter
from code_check.tui.walkthrough_screen import WalkthroughScreen
from tests.tui.conftest import COUNCIL
from tests.tui.helpers import notifications, type_text


def _blank(workspace_path, catalogue) -> int:
    with Workspace(workspace_path) as workspace:
        return workspace.add_assessment(
            Assessment(council=COUNCIL, catalogue=catalogue.id, assessed_on=date(2026, 3, 31)),
            catalogue)


async def _open_first(app, pilot) -> WalkthroughScreen:
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, WalkthroughScreen)
    return app.screen


async def test_answers_given_by_keyboard_are_saved_and_survive_a_restart(
        make_app, workspace_path, catalogue):
    assessment_id = _blank(workspace_path, catalogue)
    first, second, third = (r.id for r in catalogue.requirements[:3])
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_first(app, pilot)
        await pilot.press("m", "right", "n", "right", "a")
        await pilot.press("e")
        await type_text(pilot, "Policy v3")
        await pilot.press("enter")
        with Workspace(workspace_path) as workspace:  # saved already, before the app closes
            saved = workspace.load(assessment_id)
        assert saved.status(first) is Status.MET
        assert saved.status(second) is Status.NOT_MET
        assert saved.answer(third).evidence == ["Policy v3"]
        assert screen.current.id == third

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_first(app, pilot)
        assert screen.session.answer(first).status is Status.MET
        assert screen.session.answer(third).status is Status.NOT_APPLICABLE
        assert str(screen.leaves[second].label).startswith("✘")
    with Workspace(workspace_path) as workspace:
        trail = [change.requirement_id for change in workspace.history(assessment_id)]
    assert trail == [first, second, third, third]


async def test_commentary_and_action_are_saved_and_a_bad_date_is_refused(
        make_app, workspace_path, catalogue):
    assessment_id = _blank(workspace_path, catalogue)
    first = catalogue.requirements[0].id
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_first(app, pilot)
        screen.query_one("#commentary", TextArea).focus()
        await type_text(pilot, "Being rewritten")
        screen.query_one("#action-description", Input).focus()
        await type_text(pilot, "Rewrite the policy")
        await pilot.press("tab")
        await type_text(pilot, "Jo")
        await pilot.press("tab")
        await type_text(pilot, "31/06/2026")
        await pilot.press("enter")
        assert "'31/06/2026' is not a date like 2026-03-31" in " ".join(notifications(app))
        assert screen.session.answer(first).action is None
        screen.query_one("#action-due", Input).value = ""
        await type_text(pilot, "2026-06-30")
        await pilot.press("enter")
        await pilot.press("escape", "escape")  # back to the tree, then Home: commentary saved
        await pilot.pause()
    with Workspace(workspace_path) as workspace:
        answer = workspace.load(assessment_id).answer(first)
    assert answer.commentary == "Being rewritten"
    assert answer.action == Action(description="Rewrite the policy", owner="Jo",
                                   due=date(2026, 6, 30))


async def test_evidence_is_removed_with_delete(make_app, workspace_path, catalogue):
    assessment_id = _blank(workspace_path, catalogue)
    first = catalogue.requirements[0].id
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_first(app, pilot)
        await pilot.press("e")
        for item in ("One", "Two"):
            await type_text(pilot, item)
            await pilot.press("enter")
        screen.query_one("#evidence").focus()
        await pilot.press("home", "delete")
        await pilot.pause()
    with Workspace(workspace_path) as workspace:
        assert workspace.load(assessment_id).answer(first).evidence == ["Two"]


async def test_filter_and_next_unanswered(make_app, council_ids, catalogue):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_first(app, pilot)
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


async def test_undo_restores_the_previous_answer(make_app, workspace_path, catalogue):
    assessment_id = _blank(workspace_path, catalogue)
    first = catalogue.requirements[0].id
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_first(app, pilot)
        await pilot.press("m", "p", "ctrl+z")
        assert screen.session.answer(first).status is Status.MET
        await pilot.press("ctrl+z")
        assert screen.session.answer(first).status is None
        await pilot.press("ctrl+z")
        assert "Nothing to undo." in notifications(app)
    with Workspace(workspace_path) as workspace:
        assert workspace.load(assessment_id).answer(first).status is None


async def test_quick_mode_answers_a_whole_row(make_app, workspace_path, catalogue):
    assessment_id = _blank(workspace_path, catalogue)
    row_ids = [row.id for row in catalogue.template_rows]
    assert len(row_ids) == 10
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_first(app, pilot)
        await pilot.press("r")
        await pilot.pause()
        await pilot.press(*["down"] * row_ids.index("6a"), "m")
        await pilot.pause()
    with Workspace(workspace_path) as workspace:
        saved = workspace.load(assessment_id)
    in_row = {r.id for r in catalogue.in_template_row("6a")}
    assert in_row and {rid for rid, a in saved.answers.items() if a.status} == in_row
    assert all(saved.answer(rid).via_row == "6a" for rid in in_row)
    assert all(saved.answer(rid).status is Status.MET for rid in in_row)


async def test_refining_a_quick_answer_drops_the_row_mark(make_app, workspace_path, catalogue):
    _blank(workspace_path, catalogue)
    first = catalogue.requirements[0].id
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_first(app, pilot)
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        assert screen.session.answer(first).via_row == catalogue.template_rows[0].id
        await pilot.press("m")
        assert screen.session.answer(first).via_row is None


async def test_search_goes_to_the_chosen_provision(make_app, workspace_path, catalogue):
    _blank(workspace_path, catalogue)
    target = catalogue.requirements[20]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_first(app, pilot)
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


async def test_marking_an_action_done_says_so_in_words(make_app, workspace_path, catalogue):
    from textual.widgets import Checkbox

    assessment_id = _blank(workspace_path, catalogue)
    first = catalogue.requirements[0].id
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_first(app, pilot)
        screen.query_one("#action-description", Input).focus()
        await type_text(pilot, "Train staff")
        await pilot.press("enter")
        done = screen.query_one("#action-done", Checkbox)
        assert str(done.label) == "Not done"
        done.focus()
        await pilot.press("space")
        await pilot.pause()
        assert str(done.label) == "Done"
    with Workspace(workspace_path) as workspace:
        assert workspace.load(assessment_id).answer(first).action == Action(
            description="Train staff", done=True)
