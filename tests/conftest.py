"""Shared fixtures: every test runs away from the user's real workspace and cache."""

from __future__ import annotations

from pathlib import Path

import pytest

from code_check.catalogue.files import load_catalogue
from code_check.catalogue.model import Catalogue


@pytest.fixture(autouse=True)
def _isolated(tmp_path_factory, monkeypatch):
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("CODE_CHECK_WORKSPACE", str(home / "workspace.sqlite3"))
    monkeypatch.setenv("CODE_CHECK_CACHE_DIR", str(home / "cache"))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "120")


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    return load_catalogue("lgsco-2024")


@pytest.fixture
def run_cli(capsys):
    """Run the command line in-process: (exit status, stdout, stderr)."""
    from code_check.cli import main

    def run(*argv: str | Path) -> tuple[int, str, str]:
        status = main([str(a) for a in argv])
        captured = capsys.readouterr()
        return status, captured.out, captured.err

    return run
