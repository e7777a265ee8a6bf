"""Screen snapshots on the demo council (SVG, Textual pinned exactly, cursor blink off).

Update after an intended change with ``pytest tests/tui/test_tui_snapshots.py --snapshot-update``
and look at the pictures in ``snapshot_report.html`` before committing them.
"""

from __future__ import annotations

import pytest

from code_check.demo import install_demo
from code_check.demo.dating import ANCHOR
from code_check.store.workspace import Workspace


@pytest.fixture
def demo_app(make_app, workspace_path, catalogue):
    with Workspace(workspace_path) as workspace:
        install_demo(workspace, catalogue, today=ANCHOR)  # dated as the bundled files
    return make_app()


def test_home(snap_compare, demo_app):
    async def settle(pilot):
        await pilot.pause()

    assert snap_compare(demo_app, terminal_size=(100, 32), run_before=settle)


def test_home_at_80_by_24(snap_compare, demo_app):
    async def settle(pilot):
        await pilot.pause()

    assert snap_compare(demo_app, terminal_size=(80, 24), run_before=settle)


def test_walkthrough(snap_compare, demo_app):
    async def open_worst_gap(pilot):
        await pilot.pause()
        await pilot.press("d", "2", "enter")  # the worst gap, opened from the dashboard
        await pilot.pause()

    assert snap_compare(demo_app, terminal_size=(80, 24), run_before=open_worst_gap)


def test_walkthrough_answer_form(snap_compare, demo_app):
    async def scroll_to_the_answer(pilot):
        await pilot.pause()
        await pilot.press("d", "2", "enter")
        await pilot.pause()
        pilot.app.screen.query_one("#card-scroll").scroll_end(animate=False)
        await pilot.pause()

    assert snap_compare(demo_app, terminal_size=(100, 32), run_before=scroll_to_the_answer)


def test_dashboard(snap_compare, demo_app):
    async def open_dashboard(pilot):
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()

    assert snap_compare(demo_app, terminal_size=(100, 32), run_before=open_dashboard)


def test_dashboard_gaps(snap_compare, demo_app):
    async def open_gaps(pilot):
        await pilot.pause()
        await pilot.press("d", "2")
        await pilot.pause()

    assert snap_compare(demo_app, terminal_size=(80, 24), run_before=open_gaps)


def test_progress(snap_compare, demo_app):
    async def open_progress(pilot):
        await pilot.pause()
        await pilot.press("g")
        await pilot.pause()

    assert snap_compare(demo_app, terminal_size=(100, 32), run_before=open_progress)


def test_first_run_welcome(snap_compare, make_app):
    async def settle(pilot):
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=settle)
