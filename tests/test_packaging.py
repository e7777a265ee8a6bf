"""A built wheel carries everything the app reads at run time, not only the Python files."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_wheel_holds_catalogues_styles_and_demo(tmp_path):
    source = tmp_path / "source"  # a copy without build leftovers, which could hide a gap
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
        ".*", "*.egg-info", "build", "dist", "node_modules", "__pycache__", "tests"))
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "--wheel-dir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=300,
    )
    [wheel] = tmp_path.glob("code_check-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {
        "code_rules/lgsco-2024.yaml",
        "code_rules/catalogue.schema.json",
        "code_check/demo/example-borough-2026-03-31.yaml",
        "code_check/demo/example-statistics.csv",
        "code_check/demo/example-complaint-log.csv",
    }
    expected |= {f"code_check/{p.relative_to(ROOT / 'code_check').as_posix()}"
                 for p in (ROOT / "code_check").rglob("*.tcss")}
    assert expected <= names
