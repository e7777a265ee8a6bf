"""Readiness: the one scoring function every screen, command and report uses.

Score = sum(weight x credit) / sum(weight) x 100 over applicable requirements; not applicable
counts on neither side; not assessed earns nothing and shows as lower coverage. A band names
the score, and a band that requires every ``must`` to be met is out of reach while one is not.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, ConfigDict, computed_field

from code_check.assessment.model import NOT_ASSESSED, Assessment, Status
from code_check.catalogue.model import Band, Catalogue, Obligation, Requirement, Scoring

_GAP_STATUS_ORDER = {Status.NOT_MET.value: 0, Status.PARTLY_MET.value: 1, NOT_ASSESSED: 2}


class _Result(BaseModel):
    model_config = ConfigDict(frozen=True, defer_build=True)


class Tally(_Result):
    """Weighted points and counts behind a score, so every score can show its working."""

    earned: float
    possible: float
    requirements: int
    applicable: int
    assessed: int
    not_applicable: int
    not_assessed: int
    met: int
    partly_met: int
    not_met: int

    @computed_field  # type: ignore[prop-decorator]  # pydantic's documented form; mypy
    @property        # cannot type a decorated property
    def score(self) -> float | None:
        """0-100, or None when nothing is applicable."""
        return 100 * self.earned / self.possible if self.possible else None

    @computed_field  # type: ignore[prop-decorator]  # pydantic's documented form; mypy
    @property        # cannot type a decorated property
    def coverage(self) -> float | None:
        """Share of applicable requirements that have an answer, 0-100."""
        return 100 * self.assessed / self.applicable if self.applicable else None

    def points(self) -> str:
        """'x of y weighted points', as people read it."""
        return f"{_number(self.earned)} of {_number(self.possible)} weighted points"


class SectionScore(Tally):
    id: str
    title: str


class OverallScore(Tally):
    band: str
    band_meaning: str
    musts_blocking: list[str]


class Gap(_Result):
    id: str
    section: str
    status: str
    obligation: str
    text: str
    verified: bool


class Score(_Result):
    catalogue: str
    overall: OverallScore
    sections: list[SectionScore]
    gaps: list[Gap]


def score(catalogue: Catalogue, assessment: Assessment) -> Score:
    """Readiness per section and overall, and the gaps worst first."""
    rules = catalogue.scoring
    sections = [
        SectionScore(id=s.id, title=s.title, **_tally(s.requirements, assessment, rules))
        for s in catalogue.sections
    ]
    overall = _tally(catalogue.requirements, assessment, rules)
    blocking = [
        r.id
        for r in catalogue.requirements
        if r.obligation is Obligation.MUST
        and assessment.status(r.id) not in (Status.MET, Status.NOT_APPLICABLE)
    ]
    value = 100 * overall["earned"] / overall["possible"] if overall["possible"] else 0.0
    band = band_for(rules, value, all_must_met=not blocking)
    return Score(
        catalogue=catalogue.id,
        overall=OverallScore(
            **overall, band=band.name, band_meaning=band.meaning, musts_blocking=blocking
        ),
        sections=sections,
        gaps=gaps(catalogue, assessment),
    )


def band_for(rules: Scoring, value: float, *, all_must_met: bool) -> Band:
    for band in rules.bands:
        if value >= band.min and (all_must_met or not band.requires_all_must_met):
            return band
    return rules.bands[-1]


def gaps(catalogue: Catalogue, assessment: Assessment) -> list[Gap]:
    """Every applicable requirement not met: must before should, then worst status, Code order."""
    found = []
    for requirement in catalogue.requirements:
        status = assessment.status(requirement.id)
        if status in (Status.MET, Status.NOT_APPLICABLE):
            continue
        found.append(
            Gap(
                id=requirement.id,
                section=catalogue.section_of(requirement.id).id,
                status=status.value if status else NOT_ASSESSED,
                obligation=requirement.obligation.value,
                text=requirement.text,
                verified=requirement.verified,
            )
        )
    return sorted(
        found,
        key=lambda g: (
            g.obligation != Obligation.MUST,
            _GAP_STATUS_ORDER[g.status],
            catalogue.order(g.id),
        ),
    )


def _tally(requirements: Iterable[Requirement], assessment: Assessment,
           rules: Scoring) -> dict[str, Any]:
    """The fields of a Tally, as keyword arguments for a section or the whole."""
    counts = dict.fromkeys(
        ("requirements", "applicable", "assessed", "not_applicable", "not_assessed",
         "met", "partly_met", "not_met"), 0)
    earned = possible = 0.0
    for requirement in requirements:
        counts["requirements"] += 1
        status = assessment.status(requirement.id)
        if status is Status.NOT_APPLICABLE:
            counts["not_applicable"] += 1
            continue
        counts["applicable"] += 1
        weight = rules.weight.of(requirement.obligation)
        possible += weight
        if status is None:
            counts["not_assessed"] += 1
            continue
        counts["assessed"] += 1
        counts[status.value] += 1
        earned += weight * getattr(rules.credit, status.value)
    return {"earned": earned, "possible": possible, **counts}


def _number(value: float) -> str:
    return f"{value:g}" if value != int(value) else str(int(value))
