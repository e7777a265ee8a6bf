"""The command line opens the app on the right workspace, and the demo on the demo council."""

from __future__ import annotations

import pytest

from code_check.cli import main
from code_check.tui.app import CodeCheckApp


@pytest.fixture
def opened(monkeypatch):
    """Record the app the command line would run, instead of running it."""
    seen: list[CodeCheckApp] = []

    def run(self, *args, **kwargs):
        seen.append(self)
        self.workspace.close()

    monkeypatch.setattr(CodeCheckApp, "run", run)
    return seen


def test_the_bare_command_opens_the_app_on_the_workspace(opened, tmp_path):
    chosen = tmp_path / "chosen.sqlite3"
    assert main(["--workspace", str(chosen)]) == 0
    [app] = opened
    assert app.workspace.path == chosen and not app.open_demo_at_start


def test_the_default_workspace_comes_from_the_environment(opened, tmp_path, monkeypatch):
    monkeypatch.setenv("CODE_CHECK_WORKSPACE", str(tmp_path / "env.sqlite3"))
    assert main([]) == 0
    assert opened[0].workspace.path == tmp_path / "env.sqlite3"


def test_code_check_demo_opens_on_the_demo_council(opened, tmp_path):
    chosen = tmp_path / "demo.sqlite3"
    assert main(["demo", "--workspace", str(chosen)]) == 0
    [app] = opened
    assert app.workspace.path == chosen and app.open_demo_at_start
