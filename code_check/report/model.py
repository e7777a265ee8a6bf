"""The gap report: everything a committee paper, website table or action plan shows.

Pure core. ``build_report`` gathers the score, the lint findings, the comparison with the
previous assessment and (when given) the Ombudsman's statistics and the complaint log's
timeliness into one model, with every figure already put into words. Renderers only lay it
out: none of them computes a score, a rate or a date comparison.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field

from code_check import __version__
from code_check.assessment.lint import Finding, lint, sort_findings
from code_check.assessment.model import NOT_ASSESSED, Action, Assessment, Rag, Status
from code_check.assessment.progress import ChangeKind, compare
from code_check.assessment.scoring import Score, Tally, score
from code_check.catalogue.model import Catalogue, Obligation, Requirement, RowPer
from code_check.complaint_log.crosscheck import crosscheck
from code_check.complaint_log.timeliness import STEPS, LogAnalysis
from code_check.dates import long_date, long_date_span
from code_check.report.paper import CommitteePaper, PaperDetails, committee_paper
from code_check.statistics.against_averages import AverageComparison
from code_check.statistics.against_averages import against_averages as beside_average
from code_check.statistics.model import COLUMN_LABELS, OmbudsmanStats
from code_check.statistics.trend import trends
from code_check.statistics.year_table import YEAR_TABLE_HEADINGS, year_cells
from code_check.wording import percent, short_title, status_label, status_symbol, step_label

# The cross-check's findings: answers the complaint log contradicts.
CONTRADICTION_CHECKS = ("log-contradicts-met", "log-contradicts-not-met")
OBLIGATION_LABELS = {"must": "Must (legal duty)", "should": "Should"}
PROVISIONAL_NOTE = (
    "Ids marked “provisional” stand for provisions whose paragraph numbers in the Code are not "
    "yet confirmed."
)


class ReportPart(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TitlePage(ReportPart):
    council: str
    authority_type: str
    assessed_on: date
    assessed_on_text: str
    assessor: str | None
    catalogue_id: str
    catalogue_title: str
    catalogue_publisher: str
    catalogue_version: str
    code_check_version: str
    generated_at: datetime
    generated_at_text: str
    as_of: date
    as_of_text: str


class SeverityCount(ReportPart):
    label: str
    count: int


class ChangeSincePrevious(ReportPart):
    previous_assessed_on: date
    previous_assessed_on_text: str
    previous_score_text: str
    previous_band: str
    score_change: float | None
    in_words: str
    improved: list[str]
    regressed: list[str]
    newly_assessed: list[str]
    other_changes: int
    unchanged: int


class ProgressItem(ReportPart):
    on: date
    on_text: str
    note: str

    @property
    def line(self) -> str:
        """How the action plan lists the note: "12 March 2026: draft agreed"."""
        return f"{self.on_text}: {self.note}"


class ActionItem(ReportPart):
    requirement_id: str
    provisional: bool
    section: str
    requirement: str
    status_label: str
    evidence: list[str]
    description: str
    owner: str
    due: date | None
    revised_due: date | None
    due_now: date | None
    due_text: str
    done: bool
    completed: date | None
    completed_text: str
    overdue: bool
    state: str
    rag: str
    rag_colour: str
    priority: int
    priority_reason: str
    progress: list[ProgressItem]

    @property
    def with_progress(self) -> list[str]:
        """The action plan's lines for it: the description, then any progress notes, oldest
        first, under "Progress:"."""
        if not self.progress:
            return [self.description]
        return [self.description, "Progress:", *(note.line for note in self.progress)]


class GapItem(ReportPart):
    rank: int
    id: str
    short_title: str
    provisional: bool
    section: str
    section_title: str
    obligation: str
    obligation_label: str
    status: str
    status_label: str
    status_mark: str
    text: str
    evidence: list[str]
    commentary: str | None
    action: ActionItem | None


class SectionReadiness(ReportPart):
    id: str
    title: str
    score: float | None
    score_text: str
    points: str
    weighted_points: str
    answered: str
    met: int
    partly_met: int
    not_met: int
    not_assessed: int
    not_applicable: int


class LintItem(ReportPart):
    severity: str
    check: str
    requirement_id: str | None
    message: str


class ProvisionRow(ReportPart):
    id: str
    provisional: bool
    section: str
    section_title: str
    template_rows: list[str]
    obligation: str
    obligation_label: str
    text: str
    status: str
    status_label: str
    status_mark: str
    evidence: list[str]
    commentary: str | None
    action: ActionItem | None
    via_row: str | None
    carried_over: bool
    gap_rank: int | None


class TemplateRowAnswer(ReportPart):
    """One row of the published self-assessment form."""

    id: str
    section: str
    expects: str
    answer: str
    evidence: list[str]
    commentary: list[str]
    provisions: list[str]


class PublishedFormLayout(ReportPart):
    """The catalogue's published form in its own words: its title and headings, and whether a
    row answers a template row (the LGSCO's ten, "Partly" allowed) or one provision (the
    Housing Ombudsman's form, where each provision is complied with or not: Yes or No)."""

    title: str
    columns: list[str]
    one_row_per_provision: bool


class StageTimeliness(ReportPart):
    """One step of complaint handling (e.g. stage 1 response) against the Code's limit."""

    measure: str
    label: str
    limit_text: str
    measured: int
    on_time: int
    late: int
    on_time_pct: float | None
    on_time_text: str


class MonthTimeliness(ReportPart):
    month: str
    month_text: str
    cases: int
    stage1_response_text: str
    stage2_response_text: str


class ComplaintLogSection(ReportPart):
    """The council's own complaint log: on time per step, and the latest months' trend."""

    cases: int
    period_text: str
    as_of_text: str
    stages: list[StageTimeliness]
    trend: list[MonthTimeliness]
    notes: list[str]


class StatisticsFigure(ReportPart):
    figure: str
    value_text: str
    average_text: str
    comparison: str
    mark: str
    rests_on: str


class StatisticsCount(ReportPart):
    """One count of the year's breakdown; its text says when the file does not give it."""

    label: str
    count: int | None
    count_text: str


class StatisticsSection(ReportPart):
    """The Ombudsman's figures for the council, each beside the average for similar
    authorities, year by year, with the caveats that go beside any trend."""

    council: str
    latest_year: str
    headline: list[StatisticsFigure]
    breakdown: list[StatisticsCount]
    year_headings: list[str]
    years: list[list[str]]
    notes: list[str]
    warnings: list[str]


class Summary(ReportPart):
    score: float | None
    score_text: str
    band: str
    band_meaning: str
    points: str
    coverage: float | None
    coverage_text: str
    answered: str
    musts_blocking: list[str]
    gap_count: int
    gap_words: str
    gap_breakdown: str
    gaps_by_severity: list[SeverityCount]
    change: ChangeSincePrevious | None
    as_at: list[str]
    overdue_words: str
    overdue_actions: list[ActionItem]
    contradictions: list[LintItem]
    statistics_headline: list[str]


class Report(ReportPart):
    title: TitlePage
    summary: Summary
    gaps: list[GapItem]
    actions: list[ActionItem]
    sections: list[SectionReadiness]
    complaint_log: ComplaintLogSection | None
    statistics: StatisticsSection | None
    lint: list[LintItem]
    appendix: list[ProvisionRow]
    template: list[TemplateRowAnswer]
    template_provisions: list[TemplateRowAnswer]
    # how the form is laid out: the catalogue's, not report data, so not in the JSON
    form: PublishedFormLayout = Field(exclude=True)
    provisional_note: str
    paper: CommitteePaper


def build_report(
    catalogue: Catalogue,
    assessment: Assessment,
    *,
    previous: Assessment | None = None,
    previous_catalogue: Catalogue | None = None,
    statistics: list[OmbudsmanStats] | None = None,
    complaint_log: LogAnalysis | None = None,
    generated_at: datetime,
    as_of: date,
    as_of_asked: bool = False,
    paper: PaperDetails | None = None,
) -> Report:
    """The whole report for one assessment; ``previous`` adds the change since it.

    ``statistics`` may hold several councils' figures: the assessed council's are used.
    ``complaint_log`` adds the log's timeliness, and its cross-check of the answers to the
    checks. ``as_of_asked``: the user chose ``as_of`` (page 1 says which date judged what).
    ``paper``: the committee paper's details (meeting, author...); missing ones are marked.
    """
    result = score(catalogue, assessment)
    actions = _actions(catalogue, assessment, as_of)
    change = None
    if previous is not None:
        change = _change(previous_catalogue or catalogue, previous, catalogue, assessment)
    lint_items = [LintItem(severity=f.severity.value, check=f.check,
                           requirement_id=f.requirement_id, message=f.message)
                  for f in _findings(catalogue, assessment, complaint_log, as_of)]
    ordered_actions = sorted(actions.values(), key=_action_order)
    stats = statistics_section(statistics, assessment.council.name) if statistics else None
    title = _title(catalogue, assessment, generated_at, as_of)
    summary = _summary(result, change, Page1Facts(
        as_at=as_at_lines(as_of, as_of_asked, complaint_log),
        overdue=[a for a in ordered_actions if a.overdue],
        contradictions=[i for i in lint_items if i.check in CONTRADICTION_CHECKS],
        statistics=stats))
    appendix = _appendix(catalogue, assessment, result, actions)
    return Report(
        title=title,
        summary=summary,
        gaps=_gaps(catalogue, assessment, result, actions),
        actions=ordered_actions,
        sections=[_section(s) for s in result.sections],
        complaint_log=complaint_log_section(complaint_log) if complaint_log else None,
        statistics=stats,
        lint=lint_items,
        appendix=appendix,
        template=template_rows(catalogue, assessment),
        template_provisions=provision_rows(catalogue, assessment),
        form=form_layout(catalogue),
        provisional_note=PROVISIONAL_NOTE,
        paper=committee_paper(title, summary, appendix, paper or PaperDetails(),
                              has_statistics=stats is not None),
    )


# the published form ------------------------------------------------------------------------

def row_answer(statuses: list[Status | None]) -> str:
    """The form's "Do we follow the Code?" for a row, from its provisions' statuses.

    Not applicable provisions are left out. Yes when every remaining provision is met; No when
    none is met (partly met counts as some progress, so it makes the row Partly); Partly
    otherwise. Two cases the form does not foresee are said plainly: a row whose provisions are
    all not applicable is "Not applicable", and one with no answers at all is "Not assessed".
    """
    applicable = [s for s in statuses if s is not Status.NOT_APPLICABLE]
    if not applicable:
        return "Not applicable"
    if all(s is None for s in applicable):
        return "Not assessed"
    if all(s is Status.MET for s in applicable):
        return "Yes"
    if not any(s in (Status.MET, Status.PARTLY_MET) for s in applicable):
        return "No"
    return "Partly"


def comply_answer(status: Status | None) -> str:
    """The Housing Ombudsman form's "Comply: Yes/No": a provision partly met is not complied
    with (the commentary says what is in place); not applicable is "N/A"; not assessed is left
    blank, as the form has no word for it (the commentary says so)."""
    if status is None:
        return ""
    if status is Status.NOT_APPLICABLE:
        return "N/A"
    return "Yes" if status is Status.MET else "No"


def form_layout(catalogue: Catalogue) -> PublishedFormLayout:
    form = catalogue.published_form
    return PublishedFormLayout(
        title=form.title or f"{catalogue.title} self-assessment", columns=list(form.columns),
        one_row_per_provision=one_row_per_provision(catalogue))


def one_row_per_provision(catalogue: Catalogue) -> bool:
    return catalogue.published_form.one_row_per is RowPer.PROVISION


def template_rows(catalogue: Catalogue, assessment: Assessment) -> list[TemplateRowAnswer]:
    """The catalogue's published form: one row per template row (the LGSCO's ten), or one per
    provision where that is the form's shape."""
    if one_row_per_provision(catalogue):
        return provision_rows(catalogue, assessment)
    rows = []
    for row in catalogue.template_rows:
        provisions = catalogue.in_template_row(row.id)
        evidence, commentary = [], []
        for requirement in provisions:
            answer = assessment.answer(requirement.id)
            label = _id_label(requirement)
            evidence += answer.evidence
            note = (answer.commentary or "").strip()
            if note:
                commentary.append(f"{label}: {note}")
        rows.append(TemplateRowAnswer(
            id=row.id, section=f"{row.id}. {row.title}", expects=row.expects,
            answer=row_answer([assessment.status(r.id) for r in provisions]),
            evidence=_unique(evidence), commentary=commentary,
            provisions=[r.id for r in provisions],
        ))
    return rows


def provision_rows(catalogue: Catalogue, assessment: Assessment) -> list[TemplateRowAnswer]:
    """The form provision by provision (``--provision-level``): one row each, in Code order,
    answered in the words of the catalogue's form."""
    yes_or_no = one_row_per_provision(catalogue)
    rows = []
    for requirement in catalogue.requirements:
        answer = assessment.answer(requirement.id)
        note = (answer.commentary or "").strip()
        rows.append(TemplateRowAnswer(
            id=requirement.id, section=_id_label(requirement), expects=requirement.text,
            answer=comply_answer(answer.status) if yes_or_no else row_answer([answer.status]),
            evidence=list(answer.evidence),
            commentary=[note] if note else [],
            provisions=[requirement.id],
        ))
    return rows


# parts -------------------------------------------------------------------------------------

def _title(catalogue: Catalogue, assessment: Assessment, generated_at: datetime,
           as_of: date) -> TitlePage:
    return TitlePage(
        council=assessment.council.name,
        authority_type=assessment.council.authority_type.label,
        assessed_on=assessment.assessed_on, assessed_on_text=long_date(assessment.assessed_on),
        assessor=assessment.assessor,
        catalogue_id=catalogue.id, catalogue_title=catalogue.title,
        catalogue_publisher=catalogue.publisher, catalogue_version=catalogue.version,
        code_check_version=__version__,
        generated_at=generated_at,
        generated_at_text=f"{long_date(generated_at.date())} at {generated_at:%H:%M %Z}".strip(),
        as_of=as_of, as_of_text=long_date(as_of),
    )


@dataclass(frozen=True)
class Page1Facts:
    """What page 1 lifts from further down, so a committee sees it without scrolling."""

    as_at: list[str]
    overdue: list[ActionItem]
    contradictions: list[LintItem]
    statistics: StatisticsSection | None


def as_at_lines(as_of: date, asked: bool, log: LogAnalysis | None) -> list[str]:
    """Which date judged overdue actions and open complaints, and why that date."""
    why = "the date asked for" if asked else "the day the report was made"
    lines = [f"Actions are judged overdue as at {long_date(as_of)} ({why})."]
    if log is not None:
        log_why = why if log.as_of == as_of else "the latest date in the log"
        lines.append(f"Open complaints in the log are judged as at {long_date(log.as_of)} "
                     f"({log_why}).")
    return lines


def gap_breakdown(result: Score) -> str:
    """"3 not met, 16 partly met": what the gaps are, so none reads as worse than it is."""
    if not result.gaps:
        return "every applicable provision is met"
    counts = Counter(g.status for g in result.gaps)
    return ", ".join(f"{counts[status]} {status_label(status).lower()}"
                     for status in (Status.NOT_MET.value, Status.PARTLY_MET.value, NOT_ASSESSED)
                     if counts[status])


def gap_words(result: Score) -> str:
    """"19 gaps: 3 not met, 16 partly met"."""
    count = len(result.gaps)
    noun = "gap" if count == 1 else "gaps"
    return f"{count or 'No'} {noun}: {gap_breakdown(result)}"


def _overdue_words(overdue: list[ActionItem]) -> str:
    if not overdue:
        return "No actions are overdue"
    return f"{len(overdue)} action{'' if len(overdue) == 1 else 's'} overdue, worst first"


def _statistics_headline(stats: StatisticsSection | None) -> list[str]:
    if stats is None:
        return []
    return [f"{f.figure} ({stats.latest_year}): {f.value_text}, {f.comparison}"
            for f in stats.headline]


def _summary(result: Score, change: ChangeSincePrevious | None, facts: Page1Facts) -> Summary:
    overall = result.overall
    severities = []
    for obligation in (Obligation.MUST, Obligation.SHOULD):
        for status in (Status.NOT_MET.value, Status.PARTLY_MET.value, NOT_ASSESSED):
            count = sum(1 for g in result.gaps
                        if g.obligation == obligation.value and g.status == status)
            severities.append(SeverityCount(
                label=f"{OBLIGATION_LABELS[obligation.value]}: {status_label(status).lower()}",
                count=count))
    return Summary(
        score=overall.score, score_text=percent(overall.score), band=overall.band,
        band_meaning=overall.band_meaning, points=overall.points(),
        coverage=overall.coverage, coverage_text=percent(overall.coverage),
        answered=_answered(overall), musts_blocking=list(overall.musts_blocking),
        gap_count=len(result.gaps), gap_words=gap_words(result),
        gap_breakdown=gap_breakdown(result),
        gaps_by_severity=severities, change=change, as_at=facts.as_at,
        overdue_words=_overdue_words(facts.overdue), overdue_actions=facts.overdue,
        contradictions=facts.contradictions,
        statistics_headline=_statistics_headline(facts.statistics),
    )


def _change(old_catalogue: Catalogue, old: Assessment, new_catalogue: Catalogue,
            new: Assessment) -> ChangeSincePrevious:
    comparison = compare(old_catalogue, old, new_catalogue, new)
    change = comparison.score_change
    if change is None:
        words = "no score to compare"
    elif round(change, 1) == 0:
        words = "no change in readiness"
    else:
        words = f"{'up' if change > 0 else 'down'} {abs(change):.1f} points"
    ids = {kind: [c.id for c in comparison.of_kind(kind)] for kind in ChangeKind}
    listed = (ChangeKind.IMPROVED, ChangeKind.REGRESSED, ChangeKind.NEWLY_ASSESSED)
    return ChangeSincePrevious(
        previous_assessed_on=old.assessed_on,
        previous_assessed_on_text=long_date(old.assessed_on),
        previous_score_text=percent(comparison.old.score), previous_band=comparison.old.band,
        score_change=change,
        in_words=f"{percent(comparison.old.score)} on {long_date(old.assessed_on)} to "
        f"{percent(comparison.new.score)} now: {words}",
        improved=ids[ChangeKind.IMPROVED], regressed=ids[ChangeKind.REGRESSED],
        newly_assessed=ids[ChangeKind.NEWLY_ASSESSED],
        other_changes=sum(len(v) for k, v in ids.items() if k not in listed),
        unchanged=comparison.unchanged,
    )


def _actions(catalogue: Catalogue, assessment: Assessment, as_of: date) -> dict[str, ActionItem]:
    found = {}
    for requirement in catalogue.requirements:
        action = assessment.answer(requirement.id).action
        if action is not None:
            found[requirement.id] = _action(requirement, catalogue, assessment, action, as_of)
    return found


def _action(requirement: Requirement, catalogue: Catalogue, assessment: Assessment,
            action: Action, as_of: date) -> ActionItem:
    rag = action.rag(as_of)
    status = assessment.status(requirement.id)
    priority = action_priority(requirement.obligation, status)
    return ActionItem(
        requirement_id=requirement.id, provisional=not requirement.verified,
        section=catalogue.section_of(requirement.id).id, requirement=requirement.text,
        status_label=status_label(status),
        evidence=list(assessment.answer(requirement.id).evidence),
        description=action.description, owner=action.owner or "No owner named",
        due=action.due, revised_due=action.revised_due, due_now=action.due_now,
        due_text=_due_text(action), done=action.done, completed=action.completed,
        completed_text=long_date(action.completed) if action.completed else "",
        overdue=rag is Rag.OVERDUE, state=rag.label, rag=rag.value, rag_colour=rag.colour,
        priority=priority,
        priority_reason=f"{OBLIGATION_WORDS[requirement.obligation]}, "
        f"{status_label(status).lower()}",
        progress=[ProgressItem(on=note.on, on_text=long_date(note.on), note=note.note)
                  for note in sorted(action.progress, key=lambda note: note.on)],
    )


OBLIGATION_WORDS = {Obligation.MUST: "legal duty", Obligation.SHOULD: "should"}
_GAP_ORDER = (Status.NOT_MET, Status.PARTLY_MET, None)


def action_priority(obligation: Obligation, status: Status | None) -> int:
    """1 is most urgent: a legal duty before a should, then not met before partly met before
    not assessed (the gaps' order); an action on a provision met or not applicable is last."""
    if status not in _GAP_ORDER:
        return 2 * len(_GAP_ORDER) + 1
    return 1 + _GAP_ORDER.index(status) + len(_GAP_ORDER) * (obligation is Obligation.SHOULD)


def _due_text(action: Action) -> str:
    if action.due_now is None:
        return "No due date"
    if action.revised_due is None or action.due in (None, action.revised_due):
        return long_date(action.due_now)
    assert action.due is not None  # the line above returned when it is None
    return f"{long_date(action.revised_due)} (revised from {long_date(action.due)})"


def _action_order(item: ActionItem) -> tuple:
    return (item.done, not item.overdue, item.priority, item.due_now or date.max,
            item.owner.casefold())


def _gaps(catalogue: Catalogue, assessment: Assessment, result: Score,
          actions: dict[str, ActionItem]) -> list[GapItem]:
    items = []
    for rank, gap in enumerate(result.gaps, start=1):
        answer = assessment.answer(gap.id)
        items.append(GapItem(
            rank=rank, id=gap.id, short_title=short_title(gap.text),
            provisional=not gap.verified, section=gap.section,
            section_title=catalogue.section_of(gap.id).title, obligation=gap.obligation,
            obligation_label=OBLIGATION_LABELS[gap.obligation], status=gap.status,
            status_label=status_label(gap.status), status_mark=status_symbol(gap.status),
            text=gap.text, evidence=list(answer.evidence), commentary=answer.commentary,
            action=actions.get(gap.id),
        ))
    return items


def _section(section) -> SectionReadiness:
    return SectionReadiness(
        id=section.id, title=section.title, score=section.score,
        score_text=percent(section.score), points=section.points(),
        weighted_points=section.points().removesuffix(" weighted points"),
        answered=f"{section.assessed} of {section.applicable}",
        met=section.met, partly_met=section.partly_met, not_met=section.not_met,
        not_assessed=section.not_assessed, not_applicable=section.not_applicable,
    )


def _appendix(catalogue: Catalogue, assessment: Assessment, result: Score,
              actions: dict[str, ActionItem]) -> list[ProvisionRow]:
    gap_ranks = {g.id: rank for rank, g in enumerate(result.gaps, start=1)}
    rows = []
    for requirement in catalogue.requirements:
        answer = assessment.answer(requirement.id)
        status = answer.status.value if answer.status else NOT_ASSESSED
        section = catalogue.section_of(requirement.id)
        rows.append(ProvisionRow(
            id=requirement.id, provisional=not requirement.verified, section=section.id,
            section_title=section.title, template_rows=list(requirement.template_rows),
            obligation=requirement.obligation.value,
            obligation_label=OBLIGATION_LABELS[requirement.obligation.value],
            text=requirement.text, status=status, status_label=status_label(status),
            status_mark=status_symbol(status), evidence=list(answer.evidence),
            commentary=answer.commentary, action=actions.get(requirement.id),
            via_row=answer.via_row, carried_over=answer.carried_over,
            gap_rank=gap_ranks.get(requirement.id),
        ))
    return rows


# the Ombudsman's statistics ----------------------------------------------------------------

def statistics_section(rows: list[OmbudsmanStats], council: str) -> StatisticsSection | None:
    """The council's years beside the averages, with the caveats; None when none are held."""
    trend = next((t for t in trends(rows) if t.council.casefold() == council.casefold()), None)
    if trend is None:
        return None
    latest = trend.years[-1]
    return StatisticsSection(
        council=trend.council, latest_year=latest.year,
        headline=[_figure(c) for c in beside_average(latest)],
        breakdown=[StatisticsCount(label=COLUMN_LABELS[name], count=getattr(latest, name),
                                   count_text=_count_text(getattr(latest, name)))
                   for name in BREAKDOWN],
        year_headings=list(YEAR_TABLE_HEADINGS),
        years=[year_cells(year) for year in trend.years],
        notes=trend.notes,
        warnings=[warning for year in trend.years for warning in year.warnings],
    )


NOT_PROVIDED = "not in the figures provided"
BREAKDOWN = ("dealt_with", "not_for_us", "assessed_and_closed", "investigated")
# Which way is better for each key figure: fewer upheld, more compliance and remedies.
BETTER_WHEN = {"Complaints upheld": "below", "Upheld per 100,000 residents": "below",
               "Compliance with recommendations": "above",
               "Satisfactory remedy by the council": "above"}


def _figure(comparison: AverageComparison) -> StatisticsFigure:
    """One key figure in words; a blank is "not in the figures provided", as the file has no
    way to say the Ombudsman did not publish it."""
    value = comparison.shown_value if comparison.value is not None or comparison.not_applicable \
        else NOT_PROVIDED
    average = NOT_PROVIDED if comparison.average is None else comparison.show(comparison.average)
    return StatisticsFigure(
        figure=comparison.figure, value_text=value, average_text=average,
        comparison=_compared(comparison), mark=comparison.mark,
        rests_on=comparison.rests_on_text)


def _compared(comparison: AverageComparison) -> str:
    """The difference in words, with better or worse where the figure has a direction."""
    if comparison.value is not None and comparison.average is None:
        return "no average in the figures provided"
    better = BETTER_WHEN.get(comparison.figure)
    if comparison.direction in (None, "same") or better is None:
        return comparison.in_words
    verdict = "better" if comparison.direction == better else "worse"
    return f"{comparison.in_words}: {verdict} than the average"


def _count_text(count: int | None) -> str:
    return NOT_PROVIDED if count is None else f"{count:,}"


# the complaint log ---------------------------------------------------------------------------

TREND_MONTHS = 12


def complaint_log_section(analysis: LogAnalysis) -> ComplaintLogSection:
    """The log's timeliness per step and its last twelve months, in figures and words."""
    stages = []
    for measure in STEPS:
        step = analysis.step(measure)
        limit = f"{step.limit} working days"
        if step.extended_limit != step.limit:
            limit += f" ({step.extended_limit} with an extension)"
        stages.append(StageTimeliness(
            measure=measure.value, label=step_label(measure), limit_text=limit,
            measured=step.measured,
            on_time=step.on_time, late=step.late, on_time_pct=step.on_time_pct,
            on_time_text=_on_time_text(step.on_time_pct),
        ))
    trend = [
        MonthTimeliness(
            month=month.month, month_text=f"{date.fromisoformat(month.month + '-01'):%B %Y}",
            cases=month.cases,
            stage1_response_text=_on_time_text(month.stage1.response.on_time_pct),
            stage2_response_text=_on_time_text(month.stage2.response.on_time_pct),
        )
        for month in analysis.by_month[-TREND_MONTHS:]
    ]
    return ComplaintLogSection(
        cases=analysis.cases,
        period_text=long_date_span(analysis.first_received, analysis.last_received)
        or "no dated complaints",
        as_of_text=long_date(analysis.as_of), stages=stages, trend=trend,
        notes=_log_notes(analysis),
    )


def _log_notes(analysis: LogAnalysis) -> list[str]:
    as_of = long_date(analysis.as_of)
    notes = []
    if analysis.overdue_total:
        notes.append(f"{analysis.overdue_total} open steps were past their limit on {as_of}; "
                     "they count as late.")
    if analysis.not_yet_received:
        notes.append(f"{analysis.not_yet_received} complaints received after {as_of} are not "
                     "counted.")
    if analysis.rejected_rows:
        notes.append(f"{len(analysis.rejected_rows)} rows of the log could not be read and are "
                     "left out (code-check log analyse lists them).")
    return notes


def _on_time_text(value: float | None) -> str:
    return "nothing measured" if value is None else percent(value)


def _findings(catalogue: Catalogue, assessment: Assessment, log: LogAnalysis | None,
              as_of: date) -> list[Finding]:
    """The consistency checks, and the answers the complaint log contradicts."""
    findings = lint(catalogue, assessment, as_of=as_of)
    if log is not None:
        findings = sort_findings(findings + crosscheck(catalogue, assessment, log), catalogue)
    return findings


# words -------------------------------------------------------------------------------------

def _answered(tally: Tally) -> str:
    return f"{tally.assessed} of {tally.applicable} applicable answered"


def _id_label(requirement: Requirement) -> str:
    return requirement.id if requirement.verified else f"{requirement.id} (provisional)"


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))
