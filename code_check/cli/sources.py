"""Where an assessment comes from: a YAML file, or an assessment in the workspace."""

from __future__ import annotations

import argparse
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from code_check.errors import InputError

if TYPE_CHECKING:  # imported when a command runs, not when the parser is built
    from code_check.assessment.files import MapFinder
    from code_check.assessment.model import Assessment
    from code_check.catalogue.model import Catalogue


@dataclass(frozen=True)
class LoadedAssessment:
    assessment: Assessment
    catalogue: Catalogue
    workspace_id: int | None
    label: str
    catalogues: dict[str, Catalogue]
    map_for: MapFinder

    def under(self, catalogue_id: str | None) -> LoadedAssessment:
        """The assessment as an ordinary one under one Code (None: its first Code)."""
        from code_check.gather import seen_under

        assessment, catalogue = seen_under(
            self.assessment, catalogue_id or self.assessment.catalogue, self.catalogues,
            self.map_for)
        return replace(self, assessment=assessment, catalogue=catalogue)

    def each_code(self) -> list[LoadedAssessment]:
        """The assessment under each Code it answers, the first Code first."""
        from code_check.assessment.codes import codes_of

        return [self.under(catalogue_id) for catalogue_id in codes_of(self.assessment)]


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
    map_for = map_finder(rules, catalogues)
    if workspace_id is not None:
        from code_check.store.workspace import Workspace

        with Workspace(getattr(args, "workspace", None)) as workspace:
            assessment = workspace.load(workspace_id)
        label = f"assessment {workspace_id}"
        catalogue = _catalogue_for(catalogues, assessment.catalogue, label)
        return LoadedAssessment(assessment, catalogue, workspace_id, label, catalogues, map_for)
    from code_check.assessment.files import load_assessment_for

    assessment, catalogue = load_assessment_for(Path(value), catalogues, map_for)
    return LoadedAssessment(assessment, catalogue, None, value, catalogues, map_for)


def map_finder(rules: Path | None, catalogues: dict[str, Catalogue]) -> MapFinder:
    """Finds the map between two Codes: in the --rules folder (checked against its
    catalogues), else among the bundled ones."""
    from code_check.catalogue.files import bundled_equivalence, load_equivalence, map_paths

    given = {path.stem: path for path in map_paths(rules)} if rules is not None else {}

    def find(from_id: str, to_id: str):
        path = given.get(f"{from_id}--{to_id}")
        return load_equivalence(path, catalogues) if path else bundled_equivalence(from_id, to_id)

    return find


def _catalogue_for(catalogues: dict, catalogue_id: str, where: str):
    if catalogue_id in catalogues:
        return catalogues[catalogue_id]
    known = ", ".join(sorted(catalogues))
    raise InputError(f"no catalogue with id {catalogue_id!r} (known: {known}); "
                     "use --rules to point at it", source=where, field="catalogue")
