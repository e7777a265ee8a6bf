"""Every screen of the app, reached from Home on the demo council as a user would get there:
the fit test and the screen snapshots walk the same list."""

from __future__ import annotations

from code_check.demo import demo_log_path
from tests.tui.helpers import type_text, until


async def scroll_form_to_the_end(pilot) -> None:
    pilot.app.screen.query_one("#answer-form").scroll_end(animate=False)


async def open_complaint_log(pilot) -> None:
    await pilot.press("l")
    await type_text(pilot, str(demo_log_path(pilot.app.workspace.path)))
    await pilot.press("enter")
    await until(pilot, lambda: type(pilot.app.screen).__name__ == "ComplaintLogScreen")


async def search_for_complaints(pilot) -> None:
    await pilot.press("enter", "slash")
    await type_text(pilot, "complain")


async def to_a_carried_housing_card(pilot) -> None:
    """A Housing Ombudsman provision carrying an LGSCO answer, still to confirm."""
    pilot.app.screen.go_to("hos-2024:5.5")


SCREENS = {  # name: the keys (or steps) from Home
    "home": [],
    "walkthrough": ["enter"],
    "walkthrough-adding-evidence": ["enter", "e"],
    "walkthrough-answer-form": ["d", "2", "enter", scroll_form_to_the_end],
    "dashboard-sections": ["d"],
    "dashboard-gaps": ["d", "2"],
    "dashboard-checks": ["d", "3"],
    "progress": ["g"],
    "export": ["x"],
    "help": ["question_mark"],
    "search": [search_for_complaints],
    "quick-row": ["enter", "r"],
    "confirm-many": ["enter", "C"],
    "confirm": ["delete"],
    "path": ["i"],
    "new-assessment": ["n"],
    "statistics": ["s"],
    "paste-statistics": ["s", "p"],
    "complaint-log": [open_complaint_log],
    "registers": ["r"],
    "registers-form": ["r", "o"],
    # Northfield District Council, second on Home, answers both Codes (issue 14)
    "walkthrough-both-codes": ["down", "enter"],
    "dashboard-both-codes": ["down", "d"],
}

# Screens the fit test also checks, with no snapshot of their own.
MORE_SCREENS = {
    "dashboard-both-codes-gaps": ["down", "d", "2"],
    "dashboard-both-codes-checks": ["down", "d", "3"],
    "walkthrough-housing-card": ["down", "enter", to_a_carried_housing_card],
    "export-both-codes": ["down", "x"],
    "answer-both-codes": ["enter", "h"],
    "new-assessment-landlord": ["down", "n", "tab", "tab", "tab"],
}


async def visit(pilot, steps) -> None:
    """Take the steps, then clear the notifications (they come and go with timing)."""
    await pilot.pause()
    for step in steps:
        if callable(step):
            await step(pilot)
        else:
            await pilot.press(step)
        await pilot.pause()
    pilot.app.clear_notifications()
    await pilot.pause()
