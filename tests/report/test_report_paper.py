"""The committee paper (issue 13): front sheet, the committee-report sections in order, fields
to complete where a detail is missing, and the paper-details YAML."""

from __future__ import annotations

import io
from datetime import date

import docx
import pytest
from docx.enum.text import WD_COLOR_INDEX

from code_check.report.markdown import render_markdown
from code_check.report.model import build_report
from code_check.report.paper import PaperDetails, months_after
from code_check.report.word import render_docx

from . import demo_inputs

PAPER_SECTIONS = ["Purpose", "Recommendations", "Background", "Key findings", "Implications",
                  "Background papers", "Appendices"]
DETAILS = PaperDetails(
    meeting="Audit and Governance Committee", meeting_date=date(2026, 7, 21),
    author="Jane Officer, Complaints Manager", contact="complaints@example.gov.uk",
    status="for decision", financial_implications="None beyond existing budgets.",
    recommendations=["Thank the complaints team."],
    background_papers=["Annual Complaints Report 2024/25"])


def _paper(catalogue, assessments, details: PaperDetails | None):
    previous, current = assessments
    return build_report(catalogue, current, previous=previous, paper=details,
                        generated_at=demo_inputs.GENERATED_AT, as_of=demo_inputs.AS_OF)


def _document(report):
    return docx.Document(io.BytesIO(render_docx(report)))


def _headings(document, level: str = "Heading 1") -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == level]


def test_the_word_paper_has_the_committee_sections_in_order(report):
    headings = _headings(_document(report))
    found = [h for h in headings if h in PAPER_SECTIONS]
    assert found == PAPER_SECTIONS
    assert headings.index("Appendices") < headings.index("Action plan")
    assert headings.index("Appendices") < headings.index("The Ombudsman's statistics")


def test_the_front_sheet_shows_the_details_given(catalogue, assessments):
    document = _document(_paper(catalogue, assessments, DETAILS))
    assert _headings(document, "Title") == [
        "Example Borough Council: Complaint Handling Code self-assessment"]
    front = {row.cells[0].text: row.cells[1].text for row in document.tables[0].rows}
    assert front == {"Meeting name": "Audit and Governance Committee",
                     "Meeting date": "21 July 2026",
                     "Report author": "Jane Officer, Complaints Manager",
                     "Author's contact": "complaints@example.gov.uk",
                     "Status (for decision or for information)": "for decision"}
    text = "\n".join(p.text for p in document.paragraphs)
    assert "[To complete" not in text
    assert "Financial: None beyond existing budgets." in text
    assert "Annual Complaints Report 2024/25" in text


def test_missing_details_are_highlighted_fields_to_complete(report):
    document = _document(report)
    cell = document.tables[0].rows[0].cells[1]
    assert cell.text == "[To complete: meeting name]"
    assert cell.paragraphs[0].runs[0].font.highlight_color == WD_COLOR_INDEX.YELLOW
    financial = next(p for p in document.paragraphs if p.text.startswith("Financial: "))
    assert financial.text == "Financial: [To complete: financial implications]"
    assert financial.runs[-1].font.highlight_color == WD_COLOR_INDEX.YELLOW
    assert "To complete: meeting date" in render_markdown(report)


def test_recommendations_are_numbered_and_built_from_the_results(catalogue, assessments):
    report = _paper(catalogue, assessments, DETAILS)
    numbered = [p.text for p in _document(report).paragraphs if p.style.name == "List Number"]
    assert numbered[0].startswith("Note the council's readiness of 83.6% (Nearly ready)")
    assert "3 not met, 16 partly met" in numbered[0]
    assert numbered[3] == "Ask for a report on progress against the action plan by 30 June 2026."
    assert numbered[-1] == "Thank the complaints team."
    assert "5. Thank the complaints team." in render_markdown(report)


def test_implications_name_the_unmet_legal_duties_and_casework_risks(catalogue, assessments):
    previous, _ = assessments  # 3.1, a legal duty, was not yet met a quarter earlier
    paper = build_report(catalogue, previous, generated_at=demo_inputs.GENERATED_AT,
                         as_of=demo_inputs.AS_OF).paper
    assert paper.legal.startswith("Legal duties (must) not fully met: 3.1 ")
    assert paper.equality.startswith("The Code's legal duties come from the Equality Act 2010")
    assert "6.x-s2-response" in paper.risk and "9.5" not in paper.risk
    assert "first self-assessment" in paper.background[-1]


def test_implications_name_provisions_by_number_and_short_title(catalogue, assessments):
    """As the gap headings do; the full text of each is in the appendix."""
    previous, _ = assessments
    paper = build_report(catalogue, previous, generated_at=demo_inputs.GENERATED_AT,
                         as_of=demo_inputs.AS_OF).paper
    assert paper.legal == ("Legal duties (must) not fully met: 3.1 Offer more than one way to "
                           "make a complaint (partly met).")
    assert "; 6.3 Send the full stage 1 response no later than ten… (not met); " in paper.risk
    assert "after acknowledging the complaint" not in paper.risk


@pytest.mark.parametrize(("start", "later"), [
    (date(2026, 3, 31), date(2026, 6, 30)), (date(2026, 11, 30), date(2027, 2, 28)),
    (date(2026, 1, 15), date(2026, 4, 15)),
])
def test_the_progress_report_falls_three_months_on(start, later):
    assert months_after(start, 3) == later


@pytest.mark.parametrize(("yaml_text", "error"), [
    ("meeting: Cabinet\nstatus: for noting\n", "details.yaml:2: status: "),
    ("meeting: Cabinet\nmeeting_date: 21/07/2026\n", "details.yaml:2: meeting_date: is not a date"),
    ("meetting: Cabinet\n", "details.yaml:1: meetting: is not a known field"),
    ("recommendations:\n  - ok\n  - ' '\n", "details.yaml:3: recommendations[1]: must not be"),
])
def test_bad_paper_details_give_one_plain_line(run_cli, tmp_path, catalogue, assessments,
                                               yaml_text, error):
    from code_check.assessment.files import save_assessment_file

    save_assessment_file(assessments[1], tmp_path / "current.yaml", catalogue)
    (tmp_path / "details.yaml").write_text(yaml_text, encoding="utf-8")
    status, _, stderr = run_cli("report", tmp_path / "current.yaml", "--format", "docx",
                                "-o", tmp_path / "r.docx", "--paper", tmp_path / "details.yaml")
    assert status == 1 and error in stderr and len(stderr.strip().splitlines()) == 1
    assert "Traceback" not in stderr and not (tmp_path / "r.docx").exists()


def test_the_paper_details_reach_the_word_paper(run_cli, tmp_path, catalogue, assessments):
    from code_check.assessment.files import save_assessment_file

    save_assessment_file(assessments[1], tmp_path / "current.yaml", catalogue)
    (tmp_path / "details.yaml").write_text(
        "meeting: Cabinet\nmeeting_date: 2026-07-21\nstatus: for information\n",
        encoding="utf-8")
    assert run_cli("report", tmp_path / "current.yaml", "--format", "docx", "-o",
                   tmp_path / "r.docx", "--paper", tmp_path / "details.yaml")[0] == 0
    front = docx.Document(str(tmp_path / "r.docx")).tables[0]
    assert [row.cells[1].text for row in front.rows][:3] == ["Cabinet", "21 July 2026",
                                                             "[To complete: report author]"]
    assert front.rows[4].cells[1].text == "for information"
