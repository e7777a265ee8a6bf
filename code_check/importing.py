"""Reading a file to import, the same way for the command line and the app.

A ``.yaml`` or ``.yml`` file (any case) is code-check's own assessment file, which names its
council and its catalogue. Anything else is read as the published self-assessment form: CSV,
or Excel's tab-separated "Unicode Text" saved as .txt; a file that is not text at all (a
workbook) is refused by the CSV reader in plain words, so no other suffix needs a rule. A form
is read against the catalogue chosen for it, unless its headings are exactly another known
catalogue's form (the Housing Ombudsman's, say): then against that one, so its provision
numbers answer that Code's provisions.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from code_check.assessment.files import MapFinder, load_assessment_for
from code_check.assessment.model import Assessment, Council
from code_check.assessment.published_form import form_catalogue, form_cells, parse_published_form
from code_check.catalogue.model import Catalogue

ASSESSMENT_FILE_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class FormDetails:
    """What a published form does not say itself: whose it is, when, by whom, against which
    catalogue."""

    catalogue: Catalogue
    council: Council
    assessed_on: date
    assessor: str | None = None


def is_published_form(path: Path) -> bool:
    """Whether ``path`` is read as the published form rather than as an assessment file."""
    return path.suffix.lower() not in ASSESSMENT_FILE_SUFFIXES


def read_import(
    path: Path, catalogues: dict[str, Catalogue], form_details: Callable[[], FormDetails],
    map_for: MapFinder | None = None,
) -> tuple[Assessment, Catalogue]:
    """The assessment a file holds, with its catalogue, checked whole before anything is kept.

    ``form_details`` is asked only for a published form, so that a shell asks for a council
    only where the file does not name one. ``map_for`` finds the map an assessment file of
    two Codes needs (default: the bundled maps).
    """
    if not is_published_form(path):
        return load_assessment_for(path, catalogues, map_for)
    rows = form_cells(path)
    details = form_details()
    catalogue = form_catalogue(rows, details.catalogue, catalogues.values())
    assessment = parse_published_form(rows, catalogue, council=details.council,
                                      assessed_on=details.assessed_on, assessor=details.assessor,
                                      source=path)
    return assessment, catalogue
