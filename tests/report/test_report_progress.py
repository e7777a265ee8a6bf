"""The action plan in md, html and docx lists each action's dated progress notes (issue 13),
oldest first and dated the UK way, as the xlsx and JSON carry them."""

from __future__ import annotations

import io
from datetime import date

import docx
import pytest

from code_check.assessment.model import ProgressNote
from code_check.report.html import render_html
from code_check.report.markdown import render_markdown
from code_check.report.model import build_report
from code_check.report.word import render_docx

from .demo_inputs import AS_OF, GENERATED_AT
from .readers import html_parts

NOTES = [ProgressNote(on=date(2026, 5, 20), note="Consultation with tenants closed"),
         ProgressNote(on=date(2026, 4, 2), note="Draft agreed by the board")]
SHOWN = ["2 April 2026: Draft agreed by the board", "20 May 2026: Consultation with tenants closed"]


@pytest.fixture(scope="module")
def noted(catalogue, assessments):
    """The demo's current assessment, its first action given two notes out of date order."""
    current = assessments[1]
    first = next(i for i, a in current.answers.items() if a.action is not None)
    answer = current.answers[first]
    action = answer.action.model_copy(update={"progress": NOTES})
    answers = {**current.answers, first: answer.model_copy(update={"action": action})}
    report = build_report(catalogue, current.model_copy(update={"answers": answers}),
                          generated_at=GENERATED_AT, as_of=AS_OF)
    return report, first


def markdown_plan(report) -> str:
    return render_markdown(report).split("## Action plan", 1)[1].split("\n## ", 1)[0]


def html_plan(report) -> str:
    return render_html(report).split('<section id="actions"', 1)[1].split("</section>", 1)[0]


def docx_plan_rows(report) -> list[list[str]]:
    document = docx.Document(io.BytesIO(render_docx(report)))
    plan = next(t for t in document.tables if t.rows[0].cells[-1].text == "State")
    return [[cell.text for cell in row.cells] for row in plan.rows]


def test_markdown_lists_the_notes_after_the_action(noted):
    report, first = noted
    plan = markdown_plan(report)
    row = next(line for line in plan.splitlines() if line.startswith(f"| {first} |"))
    description = next(a.description for a in report.actions if a.requirement_id == first)
    assert f"| {description}<br>Progress:<br>{'<br>'.join(SHOWN)} |" in row
    assert plan.count("Progress:") == 1  # the other actions have none yet


def test_html_lists_the_notes_with_machine_dates(noted):
    report, _ = noted
    plan = html_plan(report)
    assert '<time datetime="2026-04-02">2 April 2026</time>: Draft agreed by the board' in plan
    text, tags = html_parts(plan)
    assert text.index("Progress:") < text.index(SHOWN[0]) < text.index(SHOWN[1])
    assert tags.count("li") == 2


def test_word_lists_the_notes_one_to_a_line(noted):
    report, first = noted
    rows = docx_plan_rows(report)
    assert rows[0] == ["Provision", "Action", "Owner", "Due", "State"]
    [row] = [r for r in rows if r[0] == first]
    description = next(a.description for a in report.actions if a.requirement_id == first)
    assert row[1] == "\n".join([description, "Progress:", *SHOWN])
