"""The cohort report: several councils side by side, for a pilot lead. Pure core.

Each council's latest assessment gives its readiness by section (a table and a heat-map whose
cells print their values); its previous assessment, when there is one, gives the progress.
Scores come from ``score`` and changes from ``compare``, as everywhere else.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from pydantic import BaseModel, ConfigDict

from code_check import __version__
from code_check.assessment.model import Assessment
from code_check.assessment.progress import ChangeKind, compare
from code_check.assessment.scoring import score
from code_check.catalogue.model import Band, Catalogue
from code_check.dates import long_date
from code_check.wording import percent

# Heat-map shades follow the catalogue's readiness bands (90, 75, 50 and 0 in the bundled one),
# best first, so a cell's shade and the band names tell the same story; level 0 is "no score".
HEAT_SHADES = 4
NO_SCORE = (0, "no score (nothing applicable)")


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
    assessed_on: date
    assessed_on_text: str
    score: float | None
    score_text: str
    band: str
    points: str
    coverage: float | None
    coverage_text: str
    gaps: int
    cells: list[HeatCell]
    previous_assessed_on: date | None
    previous_assessed_on_text: str | None
    previous_score: float | None
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
    """Councils in name order; section columns in Code order across their catalogues; shades
    from the readiness bands of the first entry's catalogue."""
    sections: dict[str, str] = {}
    for entry in entries:
        for section in entry.catalogue.sections:
            sections.setdefault(section.id, section.title)
    columns = sorted(sections, key=int)
    bands = entries[0].catalogue.scoring.bands if entries else []
    councils = [_council(entry, columns, bands)
                for entry in sorted(entries, key=lambda e: e.latest.council.name.casefold())]
    return Cohort(
        generated_at=generated_at,
        generated_at_text=f"{long_date(generated_at.date())} at {generated_at:%H:%M %Z}".strip(),
        code_check_version=__version__,
        sections=[CohortSection(id=i, title=sections[i]) for i in columns],
        councils=councils, legend=heat_legend(bands),
    )


def heat_level(value: float | None, bands: list[Band]) -> int:
    """The shade of a score: HEAT_SHADES for the top band, one less for each band below
    (bands past the last shade share it); 0 when there is no score."""
    if value is None:
        return 0
    index = next(i for i, band in enumerate(bands) if value >= band.min)
    return max(HEAT_SHADES - index, 1)


def heat_legend(bands: list[Band]) -> list[tuple[int, str]]:
    """Each shade in words: "90% or more (Ready)", "75% to under 90% (Nearly ready)", ..."""
    legend: list[tuple[int, str]] = []
    for index, band in enumerate(bands[:HEAT_SHADES]):
        lowest = index == HEAT_SHADES - 1 or index == len(bands) - 1
        upper = None if index == 0 else bands[index - 1].min
        if lowest:
            words = "any score" if upper is None else f"under {upper:g}%"
        elif upper is None:
            words = f"{band.min:g}% or more"
        else:
            words = f"{band.min:g}% to under {upper:g}%"
        legend.append((HEAT_SHADES - index, f"{words} ({band.name})"))
    return [*legend, NO_SCORE]


def _council(entry: CohortEntry, columns: list[str], bands: list[Band]) -> CohortCouncil:
    result = score(entry.catalogue, entry.latest)
    by_id = {s.id: s for s in result.sections}
    cells = []
    for section_id in columns:
        found = by_id.get(section_id)
        value = found.score if found else None
        cells.append(HeatCell(section=section_id, score=value,
                              score_text=percent(value) if found else "not in catalogue",
                              level=heat_level(value, bands)))
    overall = result.overall
    previous_score = change = None
    previous = entry.previous
    improved = regressed = 0
    progress = "no previous assessment"
    if previous is not None:
        comparison = compare(entry.previous_catalogue or entry.catalogue, previous,
                             entry.catalogue, entry.latest)
        previous_score = comparison.old.score
        change = comparison.score_change
        improved = len(comparison.of_kind(ChangeKind.IMPROVED))
        regressed = len(comparison.of_kind(ChangeKind.REGRESSED))
        progress = _progress_words(change)
    return CohortCouncil(
        council=entry.latest.council.name,
        authority_type=entry.latest.council.authority_type.label,
        catalogue_id=entry.catalogue.id,
        assessed_on=entry.latest.assessed_on,
        assessed_on_text=long_date(entry.latest.assessed_on),
        score=overall.score, score_text=percent(overall.score), band=overall.band,
        points=overall.points(), coverage=overall.coverage,
        coverage_text=percent(overall.coverage),
        gaps=len(result.gaps), cells=cells,
        previous_assessed_on=previous.assessed_on if previous else None,
        previous_assessed_on_text=long_date(previous.assessed_on) if previous else None,
        previous_score=previous_score,
        previous_score_text=percent(previous_score) if previous else None,
        score_change=change, progress=progress, improved=improved, regressed=regressed,
    )


def _progress_words(change: float | None) -> str:
    if change is None:
        return "no score to compare"
    if round(change, 1) == 0:
        return "no change"
    return f"{'▲ up' if change > 0 else '▼ down'} {abs(change):.1f} points"
