"""What the annual complaints report rests on, gathered from the workspace and the files beside
it, for both shells (the command line and the app's Export), so ``code_check.report`` never
reads the workspace or a file itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from code_check.assessment.codes import codes_of
from code_check.assessment.files import MapFinder
from code_check.catalogue.files import bundled_equivalence
from code_check.catalogue.model import Catalogue
from code_check.gather import complaint_log_for_report, seen_under
from code_check.readers.yaml_source import read_text
from code_check.registers.model import Ombudsman
from code_check.report.annual_model import AnnualInputs, self_assessment_cut_off
from code_check.report.model import Report, build_report
from code_check.report.paper import PaperDetails
from code_check.store.annual_responses import ResponsesStore
from code_check.store.registers import RegistersStore
from code_check.store.statistics import StatisticsStore
from code_check.store.workspace import Workspace


@dataclass(frozen=True)
class AnnualFiles:
    """The files a user names beside the workspace: the complaint log, the Ombudsmen's
    annual letters (pasted text) and the committee paper's details."""

    log: Path | None = None
    letters: dict[Ombudsman, Path] = field(default_factory=dict)
    paper: PaperDetails = field(default_factory=PaperDetails)


def annual_inputs(workspace: Workspace, council: str, year: str,
                  catalogues: dict[str, Catalogue], files: AnnualFiles, *,
                  generated_at: datetime, as_of: date, as_of_asked: bool = False,
                  map_for: MapFinder = bundled_equivalence,
                  log_progress: bool | None = None) -> AnnualInputs:
    """Everything the report of ``council``'s ``year`` rests on; ``as_of_asked``: the user
    chose ``as_of`` (else the complaint log is judged as at its latest date);
    ``log_progress``: as ``complaint_log_for_report``'s ``progress``."""
    held = workspace.council(council)
    registers = RegistersStore(workspace)
    return AnnualInputs(
        council=held, year=year,
        self_assessments=_self_assessments(workspace, held.name, year, catalogues, map_for,
                                           generated_at=generated_at, as_of=as_of),
        log=None if files.log is None else complaint_log_for_report(
            files.log, as_of, as_of_asked=as_of_asked, progress=log_progress),
        log_name=None if files.log is None else files.log.name,
        learning=[h.entry for h in registers.learning(held.name)],
        decisions=[h.entry for h in registers.decisions(held.name)],
        statistics=StatisticsStore(workspace).rows(held.name),
        letters={ombudsman: read_text(path) for ombudsman, path in files.letters.items()},
        response=ResponsesStore(workspace).response(held.name, year),
        paper=files.paper)


def _self_assessments(workspace: Workspace, council: str, year: str,
                      catalogues: dict[str, Catalogue], map_for: MapFinder, *,
                      generated_at: datetime, as_of: date) -> list[Report]:
    """The gap report of the council's latest assessment made by the year's cut-off, one per
    Code it answers, the first Code first (none: no such assessment)."""
    cut_off = self_assessment_cut_off(year, as_of)
    latest = next((r for r in workspace.assessments(council) if r.assessed_on <= cut_off), None)
    if latest is None:
        return []
    assessment = workspace.load(latest.id)
    reports = []
    for catalogue_id in codes_of(assessment):
        seen, catalogue = seen_under(assessment, catalogue_id, catalogues, map_for)
        reports.append(build_report(catalogue, seen, generated_at=generated_at, as_of=as_of))
    return reports
