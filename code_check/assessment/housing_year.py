"""The housing year: when a council that owns homes owes the Housing Ombudsman its yearly
self-assessment, and what is still to do for it.

The self-assessment goes to the governing body and to the Ombudsman by 30 September for a
landlord with more than 1,000 homes, and within six months of the year end for a smaller one;
a council's year ends on 31 March, so both fall on the 30 September after the year the
assessment closes. It is published with the annual complaints performance and service
improvement report and the governing body's response, which code-check does not hold.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from code_check.assessment.model import DUE_SOON_DAYS, Assessment
from code_check.catalogue.model import Catalogue
from code_check.dates import long_date

HOUSING_OMBUDSMAN = "Housing Ombudsman Service"
# More homes than this and the fixed date applies; fewer, six months after the year end.
LARGE_LANDLORD_HOMES = 1000
DUE_MONTH, DUE_DAY = 9, 30  # 30 September: six months after a council's year end (31 March)


class Check(NamedTuple):
    """A finding about the whole assessment, as ``lint`` reports it."""

    severity: str
    check: str
    message: str


def housing_year_checks(catalogue: Catalogue, assessment: Assessment, *,
                        as_of: date) -> list[Check]:
    """When the self-assessment is due and what is missing, for the Housing Ombudsman's Code
    (none for any other)."""
    if catalogue.publisher != HOUSING_OMBUDSMAN:
        return []
    checks = [_due(catalogue, assessment, as_of)]
    if assessment.council.homes is None:
        checks.append(Check("warning", "housing-homes-unknown", (
            "the number of homes the council owns is not recorded, and it decides when the "
            f"self-assessment is due (more than {LARGE_LANDLORD_HOMES:,}: by 30 September; "
            "fewer: within six months of the year end): give it once with --homes N")))
    return checks


def submission_due(assessed_on: date) -> date:
    """The 30 September on or after the assessment: the one after the year it closes."""
    due = date(assessed_on.year, DUE_MONTH, DUE_DAY)
    return due if assessed_on <= due else due.replace(year=due.year + 1)


def _due(catalogue: Catalogue, assessment: Assessment, as_of: date) -> Check:
    due = submission_due(assessment.assessed_on)
    days = (due - as_of).days
    if days >= 0:
        when = f"{days} day{'' if days == 1 else 's'} from {long_date(as_of)}"
    else:
        when = f"{-days} day{'' if days == -1 else 's'} ago, as at {long_date(as_of)}"
    severity = "warning" if days <= DUE_SOON_DAYS else "info"
    return Check(severity, "housing-self-assessment-due", (
        f"the self-assessment is due to the governing body and the Housing Ombudsman "
        f"{_by_when(assessment, due)}: {when}. Still to do: "
        f"{'; '.join(_missing(catalogue, assessment))}"))


def _by_when(assessment: Assessment, due: date) -> str:
    homes = assessment.council.homes
    if homes is None or homes > LARGE_LANDLORD_HOMES:
        size = "" if homes is None else f" (more than {LARGE_LANDLORD_HOMES:,} homes)"
        return f"by {long_date(due)}{size}"
    return f"within six months of the year end, by {long_date(due)}"


def _missing(catalogue: Catalogue, assessment: Assessment) -> list[str]:
    """What the submission still needs, in words: first what code-check can count."""
    answers = [assessment.answer(r.id) for r in catalogue.requirements]
    not_assessed = sum(answer.status is None for answer in answers)
    to_confirm = sum(answer.carried_over for answer in answers)
    counted = [f"{count} {what}" for count, what in (
        (not_assessed, f"provision{'' if not_assessed == 1 else 's'} not assessed"),
        (to_confirm, f"carried answer{'' if to_confirm == 1 else 's'} to confirm"),
    ) if count]
    return [*counted, "the annual complaints performance and service improvement report "
            "(code-check annual-report) and the governing body's response to it (annual-report "
            "respond), published with the self-assessment"]
