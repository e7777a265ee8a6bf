"""The housing year in lint (issue 14): when the Housing Ombudsman's self-assessment is due,
how many days remain or how late it is, and what is still to do."""

from __future__ import annotations

from datetime import date

import pytest

from code_check.assessment.housing_year import submission_due
from code_check.assessment.lint import Severity, lint
from code_check.assessment.model import Answer, Assessment, Council, Status
from code_check.catalogue.files import load_catalogue

NORTHFIELD = Council(name="Northfield District Council", authority_type="district_council",
                     landlord=True, homes=4200)


@pytest.fixture(scope="module")
def hos():
    return load_catalogue("hos-2024")


def housing(hos, council=NORTHFIELD, **answers: Answer) -> Assessment:
    """Every provision met, but those given."""
    given = {r.id: Answer(status=Status.MET, evidence=["Policy"]) for r in hos.requirements}
    given.update({key[1:].replace("_", "."): answer for key, answer in answers.items()})
    return Assessment(council=council, catalogue="hos-2024", assessed_on=date(2026, 3, 31),
                      answers=given)


def housing_findings(catalogue, assessment, as_of):
    return {f.check: f for f in lint(catalogue, assessment, as_of=as_of)
            if f.check.startswith("housing-")}


@pytest.mark.parametrize(("assessed_on", "due"), [
    (date(2026, 3, 31), date(2026, 9, 30)),  # the year 2025-26, just closing
    (date(2026, 9, 30), date(2026, 9, 30)),
    (date(2026, 10, 1), date(2027, 9, 30)),  # early in the year 2026-27
])
def test_the_self_assessment_is_due_the_30_september_after_its_year(assessed_on, due):
    assert submission_due(assessed_on) == due


def test_lint_says_the_days_left_and_what_is_still_to_do(hos):
    assessment = housing(hos, _5_6=Answer(), _5_7=Answer(),
                         _6_2=Answer(status=Status.MET, evidence=["Log"], carried_over=True))
    found = housing_findings(hos, assessment, date(2026, 6, 1))
    assert set(found) == {"housing-self-assessment-due"}
    due = found["housing-self-assessment-due"]
    assert due.severity is Severity.INFO and due.requirement_id is None
    assert due.message == (
        "the self-assessment is due to the governing body and the Housing Ombudsman by "
        "30 September 2026 (more than 1,000 homes): 121 days from 1 June 2026. Still to do: "
        "2 provisions not assessed; 1 carried answer to confirm; the annual complaints "
        "performance and service improvement report (code-check annual-report) and the "
        "governing body's response to it (annual-report respond), published with the "
        "self-assessment")


def test_a_smaller_landlord_has_six_months_from_the_year_end(hos):
    small = NORTHFIELD.model_copy(update={"homes": 800})
    message = housing_findings(hos, housing(hos, small), date(2026, 9, 1))[
        "housing-self-assessment-due"].message
    assert "Ombudsman within six months of the year end, by 30 September 2026: 29 days" \
        in message


def test_late_and_nearly_due_are_warnings(hos):
    late = housing_findings(hos, housing(hos), date(2026, 10, 12))["housing-self-assessment-due"]
    assert late.severity is Severity.WARNING
    assert "by 30 September 2026 (more than 1,000 homes): 12 days ago, as at 12 October 2026" \
        in late.message
    soon = housing_findings(hos, housing(hos), date(2026, 9, 1))["housing-self-assessment-due"]
    assert soon.severity is Severity.WARNING


def test_homes_not_recorded_are_asked_for(hos):
    unknown = NORTHFIELD.model_copy(update={"homes": None})
    found = housing_findings(hos, housing(hos, unknown), date(2026, 6, 1))
    assert found["housing-homes-unknown"].severity is Severity.WARNING
    assert found["housing-homes-unknown"].message.endswith("give it once with --homes N")
    assert "due to the governing body and the Housing Ombudsman by 30 September 2026: 121" \
        in found["housing-self-assessment-due"].message


def test_the_lgsco_code_has_no_housing_year(catalogue):
    assessment = Assessment(council=NORTHFIELD, catalogue="lgsco-2024",
                            assessed_on=date(2026, 3, 31))
    assert housing_findings(catalogue, assessment, date(2026, 6, 1)) == {}
