"""The app as one browser session of `code-check serve`: a named user, a folder for files."""

from __future__ import annotations

from pathlib import Path

import pytest

from code_check.store.author import SERVED_AUTHOR_ENV
from code_check.tui.app import CodeCheckApp, Served, create_app
from tests.tui.conftest import TODAY, council_ids, workspace_path  # noqa: F401 (fixtures)

ALICE = "Alice Smith"


@pytest.fixture(autouse=True)
def served_as(monkeypatch):
    """The name the server gives each app it starts (here: Alice's)."""
    monkeypatch.setenv(SERVED_AUTHOR_ENV, ALICE)


@pytest.fixture
def files(tmp_path: Path) -> Path:
    folder = tmp_path / "shared"
    folder.mkdir()
    return folder


@pytest.fixture
def make_served_app(workspace_path: Path, files: Path):  # noqa: F811
    def make(**served) -> CodeCheckApp:
        return create_app(workspace_path, today=TODAY, cursor_blink=False,
                          served=Served(**{"files": files, **served}))

    return make
