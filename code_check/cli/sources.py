"""Where an assessment comes from: a YAML file, or an assessment in the workspace."""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from code_check.errors import InputError

if TYPE_CHECKING:  # imported when a command runs, not when the parser is built
    from code_check.assessment.model import Assessment
    from code_check.catalogue.model import Catalogue


@dataclass(frozen=True)
class LoadedAssessment:
    assessment: Assessment
    catalogue: Catalogue
    workspace_id: int | None
    label: str


def add_assessment_source(parser: argparse.ArgumentParser, name: str = "assessment") -> None:
    parser.add_argument(
        name, nargs="?", metavar=name.upper(),
        help="an assessment YAML file, or the number of an assessment in the workspace",
    )
    parser.add_argument("--assessment", dest=f"{name}_id", type=int, metavar="ID",
                        help="the number of an assessment in the workspace")


def load_source(args, name: str = "assessment") -> LoadedAssessment:
    """The assessment named on the command line, with the catalogue it was made against."""
    value = getattr(args, name)
    workspace_id = getattr(args, f"{name}_id")
    if value is None and workspace_id is None:
        raise InputError(f"name an assessment: a YAML file or --assessment ID ({name})")
    if workspace_id is None and value.isdigit() and not Path(value).exists():
        workspace_id = int(value)
    rules = getattr(args, "rules", None)
    from code_check.catalogue.files import load_catalogues

    catalogues = load_catalogues(rules)
    if workspace_id is not None:
        from code_check.store.workspace import Workspace

        with Workspace(getattr(args, "workspace", None)) as workspace:
            assessment = workspace.load(workspace_id)
        catalogue = _catalogue_for(catalogues, assessment.catalogue, f"assessment {workspace_id}")
        return LoadedAssessment(assessment, catalogue, workspace_id, f"assessment {workspace_id}")
    from code_check.assessment.files import load_assessment_for

    assessment, catalogue = load_assessment_for(Path(value), catalogues)
    return LoadedAssessment(assessment, catalogue, None, value)


def _catalogue_for(catalogues: dict, catalogue_id: str, where: str):
    if catalogue_id in catalogues:
        return catalogues[catalogue_id]
    known = ", ".join(sorted(catalogues))
    raise InputError(f"no catalogue with id {catalogue_id!r} (known: {known}); "
                     "use --rules to point at it", source=where, field="catalogue")
