"""The year-by-year table of a council's figures, as the command line, the terminal app and
the reports all show it: counts, then each rate beside its average in words."""

from __future__ import annotations

from code_check.statistics.against_averages import AverageComparison, against_averages
from code_check.statistics.model import OmbudsmanStats

YEAR_TABLE_HEADINGS = (
    "Year", "Investigated", "Upheld", "Upheld %", "Upheld per 100,000", "Compliance %",
    "Satisfactory remedy %",
)


def year_cells(stats: OmbudsmanStats) -> list[str]:
    """One year's row: counts, then each rate with its average and above/below in words."""
    upheld, per_100k, compliance, remedy = against_averages(stats)
    return [
        stats.year,
        _count_text(stats.investigated),
        _count_text(stats.upheld),
        _beside_average(upheld),
        _beside_average(per_100k),
        _beside_average(compliance),
        _beside_average(remedy),
    ]


def _count_text(value: int | None) -> str:
    return "–" if value is None else f"{value:,}"


def _beside_average(comparison: AverageComparison) -> str:
    if comparison.value is None:
        return "n/a" if comparison.not_applicable else "–"
    shown = comparison.show(comparison.value).removesuffix(" per 100,000")
    direction = comparison.direction  # None exactly when there is no average
    if comparison.average is None or direction is None:
        return shown
    average = comparison.show(comparison.average).removesuffix(" per 100,000")
    word = {"above": "above", "below": "below", "same": "same as"}[direction]
    return f"{shown} ({word} {average})"
