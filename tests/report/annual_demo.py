"""The demo councils' annual complaints reports for 2025-26, built through the command line on
a workspace holding the demo as installed on 1 June 2026 (its registers, figures and
complaint log), for the annual report's tests."""

from __future__ import annotations

import io
import json
import re
from contextlib import redirect_stderr, redirect_stdout
from datetime import date
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import docx

from code_check.catalogue.files import load_catalogue
from code_check.cli import main
from code_check.demo import install_demo
from code_check.demo.dating import ANCHOR
from code_check.store.workspace import Workspace

from .readers import docx_text, html_parts

AS_OF = ANCHOR.isoformat()
YEAR = "2025-26"
COUNCIL = "Example Borough Council"
HOUSING_COUNCIL = "Northfield District Council"
HEADINGS = ["(a) The self-assessment against the Code", "(b) Complaint handling in figures",
            "(c) Findings of non-compliance with the Code",
            "(d) Service improvements from learning",
            "(e) The Ombudsman's annual letter and figures", "(f) Other Ombudsman reports",
            "8.2 The governing body's response"]
LETTER = ("Dear Chief Executive,\n\nAnnual review letter 2025-26. We upheld 13 complaints "
          "<script>alert(1)</script> & asked | for *remedies*.\n\n"
          "Yours sincerely,\nThe Ombudsman\n")


def cli(*argv: str | Path) -> tuple[int, str, str]:
    """The command line run in-process: (exit status, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        status = main([str(a) for a in argv])
    return status, out.getvalue(), err.getvalue()


def demo_workspace(folder: Path) -> tuple[Path, Path]:
    """(the workspace, its complaint log) with the demo installed on 1 June 2026."""
    path = folder / "workspace.sqlite3"
    with Workspace(path) as workspace:
        install_demo(workspace, load_catalogue(), today=date.fromisoformat(AS_OF))
    return path, folder / "workspace-demo-complaint-log.csv"


def annual_report(workspace: Path, out: Path, *options: str | Path,
                  council: str = COUNCIL) -> Path:
    """The report written to ``out`` (its suffix says the format)."""
    status, _, err = cli("annual-report", "--council", council, "--year", YEAR,
                         "--as-of", AS_OF, "-o", out, "--workspace", workspace, *options)
    assert status == 0, err
    return out


# reading a report back ------------------------------------------------------------------------

class _Rows(HTMLParser):
    """Every table row of a page as its cells' text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs) -> None:
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data) -> None:
        if self._cell is not None:
            self._cell.append(data)


def _markdown_cell(cell: str) -> str:
    return re.sub(r"\\(.)", r"\1", cell.strip()).replace("&lt;", "<").replace("&gt;", ">")


def rows(path: Path) -> list[list[str]]:
    """Every table row of a report, each cell's text as a reader sees it."""
    if path.suffix == ".docx":
        document = docx.Document(io.BytesIO(path.read_bytes()))
        return [[" ".join(cell.text.split()) for cell in row.cells]
                for table in document.tables for row in table.rows]
    if path.suffix == ".html":
        parser = _Rows()
        parser.feed(path.read_text(encoding="utf-8"))
        return parser.rows
    return [[_markdown_cell(cell) for cell in re.split(r"(?<!\\)\|", line.strip())[1:-1]]
            for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("|")]


def text(path: Path) -> str:
    """The report's words, one space between any two."""
    if path.suffix == ".docx":
        words = " ".join(docx_text(path.read_bytes()))
    elif path.suffix == ".html":
        words = html_parts(path.read_text(encoding="utf-8"))[0]
    else:
        words = " ".join(_markdown_cell(line.replace("**", "")) for line in
                         path.read_text(encoding="utf-8").splitlines())
    return " ".join(words.split())


def headings(path: Path) -> list[str]:
    if path.suffix == ".docx":
        document = docx.Document(io.BytesIO(path.read_bytes()))
        return [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    if path.suffix == ".html":
        return [unescape(heading) for heading in
                re.findall(r'<h2 id="[^"]+">([^<]+)</h2>', path.read_text(encoding="utf-8"))]
    return [_markdown_cell(line[3:]) for line in path.read_text(encoding="utf-8").splitlines()
            if line.startswith("## ")]


def json_of(*argv: str | Path):
    """A command's JSON output."""
    status, out, err = cli(*argv)
    assert status == 0, err
    return json.loads(out)
