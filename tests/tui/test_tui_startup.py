"""Home's first frame waits for nothing it does not show (start-up within 2x a bare Textual
app, issue 12): no catalogue YAML, no report writer, no document library, and no pydantic
schema built (the first model made costs one, with its plugin scan)."""

from __future__ import annotations

import subprocess
import sys

NOT_NEEDED_FOR_HOME = ("yaml", "docx", "openpyxl", "code_check.report.formats",
                       "code_check.catalogue.files", "code_check.demo",
                       "pydantic.plugin._loader")

TO_HOME = """
import sys
from pathlib import Path
from code_check.tui.app import create_app

async def ready(pilot):
    await pilot.pause()
    assert pilot.app.screen.query_one("#assessments").row_count == 2
    pilot.app.exit()

create_app(Path(sys.argv[1])).run(headless=True, size=(80, 24), auto_pilot=ready)
print(",".join(name for name in sys.argv[2:] if name in sys.modules))
"""


def test_home_loads_nothing_it_does_not_show(workspace_path, council_ids):
    result = subprocess.run([sys.executable, "-c", TO_HOME, str(workspace_path),
                             *NOT_NEEDED_FOR_HOME],
                            capture_output=True, text=True, check=True, timeout=60)
    assert result.stdout.strip() == ""


def test_the_probe_would_notice_a_loaded_module(workspace_path, council_ids):
    result = subprocess.run([sys.executable, "-c", TO_HOME, str(workspace_path), "textual"],
                            capture_output=True, text=True, check=True, timeout=60)
    assert result.stdout.strip() == "textual"
