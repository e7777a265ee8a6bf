"""Screen snapshots on the demo council (SVG, Textual pinned exactly, cursor blink off): every
screen at 80x24, the smallest terminal the README promises, and the main ones at 100x32.

Update after an intended change with ``pytest tests/tui/test_tui_snapshots.py --snapshot-update``
and look at the pictures in ``snapshot_report.html`` before committing them.
"""

from __future__ import annotations

import pytest

from code_check.demo import install_demo
from code_check.demo.dating import ANCHOR
from code_check.store.workspace import Workspace
from tests.tui.screens import SCREENS, scroll_form_to_the_end, visit


@pytest.fixture
def demo_app(make_app, workspace_path, catalogue):
    with Workspace(workspace_path) as workspace:
        install_demo(workspace, catalogue, today=ANCHOR)  # dated as the bundled files
    return make_app()


def walking(steps):
    async def walk(pilot):
        await visit(pilot, steps)

    return walk


@pytest.mark.parametrize("screen", SCREENS)
def test_every_screen_at_80_by_24(snap_compare, demo_app, screen):
    assert snap_compare(demo_app, terminal_size=(80, 24), run_before=walking(SCREENS[screen]))


def test_first_run_welcome(snap_compare, make_app):
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=walking([]))


def test_home(snap_compare, demo_app):
    assert snap_compare(demo_app, terminal_size=(100, 32), run_before=walking([]))


def test_walkthrough_answer_form(snap_compare, demo_app):
    steps = ["d", "2", "enter", scroll_form_to_the_end]  # the worst gap, from the dashboard
    assert snap_compare(demo_app, terminal_size=(100, 32), run_before=walking(steps))


def test_dashboard(snap_compare, demo_app):
    assert snap_compare(demo_app, terminal_size=(100, 32), run_before=walking(["d"]))


def test_progress(snap_compare, demo_app):
    assert snap_compare(demo_app, terminal_size=(100, 32), run_before=walking(["g"]))
