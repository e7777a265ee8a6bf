"""The report as one self-contained, accessible HTML page (WCAG 2.2 AA). Layout only.

Inline CSS and SVG, no scripts and no external requests, so the file can be emailed, put on
the council's website or printed. Every user or catalogue string goes through ``e`` (escape).
Status is always shown in words with a symbol; colour only repeats it.
"""

from __future__ import annotations

from collections.abc import Set
from string import Template

from code_check.report.charts import Bar, svg_bar_chart
from code_check.report.inert import html_text as e
from code_check.report.model import ActionItem, ComplaintLogSection, Report, StatisticsSection
from code_check.report.paper import CommitteePaper

CSS = """
:root { --ink: #1a1a1a; --muted: #4a4f57; --rule: #c9ced6; --accent: #1d4f91; --band: #eef2f7; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 Arial, "Helvetica Neue", Helvetica, sans-serif; color: var(--ink);
       background: #fff; }
header, nav, main, footer { max-width: 62rem; margin: 0 auto; padding: 1rem 1.5rem; }
header { border-bottom: 4px solid var(--accent); }
h1 { font-size: 2rem; line-height: 1.2; margin: 0.5rem 0; }
h2 { font-size: 1.5rem; margin: 2rem 0 0.75rem; padding-top: 0.5rem;
     border-top: 1px solid var(--rule); }
h3 { font-size: 1.2rem; margin: 1.5rem 0 0.5rem; }
a { color: var(--accent); }
.subtitle { font-size: 1.25rem; margin: 0; }
dl.meta { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 0.25rem 1rem; }
dl.meta dt { font-weight: bold; }
dl.meta dd { margin: 0; }
nav ol { columns: 2; padding-left: 1.5rem; }
.headline { display: grid; grid-template-columns: repeat(auto-fit, minmax(13rem, 1fr)); gap: 1rem; }
.headline div { background: var(--band); border-left: 6px solid var(--accent);
                padding: 0.75rem 1rem; }
.headline strong { display: block; font-size: 1.6rem; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1.5rem; font-size: 0.95rem; }
.table-scroll { overflow-x: auto; max-width: 100%; }
.table-scroll:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
p, li, dd, caption, a { overflow-wrap: anywhere; }
/* Cells wrap only a word too long for any width: whole words set a column's least width, and a
   table wider than a small screen scrolls in its own box (.table-scroll), so "Provision" never
   breaks as "Provi-sion". */
td, th, td *, th * { overflow-wrap: break-word; }
td a, th a { overflow-wrap: anywhere; }
caption { text-align: left; font-weight: bold; padding: 0.25rem 0; }
th, td { border: 1px solid var(--rule); padding: 0.35rem 0.5rem; text-align: left;
         vertical-align: top; }
thead th { background: var(--band); }
td.number, th.number { text-align: right; white-space: nowrap; }
.status { display: inline-block; padding: 0 0.4rem; border-radius: 3px; font-weight: bold;
          white-space: nowrap; border: 1px solid currentColor; }
.status-met { background: #e6f4ea; color: #14532d; }
.status-partly_met { background: #fff4d6; color: #5c3d00; }
.status-not_met { background: #fde8e7; color: #8a1616; }
.status-not_applicable, .status-not_assessed { background: #f1f2f4; color: #3b3f46; }
.overdue { color: #8a1616; font-weight: bold; }
.provisional { font-style: italic; color: var(--muted); font-weight: normal; }
.gap { border-left: 4px solid var(--rule); padding-left: 1rem; margin-bottom: 1.25rem; }
.gap dl { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 0.2rem 1rem; }
.gap dt { font-weight: bold; }
.gap dd { margin: 0; }
figure { margin: 1rem 0; }
figcaption { color: var(--muted); font-size: 0.95rem; }
svg.chart { width: 100%; height: auto; max-width: 60rem; }
svg.chart text { font: 13px Arial, Helvetica, sans-serif; fill: #1a1a1a; }
.note { color: var(--muted); }
ul.cell-list { margin: 0; padding-left: 1.1rem; }
ul.cell-list li { margin-bottom: 0.3rem; }
td p.progress { margin: 0.4rem 0 0.2rem; font-weight: bold; }
table.form th:nth-child(1) { width: 17%; }
table.form th:nth-child(2) { width: 27%; }
table.form th:nth-child(3) { width: 10%; }
table.form th:nth-child(4), table.form th:nth-child(5) { width: 23%; }
ul.caveats li { margin-bottom: 0.4rem; }
footer { color: var(--muted); font-size: 0.9rem; border-top: 1px solid var(--rule); }
@media print {
  @page { size: A4; margin: 18mm 15mm; }
  body { font-size: 10.5pt; }
  header, nav, main, footer { max-width: none; padding: 0; }
  nav { display: none; }
  h2 { break-before: page; border-top: none; }
  #summary h2 { break-before: auto; }
  h2, h3 { break-after: avoid; }
  tr, .gap, figure { break-inside: avoid; }
  thead { display: table-header-group; }
  .headline div, .status, svg.chart rect { print-color-adjust: exact;
                                           -webkit-print-color-adjust: exact; }
  a { color: inherit; text-decoration: none; }
}
"""

PAGE = Template("""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="code-check $version">
<title>$title</title>
<style>$css</style>
</head>
<body>
<header>
$header
</header>
$nav
<main>
$main
</main>
<footer>
$footer
</footer>
</body>
</html>
""")


def render_html(report: Report) -> str:
    paper = report.paper
    sections = [
        ("purpose", "Purpose", f"<p>{e(paper.purpose)}</p>"),
        ("recommendations", "Recommendations", recommendations(paper)),
        ("background", "Background", "".join(f"<p>{e(line)}</p>" for line in paper.background)),
        ("summary", "Key findings", _summary(report)),
        ("gaps", "Gaps, worst first", _gaps(report)),
        ("readiness", "Readiness by section", _sections(report)),
    ]
    if report.complaint_log:
        sections.append(("complaint-log", "Complaint handling performance",
                         _complaint_log(report.complaint_log)))
    sections += [
        ("checks", "Checks on the answers", _lint(report)),
        ("implications", "Implications", implications(paper)),
        ("background-papers", "Background papers", bullets(paper.background_papers)),
        ("appendices", "Appendices", bullets(paper.appendices)),
        ("actions", "Action plan", _actions(report)),
    ]
    if report.statistics:
        sections.append(("statistics", "The Ombudsman's statistics",
                         _statistics(report.statistics)))
    sections.append(("appendix", "Appendix: the full self-assessment", _appendix(report)))
    t = report.title
    return page(
        title=paper.title,
        header=_header(report),
        nav=contents([(anchor, heading) for anchor, heading, _ in sections]),
        main="\n".join(section(anchor, heading, body) for anchor, heading, body in sections),
        footer=f"<p>Produced by code-check {e(t.code_check_version)} on "
        f"{e(t.generated_at_text)} from the {e(t.catalogue_id)} catalogue.</p>",
        version=t.code_check_version,
    )


# building blocks (shared with the template and cohort pages) -----------------------------

def page(*, title: str, header: str, nav: str, main: str, footer: str, version: str) -> str:
    return PAGE.substitute(title=e(title), css=CSS, header=header, nav=nav, main=main,
                           footer=footer, version=e(version))


def contents(entries: list[tuple[str, str]]) -> str:
    items = "".join(f'<li><a href="#{anchor}">{e(heading)}</a></li>' for anchor, heading in entries)
    return f'<nav aria-label="Contents"><h2>Contents</h2><ol>{items}</ol></nav>'



def section(anchor: str, heading: str, body: str) -> str:
    return f'<section id="{anchor}" aria-labelledby="{anchor}-h">\n' \
           f'<h2 id="{anchor}-h">{e(heading)}</h2>\n{body}\n</section>'


def table(caption: str, headers: list[str], rows: list[list[str]], *,
          numeric: Set[int] = frozenset(), row_headers: bool = True,
          css_class: str | None = None) -> str:
    """A table whose cells are already escaped HTML; the first cell of a row is its header."""
    head = "".join(
        f'<th scope="col"{_num(i, numeric)}>{e(h)}</th>' for i, h in enumerate(headers))
    body = []
    for row in rows:
        cells = []
        for index, cell in enumerate(row):
            if index == 0 and row_headers:
                cells.append(f'<th scope="row"{_num(index, numeric)}>{cell}</th>')
            else:
                cells.append(f"<td{_num(index, numeric)}>{cell}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    opening = f'<table class="{css_class}">' if css_class else "<table>"
    return scrolling(caption, f"{opening}<caption>{e(caption)}</caption><thead><tr>{head}</tr>"
                              f"</thead><tbody>{''.join(body)}</tbody></table>")


def scrolling(caption: str, table_html: str) -> str:
    """A table in a box of its own that scrolls sideways on a narrow screen, so the page
    never does; keyboard users can focus the box to scroll it."""
    return (f'<div class="table-scroll" role="region" aria-label="{e(caption)}" tabindex="0">'
            f"{table_html}</div>")


def status(mark: str, label: str, key: str) -> str:
    return f'<span class="status status-{e(key)}">{e(mark)} {e(label)}</span>'


def provision(id: str, provisional: bool) -> str:
    note = ' <span class="provisional">(provisional id)</span>' if provisional else ""
    return f"{e(id)}{note}"


def _num(index: int, numeric: Set[int]) -> str:
    return ' class="number"' if index in numeric else ""


# parts --------------------------------------------------------------------------------------

def _header(report: Report) -> str:
    t = report.title
    rows = [
        ("Council", f"{t.council} ({t.authority_type})"),
        ("Assessed on", t.assessed_on_text),
        ("Assessor", t.assessor or "Not recorded"),
        ("Assessed against", f"{t.catalogue_title}, {t.catalogue_publisher}, version "
                             f"{t.catalogue_version} (catalogue {t.catalogue_id})"),
        ("Position as at", t.as_of_text),
        ("Produced by", f"code-check {t.code_check_version} on {t.generated_at_text}"),
    ]
    rows[:0] = [(d.label.capitalize(), d.text) for d in report.paper.front_sheet]
    meta = "".join(f"<dt>{e(k)}</dt><dd>{e(v)}</dd>" for k, v in rows)
    return (f'<p class="subtitle">Complaint Handling Code self-assessment</p>'
            f"<h1>{e(report.paper.title)}</h1><dl class=\"meta\">{meta}</dl>")


def recommendations(paper: CommitteePaper) -> str:
    items = "".join(f"<li>{e(line)}</li>" for line in paper.recommendations)
    return f"<p>The committee is recommended to:</p><ol>{items}</ol>"


def implications(paper: CommitteePaper) -> str:
    rows = [("Legal", paper.legal), ("Equality", paper.equality), ("Risk", paper.risk),
            ("Financial", paper.financial.text)]
    return "".join(f"<p><strong>{e(k)}:</strong> {e(v)}</p>" for k, v in rows)


def bullets(lines: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{e(line)}</li>" for line in lines) + "</ul>"


def _summary(report: Report) -> str:
    s = report.summary
    parts = [
        '<div class="headline">'
        f"<div>Readiness<strong>{e(s.score_text)}</strong>{e(s.points)}</div>"
        f"<div>Band<strong>{e(s.band)}</strong>{e(s.band_meaning)}</div>"
        f"<div>Coverage<strong>{e(s.coverage_text)}</strong>{e(s.answered)}</div>"
        f"<div>Gaps<strong>{s.gap_count}</strong>{e(s.gap_breakdown)}</div>"
        "</div>",
        *[f"<p><strong>{e(line)}</strong></p>" for line in s.as_at],
        f"<p><strong>Gaps:</strong> {e(s.gap_words)}.</p>",
        _overdue(s.overdue_actions, s.overdue_words),
    ]
    if s.contradictions:
        parts.append(table("Answers the complaint log contradicts",
                           ["Provision", "Finding"],
                           [[e(c.requirement_id or ""), e(c.message)]
                            for c in s.contradictions]))
    if s.statistics_headline:
        parts.append("<h3>The Ombudsman's statistics</h3><ul>"
                     + "".join(f"<li>{e(line)}</li>" for line in s.statistics_headline)
                     + "</ul>")
    if s.musts_blocking:
        parts.append("<p><strong>Legal duties (must) that keep the council from "
                     f"“Ready”:</strong> {e(', '.join(s.musts_blocking))}</p>")
    parts.append(table("Gaps by severity", ["Severity", "Number of gaps"],
                       [[e(g.label), str(g.count)] for g in s.gaps_by_severity], numeric={1}))
    if s.change:
        c = s.change
        parts.append(
            f"<h3>Change since the previous assessment</h3><p>{e(c.in_words)}.</p>"
            + table("Provisions whose status changed",
                    ["Change", "Number", "Provisions"],
                    [["Improved", str(len(c.improved)), e(", ".join(c.improved) or "none")],
                     ["Regressed", str(len(c.regressed)), e(", ".join(c.regressed) or "none")],
                     ["Newly assessed", str(len(c.newly_assessed)),
                      e(", ".join(c.newly_assessed) or "none")]],
                    numeric={1})
            + f"<p>{c.unchanged} provisions unchanged; {c.other_changes} other changes "
              "(no longer assessed, applicability or catalogue changes).</p>")
    return "\n".join(parts)


def _overdue(overdue: list[ActionItem], words: str) -> str:
    if not overdue:
        return f"<p>{e(words)}.</p>"
    return table(words, ["Provision", "Action", "Owner", "Due", "State"], _action_rows(overdue))


def _gaps(report: Report) -> str:
    if not report.gaps:
        return "<p>No gaps: every applicable provision is met.</p>"
    blocks = [f"<p>{e(report.summary.gap_words)}; legal duties (must) first, then the worst "
              "status, then in the Code's order.</p>"]
    for gap in report.gaps:
        evidence = ("<ul>" + "".join(f"<li>{e(x)}</li>" for x in gap.evidence) + "</ul>"
                    if gap.evidence else "None recorded")
        blocks.append(
            f'<div class="gap"><h3>{gap.rank}. {provision(gap.id, gap.provisional)} '
            f"{e(gap.short_title)}</h3><p>{status(gap.status_mark, gap.status_label, gap.status)} "
            f"{e(gap.obligation_label)}. Section {e(gap.section)}, {e(gap.section_title)}.</p>"
            f"<p>{e(gap.text)}</p><dl>"
            f"<dt>Evidence</dt><dd>{evidence}</dd>"
            f"<dt>Commentary</dt><dd>{e(gap.commentary) if gap.commentary else 'None'}</dd>"
            f"<dt>Action</dt><dd>{_action_text(gap.action)}</dd></dl></div>")
    return "\n".join(blocks)


def _action_text(action: ActionItem | None) -> str:
    if action is None:
        return "None recorded"
    return (f"{e(action.description)} (owner: {e(action.owner)}; due: {e(action.due_text)}; "
            f"{_state(action)})")


def _state(action: ActionItem) -> str:
    if action.overdue:
        return f'<span class="overdue">⚠ {e(action.state)}</span>'
    return e(action.state)


def _actions(report: Report) -> str:
    if not report.actions:
        return "<p>No actions recorded.</p>"
    return table(
        "Actions, overdue first, then by due date",
        ["Provision", "Action", "Owner", "Due", "State"], _action_rows(report.actions))


def _action_rows(actions: list[ActionItem]) -> list[list[str]]:
    return [[provision(a.requirement_id, a.provisional), _with_progress(a), e(a.owner),
             e(a.due_text), _state(a)] for a in actions]


def _with_progress(action: ActionItem) -> str:
    """The action, then its dated progress notes, oldest first, one to a line."""
    if not action.progress:
        return e(action.description)
    return (f'{e(action.description)}<p class="progress">Progress:</p><ul class="cell-list">'
            + "".join(f'<li><time datetime="{note.on.isoformat()}">{e(note.on_text)}</time>: '
                      f"{e(note.note)}</li>" for note in action.progress) + "</ul>")


def _sections(report: Report) -> str:
    chart = svg_bar_chart(
        "readiness-chart", "Readiness by section",
        "Bar chart of each section's readiness from 0 to 100%. The same figures are in the "
        "table below.",
        [Bar(f"{s.id}. {s.title}", s.score, s.score_text) for s in report.sections])
    return (f"<figure>{chart}<figcaption>Readiness by section, 0 to 100%. The table below "
            "gives the same figures.</figcaption></figure>"
            + table("Readiness by section: weighted points and answers",
                    ["Section", "Title", "Readiness", "Weighted points", "Answered", "Met",
                     "Partly met", "Not met", "Not assessed", "Not applicable"],
                    [[e(s.id), e(s.title), e(s.score_text), e(s.weighted_points), e(s.answered),
                      str(s.met), str(s.partly_met), str(s.not_met), str(s.not_assessed),
                      str(s.not_applicable)] for s in report.sections],
                    numeric={2, 5, 6, 7, 8, 9}))


def _complaint_log(log: ComplaintLogSection) -> str:
    chart = svg_bar_chart(
        "timeliness-chart", "Complaints handled on time, by step",
        "Bar chart of the share of complaints handled within the Code's time limit at each "
        "step. The same figures are in the table below.",
        [Bar(s.label, s.on_time_pct, s.on_time_text) for s in log.stages])
    parts = [
        f"<p>From the council's complaint log: {log.cases} complaints received "
        f"{e(log.period_text)}, measured as at {e(log.as_of_text)}.</p>",
        f"<figure>{chart}<figcaption>Share handled on time at each step. The table below "
        "gives the same figures.</figcaption></figure>",
        table("Timeliness against the Code's limits",
              ["Step", "Code limit", "Measured", "On time", "Late", "On time (%)"],
              [[e(s.label), e(s.limit_text), str(s.measured), str(s.on_time), str(s.late),
                e(s.on_time_text)] for s in log.stages], numeric={2, 3, 4, 5}),
    ]
    if log.trend:
        parts.append(table(
            "Responses on time, month by month (by month of receipt)",
            ["Month", "Complaints", "Stage 1 responses on time", "Stage 2 responses on time"],
            [[e(m.month_text), str(m.cases), e(m.stage1_response_text),
              e(m.stage2_response_text)] for m in log.trend], numeric={1, 2, 3}))
    if log.notes:
        parts.append('<ul class="caveats">' + "".join(f"<li>{e(n)}</li>" for n in log.notes)
                     + "</ul>")
    return "\n".join(parts)


def _statistics(stats: StatisticsSection) -> str:
    parts = [
        f"<p>{e(stats.council)}, {e(stats.latest_year)}, beside the published average for "
        "similar authorities.</p>",
        table(f"Headline figures, {stats.latest_year}",
              ["Figure", "Council", "Average for similar authorities", "Compared",
               "Rests on"],
              [[e(f.figure), e(f.value_text), e(f.average_text), e(f"{f.mark} {f.comparison}"),
                e(f.rests_on)] for f in stats.headline], numeric={1, 2}),
        table(f"Complaints and enquiries, {stats.latest_year}", ["Figure", "Number"],
              [[e(c.label), e(c.count_text)] for c in stats.breakdown], numeric={1}),
        "<h3>Year by year</h3>",
        table("The Ombudsman's figures for each year held, each rate beside the average "
              "for similar authorities where published", stats.year_headings,
              [[e(cell) for cell in year] for year in stats.years],
              numeric=set(range(1, len(stats.year_headings)))),
    ]
    if stats.notes:
        parts.append("<h3>Read these figures with care</h3><ul class=\"caveats\">"
                     + "".join(f"<li>{e(n)}</li>" for n in stats.notes) + "</ul>")
    if stats.warnings:
        parts.append("<h3>Figures that do not add up</h3><ul class=\"caveats\">"
                     + "".join(f"<li>{e(w)}</li>" for w in stats.warnings) + "</ul>")
    return "\n".join(parts)


def _lint(report: Report) -> str:
    if not report.lint:
        return "<p>No findings: the answers are consistent.</p>"
    return table("Findings, most serious first",
                 ["Severity", "Provision", "Finding"],
                 [[e(f.severity.capitalize()), e(f.requirement_id or "Whole assessment"),
                   e(f.message)] for f in report.lint])


def _appendix(report: Report) -> str:
    return (f'<p class="note">{e(report.provisional_note)}</p>'
            + table("Every provision of the Code with the council's answer",
                    ["Provision", "Must or should", "Requirement", "Status", "Evidence",
                     "Commentary", "Action"],
                    [[provision(r.id, r.provisional), e(r.obligation_label), e(r.text),
                      status(r.status_mark, r.status_label, r.status),
                      "<br>".join(e(x) for x in r.evidence) or "–",
                      e(r.commentary) if r.commentary else "–",
                      _action_text(r.action) if r.action else "–"] for r in report.appendix]))
