"""The report model: contents in the issue's order, the score's figures, form answers."""

from __future__ import annotations

from datetime import date

import pytest

from code_check.assessment.lint import lint
from code_check.assessment.model import Action, Answer, Status
from code_check.assessment.scoring import score
from code_check.report.model import build_report, row_answer

from .demo_inputs import AS_OF, GENERATED_AT


@pytest.fixture(scope="module")
def report(catalogue, assessments):
    previous, current = assessments
    return build_report(catalogue, current, previous=previous, generated_at=GENERATED_AT,
                        as_of=AS_OF)


def test_title_page_is_stamped(report, catalogue):
    title = report.title
    assert title.council == "Example Borough Council"
    assert title.catalogue_id == catalogue.id and title.catalogue_version == catalogue.version
    assert title.code_check_version
    assert title.generated_at_text == "1 June 2026 at 09:30 UTC"


def test_summary_uses_the_one_score(report, catalogue, assessments):
    result = score(catalogue, assessments[1])
    assert report.summary.points == result.overall.points()
    assert report.summary.score == result.overall.score
    assert report.summary.band == result.overall.band
    assert sum(s.count for s in report.summary.gaps_by_severity) == len(result.gaps)
    assert [g.id for g in report.gaps] == [g.id for g in result.gaps]
    assert [s.score for s in report.sections] == [s.score for s in result.sections]


def test_change_since_previous(report):
    change = report.summary.change
    assert change is not None and change.previous_assessed_on == date(2025, 12, 31)
    assert change.improved and change.newly_assessed
    assert change.in_words == "57.5% on 31 December 2025 to 83.6% now: up 26.1 points"


def test_no_previous_means_no_change(catalogue, assessments):
    report = build_report(catalogue, assessments[1], generated_at=GENERATED_AT, as_of=AS_OF)
    assert report.summary.change is None


def test_actions_are_marked_overdue_in_words(report):
    overdue = [a for a in report.actions if a.overdue]
    assert overdue and all(a.state == "Overdue" and a.due < AS_OF for a in overdue)
    assert report.actions[: len(overdue)] == overdue


def test_lint_findings_are_the_lint_modules(report, catalogue, assessments):
    expected = lint(catalogue, assessments[1], as_of=AS_OF)
    assert [(f.check, f.requirement_id) for f in report.lint] == [
        (f.check, f.requirement_id) for f in expected]


def test_appendix_lists_every_provision_and_marks_provisional_ids(report, catalogue):
    assert [r.id for r in report.appendix] == [r.id for r in catalogue.requirements]
    provisional = {r.id for r in catalogue.requirements if not r.verified}
    assert {r.id for r in report.appendix if r.provisional} == provisional
    assert {g.id for g in report.gaps} == {r.id for r in report.appendix if r.gap_rank}


def test_template_has_the_forms_ten_rows(report, catalogue):
    assert [r.id for r in report.template] == [r.id for r in catalogue.template_rows]
    assert {"6a", "6b"} <= {r.id for r in report.template}
    assert len(report.template_provisions) == len(catalogue.requirements)


@pytest.mark.parametrize(("statuses", "answer"), [
    ([Status.MET, Status.MET, Status.NOT_APPLICABLE], "Yes"),
    ([Status.NOT_MET, None, Status.NOT_APPLICABLE], "No"),
    ([Status.NOT_MET, Status.PARTLY_MET], "Partly"),
    ([Status.MET, Status.NOT_MET], "Partly"),
    ([Status.MET, None], "Partly"),
    ([Status.NOT_APPLICABLE, Status.NOT_APPLICABLE], "Not applicable"),
    ([None, None, Status.NOT_APPLICABLE], "Not assessed"),
])
def test_row_answer(statuses, answer):
    assert row_answer(statuses) == answer


def test_template_row_gathers_evidence_and_commentary(catalogue, assessments):
    row_ids = [r.id for r in catalogue.in_template_row("6b")]
    current = assessments[1]
    for rid in row_ids:
        current = current.with_answer(rid, Answer(status=Status.MET, evidence=["Stage 2 log"]))
    current = current.with_answer(row_ids[0], Answer(
        status=Status.PARTLY_MET, commentary="Extensions not yet tracked",
        action=Action(description="Track extensions")))
    report = build_report(catalogue, current, generated_at=GENERATED_AT, as_of=AS_OF)
    row = next(r for r in report.template if r.id == "6b")
    assert row.answer == "Partly"
    assert row.evidence == ["Stage 2 log"]
    assert row.commentary[0].endswith("Extensions not yet tracked")


def test_statistics_section_is_the_councils_own(catalogue, assessments, statistics):
    other = [row.model_copy(update={"council": "Elsewhere Council"}) for row in statistics]
    report = build_report(catalogue, assessments[1], statistics=[*other, *statistics],
                          generated_at=GENERATED_AT, as_of=AS_OF)
    stats = report.statistics
    assert stats.council == assessments[1].council.name and stats.latest_year == "2024-25"
    assert [year[0] for year in stats.years] == ["2021-22", "2022-23", "2023-24", "2024-25"]
    assert any("2022-23" in note for note in stats.notes)
    assert stats.headline[0].figure == "Complaints upheld"
    assert stats.headline[0].comparison == "the same as the average (81%)"


def test_no_figures_for_the_council_means_no_statistics_section(catalogue, assessments,
                                                                 statistics):
    other = [row.model_copy(update={"council": "Elsewhere Council"}) for row in statistics]
    report = build_report(catalogue, assessments[1], statistics=other,
                          generated_at=GENERATED_AT, as_of=AS_OF)
    assert report.statistics is None


def test_complaint_log_section_per_step_with_trend(catalogue, assessments, complaint_log):
    report = build_report(catalogue, assessments[1], complaint_log=complaint_log,
                          generated_at=GENERATED_AT, as_of=AS_OF)
    log = report.complaint_log
    assert [s.measure for s in log.stages] == [
        "stage1.acknowledgement", "stage1.response", "stage2.acknowledgement", "stage2.response"]
    first = log.stages[0]
    figures = complaint_log.stage1.acknowledgement
    assert (first.measured, first.on_time, first.on_time_pct) == (
        figures.measured, figures.on_time, figures.on_time_pct)
    assert log.stages[1].limit_text == "10 working days (20 with an extension)"
    assert 0 < len(log.trend) <= 12 and log.trend[-1].month == complaint_log.by_month[-1].month
    assert log.cases == complaint_log.cases


def test_complaint_log_contradicting_an_answer_is_a_finding(catalogue, assessments,
                                                            complaint_log):
    measured = next(r for r in catalogue.requirements
                    if r.timescale and r.timescale.measure
                    and r.timescale.measure.value == "stage2.response")
    claimed = assessments[1].with_answer(measured.id, Answer(status=Status.MET,
                                                             evidence=["Stage 2 log"]))
    report = build_report(catalogue, claimed, complaint_log=complaint_log,
                          generated_at=GENERATED_AT, as_of=AS_OF)
    assert ("log-contradicts-met", measured.id) in {(f.check, f.requirement_id)
                                                    for f in report.lint}
    without_log = build_report(catalogue, claimed, generated_at=GENERATED_AT, as_of=AS_OF)
    assert not any(f.check.startswith("log-") for f in without_log.lint)


@pytest.mark.parametrize(("obligation", "status", "priority"), [
    ("must", Status.NOT_MET, 1), ("must", Status.PARTLY_MET, 2), ("must", None, 3),
    ("should", Status.NOT_MET, 4), ("should", Status.PARTLY_MET, 5), ("should", None, 6),
    ("must", Status.MET, 7), ("should", Status.NOT_APPLICABLE, 7),
])
def test_action_priority_puts_legal_duties_first_then_not_met(obligation, status, priority):
    from code_check.catalogue.model import Obligation
    from code_check.report.model import action_priority

    assert action_priority(Obligation(obligation), status) == priority


def test_actions_carry_the_managers_fields_in_words(catalogue, assessments):
    previous, current = assessments
    gap = score(catalogue, current).gaps[0]
    action = Action(description="Train staff", owner="Ann Lee", due=date(2026, 3, 31),
                    revised_due=date(2026, 9, 30), done=True, completed=date(2026, 5, 20))
    changed = current.with_answer(gap.id, current.answer(gap.id).model_copy(
        update={"action": action}))
    item = next(a for a in build_report(catalogue, changed, generated_at=GENERATED_AT,
                                        as_of=AS_OF).actions if a.requirement_id == gap.id)
    assert item.due_text == "30 September 2026 (revised from 31 March 2026)"
    assert (item.state, item.rag_colour, item.completed_text) == (
        "Complete", "Blue", "20 May 2026")
    duty = "legal duty" if gap.obligation == "must" else "should"
    assert item.priority_reason == f"{duty}, {item.status_label.lower()}"
