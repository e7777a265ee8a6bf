"""The Registers screen: a council's learning and Ombudsman decisions by year, and the form
that adds, changes and deletes an entry (every change in the registers' audit trail)."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import DataTable, Select, Static

from code_check.registers.model import Decision, LearningEntry, Ombudsman, OmbudsmanDecision
from code_check.store.registers import RegistersStore
from code_check.store.workspace import Workspace
from code_check.tui.registers_screen import EntryForm, RegistersScreen
from tests.registers.samples import COUNCIL, decision, learning
from tests.tui.helpers import notifications


@pytest.fixture
def held(workspace_path, council_ids):
    """Two years of the council's registers, and one entry of another council."""
    with Workspace(workspace_path) as workspace:
        store = RegistersStore(workspace)
        store.add(learning(changed_on=date(2024, 10, 1), service="Council tax"))
        store.add(learning(changed_on=date(2025, 9, 15)))
        store.add(learning(council="Northfield District Council"))
        store.add(decision(remedy_due=date(2025, 7, 10), remedy_complied="pending"))
    return council_ids


def text(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


def rows(screen, selector: str) -> list[list[str]]:
    table = screen.query_one(selector, DataTable)
    return [[str(cell) for cell in table.get_row_at(index)] for index in range(table.row_count)]


async def open_registers(pilot) -> RegistersScreen:
    await pilot.pause()
    await pilot.press("r")
    await pilot.pause()
    assert isinstance(pilot.app.screen, RegistersScreen)
    return pilot.app.screen


def on_screen(widget: Static) -> list[str]:
    """The widget's lines as drawn at its width."""
    return [strip.text.rstrip() for strip in widget.render_lines(widget.region.reset_offset)]


def fill(form: EntryForm, **values) -> None:
    for name, value in values.items():
        widget = form.query_one(f"#{name}")
        widget.value = value


async def test_home_opens_the_registers_of_the_selected_council_on_its_latest_year(make_app,
                                                                                   held):
    app = make_app()
    async with app.run_test() as pilot:
        screen = await open_registers(pilot)
        assert text(screen, "#registers-title") == (
            "Example Borough Council, 2025-26 (1 April 2025 to 31 March 2026)")
        assert [row[1:3] for row in rows(screen, "#learning")] == [["15 Sep 2025",
                                                                   "Housing repairs"]]
        assert rows(screen, "#decisions")[0][2:] == [
            "24 001 234", "upheld: fault and injustice; complaint handling",
            "due 10 Jul 2025, pending (overdue)"]
        assert text(screen, "#registers-summary") == (
            "Remedies due in the year: 1, complied with 0 (0.0%). Overdue on 31 March 2026: 1. "
            "Findings of fault in complaint handling: 1.")
        await pilot.press("tab")
        assert text(screen, "#registers-detail") == (
            "Local Government and Social Care Ombudsman, case 24 001 234: upheld: fault and "
            "injustice. Remedy: Apologise and pay £150 for the distress caused. Due 10 July "
            "2025. Pending.")
        await pilot.press("left_square_bracket")
        assert screen.year == "2024-25"
        assert [row[2] for row in rows(screen, "#learning")] == ["Council tax"]
        assert text(screen, "#decisions-heading") == (
            "Ombudsman decisions (0): none recorded for this year; o adds one")
        await pilot.press("left_square_bracket", "right_square_bracket", "right_square_bracket")
        assert screen.year == "2025-26"  # no year after the current one


async def test_learning_added_in_the_form_is_saved_with_its_author(make_app, council_ids,
                                                                   workspace_path, monkeypatch):
    monkeypatch.setenv("CODE_CHECK_SERVED_AUTHOR", "Sam Patel")
    app = make_app()
    async with app.run_test() as pilot:
        screen = await open_registers(pilot)
        assert text(screen, "#learning-heading") == (
            "Learning from complaints (0): none recorded for this year; l adds what changed")
        await pilot.press("l")
        await pilot.pause()
        form = app.screen
        fill(form, learned="Letters were hard to follow", complaints="EBC-1; EBC-2",
             service="Council tax", changed="Letters rewritten", changed_on="14/11/2025",
             owner="Revenues Manager", provisions="9.1")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        assert [row[1:] for row in rows(screen, "#learning")] == [
            ["14 Nov 2025", "Council tax", "Letters rewritten", "Revenues Manager"]]
    with Workspace(workspace_path) as workspace:
        store = RegistersStore(workspace)
        assert store.learning()[0].entry.complaints == ["EBC-1", "EBC-2"]
        assert [change.author for change in store.changes()] == ["Sam Patel"]


async def test_personal_details_are_refused_naming_the_field_and_nothing_is_saved(
        make_app, council_ids, workspace_path):
    app = make_app()
    async with app.run_test() as pilot:
        await open_registers(pilot)
        await pilot.press("l")
        await pilot.pause()
        form = app.screen
        fill(form, learned="a", service="s", changed="c", changed_on="2025-06-01",
             owner="ring 07700 900123")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert notifications(app)[-1].startswith(
            "Owner: a role, not a person's name: looks like a telephone number")
        await pilot.press("escape")
    with Workspace(workspace_path) as workspace:
        assert RegistersStore(workspace).learning() == []


async def test_the_form_offers_the_decisions_of_the_ombudsman_chosen(make_app, council_ids,
                                                                     workspace_path):
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await open_registers(pilot)
        await pilot.press("o")
        await pilot.pause()
        form = app.screen
        choices = form.query_one("#decision", Select)
        assert {value for _, value in choices._options if value is not Select.NULL} == {
            d for d in Decision if Ombudsman.LGSCO in d.ombudsmen}
        fill(form, ombudsman=Ombudsman.HOS)
        await pilot.pause()
        assert Decision.SEVERE_MALADMINISTRATION in {v for _, v in choices._options}
        fill(form, reference="202312345", decided_on="2026-01-12",
             decision=Decision.SERVICE_FAILURE, remedy="Pay £100", remedy_due="2026-02-12")
        form.query_one("#complaint_handling_fault").value = True
        await pilot.press("ctrl+s")
        await pilot.pause()
    with Workspace(workspace_path) as workspace:
        saved = RegistersStore(workspace).decisions()[0].entry
    assert (saved.ombudsman, saved.decision, saved.remedy_complied.value,
            saved.complaint_handling_fault) == (Ombudsman.HOS, Decision.SERVICE_FAILURE,
                                                "pending", True)


async def test_an_entry_is_changed_and_deleted_from_its_row(make_app, held, workspace_path):
    app = make_app()
    async with app.run_test() as pilot:
        screen = await open_registers(pilot)
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert form.query_one("#complaints").value == "EBC-2505-014; EBC-2506-031"
        fill(form, owner="Repairs Manager")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert rows(screen, "#learning")[0][4] == "Repairs Manager"
        await pilot.press("tab")  # to the decisions
        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert rows(screen, "#decisions") == []
    with Workspace(workspace_path) as workspace:
        store = RegistersStore(workspace)
        assert store.decisions() == []
        assert [h.entry.owner for h in store.learning(COUNCIL)] == ["Head of Repairs",
                                                                    "Repairs Manager"]
        assert [c.after is None for c in store.changes(OmbudsmanDecision)] == [False, True]
        assert len(store.changes(LearningEntry)) == 4


async def test_the_walk_through_shows_learning_linked_to_a_provision_as_its_evidence(
        make_app, held):
    """9.2 shows the two entries linked to it, newest first; 9.3 none (the line is hidden);
    an entry added in the registers shows on returning to the provision."""
    _, newer = held
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.open_walkthrough(newer, "9.2")
        await pilot.pause()
        screen = app.screen
        shown = screen.query_one("#register-evidence", Static)
        assert shown.display
        lines = on_screen(shown)
        assert " ".join(lines).startswith("From the council's learning register (r on Home):")
        bullets = [index for index, line in enumerate(lines) if line.startswith("  • ")]
        assert [lines[i][4:].split(",")[0] for i in bullets] == ["15 September 2025",
                                                                  "1 October 2024"]
        assert all(line.startswith("    ") for line in lines[bullets[0] + 1:bullets[1]])
        screen.go_to("9.3")
        await pilot.pause()
        assert not shown.display
        with Workspace(pilot.app.workspace.path) as workspace:
            RegistersStore(workspace).add(learning(provisions=["9.3"], service="Parking"))
        screen.go_to("9.3")
        await pilot.pause()
        assert shown.display and "Parking" in " ".join(on_screen(shown))
