"""The complaint-log screen in a tiny host app, driven by the Pilot."""

from __future__ import annotations

import asyncio
from datetime import date
from pathlib import Path

import code_check
from code_check.complaint_log.reader import analyse_file

DEMO_LOG = Path(code_check.__file__).parent / "demo" / "example-complaint-log.csv"


def run(check) -> None:
    from textual.app import App

    from code_check.tui.complaint_log_screen import ComplaintLogScreen

    analysis = analyse_file(DEMO_LOG, as_of=date(2026, 4, 30), progress=False)

    class Host(App):
        def on_mount(self) -> None:
            self.push_screen(ComplaintLogScreen(analysis, source="Example log"))

    async def drive() -> None:
        async with Host().run_test(size=(120, 50)) as pilot:
            await pilot.pause()
            await check(pilot, analysis)

    asyncio.run(drive())


def test_shows_each_step_with_its_bar_trend_and_overdue_cases():
    async def check(pilot, analysis):
        from textual.widgets import DataTable, ProgressBar, Sparkline

        screen = pilot.app.screen
        bars = {bar.id: bar.progress for bar in screen.query(ProgressBar)}
        assert bars["bar-stage1-response"] == analysis.stage1.response.on_time_pct
        assert len(bars) == 4
        trend = screen.query_one("#trend-line", Sparkline).data
        assert trend == [m.stage1.response.on_time_pct for m in analysis.by_month
                         if m.stage1.response.on_time_pct is not None]
        assert screen.query_one("#overdue", DataTable).row_count == len(analysis.overdue_cases)
        assert analysis.overdue_cases  # as of 30 April 2026 some March cases are overdue

    run(check)


def test_t_moves_the_trend_to_the_next_step_and_escape_goes_back():
    async def check(pilot, analysis):
        from textual.widgets import Label, Sparkline

        from code_check.tui.complaint_log_screen import ComplaintLogScreen

        await pilot.press("t")
        screen = pilot.app.screen
        title = str(screen.query_one("#trend-title", Label).render())
        assert title.startswith("Stage 2 acknowledgement on time, month by month")
        assert screen.query_one("#trend-line", Sparkline).data == [
            m.stage2.acknowledgement.on_time_pct for m in analysis.by_month
            if m.stage2.acknowledgement.on_time_pct is not None]
        await pilot.press("escape")
        assert not isinstance(pilot.app.screen, ComplaintLogScreen)

    run(check)
