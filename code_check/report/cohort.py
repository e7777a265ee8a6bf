"""The cohort report: several councils side by side, for a pilot lead. Pure core.

Each council's latest assessment gives its readiness by section (a table and a heat-map whose
cells print their values); its previous assessment, when there is one, gives the progress.
Scores come from ``score`` and changes from ``compare``, as everywhere else.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from pydantic import BaseModel, ConfigDict

from code_check import __version__
from code_check.assessment.model import Assessment
from code_check.assessment.progress import ChangeKind, compare
from code_check.assessment.scoring import score
from code_check.catalogue.model import Catalogue
from code_check.report.model import long_date
from code_check.wording import percent

# Heat-map shades step every 25 points; level 0 is "no score".
HEAT_LEVELS = ((75.0, 4), (50.0, 3), (25.0, 2), (0.0, 1))
HEAT_LEGEND = (
    (4, "75% or more"), (3, "50% to under 75%"), (2, "25% to under 50%"), (1, "under 25%"),
    (0, "no score (nothing applicable)"),
)


@dataclass(frozen=True)
class CohortEntry:
    """One council's latest assessment and, when held, the one before it."""

    catalogue: Catalogue
    latest: Assessment
    previous: Assessment | None = None
    previous_catalogue: Catalogue | None = None


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class HeatCell(_Part):
    section: str
    score: float | None
    score_text: str
    level: int


class CohortCouncil(_Part):
    council: str
    authority_type: str
    catalogue_id: str
    assessed_on_text: str
    score: float | None
    score_text: str
    band: str
    points: str
    coverage_text: str
    gaps: int
    cells: list[HeatCell]
    previous_assessed_on_text: str | None
    previous_score_text: str | None
    score_change: float | None
    progress: str
    improved: int
    regressed: int


class CohortSection(_Part):
    id: str
    title: str


class Cohort(_Part):
    generated_at: datetime
    generated_at_text: str
    code_check_version: str
    sections: list[CohortSection]
    councils: list[CohortCouncil]
    legend: list[tuple[int, str]]

    @property
    def scope(self) -> str:
        """e.g. '3 councils, each at its latest assessment.'"""
        count = len(self.councils)
        return f"{count} council{'' if count == 1 else 's'}, each at its latest assessment."


def build_cohort(entries: list[CohortEntry], *, generated_at: datetime) -> Cohort:
    """Councils in name order; section columns in Code order across their catalogues."""
    sections: dict[str, str] = {}
    for entry in entries:
        for section in entry.catalogue.sections:
            sections.setdefault(section.id, section.title)
    columns = sorted(sections, key=int)
    councils = [_council(entry, columns)
                for entry in sorted(entries, key=lambda e: e.latest.council.name.casefold())]
    return Cohort(
        generated_at=generated_at,
        generated_at_text=f"{long_date(generated_at.date())} at {generated_at:%H:%M %Z}".strip(),
        code_check_version=__version__,
        sections=[CohortSection(id=i, title=sections[i]) for i in columns],
        councils=councils, legend=list(HEAT_LEGEND),
    )


def heat_level(value: float | None) -> int:
    if value is None:
        return 0
    return next(level for floor, level in HEAT_LEVELS if value >= floor)


def _council(entry: CohortEntry, columns: list[str]) -> CohortCouncil:
    result = score(entry.catalogue, entry.latest)
    by_id = {s.id: s for s in result.sections}
    cells = []
    for section_id in columns:
        found = by_id.get(section_id)
        value = found.score if found else None
        cells.append(HeatCell(section=section_id, score=value,
                              score_text=percent(value) if found else "not in catalogue",
                              level=heat_level(value)))
    overall = result.overall
    previous_on = previous_score = change = None
    improved = regressed = 0
    progress = "no previous assessment"
    if entry.previous is not None:
        comparison = compare(entry.previous_catalogue or entry.catalogue, entry.previous,
                             entry.catalogue, entry.latest)
        previous_on = long_date(entry.previous.assessed_on)
        previous_score = percent(comparison.old.score)
        change = comparison.score_change
        improved = len(comparison.of_kind(ChangeKind.IMPROVED))
        regressed = len(comparison.of_kind(ChangeKind.REGRESSED))
        progress = _progress_words(change)
    return CohortCouncil(
        council=entry.latest.council.name,
        authority_type=entry.latest.council.authority_type.label,
        catalogue_id=entry.catalogue.id,
        assessed_on_text=long_date(entry.latest.assessed_on),
        score=overall.score, score_text=percent(overall.score), band=overall.band,
        points=overall.points(), coverage_text=percent(overall.coverage),
        gaps=len(result.gaps), cells=cells,
        previous_assessed_on_text=previous_on, previous_score_text=previous_score,
        score_change=change, progress=progress, improved=improved, regressed=regressed,
    )


def _progress_words(change: float | None) -> str:
    if change is None:
        return "no score to compare"
    if round(change, 1) == 0:
        return "no change"
    return f"{'▲ up' if change > 0 else '▼ down'} {abs(change):.1f} points"
