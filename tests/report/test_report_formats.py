"""Each format, read back by its own reader, holds every gap; and matches its golden file.

Regenerate the golden files after an intended change with
``CODE_CHECK_UPDATE_GOLDEN=1 python -m pytest tests/report`` and review the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from code_check.report.cohort import CohortEntry, build_cohort
from code_check.report.cohort_export import COHORT_FORMATS
from code_check.report.formats import FORMATS, export
from code_check.report.model import build_report

from .conftest import AS_OF, GENERATED_AT
from .readers import csv_rows, docx_text, html_parts, xlsx_cells

GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture(scope="module")
def report(catalogue, assessments, statistics, complaint_log):
    previous, current = assessments
    return build_report(catalogue, current, previous=previous, statistics=statistics,
                        complaint_log=complaint_log, generated_at=GENERATED_AT, as_of=AS_OF)


def matches_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("CODE_CHECK_UPDATE_GOLDEN"):
        path.write_bytes(text.encode("utf-8"))
    assert path.exists(), f"no golden file {path.name}; set CODE_CHECK_UPDATE_GOLDEN=1 to write it"
    assert text == path.read_bytes().decode("utf-8"), f"{name} differs from golden"


def readable(path: Path) -> str:
    """A file as text to compare: Word and Excel by their contents, not their bytes."""
    if path.suffix == ".docx":
        return "\n".join(docx_text(path.read_bytes())) + "\n"
    if path.suffix == ".xlsx":
        return json.dumps(xlsx_cells(path.read_bytes()), indent=1, default=str,
                          ensure_ascii=False) + "\n"
    return path.read_bytes().decode("utf-8")


@pytest.mark.parametrize(("format_name", "file_name"), [
    ("md", "report.md"), ("html", "report.html"), ("docx", "report.docx"),
    ("xlsx", "report.xlsx"), ("csv", "report.csv"), ("json", "report.json"),
    ("template", "template.html"), ("template", "template.docx"), ("template", "template.csv"),
])
def test_matches_golden(report, tmp_path, format_name, file_name):
    written = export(report, format_name, tmp_path / file_name)
    matches_golden(f"{file_name}.txt", readable(written))


def test_provision_level_form_matches_golden(report, tmp_path):
    written = export(report, "template", tmp_path / "form.html", provision_level=True)
    matches_golden("template-provisions.html.txt", readable(written))


def test_every_format_is_offered(report):
    assert set(FORMATS) == {"md", "html", "docx", "xlsx", "csv", "json", "template"}


def _gap_ids(report) -> set[str]:
    assert report.gaps
    return {g.id for g in report.gaps}


def test_docx_holds_every_gap(report, tmp_path):
    text = "\n".join(docx_text(export(report, "docx", tmp_path / "r.docx").read_bytes()))
    assert all(f"Provision {gap}" in text for gap in _gap_ids(report))


def test_xlsx_holds_every_gap(report, tmp_path):
    sheets = xlsx_cells(export(report, "xlsx", tmp_path / "r.xlsx").read_bytes())
    ids = {row[0] for row in sheets["Full self-assessment"][1:] if row[6]}
    assert ids == _gap_ids(report)
    assert list(sheets)[0] == "All actions"
    for owner in {a.owner for a in report.actions}:
        owned = [a.requirement_id for a in report.actions if a.owner == owner]
        assert any([row[0] for row in rows[1:]] == owned
                   and {row[6] for row in rows[1:]} == {owner} for rows in sheets.values())


def test_xlsx_action_sheets_filter_freeze_and_say_overdue(report, tmp_path):
    import openpyxl

    book = openpyxl.load_workbook(export(report, "xlsx", tmp_path / "r.xlsx"))
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref
    rows = list(book["All actions"].iter_rows(min_row=2, values_only=True))
    assert sum(1 for r in rows if r[9] == "Overdue") == sum(1 for a in report.actions if a.overdue)


def test_csv_holds_every_gap(report, tmp_path):
    rows = csv_rows(export(report, "csv", tmp_path / "r.csv").read_text(encoding="utf-8"))
    rank = rows[0].index("gap_rank")
    assert {r[0] for r in rows[1:] if r[rank]} == _gap_ids(report)


def test_json_holds_every_gap(report, tmp_path):
    data = json.loads(export(report, "json", tmp_path / "r.json").read_text(encoding="utf-8"))
    assert {g["id"] for g in data["gaps"]} == _gap_ids(report)
    assert list(data) == ["title", "summary", "gaps", "actions", "sections", "complaint_log",
                          "statistics", "lint", "appendix", "template", "template_provisions",
                          "provisional_note"]


def test_html_holds_every_gap_with_landmarks_and_no_scripts(report, tmp_path):
    html = export(report, "html", tmp_path / "r.html").read_text(encoding="utf-8")
    text, tags = html_parts(html)
    assert all(f"Provision {gap}" in text for gap in _gap_ids(report))
    assert {"header", "nav", "main", "footer", "svg", "caption"} <= set(tags)
    assert "script" not in tags and "link" not in tags and "img" not in tags
    assert "src=" not in html and 'href="http' not in html and "url(" not in html
    headings = [int(t[1]) for t in tags if t in {"h1", "h2", "h3", "h4"}]
    assert headings[0] == 1
    assert all(b - a <= 1 for a, b in zip(headings, headings[1:], strict=False))


def test_template_forms_hold_their_rows(report, tmp_path):
    form = csv_rows(export(report, "template", tmp_path / "f.csv").read_text(encoding="utf-8"))
    assert form[0] == ["Code section", "What the Code expects", "Do we follow the Code?",
                       "Evidence", "Explanations and commentary"]
    assert len(form) == 11 and {r[2] for r in form[1:]} <= {
        "Yes", "No", "Partly", "Not applicable", "Not assessed"}
    word = "\n".join(docx_text(export(report, "template", tmp_path / "f.docx").read_bytes()))
    assert "6a. Complaints stages: stage 1" in word and "6b. Complaints stages: stage 2" in word


@pytest.fixture(scope="module")
def cohort(catalogue, assessments):
    previous, current = assessments
    other = current.model_copy(update={"council": current.council.model_copy(
        update={"name": "Ambridge District Council"}), "answers": previous.answers})
    return build_cohort([CohortEntry(catalogue, current, previous),
                         CohortEntry(catalogue, other)], generated_at=GENERATED_AT)


@pytest.mark.parametrize(("format_name", "suffix"), [("html", ".html"), ("md", ".md"),
                                                      ("xlsx", ".xlsx")])
def test_cohort_matches_golden(cohort, tmp_path, format_name, suffix):
    content = COHORT_FORMATS[format_name](cohort)
    path = tmp_path / f"cohort{suffix}"
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    matches_golden(f"cohort{suffix}.txt", readable(path))


def test_cohort_heat_map_prints_values_and_progress(cohort):
    assert [c.council for c in cohort.councils] == ["Ambridge District Council",
                                                    "Example Borough Council"]
    text, _ = html_parts(COHORT_FORMATS["html"](cohort))
    for council in cohort.councils:
        assert all(cell.score_text in text for cell in council.cells)
    assert "▲ up 26.1 points" in text and "no previous assessment" in text


def test_cohort_of_one_council_says_so(catalogue, assessments):
    single = build_cohort([CohortEntry(catalogue, assessments[1])], generated_at=GENERATED_AT)
    assert single.scope == "1 council, each at its latest assessment."
    assert "<p>1 council, each" in COHORT_FORMATS["html"](single)
