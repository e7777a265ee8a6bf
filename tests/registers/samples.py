"""Register entries for the tests: a sound one of each kind, changed where a test says."""

from __future__ import annotations

from datetime import date

from code_check.registers.model import LearningEntry, OmbudsmanDecision

COUNCIL = "Example Borough Council"


def learning(**changes: object) -> LearningEntry:
    given: dict[str, object] = {
        "council": COUNCIL,
        "learned": "Repair appointments were missed when the contractor's diary was full.",
        "complaints": ["EBC-2505-014", "EBC-2506-031"],
        "service": "Housing repairs",
        "changed": "Appointments are now confirmed by text the day before.",
        "changed_on": date(2025, 9, 15),
        "owner": "Head of Repairs",
        "provisions": ["9.1", "9.2"],
    }
    return LearningEntry.model_validate({**given, **changes})


def decision(**changes: object) -> OmbudsmanDecision:
    given: dict[str, object] = {
        "council": COUNCIL,
        "ombudsman": "lgsco",
        "reference": "24 001 234",
        "decided_on": date(2025, 6, 10),
        "decision": "upheld_fault_and_injustice",
        "complaint_handling_fault": True,
        "remedy": "Apologise and pay £150 for the distress caused.",
        "remedy_due": date(2025, 7, 10),
        "remedy_complied": "yes",
    }
    return OmbudsmanDecision.model_validate({**given, **changes})
