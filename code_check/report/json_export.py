"""The report model as JSON, for scripts and other tools: every field, nothing recomputed."""

from __future__ import annotations

from code_check.report.inert import inert_json
from code_check.report.model import Report


def render_json(report: Report) -> str:
    return inert_json(report.model_dump(mode="json"), indent=2) + "\n"
