"""The golden files: what each export of the demo report says, to compare against.

A golden holds content, not styling or packaging: a Word file as its paragraphs and table
cells, a workbook as its cells, a web page without its style sheet (re-wrapping a CSS rule
must not rewrite a golden). The tests only compare; ``python -m tests.report.update_goldens``
shows how the outputs differ and rewrites the goldens only when asked.
"""

from __future__ import annotations

import difflib
import json
import re
from pathlib import Path

from code_check.report.cohort import Cohort
from code_check.report.cohort_export import COHORT_FORMATS
from code_check.report.formats import FORMATS
from code_check.report.model import Report

from .readers import docx_text, xlsx_cells

FOLDER = Path(__file__).parent / "golden"

# output file name -> (export format, provision level); the name's suffix picks the file type
REPORT_OUTPUTS = {
    "report.md": ("md", False), "report.html": ("html", False),
    "report.docx": ("docx", False), "report.xlsx": ("xlsx", False),
    "report.csv": ("csv", False), "report.json": ("json", False),
    "template.html": ("template", False), "template.docx": ("template", False),
    "template.csv": ("template", False), "template-provisions.html": ("template", True),
}
COHORT_OUTPUTS = {"cohort.html": "html", "cohort.md": "md", "cohort.xlsx": "xlsx"}
OUTPUTS = [*REPORT_OUTPUTS, *COHORT_OUTPUTS]

_STYLE_SHEET = re.compile(r"<style>.*?</style>", re.DOTALL)


def golden_path(output: str) -> Path:
    return FOLDER / f"{output}.txt"


def golden_content(output: str) -> str:
    """The golden as stored (read as bytes: CSV's CRLF line ends are content too)."""
    path = golden_path(output)
    return path.read_bytes().decode("utf-8") if path.exists() else ""


def rendered(output: str, report: Report, cohort: Cohort) -> str | bytes:
    """An output rendered from the demo report or cohort, as its file would hold it."""
    if output in COHORT_OUTPUTS:
        return COHORT_FORMATS[COHORT_OUTPUTS[output]](cohort)
    format_name, provision_level = REPORT_OUTPUTS[output]
    return FORMATS[format_name].render(report, Path(output), provision_level)


def rendered_content(output: str, report: Report, cohort: Cohort) -> str:
    """An output rendered from the demo report or cohort, as the text its golden holds."""
    return content(output, rendered(output, report, cohort))


def content(output: str, rendered: str | bytes) -> str:
    """What a file says: Word and Excel by their text and cells, HTML without its styling."""
    suffix = Path(output).suffix
    if suffix == ".docx":
        assert isinstance(rendered, bytes)
        return "\n".join(docx_text(rendered)) + "\n"
    if suffix == ".xlsx":
        assert isinstance(rendered, bytes)
        cells = xlsx_cells(rendered)
        return json.dumps(cells, indent=1, default=str, ensure_ascii=False) + "\n"
    text = rendered.decode("utf-8") if isinstance(rendered, bytes) else rendered
    if suffix == ".html":
        return _STYLE_SHEET.sub("<style>…</style>", text)
    return text


def differences(output: str, actual: str) -> str:
    """A unified diff from the golden to the actual content ('' when they match)."""
    return "".join(difflib.unified_diff(
        golden_content(output).splitlines(keepends=True), actual.splitlines(keepends=True),
        fromfile=f"golden/{golden_path(output).name}", tofile=f"{output} as rendered now"))
