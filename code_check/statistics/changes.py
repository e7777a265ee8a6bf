"""What re-importing a year of figures would change, column by column (pure core)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from code_check.statistics.model import COLUMNS, OmbudsmanStats


@dataclass(frozen=True)
class FieldChange:
    column: str
    before: Any
    after: Any

    def describe(self) -> str:
        return f"{self.column}: {_blank(self.before)} -> {_blank(self.after)}"


def differences(before: OmbudsmanStats, after: OmbudsmanStats) -> list[FieldChange]:
    """What re-importing a year would change, column by column in file order."""
    old, new = before.model_dump(mode="json"), after.model_dump(mode="json")
    return [FieldChange(c, old[c], new[c]) for c in COLUMNS if old[c] != new[c]]


def _blank(value: Any) -> str:
    return "blank" if value is None else str(value)
