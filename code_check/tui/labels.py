"""Words and symbols for statuses and numbers, so nothing on screen depends on colour alone."""

from __future__ import annotations

from code_check.assessment.model import NOT_ASSESSED, STATUS_LABELS, Status

STATUS_SYMBOLS = {
    Status.MET: "✔",
    Status.PARTLY_MET: "◐",
    Status.NOT_MET: "✘",
    Status.NOT_APPLICABLE: "–",
    None: "·",
}


def status_of(value: Status | str | None) -> Status | None:
    """A status from the model or from a score's JSON-style string (``not_assessed``: None)."""
    if value is None or value == NOT_ASSESSED:
        return None
    return Status(value)


def status_text(value: Status | str | None) -> str:
    """Symbol and words, e.g. '✔ Met'."""
    status = status_of(value)
    return f"{STATUS_SYMBOLS[status]} {STATUS_LABELS[status]}"


def percent(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1f}%"


def bar(value: float | None, width: int = 20) -> str:
    """A text bar that reads without colour."""
    if value is None:
        return "░" * width
    filled = round(width * value / 100)
    return "█" * filled + "░" * (width - filled)
