"""The type checker runs in the suite: mypy, configured in pyproject.toml ([tool.mypy]).

Strict on the core and the store, mypy's defaults on the shells (cli, report). It keeps its
cache in ``.mypy_cache`` at the repository root, so a run after the first takes a second or two.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run_mypy(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mypy", *arguments], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)


def test_the_code_passes_the_type_checker():
    result = run_mypy()
    assert result.returncode == 0, result.stdout + result.stderr


# A module of each kind with one faulty function added (mypy reads it in place of the real
# file), so loosening the configuration, or dropping a package from it, fails here.
UNTYPED = "\n\ndef _probe(value):\n    return value\n"
WRONG = "\n\ndef _probe() -> int:\n    return 'text'\n"


@pytest.mark.parametrize(("module", "fault", "error_code"), [
    ("code_check.errors", UNTYPED, "no-untyped-def"),  # the core: strict
    ("code_check.store.workspace", UNTYPED, "no-untyped-def"),  # the store: strict
    ("code_check.report.model", WRONG, "return-value"),  # a shell: checked
    ("code_check.cli.sources", WRONG, "return-value"),
], ids=["core", "store", "report", "cli"])
def test_each_layer_is_checked_as_configured(tmp_path, module, fault, error_code):
    real = Path(importlib.util.find_spec(module).origin)
    probe = tmp_path / real.name
    probe.write_text(real.read_text(encoding="utf-8") + fault, encoding="utf-8")
    result = run_mypy("--shadow-file", str(real.relative_to(ROOT)), str(probe))
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"[{error_code}]" in result.stdout, result.stdout
