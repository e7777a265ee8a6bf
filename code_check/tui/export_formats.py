"""What the Export screen can write. Adding a format is one entry in ``EXPORT_FORMATS``."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from code_check.assessment.model import Assessment
from code_check.catalogue.model import Catalogue
from code_check.gather import (
    HeldBeside,
    complaint_log_for_report,
    previous_under,
    seen_under,
    with_other_codes,
)

if TYPE_CHECKING:
    from code_check.complaint_log.timeliness import LogAnalysis


@dataclass(frozen=True)
class ExportJob:
    """Everything a format may need, gathered on the app's thread before writing starts."""

    assessment: Assessment  # as stored: an assessment of two Codes holds both
    catalogue: Catalogue  # its first Code's
    held: HeldBeside
    as_of: date
    complaint_log: Path | None = None  # a log CSV whose timeliness the report includes
    workspace: Path | None = None  # the annual report reads the registers and responses there
    # An assessment of two Codes: both Codes' catalogues, and the one a report is about.
    catalogues: dict[str, Catalogue] = field(default_factory=dict)
    code: str | None = None

    def under_code(self) -> tuple[Assessment, Catalogue, HeldBeside]:
        """The assessment a report is about, as an ordinary one under its Code (a dual
        assessment's view, with the previous one seen under the same Code), its catalogue
        and what the workspace holds beside it."""
        if self.assessment.also is None:
            return self.assessment, self.catalogue, self.held
        seen, catalogue = seen_under(self.assessment, self.code or self.catalogue.id,
                                     self.catalogues)
        return seen, catalogue, previous_under(self.held, catalogue.id, self.catalogues)


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

    also = job.assessment.also
    return dump_assessment_yaml(job.assessment, job.catalogue,
                                also and job.catalogues.get(also.catalogue))


def _report_renderer(format_name: str) -> Callable[[ExportJob, Path], str | bytes]:
    """The gap report in one of ``code-check report``'s formats, with the change since the
    previous assessment and the Ombudsman's figures the workspace holds, and the complaint log
    when one is chosen, as the command does (the app has no ``--as-of``: open complaints are
    judged as at the log's latest date)."""
    def render(job: ExportJob, path: Path) -> str | bytes:
        from datetime import UTC, datetime

        from code_check.report.formats import FORMATS
        from code_check.report.model import build_report

        assessment, catalogue, held = job.under_code()
        report = build_report(
            catalogue, assessment,
            previous=held.previous, previous_catalogue=held.previous_catalogue,
            statistics=held.statistics, as_of=job.as_of,
            complaint_log=_complaint_log(job),
            generated_at=datetime.now(UTC).replace(microsecond=0),
        )
        if job.assessment.also is not None:  # page 1 gives the other Code's readiness
            report = with_other_codes(report, job.assessment, job.catalogues)
        return FORMATS[format_name].render(report, path, False)

    return render


def _complaint_log(job: ExportJob) -> LogAnalysis | None:
    if job.complaint_log is None:
        return None
    return complaint_log_for_report(job.complaint_log, job.as_of, as_of_asked=False,
                                    progress=False)


def _annual(job: ExportJob, path: Path) -> str | bytes:
    """The annual complaints report (Code 8.1) of the last financial year ended, as
    ``code-check annual-report`` writes it from the workspace, with the complaint log when one
    is chosen; the file name chooses Word, a web page or Markdown."""
    from datetime import UTC, datetime

    from code_check.annual_sources import AnnualFiles, annual_inputs
    from code_check.errors import InputError
    from code_check.registers.checks import last_year_ended
    from code_check.report.annual_formats import render_annual
    from code_check.report.annual_model import build_annual_report
    from code_check.store.workspace import Workspace

    if job.workspace is None:
        raise InputError("the annual report is made from a workspace's registers")
    generated_at = datetime.now(UTC).replace(microsecond=0)
    with Workspace(job.workspace) as workspace:  # its own connection: this is not the app's thread
        inputs = annual_inputs(
            workspace, job.assessment.council.name, last_year_ended(job.as_of),
            job.catalogues or {job.catalogue.id: job.catalogue},
            AnnualFiles(log=job.complaint_log), generated_at=generated_at, as_of=job.as_of,
            log_progress=False)
    return render_annual(build_annual_report(inputs, generated_at=generated_at,
                                             as_of=job.as_of), path)


def _report_formats() -> list[ExportFormat]:
    from code_check.report.formats import FORMATS

    return [ExportFormat(f.name, f"{f.label}: {f.purpose}", f.suffix, _report_renderer(f.name))
            for f in FORMATS.values()]


EXPORT_FORMATS: list[ExportFormat] = [
    ExportFormat("yaml", "Assessment file (YAML): for review, version control or re-import",
                 ".yaml", _yaml),
    *_report_formats(),
    ExportFormat("annual", "Annual complaints report (Word; .html or .md by the file name): the "
                 "last year's performance and service improvement report, for governance",
                 ".docx", _annual),
]


def suggested_name(job: ExportJob, export_format: ExportFormat) -> str:
    """e.g. 'example-borough-council-2026-03-31.yaml'; a report of one Code of two names it
    ('northfield-district-council-2026-03-20-hos-2024.html'); the annual report names its year
    ('example-borough-council-annual-complaints-report-2025-26.docx')."""
    from code_check.registers.checks import last_year_ended

    assessment, code = job.assessment, job.code
    slug = re.sub(r"[^a-z0-9]+", "-", assessment.council.name.lower()).strip("-")
    if export_format.id == "annual":
        return f"{slug}-annual-complaints-report-{last_year_ended(job.as_of)}{export_format.suffix}"
    of_code = f"-{code}" if code and export_format.id != "yaml" else ""
    return f"{slug}-{assessment.assessed_on.isoformat()}{of_code}{export_format.suffix}"
