"""The demo council's report and cohort, pinned to one day and one generation time.

Plain functions rather than fixtures, so that the golden files' update command
(``python -m tests.report.update_goldens``) builds exactly what the tests compare.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import code_check
from code_check.assessment.model import Assessment
from code_check.catalogue.model import Catalogue
from code_check.complaint_log.reader import analyse_file
from code_check.complaint_log.timeliness import LogAnalysis
from code_check.demo import demo_assessments
from code_check.report.cohort import Cohort, CohortEntry, build_cohort
from code_check.report.model import Report, build_report
from code_check.statistics.files import read_statistics
from code_check.statistics.model import OmbudsmanStats

GENERATED_AT = datetime(2026, 6, 1, 9, 30, tzinfo=UTC)
AS_OF = date(2026, 6, 1)
DEMO = Path(code_check.__file__).parent / "demo"


def assessments(catalogue: Catalogue) -> tuple[Assessment, Assessment]:
    """(previous, current): the demo council a quarter apart, dated as bundled."""
    previous, current = demo_assessments(catalogue, today=AS_OF)
    return previous, current


def statistics() -> list[OmbudsmanStats]:
    """The demo council's Ombudsman figures, four years from 2021-22."""
    return read_statistics(DEMO / "example-statistics.csv")


def complaint_log() -> LogAnalysis:
    """The demo council's complaint log, analysed as at the report date."""
    return analyse_file(DEMO / "example-complaint-log.csv", as_of=AS_OF)


def report(catalogue: Catalogue, previous: Assessment, current: Assessment) -> Report:
    """The full report: progress since the previous assessment, figures and complaint log."""
    return build_report(catalogue, current, previous=previous, statistics=statistics(),
                        complaint_log=complaint_log(), generated_at=GENERATED_AT, as_of=AS_OF)


def cohort(catalogue: Catalogue, previous: Assessment, current: Assessment) -> Cohort:
    """Two councils: the demo council with its progress, and a second one without."""
    other = current.model_copy(update={"council": current.council.model_copy(
        update={"name": "Ambridge District Council"}), "answers": previous.answers})
    return build_cohort([CohortEntry(catalogue, current, previous),
                         CohortEntry(catalogue, other)], generated_at=GENERATED_AT)
