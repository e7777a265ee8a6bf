"""The annual complaints report's sections (a) to (f) and 8.2 as format-neutral blocks:
paragraphs, lists, sub-headings and tables (with the chart that goes beside a table), so the
Word, HTML and Markdown renderers lay out the same content and none words a figure itself.
Pure: no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from code_check.report.annual_model import (
    AnnualReport,
    Basis,
    ComplaintsSection,
    DecisionRow,
    DecisionsSection,
    LearningSection,
    LogYear,
    OmbudsmanPart,
    OmbudsmanSection,
    ResponseSection,
    SelfAssessmentSection,
    ShareRow,
)
from code_check.report.charts import Bar


@dataclass(frozen=True)
class Para:
    text: str
    lead: str | None = None  # a few words in bold before the text


@dataclass(frozen=True)
class Bullets:
    lines: list[str]


@dataclass(frozen=True)
class Subheading:
    text: str


@dataclass(frozen=True)
class Chart:
    """A bar chart of a table's figures (0 to 100 each), with a description for screen
    readers that gives the same figures."""

    title: str
    description: str
    bars: list[Bar]


@dataclass(frozen=True)
class Grid:
    caption: str
    headers: list[str]
    rows: list[list[str]]
    chart: Chart | None = None  # shown beside the table where the page allows
    widths: list[float] | None = None  # Word's column widths in cm (None: even)


Block = Para | Bullets | Subheading | Grid


@dataclass(frozen=True)
class Section:
    anchor: str
    heading: str
    blocks: list[Block] = field(default_factory=list)


def annual_sections(report: AnnualReport) -> list[Section]:
    """(a) to (f) and 8.2, in the Code's order."""
    r = report.sections
    return [
        Section("self-assessment", r.self_assessment.heading,
                _self_assessment(r.self_assessment)),
        Section("complaints", r.complaints.heading, _complaints(r.complaints)),
        Section("non-compliance", r.non_compliance.heading, _non_compliance(r.non_compliance)),
        Section("learning", r.learning.heading, _learning(r.learning)),
        Section("ombudsman", r.ombudsman.heading, _ombudsman(r.ombudsman)),
        Section("other-reports", r.other_reports.heading, _other_reports(r.other_reports)),
        Section("response", r.response.heading, _response(r.response)),
    ]


def _basis(basis: Basis) -> list[Block]:
    blocks: list[Block] = [Para(basis.rests_on, lead="Rests on: ")]
    if basis.missing:
        blocks += [Para("", lead="What is missing:"), Bullets(basis.missing)]
    return blocks


# (a) -----------------------------------------------------------------------------------------

def _self_assessment(section: SelfAssessmentSection) -> list[Block]:
    blocks = _basis(section.basis)
    if section.codes:
        blocks.append(Grid(
            "Readiness against the Code", ["Code", "Assessed on", "Readiness", "Band", "Gaps",
                                           "Coverage"],
            [[c.code, c.assessed_on_text, c.score_text, c.band, c.gap_words,
              f"{c.coverage_text} ({c.answered})"] for c in section.codes],
            widths=[4, 2.6, 2.2, 2, 3.6, 2.6]))
    return blocks


# (b) -----------------------------------------------------------------------------------------

def _complaints(section: ComplaintsSection) -> list[Block]:
    blocks = _basis(section.basis)
    log, before = section.year, section.year_before
    if log is None:
        return blocks
    blocks += [
        Para(f"{log.received:,} complaints were received in {log.year} ({log.months_text}): "
             f"{log.refused:,} were refused, {log.stage1:,} taken on at stage 1, and "
             f"{log.escalated:,} of those escalated to stage 2 ({log.escalation_text}). "
             f"{log.stage2:,} complaints were escalated to stage 2 in the year."),
        _counts(log, before), _timeliness(log, before),
    ]
    blocks += _shares(f"Stage 1 outcomes, {log.year}", "Outcome", log.stage1_outcomes,
                      f"of the {log.stage1_outcomes_recorded:,} complaints with a stage 1 "
                      "outcome recorded")
    blocks += _shares(f"Stage 2 outcomes, {log.year}", "Outcome", log.stage2_outcomes,
                      f"of the {log.stage2_outcomes_recorded:,} escalations with a stage 2 "
                      "outcome recorded")
    blocks += _shares(f"Top categories, {log.year}", "Category", log.categories,
                      f"of all {log.received:,} complaints received", log.more_categories,
                      "categories")
    blocks += _shares(f"Top services, {log.year}", "Service", log.services,
                      f"of all {log.received:,} complaints received", log.more_services,
                      "services")
    blocks += _shares(f"Complaints refused, by reason, {log.year}", "Reason",
                      log.refused_reasons, f"of the {log.refused:,} complaints refused")
    blocks.append(_months(log))
    return blocks


def _counts(log: LogYear, before: LogYear | None) -> Grid:
    years = [log, *([before] if before else [])]
    rows = [
        ("Complaints received", lambda y: f"{y.received:,}"),
        ("Refused (not taken on)", lambda y: f"{y.refused:,}"),
        ("Taken on at stage 1", lambda y: f"{y.stage1:,}"),
        ("Of those, escalated to stage 2", lambda y: f"{y.escalated:,}"),
        ("Escalation rate, stage 1 to stage 2", lambda y: y.escalation_text),
        ("Escalations to stage 2 in the year", lambda y: f"{y.stage2:,}"),
    ]
    return Grid(f"Complaints at each stage, {' beside '.join(y.year for y in years)}",
                ["Figure", *(y.year for y in years)],
                [[label, *(cell(y) for y in years)] for label, cell in rows],
                widths=[9.0, 4.0, 4.0][:1 + len(years)])


def _timeliness(log: LogYear, before: LogYear | None) -> Grid:
    earlier = {s.measure: s.on_time_text for s in before.timeliness} if before else {}
    headers = ["Step", "Code limit", "Measured", "On time", "Late", "On time (%)"]
    if before:
        headers.append(f"On time (%), {before.year}")
    return Grid(
        f"Timeliness against the Code's limits, {log.year}", headers,
        [[s.label, s.limit_text, f"{s.measured:,}", f"{s.on_time:,}", f"{s.late:,}",
          s.on_time_text, *([earlier[s.measure]] if before else [])] for s in log.timeliness],
        chart=Chart(f"Complaints handled on time at each step, {log.year}",
                    "Bar chart of the share handled within the Code's limit at each step: "
                    + "; ".join(f"{s.label}: {s.on_time_text}" for s in log.timeliness) + ".",
                    [Bar(s.label, s.on_time_pct, s.on_time_text) for s in log.timeliness]),
        widths=[3.4, 3.6, 2.2, 2, 1.8, 2.2, 2.4][:len(headers)])


def _shares(caption: str, heading: str, rows: list[ShareRow], whole: str, more: int = 0,
            more_of: str = "") -> list[Block]:
    """A table of counts and shares beside its chart; nothing when the log cannot say."""
    if not rows:
        return []
    blocks: list[Block] = [Grid(
        caption, [heading, "Complaints", "Share"],
        [[r.label, f"{r.count:,}", r.pct_text] for r in rows],
        chart=Chart(caption, f"Bar chart of each share, {whole}: "
                    + "; ".join(f"{r.label}: {r.count:,} ({r.pct_text})" for r in rows) + ".",
                    [Bar(r.label, r.pct, f"{r.count:,} ({r.pct_text})") for r in rows]),
        widths=[9, 4, 4])]
    if more:
        blocks.append(Para(f"Shares are {whole}; {more:,} more {more_of} are not listed."))
    else:
        blocks.append(Para(f"Shares are {whole}."))
    return blocks


def _months(log: LogYear) -> Grid:
    most = max((m.received for m in log.months), default=0) or 1
    return Grid(
        f"Month by month, {log.year} (by month of receipt; escalations by month of escalation)",
        ["Month", "Received", "Refused", "Taken on", "Escalations to stage 2",
         "Stage 1 responses on time"],
        [[m.month_text, f"{m.received:,}", f"{m.refused:,}", f"{m.stage1:,}", f"{m.stage2:,}",
          m.stage1_response_text] for m in log.months],
        chart=Chart(f"Complaints received each month, {log.year}",
                    "Bar chart of the complaints received each month: "
                    + "; ".join(f"{m.month_text}: {m.received:,}" for m in log.months) + ".",
                    [Bar(m.month_text, 100 * m.received / most, f"{m.received:,}")
                     for m in log.months]),
        widths=[3.4, 2.4, 2.2, 2.4, 3.2, 3.4])


# (c), (e), (f): the register of decisions --------------------------------------------------------

_DECISION_COLUMNS = {
    "Reference": lambda d: d.reference, "Ombudsman": lambda d: d.ombudsman,
    "Decided": lambda d: d.decided_on_text, "Decision": lambda d: d.decision,
    "Fault in complaint handling": lambda d: d.fault_text, "Remedy": lambda d: d.remedy,
    "Due": lambda d: d.remedy_due_text,
    "Complied with": lambda d: f"⚠ {d.complied_text}, overdue" if d.overdue else d.complied_text,
    "Report": lambda d: d.report, "Note": lambda d: d.note or "–",
}


def _decisions(caption: str, columns: list[str], decisions: list[DecisionRow],
               widths: list[float]) -> Grid:
    return Grid(caption, columns, [[_DECISION_COLUMNS[c](d) for c in columns] for d in decisions],
                widths=widths)


def _non_compliance(section: DecisionsSection) -> list[Block]:
    blocks = _basis(section.basis)
    if not section.decisions:
        return [*blocks, Para("The Ombudsman found no fault in the council's complaint "
                              "handling in the year.")]
    return [*blocks, _decisions(
        "Decisions finding fault in complaint handling",
        ["Reference", "Ombudsman", "Decided", "Decision", "Remedy", "Due", "Complied with"],
        section.decisions, [2.2, 2.6, 2.2, 2.6, 3.6, 2, 2])]


def _other_reports(section: DecisionsSection) -> list[Block]:
    blocks = _basis(section.basis)
    if not section.decisions:
        return [*blocks, Para("The Ombudsman issued no public interest, special or other "
                              "report about the council in the year.")]
    return [*blocks, _decisions("Reports issued", ["Reference", "Ombudsman", "Decided",
                                                   "Report", "Note"],
                                section.decisions, [2.4, 3, 2.4, 3.4, 5.8])]


def _ombudsman(section: OmbudsmanSection) -> list[Block]:
    blocks = _basis(section.basis)
    for part in section.ombudsmen:
        blocks += [Subheading(f"The {part.ombudsman}"), *_ombudsman_part(part)]
    return blocks


def _ombudsman_part(part: OmbudsmanPart) -> list[Block]:
    blocks: list[Block] = [Para(part.statistics_note)]
    stats = part.statistics
    if stats is not None:
        blocks += [
            Grid(f"Headline figures, {stats.latest_year}, beside the average for similar "
                 "authorities", ["Figure", "Council", "Average", "Compared", "Rests on"],
                 [[f.figure, f.value_text, f.average_text, f"{f.mark} {f.comparison}",
                   f.rests_on] for f in stats.headline], widths=[3.6, 2.4, 2.4, 5.2, 3.4]),
            Grid(f"Complaints and enquiries, {stats.latest_year}", ["Figure", "Number"],
                 [[c.label, c.count_text] for c in stats.breakdown], widths=[12.0, 5.0]),
        ]
        if stats.notes:
            blocks += [Para("", lead="Read these figures with care:"), Bullets(stats.notes)]
    blocks.append(Para(part.remedies, lead="Remedies, from the register: "))
    if part.overdue:
        blocks.append(_decisions("Remedies overdue", ["Reference", "Decided", "Remedy", "Due",
                                                      "Complied with"],
                                 part.overdue, [2.6, 2.6, 6, 2.6, 3.2]))
    if part.decisions:
        blocks.append(_decisions(
            f"The {part.ombudsman}'s decisions in the year, from the register",
            ["Reference", "Decided", "Decision", "Fault in complaint handling", "Remedy", "Due",
             "Complied with"], part.decisions, [2.2, 2.2, 2.8, 2.2, 3.6, 2, 2]))
    if part.letter:
        blocks += [Subheading(f"The {part.ombudsman}'s annual letter"),
                   *(Para(line) for line in part.letter)]
    return blocks


# (d) -----------------------------------------------------------------------------------------

def _learning(section: LearningSection) -> list[Block]:
    blocks = _basis(section.basis)
    for entry in section.entries:
        blocks += [
            Subheading(f"{entry.changed_on_text}: {entry.service}"),
            Para(entry.learned, lead="What complaints showed: "),
            Para(entry.changed, lead="What changed: "),
            Para(entry.owner, lead="Owner: "),
            Para(entry.complaints, lead="From complaints: "),
            Para(entry.provisions, lead="Code provisions it evidences: "),
        ]
    return blocks


# 8.2 -----------------------------------------------------------------------------------------

def _response(section: ResponseSection) -> list[Block]:
    blocks: list[Block] = [Para(line) for line in section.lines]
    if not section.awaited:
        blocks += [Para(section.approved_by, lead="Approved by: "),
                   Para(section.responded_on_text, lead="Date of the response: ")]
    return blocks
