"""The layers in pyproject.toml hold (lint-imports), and a wrong import breaks the named rule."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"
LAYERS = "Layers: cli over tui over application"
CORE = "The core does no I/O and no UI"
REPORTS = "Reports depend on the core only"
TEXTUAL = "Textual only in code_check.tui"


def lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    """lint-imports on the package under ``root``, with ``root``'s contracts."""
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(root / "pyproject.toml"), "--no-cache"],
        cwd=root, env={"PYTHONPATH": str(root), "PATH": ""}, capture_output=True, text=True,
        timeout=120, check=False,
    )


def verdict(result: subprocess.CompletedProcess[str], contract: str) -> str:
    """KEPT or BROKEN, as the contract's line in lint-imports' summary says."""
    summary = " ".join(result.stdout.split())  # long names wrap over two lines
    found = re.search(re.escape(contract) + r".*? (KEPT|BROKEN)\b", summary)
    assert found, result.stdout + result.stderr
    return found.group(1)


def test_every_layer_contract_is_kept():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert [verdict(result, c) for c in (LAYERS, CORE, REPORTS, TEXTUAL)] == ["KEPT"] * 4


@pytest.fixture
def copy_of_the_package(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "code_check", tmp_path / "code_check",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


@pytest.mark.parametrize(("module", "wrong_import", "broken"), [
    ("assessment/scoring.py", "import code_check.store.workspace", LAYERS),
    ("assessment/scoring.py", "import code_check.store.workspace", CORE),
    ("statistics/trend.py", "import yaml", CORE),
    ("catalogue/model.py", "from code_check.readers import files", CORE),
    ("report/model.py", "import code_check.store.statistics", REPORTS),
    ("report/model.py", "import code_check.gather", LAYERS),
    ("cli/output.py", "import textual.app", TEXTUAL),
])
def test_a_wrong_import_breaks_the_rule_it_names(copy_of_the_package, module, wrong_import,
                                                broken):
    path = copy_of_the_package / "code_check" / module
    path.write_text(path.read_text(encoding="utf-8") + f"\n{wrong_import}  # noqa\n",
                    encoding="utf-8")
    result = lint_imports(copy_of_the_package)
    assert result.returncode == 1, result.stdout + result.stderr
    assert verdict(result, broken) == "BROKEN", result.stdout
