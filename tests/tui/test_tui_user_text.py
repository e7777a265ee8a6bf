"""User text reaches the screen inert (issue 10): a terminal escape, an OSC-8 hyperlink, a
right-to-left override and Rich markup typed into a council name, evidence, commentary or an
owner show visibly and literally, never acted on and never read as markup."""

from __future__ import annotations

from datetime import date

import pytest
from textual.strip import Strip

from code_check.assessment.model import Action, Answer, Assessment, AuthorityType, Council, Status
from code_check.report.inert import visible
from code_check.store.workspace import Workspace
from tests.tui.helpers import notifications

# red text, a hyperlink, a right-to-left override, and markup that would vanish as markup
HOSTILE = "\x1b[31mR\x1b]8;;h://e\x07L\u202e[b]x[/b]"
SHOWN = visible(HOSTILE)
RAW = ("\x1b", "\x07", "\u202e")


def screen_text(app) -> str:
    update = app.screen._compositor.render_update(full=True,
                                                  screen_stack=app._background_screens)
    return "\n".join(Strip.join(line).text for line in update.strips)


def assert_inert(app, times: int = 1) -> None:
    text = screen_text(app)
    assert not any(character in text for character in RAW)
    assert text.count(SHOWN) >= times, text


def test_the_sanitised_form_is_literal_and_visible():
    assert SHOWN == "␛[31mR␛]8;;h://e␇L\ufffd[b]x[/b]"


async def add_hostile_assessments(workspace_path, catalogue) -> int:
    first = catalogue.requirements[0].id
    answer = Answer(status=Status.NOT_MET, evidence=[HOSTILE], commentary=HOSTILE,
                    action=Action(description="Rewrite the policy", owner=HOSTILE,
                                  due=date(2026, 1, 31)))
    older = Assessment(
        council=Council(name=HOSTILE, authority_type=AuthorityType.DISTRICT_COUNCIL),
        catalogue=catalogue.id, assessed_on=date(2025, 12, 31), answers={first: answer})
    newer = older.model_copy(update={"assessed_on": date(2026, 3, 20)})
    with Workspace(workspace_path) as workspace:
        workspace.add_assessment(older, catalogue)
        return workspace.add_assessment(newer, catalogue)


SCREENS = {  # the keys from Home; the places the hostile text shows on that screen
    "home (both assessments)": ([], 2),
    "home's delete question": (["delete"], 1),
    "walk-through (header, evidence, commentary, the owner's field)": (["enter"], 4),
    "dashboard checks (header, the overdue action's owner)": (["d", "3"], 2),
    "progress (header, the trend's title)": (["g"], 2),
}


@pytest.mark.parametrize(("keys", "times"), SCREENS.values(), ids=SCREENS)
async def test_user_text_shows_literally(make_app, workspace_path, catalogue, keys, times):
    await add_hostile_assessments(workspace_path, catalogue)
    app = make_app()
    async with app.run_test(size=(200, 50)) as pilot:
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()
        await pilot.pause()  # the walk-through fills its form just after the first frame
        assert_inert(app, times)


async def test_commentary_is_loaded_with_its_controls_made_visible(make_app, workspace_path,
                                                                  catalogue):
    await add_hostile_assessments(workspace_path, catalogue)
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert app.screen.query_one("#commentary").text == SHOWN


async def test_notifications_quote_user_text_literally(make_app, workspace_path, catalogue):
    await add_hostile_assessments(workspace_path, catalogue)
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        app.screen.notify(f"Deleted the assessment of {HOSTILE}.")
        await pilot.pause()
        assert notifications(app)[-1] == f"Deleted the assessment of {SHOWN}."
        assert not list(app._notifications)[-1].markup


async def test_the_overdue_table_shows_a_reference_as_plain_text(make_app):
    from code_check.complaint_log.reader import analyse_file
    from code_check.tui.complaint_log_screen import ComplaintLogScreen
    from tests.test_complaint_log_screen import DEMO_LOG

    analysis = analyse_file(DEMO_LOG, as_of=date(2026, 4, 30), progress=False)
    case = analysis.overdue_cases[0].model_copy(update={"reference": "[see annex]" + HOSTILE})
    analysis = analysis.model_copy(update={"overdue_cases": [case]})
    app = make_app()
    async with app.run_test(size=(120, 50)) as pilot:
        await pilot.pause()
        app.push_screen(ComplaintLogScreen(analysis, source=HOSTILE))
        await pilot.pause()
        text = screen_text(app)
        assert "[see annex]" + SHOWN in text and SHOWN + ":" in text
        assert not any(character in text for character in RAW)
