"""Consistency checks a complaints manager wants flagged before anyone else spots them."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from code_check.assessment.housing_year import housing_year_checks
from code_check.assessment.model import Answer, Assessment, Status
from code_check.catalogue.model import Catalogue, Obligation, Requirement
from code_check.dates import long_date

STALE_AFTER_DAYS = 365


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


_SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


class Finding(BaseModel):
    model_config = ConfigDict(frozen=True)

    severity: Severity
    check: str
    requirement_id: str | None = None
    message: str


def lint(catalogue: Catalogue, assessment: Assessment, *, as_of: date) -> list[Finding]:
    """Every finding, most severe first, then in Code order."""
    findings = _assessment_findings(assessment, as_of)
    findings.extend(Finding(severity=Severity(c.severity), check=c.check, message=c.message)
                    for c in housing_year_checks(catalogue, assessment, as_of=as_of))
    for requirement in catalogue.requirements:
        answer = assessment.answer(requirement.id)
        findings.extend(_answer_findings(requirement, answer, as_of,
                                         assessment.carried_from.get(requirement.id)))
    return sort_findings(findings, catalogue)


def sort_findings(findings: list[Finding], catalogue: Catalogue) -> list[Finding]:
    """Most severe first, then Code order (findings about the whole assessment lead)."""
    def key(finding: Finding) -> tuple[int, int]:
        known = finding.requirement_id
        position = catalogue.order(known) if known and catalogue.requirement(known) else -1
        return _SEVERITY_ORDER[finding.severity], position

    return sorted(findings, key=key)


def _assessment_findings(assessment: Assessment, as_of: date) -> list[Finding]:
    age = (as_of - assessment.assessed_on).days
    if age <= STALE_AFTER_DAYS:
        return []
    return [Finding(
        severity=Severity.WARNING, check="assessment-out-of-date",
        message=f"this assessment is {age // 30} months old (dated "
        f"{long_date(assessment.assessed_on)}); the Code expects a self-assessment every year",
    )]


def _answer_findings(requirement: Requirement, answer: Answer, as_of: date,
                     carried_from: str | None = None) -> list[Finding]:
    """``carried_from``: the other Code's close provisions a carried answer came from."""
    def finding(severity: Severity, check: str, message: str) -> Finding:
        return Finding(severity=severity, check=check, requirement_id=requirement.id,
                       message=message)

    status = answer.status
    found = []
    if (requirement.obligation is Obligation.MUST and status is Status.NOT_MET
            and not (answer.commentary or "").strip()):
        found.append(finding(Severity.ERROR, "must-not-met-unexplained",
                             "a legal duty (must) is not met and there is no commentary "
                             "explaining why or what is being done"))
    if status is Status.MET and not answer.evidence:
        found.append(finding(Severity.WARNING, "met-without-evidence",
                             "marked met, but no evidence is recorded"))
    if status in (Status.NOT_MET, Status.PARTLY_MET) and answer.action is None:
        found.append(finding(Severity.WARNING, "gap-without-action",
                             f"marked {status.label.lower()}, but there is no action "
                             "to close the gap"))
    if status is Status.NOT_APPLICABLE and not (answer.commentary or "").strip():
        found.append(finding(Severity.WARNING, "not-applicable-unexplained",
                             "marked not applicable, but no reason is given in the commentary"))
    action = answer.action
    if action is not None and action.due_now is not None and action.overdue(as_of):
        owner = f" (owner: {action.owner})" if action.owner else ""
        found.append(finding(Severity.WARNING, "action-overdue",
                             f"the action was due on {long_date(action.due_now)} "
                             f"and is not done{owner}"))
    if answer.carried_over and carried_from:
        found.append(finding(Severity.INFO, "carried-over",
                             f"answer carried from {carried_from}, the other Code's close "
                             "provision; confirm it holds for this Code"))
    elif answer.carried_over:
        found.append(finding(Severity.INFO, "carried-over",
                             "answer carried over from the previous assessment; "
                             "confirm it is still true"))
    return found
