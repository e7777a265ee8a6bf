"""A council's two assessments for the report tests, and a fixed generation time."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from code_check.assessment import Action, Answer, Assessment, AuthorityType, Council, Status

GENERATED_AT = datetime(2026, 5, 1, 9, 30, tzinfo=UTC)
AS_OF = date(2026, 5, 1)
_CYCLE = (Status.MET, Status.MET, Status.PARTLY_MET, Status.NOT_MET, None, Status.MET,
          Status.NOT_APPLICABLE, Status.MET)


def _answers(catalogue, shift: int) -> dict[str, Answer]:
    answers = {}
    for index, requirement in enumerate(catalogue.requirements):
        status = _CYCLE[(index + shift) % len(_CYCLE)]
        if status is None:
            continue
        action = None
        if status in (Status.PARTLY_MET, Status.NOT_MET):
            action = Action(description=f"Close the gap on {requirement.id}",
                            owner=("Head of Customer Services", "Complaints Manager")[index % 2],
                            due=date(2026, 3 + index % 6, 1))
        answers[requirement.id] = Answer(
            status=status,
            evidence=[f"Complaints policy, paragraph {index + 1}"] if status is Status.MET else [],
            commentary="Not relevant to this council" if status is Status.NOT_APPLICABLE
            else ("Work under way" if action else None),
            action=action,
        )
    return answers


@pytest.fixture(scope="session")
def assessments(catalogue) -> tuple[Assessment, Assessment]:
    council = Council(name="Borsetshire County Council",
                      authority_type=AuthorityType.COUNTY_COUNCIL, population=560_000)
    previous = Assessment(council=council, catalogue=catalogue.id, assessed_on=date(2025, 10, 1),
                          assessor="Complaints Manager", answers=_answers(catalogue, 3))
    current = Assessment(council=council, catalogue=catalogue.id, assessed_on=date(2026, 4, 14),
                         assessor="Complaints Manager", answers=_answers(catalogue, 0))
    return previous, current


@pytest.fixture(scope="session")
def statistics(assessments):
    """The demo council's Ombudsman figures, four years from 2021-22."""
    import code_check
    from code_check.statistics_files import read_statistics

    rows = read_statistics(Path(code_check.__file__).parent / "demo" / "example-statistics.csv")
    name = assessments[1].council.name
    return [row.model_copy(update={"council": name}) for row in rows]
