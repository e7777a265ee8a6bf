"""Figures, statuses and complaint-log steps in words, said alike on every screen and report.

Pure core: no I/O and no UI library, so the terminal app, the command line and the reports
share one wording. Statuses always carry a symbol as well as a word, so nothing depends on
colour alone (the README lists the symbols).
"""

from __future__ import annotations

from code_check.assessment.model import NOT_ASSESSED, STATUS_LABELS, Status
from code_check.catalogue.model import Measure

STATUS_SYMBOLS: dict[Status | None, str] = {
    Status.MET: "✔",
    Status.PARTLY_MET: "◐",
    Status.NOT_MET: "✘",
    Status.NOT_APPLICABLE: "–",
    None: "·",
}
BAR_WIDTH = 10  # cells of a text bar in a command-line table
SHORT_TITLE_LENGTH = 48


def status_of(value: Status | str | None) -> Status | None:
    """A status from the model or from a score's JSON-style string (``not_assessed``: None)."""
    if value is None or value == NOT_ASSESSED:
        return None
    return Status(value)


def status_symbol(value: Status | str | None) -> str:
    return STATUS_SYMBOLS[status_of(value)]


def status_label(value: Status | str | None) -> str:
    return STATUS_LABELS[status_of(value)]


def status_text(value: Status | str | None) -> str:
    """Symbol and words, e.g. '✔ Met'."""
    return f"{status_symbol(value)} {status_label(value)}"


def percent(value: float | None, missing: str = "n/a") -> str:
    """One decimal, as in tables: '62.5%'; ``missing`` where there is no figure."""
    return missing if value is None else f"{value:.1f}%"


def percent_in_words(value: float) -> str:
    """62% or 94.6%: a decimal only where it matters, for a figure inside a sentence."""
    return f"{value:.0f}%" if value == round(value) else f"{value:.1f}%"


def bar(value: float | None, width: int = BAR_WIDTH, *, track_when_missing: bool = False) -> str:
    """A text bar that reads without colour. With no figure: nothing, or an empty track
    where a column of bars should keep its shape."""
    if value is None:
        return "░" * width if track_when_missing else ""
    filled = round(width * value / 100)
    return "█" * filled + "░" * (width - filled)


def step_label(step: Measure) -> str:
    """'Stage 1 acknowledgement'."""
    stage, name = step.value.split(".")
    return f"Stage {stage[-1]} {name}"


def step_plural(step: Measure) -> str:
    """'stage 1 acknowledgements', for a count in a sentence."""
    return f"{step_label(step).lower()}s"


def short_title(text: str) -> str:
    """A provision named in a few words: its first sentence, or its opening words cut at a
    word boundary with an ellipsis (the catalogue gives provisions no titles of their own)."""
    first = text.split(". ", 1)[0].rstrip(".")
    if len(first) <= SHORT_TITLE_LENGTH:
        return first
    cut = first[:SHORT_TITLE_LENGTH + 1].rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:") + "…"


def code_name(catalogue_id: str) -> str:
    """A Code as councils name it, from its catalogue's id alone ('lgsco-2024': 'LGSCO'), for
    lists that must not wait for the catalogues to load; an id without a year: as it is. A
    test keeps this equal to each bundled catalogue's ``initials``."""
    name, _, year = catalogue_id.rpartition("-")
    return name.upper() if name and year.isdigit() else catalogue_id
