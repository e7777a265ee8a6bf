"""What the workspace holds beside an assessment that its report can use.

The command line and the terminal app's Export screen both build reports of workspace
assessments; both take the previous assessment and the Ombudsman's figures from here.
"""

from __future__ import annotations

from dataclasses import dataclass

from code_check.assessment import Assessment
from code_check.catalogue import Catalogue
from code_check.errors import InputError
from code_check.statistics import OmbudsmanStats
from code_check.store.statistics import StatisticsStore
from code_check.store.workspace import Workspace


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


def known_catalogue(catalogues: dict[str, Catalogue], catalogue_id: str,
                    assessment_id: int) -> Catalogue:
    if catalogue_id not in catalogues:
        raise InputError(f"assessment {assessment_id} uses catalogue {catalogue_id!r}, which "
                         "is not loaded; use --rules to point at it", field="catalogue")
    return catalogues[catalogue_id]
