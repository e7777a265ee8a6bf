"""Two small Codes and the map between them, built in code, for the dual-assessment tests.

``first-code`` stands for the LGSCO's Code and ``second-code`` for the Housing Ombudsman's:

    first 1.1 (must)   --same-->   second 1.1 (must)
    first 1.2 (should) --close-->  second 1.2 (must)
    first 1.3 (should) --close-->  second 1.2
    first 2.1 (must)   --same-->   second 2.1 (must)
    first 2.1          --close-->  second 2.2 (must)
                                   second 2.3 (should), the second Code's own
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import yaml

from code_check.assessment.model import Answer, Assessment, Council, Status
from code_check.catalogue.equivalence import Equivalence
from code_check.catalogue.model import Catalogue

FIRST, SECOND = "first-code", "second-code"
COUNCIL = Council(name="Northfield Test Council", authority_type="district_council",
                  landlord=True, homes=4200)
SCORING = {
    "credit": {"met": 1.0, "partly_met": 0.5, "not_met": 0.0},
    "weight": {"must": 2, "should": 1},
    "bands": [{"name": "Ready", "min": 90, "requires_all_must_met": True},
              {"name": "Nearly ready", "min": 75}, {"name": "Not ready", "min": 0}],
}


def requirement(requirement_id: str, obligation: str) -> dict:
    return {"id": requirement_id, "text": f"Provision {requirement_id}.",
            "obligation": obligation, "guidance": "Look for it.", "template_rows": ["1"]}


def code(catalogue_id: str, sections: dict[str, list[tuple[str, str]]]) -> dict:
    return {
        "id": catalogue_id, "title": f"The {catalogue_id}", "publisher": "Test Ombudsman",
        "version": "2024", "issued": date(2024, 2, 8),
        "template_rows": [{"id": "1", "title": "All", "expects": "Everything."}],
        "sections": [{"id": sid, "title": f"Section {sid}",
                      "requirements": [requirement(*r) for r in requirements]}
                     for sid, requirements in sections.items()],
        "scoring": SCORING,
    }


FIRST_DATA = code(FIRST, {"1": [("1.1", "must"), ("1.2", "should"), ("1.3", "should")],
                          "2": [("2.1", "must")]})
SECOND_DATA = code(SECOND, {"1": [("1.1", "must"), ("1.2", "must")],
                            "2": [("2.1", "must"), ("2.2", "must"), ("2.3", "should")]})
MAP_DATA = {
    "id": f"{FIRST}--{SECOND}", "title": "First to second", "from": FIRST, "to": SECOND,
    "pairs": [
        {"from": "1.1", "to": "1.1", "match": "same"},
        {"from": "1.2", "to": "1.2", "match": "close", "note": "Must, not should."},
        {"from": "1.3", "to": "1.2", "match": "close", "note": "Also covers 1.3."},
        {"from": "2.1", "to": "2.1", "match": "same"},
        {"from": "2.1", "to": "2.2", "match": "close", "note": "Asks for records too."},
    ],
}


def first() -> Catalogue:
    return Catalogue.model_validate(FIRST_DATA)


def second() -> Catalogue:
    return Catalogue.model_validate(SECOND_DATA)


def equivalence() -> Equivalence:
    return Equivalence.model_validate(MAP_DATA)


def answers(**statuses: str) -> dict[str, Answer]:
    """``answers(_1_1="met")``: a status for each id (underscores for dots)."""
    return {key[1:].replace("_", "."): Answer(status=Status(value))
            for key, value in statuses.items()}


def first_only(given: dict[str, Answer]) -> Assessment:
    return Assessment(council=COUNCIL, catalogue=FIRST, assessed_on=date(2026, 3, 31),
                      answers=given)


def write_rules(folder: Path) -> Path:
    """The two Codes and their map as a rules folder, for the command line's --rules."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in ((FIRST, FIRST_DATA), (SECOND, SECOND_DATA),
                       (f"{FIRST}--{SECOND}", MAP_DATA)):
        (folder / f"{name}.yaml").write_text(yaml.safe_dump(data, sort_keys=False))
    return folder
