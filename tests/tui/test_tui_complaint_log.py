"""The complaint-log trend names its months, placed under the months' bars."""

from __future__ import annotations

from textual.widgets import Input

from code_check.tui.complaint_log_screen import month_ruler, monthly_trend
from tests.tui.helpers import until

YEAR = [f"2025-{m:02d}" for m in range(4, 13)] + [f"2026-{m:02d}" for m in range(1, 4)]


def test_each_month_is_named_where_its_bar_starts():
    ruler = month_ruler(YEAR, 120)  # ten cells a month
    assert ruler.startswith("Apr 2025  May")
    assert [ruler.index(name) for name in ("May", "Dec", "Jan 2026", "Mar")] == \
        [10, 80, 90, 110]


def test_names_that_would_collide_are_left_out_never_cut():
    ruler = month_ruler(YEAR, 24)  # two cells a month
    assert ruler.split() == ["Apr", "Jun", "Aug", "Oct", "Dec", "Feb"]
    assert month_ruler(YEAR, 5) == "Apr  "
    assert month_ruler([], 10) == " " * 10


async def test_the_demo_log_trend_has_month_labels(make_app):
    from code_check.tui.complaint_log_screen import ComplaintLogScreen

    app = make_app(demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: type(app.screen).__name__ == "WalkthroughScreen")
        await pilot.press("ctrl+o", "l")
        await pilot.pause()
        assert app.screen.query_one(Input).value  # the demo's own log, offered
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ComplaintLogScreen))
        await pilot.pause()
        screen = app.screen
        shown = [month for month, _ in monthly_trend(screen.analysis, screen.trend_step)]
        assert shown[-1] == "2025-12"  # the demo's year, dated for the app's today
        ruler = str(screen.query_one("#trend-months").render())
        width = screen.query_one("#trend-line").size.width
        assert ruler == month_ruler(shown, width) and len(ruler) == width
        assert ruler.split()[0] == "Dec" and "Jun" in ruler.split()
