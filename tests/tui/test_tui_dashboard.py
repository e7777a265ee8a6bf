"""Dashboard and Progress show what ``code-check score`` and ``compare`` compute, no more."""

from __future__ import annotations

import json
from contextlib import asynccontextmanager

from textual.widgets import DataTable

from code_check.assessment.progress import ChangeKind, compare
from code_check.store.workspace import Workspace
from code_check.tui.dashboard_screen import DashboardScreen
from code_check.tui.progress_screen import ProgressScreen
from code_check.tui.walkthrough_screen import WalkthroughScreen


@asynccontextmanager
async def opened(make_app, *keys: str):
    """The app at 80x24 after pressing ``keys`` on Home."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()
        yield app, pilot


def _rows(table: DataTable) -> list[list[str]]:
    """A table's cells as the text they show (a cell may be plain or styled text)."""
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


async def test_the_dashboard_matches_code_check_score(make_app, council_ids, workspace_path,
                                                      run_cli):
    status, out, _ = run_cli("score", str(council_ids[1]), "--workspace", workspace_path,
                             "--format", "json")
    assert status == 0
    expected = json.loads(out)
    overall = expected["overall"]
    async with opened(make_app, "d") as (app, pilot):
        screen = app.screen
        assert isinstance(screen, DashboardScreen)
        summary = str(screen.query_one("#summary").render())
        assert f"Readiness {overall['score']:.1f}%  {overall['band']}" in summary
        assert (f"({overall['earned']:g} of {overall['possible']:g} weighted points)"
                in summary)
        assert f"Coverage {overall['coverage']:.1f}%" in summary
        assert (f"({overall['assessed']} of {overall['applicable']} applicable provisions "
                "answered") in summary
        sections = screen.query_one("#section-table", DataTable)
        assert [str(row[1]) for row in _rows(sections)] == \
            [f"{s['score']:.1f}%" for s in expected["sections"]]
        gaps = screen.query_one("#gap-table", DataTable)
        assert [key.value for key in gaps.rows] == [g["id"] for g in expected["gaps"]]


async def test_choosing_a_gap_opens_it_in_the_walkthrough(make_app, council_ids):
    async with opened(make_app, "d") as (app, pilot):
        await pilot.press("2")
        gaps = app.screen.query_one("#gap-table", DataTable)
        third_gap = list(gaps.rows)[2].value
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, WalkthroughScreen)
        assert app.screen.current.id == third_gap
        await pilot.press("m", "d")  # back to the same dashboard, now one gap fewer
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        assert third_gap not in [k.value for k in app.screen.query_one("#gap-table").rows]
        assert len(app.screen_stack) == 2  # home and the dashboard: no pile-up


async def test_the_checks_tab_lists_lint_findings(make_app, council_ids):
    async with opened(make_app, "d", "3") as (app, pilot):
        checks = app.screen.query_one("#check-table", DataTable)
        rows = _rows(checks)
        assert any(row[0] == "! Warning" and "no evidence" not in row[2] for row in rows)
        assert all(row[0] in ("✘ Error", "! Warning", "i Note") for row in rows)


async def test_progress_shows_the_trend_and_what_changed(make_app, council_ids, workspace_path,
                                                         catalogue):
    with Workspace(workspace_path) as workspace:
        old, new = (workspace.load(i) for i in council_ids)
        records = {r.id: r for r in workspace.assessments()}
    expected = compare(catalogue, old, catalogue, new)
    async with opened(make_app, "g") as (app, pilot):
        screen = app.screen
        assert isinstance(screen, ProgressScreen)
        history = screen.query_one("#history", DataTable)
        assert [str(history.get_row_at(i)[2]) for i in range(history.row_count)] == \
            [f"{records[i].score:.1f}%" for i in reversed(council_ids)]
        filled = round(records[council_ids[1]].score * 12 / 100)
        assert str(history.get_row_at(0)[3]) == "█" * filled + "░" * (12 - filled)
        title = str(screen.query_one("#comparison-title").render())
        improved = len(expected.of_kind(ChangeKind.IMPROVED))
        regressed = len(expected.of_kind(ChangeKind.REGRESSED))
        assert f"{improved} improved, {regressed} regressed" in title
        changes = screen.query_one("#changes", DataTable)
        assert changes.row_count == len(expected.changes)
        assert str(changes.get_row_at(0)[0]) == "▼ Regressed"
        await pilot.press("down", "enter")  # the older assessment: the council's first
        await pilot.pause()
        assert "first: nothing to compare" in str(screen.query_one("#comparison-title").render())


async def test_several_checks_on_one_provision_are_all_listed(make_app, workspace_path,
                                                               catalogue):
    from datetime import date

    from code_check.assessment.model import Answer, Assessment, Status
    from tests.tui.conftest import COUNCIL

    first = catalogue.requirements[0].id
    with Workspace(workspace_path) as workspace:
        workspace.add_assessment(Assessment(
            council=COUNCIL, catalogue=catalogue.id, assessed_on=date(2026, 3, 31),
            answers={first: Answer(status=Status.MET, carried_over=True)}), catalogue)
    async with opened(make_app, "d", "3") as (app, pilot):
        checks = app.screen.query_one("#check-table", DataTable)
        ids = [row[1] for row in _rows(checks)]
        assert ids.count(first) == 2
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, WalkthroughScreen) and app.screen.current.id == first


async def test_progress_shows_every_kind_of_change_compare_gives(make_app, workspace_path,
                                                                 catalogue):
    """As ``code-check compare 1 2`` on the demo: 28 improved and 3 newly assessed."""
    from code_check.demo import install_demo
    from code_check.demo.dating import ANCHOR

    with Workspace(workspace_path) as workspace:
        first, second = install_demo(workspace, catalogue, today=ANCHOR)
        expected = compare(catalogue, workspace.load(first), catalogue, workspace.load(second))
    newly = [c.id for c in expected.of_kind(ChangeKind.NEWLY_ASSESSED)]
    assert newly == ["7.4", "9.5", "9.6"]
    async with opened(make_app, "g") as (app, pilot):
        screen = app.screen
        title = str(screen.query_one("#comparison-title").render())
        assert "28 improved, 0 regressed, 3 newly assessed, 36 unchanged" in title
        changes = screen.query_one("#changes", DataTable)
        rows = _rows(changes)
        assert [row[1] for row in rows if row[0] == "+ Newly assessed"] == newly
        assert len(rows) == len(expected.changes)
