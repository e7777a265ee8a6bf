"""The report model as JSON, for scripts and other tools: every field, nothing recomputed."""

from __future__ import annotations

import json

from code_check.report.model import Report


def render_json(report: Report) -> str:
    return json.dumps(report.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"
