"""Does the complaint log bear out the self-assessment? Answers the log contradicts.

A requirement whose timescale names a log ``measure`` (6.2, 6.3, 6.4 and their stage 2
equivalents) is compared with that step's on-time figure. The findings join the assessment's
other consistency checks (``code_check.assessment.lint``).
"""

from __future__ import annotations

from code_check.assessment.lint import Finding, Severity, sort_findings
from code_check.assessment.model import Assessment, Status
from code_check.catalogue.model import Catalogue
from code_check.complaint_log.timeliness import LogAnalysis
from code_check.dates import long_date_span
from code_check.wording import percent_in_words, step_plural

DEFAULT_THRESHOLD = 95.0  # on-time percentage below which "met" is contradicted
NEAR_PERFECT = 99.0  # on-time percentage at or above which "not met" is contradicted


def crosscheck(
    catalogue: Catalogue,
    assessment: Assessment,
    analysis: LogAnalysis,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    near_perfect: float = NEAR_PERFECT,
) -> list[Finding]:
    """Answers the log contradicts, most severe first.

    "Met" with fewer than ``threshold`` per cent on time is an error: the published
    self-assessment would claim what the council's own records do not show. "Not met" with at
    least ``near_perfect`` per cent on time is a warning: probably an answer left out of date.
    """
    near_perfect = max(near_perfect, threshold)
    received = long_date_span(analysis.first_received, analysis.last_received)
    findings = []
    for requirement in catalogue.requirements:
        measure = requirement.timescale.measure if requirement.timescale else None
        if measure is None:
            continue
        figures = analysis.step(measure)
        on_time_pct = figures.on_time_pct
        if on_time_pct is None:  # nothing measured
            continue
        status = assessment.status(requirement.id)
        evidence = (f"{percent_in_words(on_time_pct)} of {figures.measured:,} "
                    f"{step_plural(measure)} were on time ({received})")
        if status is Status.MET and on_time_pct < threshold:
            findings.append(Finding(
                severity=Severity.ERROR, check="log-contradicts-met",
                requirement_id=requirement.id, message=f"marked met, but {evidence}",
            ))
        elif status is Status.NOT_MET and on_time_pct >= near_perfect:
            findings.append(Finding(
                severity=Severity.WARNING, check="log-contradicts-not-met",
                requirement_id=requirement.id,
                message=f"marked not met, but {evidence}; is the answer out of date?",
            ))
    return sort_findings(findings, catalogue)

