"""What the Export screen can write. Adding a format is one entry in ``EXPORT_FORMATS``."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from code_check.assessment.model import Assessment
from code_check.catalogue.model import Catalogue
from code_check.gather import HeldBeside, complaint_log_for_report

if TYPE_CHECKING:
    from code_check.complaint_log.timeliness import LogAnalysis


@dataclass(frozen=True)
class ExportJob:
    """Everything a format may need, gathered on the app's thread before writing starts."""

    assessment: Assessment
    catalogue: Catalogue
    held: HeldBeside
    as_of: date
    complaint_log: Path | None = None  # a log CSV whose timeliness the report includes


@dataclass(frozen=True)
class ExportFormat:
    id: str
    label: str
    suffix: str
    render: Callable[[ExportJob, Path], str | bytes]  # the path's name may choose the form

    def write(self, job: ExportJob, path: Path) -> None:
        """Render, then write atomically: never a half-written file."""
        from code_check.readers.files import write_atomically

        write_atomically(path, self.render(job, path))


def _yaml(job: ExportJob, path: Path) -> str:
    from code_check.assessment.files import dump_assessment_yaml

    return dump_assessment_yaml(job.assessment, job.catalogue)


def _report_renderer(format_name: str) -> Callable[[ExportJob, Path], str | bytes]:
    """The gap report in one of ``code-check report``'s formats, with the change since the
    previous assessment and the Ombudsman's figures the workspace holds, and the complaint log
    when one is chosen, as the command does (the app has no ``--as-of``: open complaints are
    judged as at the log's latest date)."""
    def render(job: ExportJob, path: Path) -> str | bytes:
        from datetime import UTC, datetime

        from code_check.report.formats import FORMATS
        from code_check.report.model import build_report

        report = build_report(
            job.catalogue, job.assessment,
            previous=job.held.previous, previous_catalogue=job.held.previous_catalogue,
            statistics=job.held.statistics, as_of=job.as_of,
            complaint_log=_complaint_log(job),
            generated_at=datetime.now(UTC).replace(microsecond=0),
        )
        return FORMATS[format_name].render(report, path, False)

    return render


def _complaint_log(job: ExportJob) -> LogAnalysis | None:
    if job.complaint_log is None:
        return None
    return complaint_log_for_report(job.complaint_log, job.as_of, as_of_asked=False,
                                    progress=False)


def _report_formats() -> list[ExportFormat]:
    from code_check.report.formats import FORMATS

    return [ExportFormat(f.name, f"{f.label}: {f.purpose}", f.suffix, _report_renderer(f.name))
            for f in FORMATS.values()]


EXPORT_FORMATS: list[ExportFormat] = [
    ExportFormat("yaml", "Assessment file (YAML): for review, version control or re-import",
                 ".yaml", _yaml),
    *_report_formats(),
]


def suggested_name(assessment: Assessment, export_format: ExportFormat) -> str:
    """e.g. 'example-borough-council-2026-03-31.yaml'."""
    slug = re.sub(r"[^a-z0-9]+", "-", assessment.council.name.lower()).strip("-")
    return f"{slug}-{assessment.assessed_on.isoformat()}{export_format.suffix}"
