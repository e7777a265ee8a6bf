"""Each format, read back by its own reader, holds every gap; and matches its golden file.

The goldens hold content, not styling (``golden.py``). After an intended change, see how the
outputs differ with ``python -m tests.report.update_goldens`` and accept it with ``--write``.
"""

from __future__ import annotations

import json

import pytest

from code_check.report import cohort_export
from code_check.report import html as html_page
from code_check.report.cohort import CohortEntry, build_cohort
from code_check.report.cohort_export import COHORT_FORMATS
from code_check.report.formats import FORMATS, export
from code_check.report.template import details_of

from . import demo_inputs
from .demo_inputs import GENERATED_AT
from .golden import OUTPUTS, content, differences, golden_content, rendered, rendered_content
from .readers import csv_rows, docx_text, html_parts, xlsx_cells


@pytest.mark.parametrize("output", OUTPUTS)
def test_matches_golden(report, cohort, output):
    diff = differences(output, rendered_content(output, report, cohort))
    assert not diff, (f"{output} differs from its golden (python -m tests.report.update_goldens "
                      f"shows it all):\n{diff[:4000]}")


@pytest.fixture(scope="module")
def changed_inputs(catalogue, assessments):
    """The demo report and cohort with one sentence and one name changed: provision 1.1's
    commentary, and the council's name."""
    previous, current = assessments
    answers = {**current.answers, "1.1": current.answers["1.1"].model_copy(
        update={"commentary": "Changed for the test."})}
    council = current.council.model_copy(update={"name": "Changed Borough Council"})
    changed = current.model_copy(update={"answers": answers, "council": council})
    return (demo_inputs.report(catalogue, previous, changed),
            demo_inputs.cohort(catalogue, previous, changed))


@pytest.mark.parametrize("output", OUTPUTS)
def test_each_golden_notices_changed_content(changed_inputs, output):
    report, cohort = changed_inputs
    assert differences(output, rendered_content(output, report, cohort))


@pytest.mark.parametrize("output", [output for output in OUTPUTS if output.endswith(".html")])
def test_goldens_ignore_the_style_sheet(report, cohort, monkeypatch, output):
    """Styling is not content: a re-wrapped style sheet with a new rule changes no golden."""
    monkeypatch.setattr(html_page, "CSS", html_page.CSS.replace("; ", ";\n  ") + ".new {}\n")
    monkeypatch.setattr(cohort_export, "HEAT_CSS", cohort_export.HEAT_CSS + ".new {}")
    page = rendered(output, report, cohort)
    assert isinstance(page, str) and ".new {}" in page
    assert content(output, page) == golden_content(output)


def test_every_format_is_offered(report):
    assert set(FORMATS) == {"md", "html", "docx", "xlsx", "csv", "json", "template"}


def _gap_ids(report) -> set[str]:
    assert report.gaps
    return {g.id for g in report.gaps}


def _every_gap_heading(report, text: str) -> bool:
    """Each gap's heading: its rank and id, and the provision's short title."""
    assert report.gaps
    return all(f"{g.rank}. {g.id}" in text and g.short_title in text for g in report.gaps)


def test_docx_holds_every_gap(report, tmp_path):
    text = "\n".join(docx_text(export(report, "docx", tmp_path / "r.docx").read_bytes()))
    assert _every_gap_heading(report, text)


def test_xlsx_holds_every_gap(report, tmp_path):
    sheets = xlsx_cells(export(report, "xlsx", tmp_path / "r.xlsx").read_bytes())
    ids = {row[0] for row in sheets["Full self-assessment"][3:] if row[6]}
    assert ids == _gap_ids(report)
    assert list(sheets)[0] == "All actions"
    for owner in {a.owner for a in report.actions}:
        owned = [a.requirement_id for a in report.actions if a.owner == owner]
        assert any([row[0] for row in rows[3:]] == owned
                   and {row[8] for row in rows[3:]} == {owner} for rows in sheets.values())


def test_xlsx_action_sheets_filter_freeze_and_say_overdue(report, tmp_path):
    import openpyxl

    book = openpyxl.load_workbook(export(report, "xlsx", tmp_path / "r.xlsx"))
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A4" and sheet.auto_filter.ref.startswith("A3:")
    rows = list(book["All actions"].iter_rows(min_row=4, values_only=True))
    assert sum(1 for r in rows if r[11] == "Overdue") == sum(
        1 for a in report.actions if a.overdue)


def test_csv_holds_every_gap(report, tmp_path):
    rows = csv_rows(export(report, "csv", tmp_path / "r.csv").read_text(encoding="utf-8"))
    rank = rows[0].index("gap_rank")
    assert {r[0] for r in rows[1:] if r[rank]} == _gap_ids(report)


def test_json_holds_every_gap(report, tmp_path):
    data = json.loads(export(report, "json", tmp_path / "r.json").read_text(encoding="utf-8"))
    assert {g["id"] for g in data["gaps"]} == _gap_ids(report)
    assert list(data) == ["title", "summary", "gaps", "actions", "sections", "complaint_log",
                          "statistics", "lint", "appendix", "template", "template_provisions",
                          "provisional_note", "paper"]


def test_html_holds_every_gap_with_landmarks_and_no_scripts(report, tmp_path):
    html = export(report, "html", tmp_path / "r.html").read_text(encoding="utf-8")
    text, tags = html_parts(html)
    assert _every_gap_heading(report, text)
    assert {"header", "nav", "main", "footer", "svg", "caption"} <= set(tags)
    assert "script" not in tags and "link" not in tags and "img" not in tags
    assert "src=" not in html and 'href="http' not in html and "url(" not in html
    headings = [int(t[1]) for t in tags if t in {"h1", "h2", "h3", "h4"}]
    assert headings[0] == 1
    assert all(b - a <= 1 for a, b in zip(headings, headings[1:], strict=False))


def test_template_forms_hold_their_rows(report, tmp_path):
    lines = csv_rows(export(report, "template", tmp_path / "f.csv").read_text(encoding="utf-8"))
    form = lines[len(details_of(report)):]
    assert form[0] == ["Code section", "What the Code expects", "Do we follow the Code?",
                       "Evidence", "Explanations and commentary"]
    assert len(form) == 11 and {r[2] for r in form[1:]} <= {
        "Yes", "No", "Partly", "Not applicable", "Not assessed"}
    word = "\n".join(docx_text(export(report, "template", tmp_path / "f.docx").read_bytes()))
    assert "6a. Complaints stages: stage 1" in word and "6b. Complaints stages: stage 2" in word


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
