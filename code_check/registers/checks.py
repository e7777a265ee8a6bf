"""What ``code-check lint`` says about a council's registers: a year gone by with no learning
recorded, and an Ombudsman remedy past its due date and not complied with. Pure core."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from code_check.assessment.lint import Finding, Severity
from code_check.dates import long_date, long_date_span
from code_check.registers.model import (
    LearningEntry,
    OmbudsmanDecision,
    RemedyCompliance,
    financial_year_of,
    overdue_remedies,
    year_bounds,
    years_between,
)

REMEDY_SHOWN = 80  # characters of a remedy quoted in a finding


def register_findings(learning: Iterable[LearningEntry], decisions: Iterable[OmbudsmanDecision],
                      *, as_of: date) -> list[Finding]:
    """One council's registers as at ``as_of``: overdue remedies first, then empty years."""
    return [*_overdue(decisions, as_of), *_years_without_learning(learning, as_of)]


def last_year_ended(as_of: date) -> str:
    """The latest financial year wholly before ``as_of``."""
    started = year_bounds(financial_year_of(as_of))[0]
    return financial_year_of(started - timedelta(days=1))


def _years_without_learning(learning: Iterable[LearningEntry], as_of: date) -> list[Finding]:
    """Every year that has ended since the first one with learning (at least the last year
    ended) in which nothing learned from complaints was recorded."""
    held = {entry.year for entry in learning}
    last = last_year_ended(as_of)
    first = min(held | {last})
    return [Finding(
        severity=Severity.WARNING, check="learning-year-empty",
        message=f"no learning from complaints is recorded for {year} "
        f"({long_date_span(*year_bounds(year))}): the annual complaints report must say what "
        "the council improved from what complaints showed; record it with code-check "
        "learning add, or in the app's Registers screen",
    ) for year in years_between(first, last) if year not in held]


def _overdue(decisions: Iterable[OmbudsmanDecision], as_of: date) -> list[Finding]:
    return [Finding(
        severity=Severity.ERROR if d.remedy_complied is RemedyCompliance.NO
        else Severity.WARNING,
        check="ombudsman-remedy-overdue",
        message=f"the {d.ombudsman.label}'s remedy in case {d.reference} was due on "
        f"{long_date(d.remedy_due)} and {_where_it_stands(d)} as at {long_date(as_of)}: "
        f"{_shortened(d.remedy or '')}",
    ) for d in overdue_remedies(decisions, as_of) if d.remedy_due is not None]


def _where_it_stands(decision: OmbudsmanDecision) -> str:
    if decision.remedy_complied is RemedyCompliance.NO:
        return "is recorded as not complied with"
    return "is not recorded as complied with"


def _shortened(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= REMEDY_SHOWN else line[:REMEDY_SHOWN - 1] + "…"
