"""The statistics screen and its paste dialog, driven through a tiny host app with the Pilot."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from pathlib import Path

from textual.app import App
from textual.widgets import Button, DataTable, Select, Static, TextArea

from code_check.statistics.files import read_statistics
from code_check.statistics.trend import PROCESS_CHANGE_CAVEAT
from code_check.store.statistics import StatisticsStore
from code_check.store.workspace import Workspace
from code_check.tui.statistics_screen import PasteStatisticsScreen, StatisticsScreen

SAMPLES = Path(__file__).parent / "statistics_samples"
DEMO = Path(__file__).parents[1] / "code_check" / "demo" / "example-statistics.csv"


class Host(App):
    """Stands in for the main app: opens the statistics screen and nothing else."""

    def __init__(self, workspace: Path, council: str) -> None:
        super().__init__()
        self.workspace, self.council = workspace, council

    def on_mount(self) -> None:
        self.push_screen(StatisticsScreen(self.workspace, self.council))


def workspace_with(tmp_path: Path, *files: Path) -> Path:
    path = tmp_path / "workspace.sqlite3"
    with Workspace(path) as workspace:
        for file in files:
            StatisticsStore(workspace).save(read_statistics(file), source=str(file))
    return path


def held(path: Path, council: str):
    with Workspace(path) as workspace:
        return StatisticsStore(workspace).rows(council)


def text_of(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


def cells(table: DataTable) -> list[list[str]]:
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


def run(app: App, steps) -> None:
    async def drive() -> None:
        async with app.run_test(size=(140, 60)) as pilot:
            await pilot.pause()
            await steps(app, pilot)

    asyncio.run(drive())


def test_screen_shows_key_figures_years_trend_and_caveats(tmp_path):
    path = workspace_with(tmp_path, DEMO)

    async def steps(app, pilot):
        screen = app.screen
        assert isinstance(screen, StatisticsScreen)
        assert text_of(screen, "#statistics-title") == (
            "Example Borough Council (Metropolitan borough), 2024-25: against the average "
            "for similar authorities")
        key = cells(screen.query_one("#key-figures", DataTable))
        assert key[0] == ["Complaints upheld", "81%", "81%",
                          "= the same as the average (81%)", "16 investigations"]
        assert key[3][:2] == ["Satisfactory remedy by the council", "15%"]
        years = cells(screen.query_one("#years", DataTable))
        assert [row[0] for row in years] == ["2021-22", "2022-23", "2023-24", "2024-25"]
        assert years[1][3] == "83% (above 77%)"
        trend = text_of(screen, "#trend").splitlines()
        assert len(trend) == 4
        assert trend[1].startswith("2022-23  █")
        assert "▲ 6 percentage points above the average (77%)" in trend[1]
        notes = text_of(screen, "#caveats")
        assert PROCESS_CHANGE_CAVEAT in notes
        assert ("Upheld per 100,000 residents for 2021-22, 2022-23, 2023-24, 2024-25 is worked "
                "out from a population of 150,000") in notes
        shown = {binding.binding.key: binding.binding.description
                 for binding in screen.active_bindings.values()}
        assert shown["p"] == "Paste figures"
        assert shown["escape"] == "Back"

    run(Host(path, "example borough council"), steps)


def test_screen_for_a_council_with_no_figures(tmp_path):
    path = workspace_with(tmp_path)

    async def steps(app, pilot):
        screen = app.screen
        assert text_of(screen, "#statistics-title") == (
            "Nowhere Council: no Ombudsman statistics held yet")
        assert "Press p to paste" in text_of(screen, "#statistics-empty")
        assert screen.query_one("#key-figures", DataTable).row_count == 0

    run(Host(path, "Nowhere Council"), steps)


def test_paste_preview_then_save(tmp_path):
    path = workspace_with(tmp_path)

    async def steps(app, pilot):
        await pilot.press("p")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, PasteStatisticsScreen)
        save = modal.query_one("#paste-save", Button)
        modal.query_one("#paste-text", TextArea).text = (
            SAMPLES / "kent-2022-23-page.txt").read_text(encoding="utf-8")
        await pilot.pause()
        preview = text_of(modal, "#paste-preview")
        assert preview.startswith("Cannot save yet: choose the type of council\n"
                                  "Found 12 figures for 2022-23:")
        assert "✓ Upheld: 53" in preview
        assert "Cannot save yet: choose the type of council" in preview
        assert save.disabled
        modal.query_one("#paste-type", Select).value = "county_council"
        await pilot.pause()
        preview = text_of(modal, "#paste-preview")
        assert "Upheld: 87% of 61 investigated." in preview
        assert "Saving adds Kent County Council 2022-23." in preview
        assert not save.disabled
        await pilot.click("#paste-save")
        await pilot.pause()
        assert isinstance(app.screen, StatisticsScreen)
        key = cells(app.screen.query_one("#key-figures", DataTable))
        assert key[0][:3] == ["Complaints upheld", "87%", "80%"]

    run(Host(path, "Kent County Council"), steps)
    [kent] = held(path, "Kent County Council")
    assert (kent.investigated, kent.upheld, kent.satisfactory_remedy) == (61, 53, 4)


def test_paste_shows_what_a_replacement_changes_and_cancel_keeps_the_old(tmp_path):
    path = workspace_with(tmp_path, DEMO)
    letter = (SAMPLES / "example-2023-24-letter.txt").read_text(encoding="utf-8")

    async def steps(app, pilot):
        await pilot.press("p")
        await pilot.pause()
        modal = app.screen
        assert modal.query_one("#paste-type", Select).value == "metropolitan_borough"
        modal.query_one("#paste-text", TextArea).text = letter.replace(
            "11 upheld decisions", "12 upheld decisions", 1)
        await pilot.pause()
        preview = text_of(modal, "#paste-preview")
        assert "Check: Upheld: the text gives both 12 and 11; using 12." in preview
        assert "Saving replaces the figures held for Example Borough Council 2023-24:" in preview
        assert "upheld: 11 -> 12" in preview
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, StatisticsScreen)

    run(Host(path, "Example Borough Council"), steps)
    assert [r.upheld for r in held(path, "Example Borough Council")] == [6, 10, 11, 13]


def test_paste_with_a_typed_year_and_a_bad_one(tmp_path):
    path = workspace_with(tmp_path, DEMO)

    async def steps(app, pilot):
        await pilot.press("p")
        await pilot.pause()
        modal = app.screen
        modal.query_one("#paste-text", TextArea).text = (
            "87% of complaints we investigated were upheld. 7 upheld decisions. Statistics are "
            "based on a total of 8 detailed investigations.")
        await pilot.pause()
        assert "Not found: which year the figures are for" in text_of(modal, "#paste-preview")
        modal.query_one("#paste-year").value = "2025"
        await pilot.pause()
        assert ("Cannot save yet: expected a financial year such as 2023-24, found '2025'"
                in text_of(modal, "#paste-preview"))
        modal.query_one("#paste-year").value = "2025/26"
        await pilot.pause()
        assert "Saving adds Example Borough Council 2025-26." in text_of(modal, "#paste-preview")
        await pilot.press("ctrl+s")
        await pilot.pause()
        years = cells(app.screen.query_one("#years", DataTable))
        assert years[-1][:3] == ["2025-26", "8", "7"]

    run(Host(path, "Example Borough Council"), steps)


def test_core_and_command_line_never_import_textual():
    modules = ["code_check.statistics.model", "code_check.statistics.against_averages",
               "code_check.statistics.trend", "code_check.statistics.changes",
               "code_check.statistics.year_table", "code_check.statistics.pasted_text",
               "code_check.statistics.files", "code_check.store.statistics",
               "code_check.cli.stats"]
    code = (f"import sys; import {', '.join(modules)}; "
            "sys.exit(1 if 'textual' in sys.modules else 0)")
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_a_workspace_that_cannot_be_read_is_said_in_words(tmp_path):
    broken = tmp_path / "not-a-workspace.sqlite3"
    broken.write_text("these are not the figures you are looking for " * 100)

    async def steps(app, pilot):
        screen = app.screen
        assert text_of(screen, "#statistics-title").startswith(
            f"Cannot read the workspace: {broken}: not a code-check workspace")
        await pilot.press("p")
        await pilot.pause()
        assert app.screen is screen  # no paste dialog over a workspace it cannot save to

    run(Host(broken, "Kent County Council"), steps)
