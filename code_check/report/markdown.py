"""The report as Markdown: for intranets, wikis and pull requests. Layout only."""

from __future__ import annotations

from collections.abc import Sequence

from code_check.report.inert import markdown_text as md
from code_check.report.model import ActionItem, Report
from code_check.report.paper import CommitteePaper


def render_markdown(report: Report) -> str:
    parts = [
        _title(report), paper_opening(report.paper), _summary(report), _gaps(report),
        _sections(report), _complaint_log(report), _lint(report), paper_closing(report.paper),
        _actions(report), _statistics(report), _appendix(report),
    ]
    return "\n\n".join(p for p in parts if p) + "\n"


def table(headers: list[str], rows: Sequence[Sequence[object]]) -> str:
    """A table; a cell given as a list of lines shows them one under another (``<br>``)."""
    lines = ["| " + " | ".join(md(h) for h in headers) + " |",
             "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(_cell(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def _cell(cell: object) -> str:
    return "<br>".join(md(line) for line in cell) if isinstance(cell, list) else md(cell)


def provision(id: str, provisional: bool) -> str:
    return f"{id} (provisional)" if provisional else id


def _title(report: Report) -> str:
    t = report.title
    return "\n".join([
        f"# {md(report.paper.title)}",
        "",
        table(["", ""], [
            *[[d.label.capitalize(), d.text] for d in report.paper.front_sheet],
            ["Council", f"{t.council} ({t.authority_type})"],
            ["Assessed on", t.assessed_on_text],
            ["Assessor", t.assessor or "Not recorded"],
            ["Assessed against", f"{t.catalogue_title}, {t.catalogue_publisher}, version "
                                 f"{t.catalogue_version} ({t.catalogue_id})"],
            ["Position as at", t.as_of_text],
            ["Produced by", f"code-check {t.code_check_version} on {t.generated_at_text}"],
        ]),
    ])


def paper_opening(paper: CommitteePaper) -> str:
    return "\n".join([
        "## Purpose", "", md(paper.purpose), "",
        "## Recommendations", "", "The committee is recommended to:", "",
        *[f"{number}. {md(line)}" for number, line in enumerate(paper.recommendations, 1)], "",
        "## Background", "", *[f"{md(line)}\n" for line in paper.background],
    ]).rstrip()


def paper_closing(paper: CommitteePaper) -> str:
    return "\n".join([
        "## Implications", "",
        f"- **Legal:** {md(paper.legal)}",
        f"- **Equality:** {md(paper.equality)}",
        f"- **Risk:** {md(paper.risk)}",
        f"- **Financial:** {md(paper.financial.text)}", "",
        "## Background papers", "", *[f"- {md(line)}" for line in paper.background_papers], "",
        "## Appendices", "", *[f"- {md(line)}" for line in paper.appendices],
    ])


def _summary(report: Report) -> str:
    s = report.summary
    lines = [
        "## Key findings", "",
        *[f"{md(line)}\n" for line in s.as_at],
        f"- **Readiness:** {md(s.score_text)}, {md(s.band)} ({md(s.points)})",
        f"- **What the band means:** {md(s.band_meaning or 'not described')}",
        f"- **Coverage:** {md(s.coverage_text)} ({md(s.answered)})",
        f"- **Gaps:** {md(s.gap_words)}",
        f"- **Overdue actions:** {md(s.overdue_words)}",
        *[f"  - {_action_line(a, with_provision=True)}" for a in s.overdue_actions],
    ]
    if s.contradictions:
        lines.append(f"- **Answers the complaint log contradicts:** {len(s.contradictions)}")
        lines += [f"  - {md(c.requirement_id or '')}: {md(c.message)}" for c in s.contradictions]
    if s.statistics_headline:
        lines.append("- **The Ombudsman's statistics:**")
        lines += [f"  - {md(line)}" for line in s.statistics_headline]
    if s.musts_blocking:
        lines.append("- **Legal duties (must) blocking “Ready”:** "
                     + md(", ".join(s.musts_blocking)))
    if s.change:
        c = s.change
        lines.append(f"- **Change since the previous assessment:** {md(c.in_words)}")
        lines.append(f"  - Improved: {md(', '.join(c.improved) or 'none')}")
        lines.append(f"  - Regressed: {md(', '.join(c.regressed) or 'none')}")
        lines.append(f"  - Newly assessed: {md(', '.join(c.newly_assessed) or 'none')}")
    lines += ["", table(["Gaps by severity", "Number"],
                        [[g.label, g.count] for g in s.gaps_by_severity])]
    return "\n".join(lines)


def _gaps(report: Report) -> str:
    if not report.gaps:
        return "## Gaps, worst first\n\nNo gaps: every applicable provision is met."
    blocks = [f"## Gaps, worst first ({len(report.gaps)})"]
    for gap in report.gaps:
        lines = [
            f"### {gap.rank}. {md(provision(gap.id, gap.provisional))} "
            f"{md(gap.short_title)}: {md(gap.status_label)} ({md(gap.obligation_label)})",
            "",
            f"Section {md(gap.section)}, {md(gap.section_title)}. {md(gap.text)}",
            "",
            "- **Evidence:** " + (md("; ".join(gap.evidence)) if gap.evidence else "none recorded"),
            "- **Commentary:** " + (md(gap.commentary) if gap.commentary else "none"),
            "- **Action:** " + (_action_line(gap.action) if gap.action else "none recorded"),
        ]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def _action_line(action: ActionItem, *, with_provision: bool = False) -> str:
    lead = f"{md(provision(action.requirement_id, action.provisional))}: " \
        if with_provision else ""
    return (f"{lead}{md(action.description)} (owner: {md(action.owner)}; due: "
            f"{md(action.due_text)}; {md(action.state)})")


def _actions(report: Report) -> str:
    if not report.actions:
        return "## Action plan\n\nNo actions recorded."
    return "## Action plan\n\n" + table(
        ["Provision", "Action", "Owner", "Due", "State"],
        [[provision(a.requirement_id, a.provisional), a.with_progress, a.owner, a.due_text,
          a.state] for a in report.actions])


def _sections(report: Report) -> str:
    return "## Readiness by section\n\n" + table(
        ["Section", "Title", "Readiness", "Weighted points", "Answered"],
        [[s.id, s.title, s.score_text, s.weighted_points, s.answered] for s in report.sections])


def _complaint_log(report: Report) -> str:
    log = report.complaint_log
    if log is None:
        return ""
    lines = [
        "## Complaint handling performance", "",
        f"From the council's complaint log: {log.cases} complaints received "
        f"{md(log.period_text)}, measured as at {md(log.as_of_text)}.", "",
        table(["Step", "Code limit", "Measured", "On time", "Late", "On time (%)"],
              [[s.label, s.limit_text, s.measured, s.on_time, s.late, s.on_time_text]
               for s in log.stages]),
    ]
    if log.trend:
        lines += ["", "### Month by month", "",
                  table(["Month", "Complaints", "Stage 1 responses on time",
                         "Stage 2 responses on time"],
                        [[m.month_text, m.cases, m.stage1_response_text,
                          m.stage2_response_text] for m in log.trend])]
    if log.notes:
        lines += ["", *[f"- {md(note)}" for note in log.notes]]
    return "\n".join(lines)


def _statistics(report: Report) -> str:
    stats = report.statistics
    if stats is None:
        return ""
    lines = [
        "## The Ombudsman's statistics", "",
        f"{md(stats.council)}, {md(stats.latest_year)}, beside the average for similar "
        "authorities.", "",
        table(["Figure", "Council", "Average", "Compared", "Rests on"],
              [[f.figure, f.value_text, f.average_text, f"{f.mark} {f.comparison}", f.rests_on]
               for f in stats.headline]),
        "", f"### {md(stats.latest_year)} in detail", "",
        table(["Complaints and enquiries", "Number"],
              [[c.label, c.count_text] for c in stats.breakdown]),
        "", "### Year by year", "",
        table(stats.year_headings, stats.years),
    ]
    if stats.notes:
        lines += ["", "### Read these figures with care", "",
                  *[f"- {md(note)}" for note in stats.notes]]
    if stats.warnings:
        lines += ["", "### Figures that do not add up", "",
                  *[f"- {md(w)}" for w in stats.warnings]]
    return "\n".join(lines)


def _lint(report: Report) -> str:
    if not report.lint:
        return "## Checks on the answers\n\nNo findings: the answers are consistent."
    return "## Checks on the answers\n\n" + table(
        ["Severity", "Provision", "Finding"],
        [[f.severity.capitalize(), f.requirement_id or "Whole assessment", f.message]
         for f in report.lint])


def _appendix(report: Report) -> str:
    return "\n\n".join([
        "## Appendix: the full self-assessment",
        md(report.provisional_note),
        table(["Provision", "Must/should", "Requirement", "Status", "Evidence", "Commentary",
               "Action"],
              [[provision(r.id, r.provisional), r.obligation_label, r.text,
                f"{r.status_mark} {r.status_label}", "; ".join(r.evidence) or "–",
                r.commentary or "–", _action_text(r.action)] for r in report.appendix]),
    ])


def _action_text(action: ActionItem | None) -> str:
    if action is None:
        return "–"
    return f"{action.description} (owner: {action.owner}; due: {action.due_text}; {action.state})"
