"""A council's figures year by year, with the caveats that must be shown beside a trend.

Pure core: the Ombudsman's 2022-23 process change and 2020-21's Covid gap travel with any
trend that reaches back to them.
"""

from __future__ import annotations

from dataclasses import dataclass

from code_check.statistics.against_averages import against_averages
from code_check.statistics.model import OmbudsmanStats

PROCESS_CHANGE_CAVEAT = (
    "In 2022-23 the Ombudsman changed how it decides which complaints to investigate, which "
    "pushed uphold rates up everywhere: compare a year from 2022-23 on with the average for "
    "similar authorities, not with this council's earlier years."
)
COVID_CAVEAT = (
    "In 2020-21 the Ombudsman stopped taking new complaints for three months (Covid-19), so "
    "that year's numbers are low."
)


@dataclass(frozen=True)
class Trend:
    """A council's years in order, with the caveats that must be shown beside them."""

    council: str
    years: list[OmbudsmanStats]

    @property
    def caveats(self) -> list[str]:
        return trend_caveats([s.year for s in self.years])

    @property
    def notes(self) -> list[str]:
        """Everything a reader needs beside the figures: the latest year's small numbers, how
        each per-100,000 figure was worked out, and the caveats of the trend."""
        latest = self.years[-1]
        notes = [c.small_numbers for c in against_averages(latest) if c.small_numbers]
        by_population: dict[int, list[str]] = {}
        for stats in self.years:
            if stats.computed_upheld_per_100k is not None and stats.population is not None:
                by_population.setdefault(stats.population, []).append(stats.year)
        notes += [per_100k_basis(years, population)
                  for population, years in by_population.items()]
        return notes + self.caveats


def per_100k_basis(years: list[str], population: int) -> str:
    """Which population a worked-out per-100,000 figure rests on, as the reference asks."""
    return (f"Upheld per 100,000 residents for {', '.join(years)} is worked out from a "
            f"population of {population:,}; the Ombudsman's own figure may differ by about 0.1.")


def trend_caveats(years: list[str]) -> list[str]:
    """The 2022-23 process change wherever a trend reaches back to it, and 2020-21's Covid gap."""
    caveats = []
    if any(year <= "2022-23" for year in years):
        caveats.append(PROCESS_CHANGE_CAVEAT)
    if "2020-21" in years:
        caveats.append(COVID_CAVEAT)
    return caveats


def trends(rows: list[OmbudsmanStats]) -> list[Trend]:
    """One trend per council, councils in name order, years oldest first."""
    by_council: dict[str, list[OmbudsmanStats]] = {}
    for row in rows:
        by_council.setdefault(row.council.casefold(), []).append(row)
    return [
        Trend(years[0].council, sorted(years, key=lambda s: s.year))
        for _, years in sorted(by_council.items())
    ]
