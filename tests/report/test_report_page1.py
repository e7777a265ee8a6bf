"""Page 1 tells the truth at a glance (issue 13): the gap wording, the 'as at' dates, overdue
actions, answers the complaint log contradicts and the Ombudsman's headline, read back from
the first part of every format."""

from __future__ import annotations

import io
import json

import docx
import pytest

from code_check.assessment.model import Answer
from code_check.report.html import render_html
from code_check.report.markdown import render_markdown
from code_check.report.model import build_report
from code_check.report.word import render_docx
from code_check.wording import short_title

from . import demo_inputs
from .demo_inputs import AS_OF, GENERATED_AT
from .readers import docx_text, html_parts


def markdown_page1(report) -> str:
    return render_markdown(report).split("\n## Gaps", 1)[0]


def html_page1(report) -> str:
    text, _ = html_parts(render_html(report).split('<section id="gaps"', 1)[0])
    return text


def docx_page1(report) -> str:
    """The paragraphs before the body of the paper (its Purpose): the front sheet and the
    summary, which open page 1."""
    document = docx.Document(io.BytesIO(render_docx(report)))
    lines = []
    for paragraph in document.paragraphs:
        if paragraph.style.name.startswith("Heading") and paragraph.text == "Purpose":
            break
        lines.append(paragraph.text)
    return "\n".join(lines)


PAGE1 = {"md": markdown_page1, "html": html_page1, "docx": docx_page1}


@pytest.mark.parametrize("fmt", PAGE1)
def test_page1_says_what_the_gaps_are(report, fmt):
    assert "19 gaps: 3 not met, 16 partly met" in PAGE1[fmt](report)
    assert "19 applicable provisions not met" not in PAGE1[fmt](report)


@pytest.mark.parametrize("fmt", PAGE1)
def test_page1_prints_the_date_that_judged(report, fmt):
    page1 = PAGE1[fmt](report)
    assert "Actions are judged overdue as at 1 June 2026 (the day the report was made)" in page1
    assert "Open complaints in the log are judged as at 1 June 2026" in page1


@pytest.mark.parametrize("fmt", PAGE1)
def test_page1_lists_overdue_actions_and_contradicted_answers(report, fmt):
    page1 = PAGE1[fmt](report)
    overdue = [a for a in report.actions if a.overdue]
    assert len(overdue) == 4 and "4 actions overdue, worst first" in page1
    assert all(a.description in page1 for a in overdue)
    contradicted = [f for f in report.lint if f.check.startswith("log-contradicts")]
    assert contradicted and all(f.message in page1 for f in contradicted)


@pytest.mark.parametrize("fmt", PAGE1)
def test_page1_has_the_ombudsman_headline(report, fmt):
    page1 = PAGE1[fmt](report)
    assert "Complaints upheld (2024-25): 81%, the same as the average (81%)" in page1
    assert "no average in the figures provided" in page1 and "not published" not in page1


def test_overdue_actions_worst_first(report):
    overdue = report.summary.overdue_actions
    assert [a.requirement_id for a in overdue] == ["9.5", "4.x-authority", "2.5", "6.6"]
    assert [a.priority for a in overdue] == sorted(a.priority for a in overdue)


def test_gap_wording_counts_not_assessed(catalogue, assessments):
    _, current = assessments
    met = next(r.id for r in catalogue.requirements
               if current.answer(r.id).status and current.answer(r.id).status.value == "met")
    unanswered = current.with_answer(met, Answer())
    report = build_report(catalogue, unanswered, generated_at=GENERATED_AT, as_of=AS_OF)
    assert report.summary.gap_words == "20 gaps: 3 not met, 16 partly met, 1 not assessed"
    assert report.summary.gap_breakdown == "3 not met, 16 partly met, 1 not assessed"


def test_no_log_no_log_date_and_asked_date_named(catalogue, assessments):
    report = build_report(catalogue, assessments[1], generated_at=GENERATED_AT, as_of=AS_OF,
                          as_of_asked=True)
    assert report.summary.as_at == [
        "Actions are judged overdue as at 1 June 2026 (the date asked for)."]
    assert report.summary.overdue_words == "4 actions overdue, worst first"


def test_statistics_better_or_worse_and_blank_cells(catalogue, assessments, statistics):
    latest = statistics[-1].model_copy(update={
        "average_compliance_pct": 90, "average_upheld_per_100k": 5.0, "not_for_us": None})
    report = build_report(catalogue, assessments[1], statistics=[*statistics[:-1], latest],
                          generated_at=GENERATED_AT, as_of=AS_OF)
    figures = {f.figure: f for f in report.statistics.headline}
    assert figures["Compliance with recommendations"].comparison.endswith(
        "above the average (90%): better than the average")
    assert figures["Upheld per 100,000 residents"].comparison.endswith(
        "above the average (5.0 per 100,000): worse than the average")
    assert figures["Satisfactory remedy by the council"].average_text == \
        "not in the figures provided"
    breakdown = {c.label: c.count_text for c in report.statistics.breakdown}
    assert breakdown == {"Complaints and enquiries dealt with": "52",
                         "Not for us": "not in the figures provided",
                         "Assessed and closed": "15", "Investigated": "16"}


def whole_text(report, fmt: str) -> str:
    if fmt == "md":
        return render_markdown(report)
    if fmt == "html":
        return html_parts(render_html(report))[0]
    return "\n".join(docx_text(render_docx(report)))


@pytest.mark.parametrize("fmt", PAGE1)
def test_the_years_breakdown_is_shown(report, fmt):
    text = whole_text(report, fmt)
    assert "Not for us" in text and "Assessed and closed" in text


def test_short_title_cuts_at_a_word_with_an_ellipsis():
    assert short_title("Do not use blanket exclusions. Look at each case.") == \
        "Do not use blanket exclusions"
    long = "Give the Member Responsible for Complaints regular performance information"
    title = short_title(long)
    assert title == "Give the Member Responsible for Complaints…"
    assert long.startswith(title.removesuffix("…"))


@pytest.mark.parametrize("fmt", PAGE1)
def test_gap_headings_name_the_provision(report, fmt):
    text = whole_text(report, fmt)
    assert "2. 9.5 Give lead responsibility for complaints within…" in text
    assert "Provision 9.5" not in text


def test_cli_judges_the_log_at_its_latest_date(run_cli, catalogue, assessments,
                                                    tmp_path):
    from code_check.assessment.files import save_assessment_file

    path = tmp_path / "current.yaml"
    save_assessment_file(assessments[1], path, catalogue)
    log = demo_inputs.DEMO / "example-complaint-log.csv"
    latest = demo_inputs.complaint_log().last_dated
    out = tmp_path / "r.json"
    assert run_cli("report", path, "--format", "json", "-o", out, "--log", log)[0] == 0
    as_at = json.loads(out.read_text(encoding="utf-8"))["summary"]["as_at"]
    assert as_at[1] == (f"Open complaints in the log are judged as at {latest.day} "
                        f"{latest:%B %Y} (the latest date in the log).")
    assert run_cli("report", path, "--format", "json", "-o", out, "--log", log,
                   "--as-of", "2026-06-01")[0] == 0
    as_at = json.loads(out.read_text(encoding="utf-8"))["summary"]["as_at"]
    assert as_at[1] == "Open complaints in the log are judged as at 1 June 2026 (the date " \
        "asked for)."
