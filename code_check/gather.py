"""What a report needs from the workspace and the files beside it, gathered for both shells.

The command line and the terminal app's Export screen build reports of workspace assessments;
both take the previous assessment, the Ombudsman's figures, the cohort's latest assessments and
the complaint log's analysis from here, so ``code_check.report`` itself never reads the workspace
or a file and depends on the core only. Both see an assessment under one Code, and save a dual
assessment's answers, with the catalogues and maps found here (``seen_under``,
``second_code_of``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from code_check.assessment.codes import SecondCode, codes_of, view
from code_check.assessment.files import MapFinder
from code_check.assessment.model import Assessment
from code_check.assessment.scoring import score
from code_check.catalogue.files import bundled_equivalence
from code_check.catalogue.model import Catalogue
from code_check.complaint_log.reader import analyse_file
from code_check.complaint_log.timeliness import LogAnalysis
from code_check.errors import InputError
from code_check.report.cohort import CohortEntry
from code_check.report.model import Report
from code_check.statistics.model import OmbudsmanStats
from code_check.store.statistics import StatisticsStore
from code_check.store.workspace import Workspace
from code_check.wording import percent


@dataclass(frozen=True)
class HeldBeside:
    previous: Assessment | None = None
    previous_catalogue: Catalogue | None = None
    statistics: list[OmbudsmanStats] | None = None


def held_beside(
    workspace: Workspace, assessment_id: int, catalogues: dict[str, Catalogue]
) -> HeldBeside:
    """The previous assessment of the council (with its catalogue) and its held figures."""
    council = workspace.record(assessment_id).council
    previous_id = workspace.previous_of(assessment_id)
    previous = previous_catalogue = None
    if previous_id is not None:
        previous = workspace.load(previous_id)
        previous_catalogue = known_catalogue(catalogues, previous.catalogue, previous_id)
    return HeldBeside(
        previous=previous,
        previous_catalogue=previous_catalogue,
        statistics=StatisticsStore(workspace).rows(council) or None,
    )


def cohort_entries(workspace: Workspace, catalogues: dict[str, Catalogue],
                   councils: list[str] | None) -> list[CohortEntry]:
    """Each council's latest assessment with its previous one, from the workspace."""
    names = councils or [c.name for c in workspace.councils()]
    entries = []
    for name in names:
        records = workspace.assessments(workspace.council(name).name)
        if not records:
            raise InputError(f"council {name!r} has no assessment in the workspace",
                             field="--councils")
        latest = records[0]
        held = held_beside(workspace, latest.id, catalogues)
        entries.append(CohortEntry(
            catalogue=known_catalogue(catalogues, latest.catalogue, latest.id),
            latest=workspace.load(latest.id), previous=held.previous,
            previous_catalogue=held.previous_catalogue))
    if not entries:
        raise InputError("the workspace holds no councils yet; add assessments first")
    return entries


def known_catalogue(catalogues: dict[str, Catalogue], catalogue_id: str,
                    assessment_id: int) -> Catalogue:
    if catalogue_id not in catalogues:
        raise InputError(f"assessment {assessment_id} uses catalogue {catalogue_id!r}, which "
                         "is not loaded; use --rules to point at it", field="catalogue")
    return catalogues[catalogue_id]


def complaint_log_for_report(path: Path, as_of: date, *, as_of_asked: bool,
                             progress: bool | None = None) -> LogAnalysis:
    """A complaint log's analysis for a report: unless a date was asked for, open complaints
    are judged as at the log's latest date when that is earlier (a log exported in March is
    not "179 working days late" in November), in one reading; the report's page 1 says which
    date was used."""
    return analyse_file(path, as_of=as_of, progress=progress, at_latest=not as_of_asked)


def seen_under(assessment: Assessment, catalogue_id: str, catalogues: dict[str, Catalogue],
               map_for: MapFinder = bundled_equivalence) -> tuple[Assessment, Catalogue]:
    """The assessment as an ordinary one under this Code (``codes.view``), with the Code's
    catalogue: the first Code's answers, the second's, or the first's seen through the map."""
    if catalogue_id not in catalogues:
        known = ", ".join(sorted(catalogues))
        raise InputError(f"no catalogue with id {catalogue_id!r} (known: {known})",
                         field="--catalogue")
    equivalence = None if catalogue_id == assessment.catalogue else map_for(
        assessment.catalogue, catalogue_id)
    return view(assessment, catalogue_id, equivalence), catalogues[catalogue_id]


def can_be_seen_under(assessment: Assessment, catalogue_id: str,
                      map_for: MapFinder = bundled_equivalence) -> bool:
    """Whether the assessment answers this Code, or a map leads to it from its first Code."""
    return catalogue_id in codes_of(assessment) or \
        map_for(assessment.catalogue, catalogue_id) is not None


def second_code_of(assessment: Assessment, catalogues: dict[str, Catalogue],
                   map_for: MapFinder = bundled_equivalence) -> SecondCode | None:
    """What saving a dual assessment's answers needs beside its first Code's catalogue (None:
    it answers one Code)."""
    if assessment.also is None:
        return None
    second = assessment.also.catalogue
    equivalence = map_for(assessment.catalogue, second)
    if second not in catalogues or equivalence is None:
        raise InputError(f"this assessment answers {second} as well, and code-check has "
                         f"{'no map to it' if second in catalogues else 'no catalogue of it'}: "
                         "use --rules to point at it", field="catalogue")
    return SecondCode(catalogues[second], equivalence)


def previous_under(held: HeldBeside, catalogue_id: str, catalogues: dict[str, Catalogue],
                   map_for: MapFinder = bundled_equivalence) -> HeldBeside:
    """The previous assessment seen under the Code a report is for, where it can be (an
    assessment of an older version of the Code stays as it is, compared as ever)."""
    if held.previous is None or not can_be_seen_under(held.previous, catalogue_id, map_for):
        return held
    previous, catalogue = seen_under(held.previous, catalogue_id, catalogues, map_for)
    return replace(held, previous=previous, previous_catalogue=catalogue)


def with_other_codes(report: Report, assessment: Assessment, catalogues: dict[str, Catalogue],
                     map_for: MapFinder = bundled_equivalence) -> Report:
    """A dual assessment's report for one Code, saying on page 1, in a line each, its
    readiness under the others."""
    lines = []
    for catalogue_id in codes_of(assessment):
        if catalogue_id != report.title.catalogue_id:
            seen, catalogue = seen_under(assessment, catalogue_id, catalogues, map_for)
            overall = score(catalogue, seen).overall
            lines.append(f"The same assessment under the {catalogue.publisher}'s "
                         f"{catalogue.title} ({catalogue.id}): readiness "
                         f"{percent(overall.score)}, {overall.band}.")
    summary = report.summary.model_copy(update={"as_at": [*report.summary.as_at, *lines]})
    return report.model_copy(update={"summary": summary})
