"""The core, the command line and the exporters never load Textual (start-up stays fast)."""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import pkgutil, importlib, sys
import code_check
from code_check.cli import build_parser

build_parser()
for module in pkgutil.walk_packages(code_check.__path__, "code_check."):
    if module.name == "code_check.__main__" or module.name == "code_check.tui" \
            or module.name.startswith("code_check.tui."):
        continue
    importlib.import_module(module.name)
loaded = sorted(name for name in sys.modules if name == "textual" or name.startswith("textual."))
print(",".join(loaded))
"""


def test_nothing_outside_the_tui_imports_textual():
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                            check=True, timeout=60)
    assert result.stdout.strip() == ""


def test_the_probe_would_notice_textual():
    """The same probe reports Textual once the app module is imported."""
    probe = PROBE.replace("build_parser()", "build_parser()\nimport code_check.tui.app")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            check=True, timeout=60)
    assert "textual" in result.stdout.split(",")
