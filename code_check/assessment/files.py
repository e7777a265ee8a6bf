"""Assessment YAML files: the interchange and review format.

Saved files are short and diff well: Code order, no defaults written, multi-line text as
``|`` blocks. Loading then saving then loading gives an equal model.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from code_check.assessment.model import Assessment
from code_check.catalogue.files import bundled_equivalence
from code_check.catalogue.model import Catalogue
from code_check.errors import InputError
from code_check.readers.files import write_atomically
from code_check.readers.yaml_source import compose, read_text, validate

if TYPE_CHECKING:
    from code_check.catalogue.equivalence import Equivalence


def load_assessment_file(path: Path, catalogue: Catalogue | None = None) -> Assessment:
    """Read and validate an assessment; with a catalogue, unknown requirement ids are errors."""
    data, node = compose(read_text(path), path)
    assessment = validate(data, node, Assessment, path, context={"catalogue": catalogue})
    if catalogue is not None and assessment.catalogue != catalogue.id:
        raise InputError(
            f"is for catalogue {assessment.catalogue!r}, not {catalogue.id!r}",
            source=path, field="catalogue",
        )
    return assessment


# Finds the map from one Code's catalogue to another's (catalogue ids), or None.
MapFinder = Callable[[str, str], "Equivalence | None"]


def load_assessment_for(
    path: Path, catalogues: dict[str, Catalogue], map_for: MapFinder | None = None
) -> tuple[Assessment, Catalogue]:
    """Read an assessment and pick the catalogue it names from those known; a second Code
    (``also``) is checked against its own catalogue and the map ``map_for`` finds (default:
    the bundled maps)."""
    data, node = compose(read_text(path), path)
    catalogue = _named_catalogue(data, node, catalogues, path, "catalogue")
    context: dict[str, object] = {"catalogue": catalogue}
    also, also_node = _entry(data, node, "also")
    second = _named_catalogue(also, also_node, catalogues, path, "also.catalogue")
    if catalogue is not None and second is not None and second.id != catalogue.id:
        equivalence = (map_for or bundled_equivalence)(catalogue.id, second.id)
        if equivalence is None:
            raise InputError(f"code-check has no map from {catalogue.id} to {second.id}, so "
                             "it cannot tell which answers serve both Codes",
                             source=path, line=_line_of_key(also_node, "catalogue"),
                             field="also.catalogue")
        context.update(also_catalogue=second, equivalence=equivalence)
    assessment = validate(data, node, Assessment, path, context=context)
    assert catalogue is not None  # validation refused a missing catalogue field
    return assessment, catalogue


def _named_catalogue(data: object, node: yaml.Node, catalogues: dict[str, Catalogue],
                     path: Path, field: str) -> Catalogue | None:
    """The catalogue a mapping's ``catalogue`` key names; None when it names none."""
    catalogue_id = data.get("catalogue") if isinstance(data, dict) else None
    catalogue = catalogues.get(catalogue_id) if isinstance(catalogue_id, str) else None
    if catalogue is None and catalogue_id is not None:
        known = ", ".join(sorted(catalogues))
        raise InputError(
            f"no catalogue with id {catalogue_id!r} (known: {known}); use --rules to point at it",
            source=path, line=_line_of_key(node, "catalogue"), field=field,
        )
    return catalogue


def _entry(data: object, node: yaml.Node, key: str) -> tuple[object, yaml.Node]:
    """A mapping's value under ``key`` and its node (None and the mapping's when absent)."""
    if isinstance(node, yaml.MappingNode) and isinstance(data, dict):
        for key_node, value_node in node.value:
            if getattr(key_node, "value", None) == key:
                return data.get(key), value_node
    return None, node


def _line_of_key(node: yaml.Node, key: str) -> int | None:
    for key_node, _ in getattr(node, "value", []):
        if getattr(key_node, "value", None) == key:
            return int(key_node.start_mark.line) + 1
    return None


def dump_assessment_yaml(assessment: Assessment, catalogue: Catalogue | None = None,
                         second: Catalogue | None = None) -> str:
    """The file's text: answers in Code order when the catalogues are given (``second``: the
    ``also`` Code's), then ``also``."""
    if catalogue is not None:
        assessment = assessment.in_code_order(catalogue, second)
    data = assessment.model_dump(mode="python", exclude_defaults=True, exclude_none=True)
    return dump_yaml(data)


def dump_yaml(data: object) -> str:
    """YAML as code-check writes its files (assessments, registers): keys in the order given,
    multi-line text as blocks, every value written out."""
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


def save_assessment_file(
    assessment: Assessment, path: Path, catalogue: Catalogue | None = None,
    second: Catalogue | None = None,
) -> None:
    write_atomically(path, dump_assessment_yaml(assessment, catalogue, second))


class _Dumper(yaml.SafeDumper):
    """Block strings for multi-line text; enums as their values; every value written out
    (a carried answer shares its evidence with its partner's, and the reader refuses
    anchors)."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)
_Dumper.add_multi_representer(Enum, lambda dumper, value: dumper.represent_data(value.value))
