"""What lint says about a council's registers: years with no learning, overdue remedies."""

from __future__ import annotations

from datetime import date

import pytest

from code_check.assessment.lint import Severity
from code_check.registers.checks import last_year_ended, register_findings
from tests.registers.samples import decision, learning


@pytest.mark.parametrize(("as_of", "year"), [
    (date(2026, 3, 31), "2024-25"), (date(2026, 4, 1), "2025-26"), (date(2026, 9, 30), "2025-26"),
])
def test_the_last_year_ended_is_the_one_wholly_before_the_date(as_of, year):
    assert last_year_ended(as_of) == year


def empty_years(learning_entries, as_of):
    return [f.message.split(" (")[0].rsplit(" ", 1)[-1]
            for f in register_findings(learning_entries, [], as_of=as_of)
            if f.check == "learning-year-empty"]


def test_a_council_with_no_learning_is_told_about_the_last_year_ended():
    findings = register_findings([], [], as_of=date(2026, 6, 1))
    assert [(f.severity, f.check) for f in findings] == [(Severity.WARNING,
                                                           "learning-year-empty")]
    assert findings[0].message.startswith(
        "no learning from complaints is recorded for 2025-26 (1 April 2025 to 31 March 2026): "
        "the annual complaints report must say what the council improved")


def test_every_year_ended_since_the_first_learning_is_checked_and_the_current_one_is_not():
    entries = [learning(changed_on=date(2022, 5, 1)), learning(changed_on=date(2024, 5, 1)),
               learning(changed_on=date(2026, 5, 1))]
    assert empty_years(entries, date(2026, 6, 1)) == ["2023-24", "2025-26"]
    assert empty_years(entries[:2], date(2025, 3, 31)) == ["2023-24"]
    assert empty_years([learning(changed_on=date(2025, 4, 1))], date(2026, 4, 1)) == []


def test_a_remedy_past_due_and_not_complied_with_is_found_as_at_the_date():
    pending = decision(reference="24 001 234", remedy_due=date(2026, 4, 30),
                       remedy_complied="pending")
    refused = decision(reference="HOS-202312345", ombudsman="hos", decision="maladministration",
                       remedy="Pay £200 for the delay in repairs", remedy_due=date(2026, 3, 2),
                       remedy_complied="no")
    done = decision(reference="24 009 876", remedy_due=date(2026, 1, 5), remedy_complied="yes")
    learned = [learning(changed_on=date(2025, 5, 1))]
    as_of = date(2026, 5, 1)
    found = register_findings(learned, [pending, refused, done], as_of=as_of)
    assert [(f.severity, f.check) for f in found] == [
        (Severity.ERROR, "ombudsman-remedy-overdue"), (Severity.WARNING,
                                                       "ombudsman-remedy-overdue")]
    assert found[0].message == (
        "the Housing Ombudsman's remedy in case HOS-202312345 was due on 2 March 2026 and is "
        "recorded as not complied with as at 1 May 2026: Pay £200 for the delay in repairs")
    assert found[1].message.startswith(
        "the Local Government and Social Care Ombudsman's remedy in case 24 001 234 was due on "
        "30 April 2026 and is not recorded as complied with as at 1 May 2026: Apologise")
    assert register_findings(learned, [pending], as_of=date(2026, 4, 30)) == []


def test_a_long_remedy_is_shortened_in_the_finding():
    long = decision(remedy="Review every repair case " * 10, remedy_complied="pending")
    message = register_findings([learning()], [long], as_of=date(2025, 8, 1))[0].message
    assert message.endswith("…") and len(message.split(": ", 1)[1]) == 80
