"""The full self-assessment as CSV, one row per provision (gaps carry their rank).

For spreadsheets and scripts. Every cell goes through ``neutralise``, so text a user typed
can never run as a formula.
"""

from __future__ import annotations

import csv
import io

from code_check.report.inert import neutralise
from code_check.report.model import Report

COLUMNS = (
    "provision", "provisional_id", "section", "section_title", "obligation", "status",
    "gap_rank", "requirement", "evidence", "commentary", "action", "owner", "due",
    "action_state",
)


def render_csv(report: Report) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in report.appendix:
        action = row.action
        writer.writerow(neutralise(cell) for cell in (
            row.id, "yes" if row.provisional else "no", row.section, row.section_title,
            row.obligation, row.status_label, row.gap_rank if row.gap_rank else "",
            row.text, "; ".join(row.evidence), row.commentary or "",
            action.description if action else "", action.owner if action else "",
            action.due.isoformat() if action and action.due else "",
            action.state if action else "",
        ))
    return out.getvalue()
