"""A council's key figures beside the published averages for similar authorities.

Pure core. Each figure says which way it differs, by how much in words, and when it rests on
too few cases to mean much.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from code_check.statistics.model import OmbudsmanStats, rounded

# Fewer cases than this and one case more or less moves a percentage a long way.
SMALL_NUMBERS = 10


@dataclass(frozen=True)
class AverageComparison:
    """One figure beside the average for similar authorities."""

    figure: str             # "Complaints upheld"
    value: float | None
    average: float | None
    unit: str               # "%" or " per 100,000"
    rests_on: int | None    # the cases the figure is worked out from
    rests_on_label: str     # "investigations"
    not_applicable: str | None = None   # why there is no figure, in words

    @property
    def difference(self) -> float | None:
        if self.value is None or self.average is None:
            return None
        return self.value - self.average

    @property
    def direction(self) -> str | None:
        """``above``, ``below`` or ``same``, judged at the precision the figure is shown."""
        difference = self.difference
        if difference is None:
            return None
        if rounded(abs(difference), self.decimals) in ("0", "0.0"):
            return "same"
        return "above" if difference > 0 else "below"

    @property
    def decimals(self) -> int:
        return 0 if self.unit == "%" else 1

    def show(self, value: float | None) -> str:
        if value is None:
            return "not published"
        return f"{rounded(value, self.decimals)}{self.unit}"

    @property
    def shown_value(self) -> str:
        if self.value is None and self.not_applicable:
            return "not applicable"
        return self.show(self.value)

    @property
    def in_words(self) -> str:
        """"7 points above the average (80%)" or why there is no comparison."""
        if self.value is None:
            return self.not_applicable or "no figure to compare"
        difference = self.difference  # None exactly when there is no average
        if difference is None:
            return "no published average"
        gap = abs(difference)
        if self.direction == "same":
            return f"the same as the average ({self.show(self.average)})"
        amount = rounded(gap, self.decimals)
        if self.unit == "%":
            amount += " percentage point" if amount == "1" else " percentage points"
        return f"{amount} {self.direction} the average ({self.show(self.average)})"

    @property
    def mark(self) -> str:
        """A symbol beside the words, so the direction never relies on colour alone."""
        return {"above": "▲", "below": "▼", "same": "="}.get(self.direction or "", "–")

    @property
    def small_numbers(self) -> str | None:
        if self.value is None or self.rests_on is None or self.rests_on >= SMALL_NUMBERS:
            return None
        if self.unit != "%" or self.rests_on == 0:
            return None
        step = rounded(100 / self.rests_on, 0)
        return (f"{self.figure} rests on only {self.rests_on} {self.rests_on_label}: one case "
                f"more or less moves it by about {step} percentage points.")

    @property
    def rests_on_text(self) -> str:
        return "–" if self.rests_on is None else f"{self.rests_on} {self.rests_on_label}"


def against_averages(stats: OmbudsmanStats) -> list[AverageComparison]:
    """The four key figures, each beside the published average for the council's type."""
    return [
        AverageComparison("Complaints upheld", stats.upheld_pct, stats.average_upheld_pct, "%",
                          stats.investigated, "investigations",
                          "not applicable: nothing was investigated"
                          if stats.investigated == 0 else None),
        AverageComparison("Upheld per 100,000 residents", stats.upheld_per_100k_value,
                          stats.average_upheld_per_100k, " per 100,000", stats.upheld, "upheld"),
        AverageComparison("Compliance with recommendations", stats.compliance_pct_value,
                          stats.average_compliance_pct, "%", stats.compliance_outcomes,
                          "compliance outcomes",
                          "not applicable: no recommendations were due"
                          if stats.compliance_outcomes == 0 else None),
        AverageComparison("Satisfactory remedy by the council", stats.satisfactory_remedy_pct,
                          stats.average_satisfactory_remedy_pct, "%", stats.upheld, "upheld cases",
                          "not applicable: no complaints were upheld"
                          if stats.upheld == 0 else None),
    ]


def against_averages_json(stats: OmbudsmanStats) -> list[dict[str, Any]]:
    return [
        {"figure": c.figure, "value": c.value, "average": c.average,
         "difference": c.difference, "direction": c.direction, "in_words": c.in_words,
         "rests_on": c.rests_on, "small_numbers": c.small_numbers}
        for c in against_averages(stats)
    ]
