"""The annual report's model on its own (issue 15): what each section rests on and says is
missing, the remedies as the Ombudsman's letter counts them, and which Ombudsmen it covers."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from code_check.assessment.model import AuthorityType, Council
from code_check.catalogue.files import load_catalogue
from code_check.report.annual_model import (
    AnnualInputs,
    build_annual_report,
    self_assessment_cut_off,
    year_months,
)
from code_check.report.model import build_report
from tests.registers.samples import decision, learning

from .demo_inputs import GENERATED_AT

YEAR = "2025-26"
AS_OF = date(2026, 6, 1)


COUNCIL = Council(name="Example Borough Council",
                  authority_type=AuthorityType.METROPOLITAN_BOROUGH)


def annual(assessment=None, **inputs):
    """The report of 2025-26 on what is given (the council: the assessment's, if one is)."""
    council = COUNCIL if assessment is None else assessment.council
    return build_annual_report(AnnualInputs(council=council, year=YEAR, **inputs),
                               generated_at=GENERATED_AT, as_of=AS_OF)


def gap_report(catalogue, assessment):
    return build_report(catalogue, assessment, generated_at=GENERATED_AT, as_of=AS_OF)


def test_a_financial_year_is_april_to_march():
    assert year_months(YEAR) == ["2025-04", "2025-05", "2025-06", "2025-07", "2025-08",
                                 "2025-09", "2025-10", "2025-11", "2025-12", "2026-01",
                                 "2026-02", "2026-03"]


def test_with_nothing_held_every_section_says_what_is_missing():
    report = annual()
    s = report.sections
    assert s.self_assessment.basis.missing == ["No self-assessment made by 1 June 2026 is "
                                               "recorded."]
    assert s.complaints.basis.missing == ["No complaint log was given: the figures of (b) "
                                          "come from it."]
    assert s.learning.basis.missing == ["No learning is recorded for 2025-26."]
    assert s.non_compliance.basis.missing == ["No Ombudsman decisions are recorded for 2025-26."]
    assert s.response.awaited
    assert "Note that no learning from complaints is recorded for 2025-26, and ask for it to " \
        "be recorded." in report.paper.recommendations
    assert [part.ombudsman for part in s.ombudsman.ombudsmen] == [
        "Local Government and Social Care Ombudsman"]  # the LGSCO's Code when not assessed


def test_an_assessment_before_the_year_is_used_and_said_to_be(catalogue, assessments):
    previous, _ = assessments
    old = previous.model_copy(update={"assessed_on": date(2025, 2, 28)})
    section = annual(old, self_assessments=[gap_report(catalogue, old)]).sections.self_assessment
    assert section.basis.missing == ["No self-assessment was made in 2025-26 or after it by "
                                     "1 June 2026: this is the latest before, of 28 February "
                                     "2025."]
    assert section.codes[0].assessed_on_text == "28 February 2025"


@pytest.mark.parametrize(("as_of", "cut_off"), [
    (date(2026, 11, 30), date(2026, 9, 30)),  # prepared after the Housing Ombudsman's date
    (date(2026, 7, 14), date(2026, 7, 14)),  # the position asked comes first
])
def test_the_years_self_assessment_may_be_made_until_six_months_after_it(as_of, cut_off):
    assert self_assessment_cut_off(YEAR, as_of) == cut_off


@pytest.mark.parametrize(("complied", "expected"), [
    (["yes", "no", "pending"], "3 remedies due in 2025-26: 1 complied with (33.3%), 1 not "
                               "complied with, 1 still pending."),
    (["yes"], "1 remedy due in 2025-26: 1 complied with (100.0%)."),
    ([], "No remedies were due in 2025-26."),
])
def test_remedies_are_counted_as_the_annual_letter_counts_them(complied, expected):
    decisions = [decision(reference=f"25 000 {number:03d}", decided_on=date(2025, 5, 1),
                          remedy_due=date(2025, 6, 1), remedy_complied=state)
                 for number, state in enumerate(complied)]
    decisions.append(decision(reference="25 999 999", decided_on=date(2026, 3, 1),
                              remedy_due=date(2026, 4, 30), remedy_complied="pending"))
    part, = annual(decisions=decisions).sections.ombudsman.ombudsmen
    assert part.remedies == expected  # the remedy due in 2026-27 is not this year's


def test_a_council_under_the_housing_ombudsmans_code_alone_gets_its_ombudsman(assessments):
    hos = load_catalogue("hos-2024")
    _, current = assessments
    assessment = current.model_copy(update={"catalogue": "hos-2024", "answers": {}})
    report = annual(assessment, self_assessments=[gap_report(hos, assessment)])
    part, = report.sections.ombudsman.ombudsmen
    assert part.ombudsman == "Housing Ombudsman"
    assert part.statistics is None
    assert part.statistics_note == ("code-check holds no figures of the Housing Ombudsman: its "
                                    "annual letter, where given, says them.")


def test_learning_and_findings_of_the_year_only():
    entries = [learning(changed_on=date(2025, 9, 15)), learning(changed_on=date(2026, 4, 2))]
    decisions = [decision(decided_on=date(2025, 6, 10)),
                 decision(reference="24 009 999", decided_on=date(2025, 3, 1))]
    s = annual(learning=entries, decisions=decisions).sections
    assert [e.changed_on_text for e in s.learning.entries] == ["15 September 2025"]
    assert [d.reference for d in s.non_compliance.decisions] == ["24 001 234"]
    assert s.learning.basis.missing == s.non_compliance.basis.missing == []


def test_the_response_is_carried_with_who_approved_it_and_when():
    from code_check.registers.response import GoverningBodyResponse

    response = GoverningBodyResponse(council="Example Borough Council", year=YEAR,
                                     text="Noted.\n\nPublish with the report.",
                                     approved_by="Cabinet", responded_on=date(2026, 7, 14))
    section = annual(response=response).sections.response
    assert not section.awaited
    assert (section.lines, section.approved_by, section.responded_on_text) == (
        ["Noted.", "Publish with the report."], "Cabinet", "14 July 2026")


def test_the_report_is_dated_when_it_was_made():
    report = annual()
    assert report.generated_at == datetime(2026, 6, 1, 9, 30, tzinfo=UTC)
    assert report.period_text == "1 April 2025 to 31 March 2026"
