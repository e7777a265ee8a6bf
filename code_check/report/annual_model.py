"""The annual complaints performance and service improvement report (both Codes, 8.1 and 8.2).

Pure core. ``build_annual_report`` gathers, for one council and one financial year, the
self-assessment, the complaint log's figures, the registers of learning and of the Ombudsman's
decisions, the Ombudsman's figures and annual letter, and the governing body's response, into
one model with every figure already in words. It opens as a committee paper (the gap report's
``CommitteePaper``: front sheet, purpose, recommendations, implications), then sections (a) to
(f) in the Code's order, each saying what it rests on and what is missing, then 8.2.
Renderers only lay it out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field

from code_check import __version__
from code_check.assessment.housing_year import submission_due
from code_check.assessment.model import Council
from code_check.complaint_log.profile import Share, figures_of
from code_check.complaint_log.timeliness import STEPS, LogAnalysis, MonthFigures
from code_check.dates import long_date, long_date_span
from code_check.registers.model import (
    LearningEntry,
    Ombudsman,
    OmbudsmanDecision,
    in_year,
    non_compliance_findings,
    overdue_remedies,
    remedy_figures,
    year_bounds,
)
from code_check.registers.model import Report as OmbudsmanReport
from code_check.registers.response import GoverningBodyResponse
from code_check.report.model import (
    Report,
    StageTimeliness,
    StatisticsSection,
    complaint_log_section,
    statistics_section,
)
from code_check.report.paper import CommitteePaper, Detail, PaperDetails, front_sheet
from code_check.statistics.model import OmbudsmanStats
from code_check.wording import percent

TOP = 5  # categories and services listed by name; the rest are counted
# The Ombudsman whose Code a catalogue is, by the catalogue id's first part.
OMBUDSMAN_OF_CODE = {"lgsco": Ombudsman.LGSCO, "hos": Ombudsman.HOS}
HEADINGS = {
    "self_assessment": "(a) The self-assessment against the Code",
    "complaints": "(b) Complaint handling in figures",
    "non_compliance": "(c) Findings of non-compliance with the Code",
    "learning": "(d) Service improvements from learning",
    "ombudsman": "(e) The Ombudsman's annual letter and figures",
    "other_reports": "(f) Other Ombudsman reports",
    "response": "8.2 The governing body's response",
}


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Basis(_Part):
    """What a section rests on, and what it lacks (each a sentence)."""

    rests_on: str
    missing: list[str]


class CodeAssessment(_Part):
    """(a) for one Code: the readiness the self-assessment found."""

    code: str
    assessed_on_text: str
    score_text: str
    band: str
    gap_words: str
    coverage_text: str
    answered: str


class SelfAssessmentSection(_Part):
    heading: str
    basis: Basis
    codes: list[CodeAssessment]


class ShareRow(_Part):
    label: str
    count: int
    pct: float | None
    pct_text: str


class LogMonth(_Part):
    month_text: str
    received: int
    refused: int
    stage1: int
    stage2: int
    stage1_response_text: str = Field(description="Stage 1 responses on time, by month of "
                                      "receipt.")


class LogYear(_Part):
    """One financial year of the complaint log (month of receipt; escalations by month of
    escalation)."""

    year: str
    months_text: str
    received: int
    refused: int
    stage1: int
    escalated: int
    escalation_text: str
    stage2: int
    stage1_outcomes: list[ShareRow]
    stage1_outcomes_recorded: int
    stage2_outcomes: list[ShareRow]
    stage2_outcomes_recorded: int
    categories: list[ShareRow]
    more_categories: int
    services: list[ShareRow]
    more_services: int
    refused_reasons: list[ShareRow]
    timeliness: list[StageTimeliness]
    months: list[LogMonth]


class ComplaintsSection(_Part):
    heading: str
    basis: Basis
    year: LogYear | None
    year_before: LogYear | None


class DecisionRow(_Part):
    ombudsman: str
    reference: str
    decided_on_text: str
    decision: str
    fault_text: str
    remedy: str
    remedy_due_text: str
    complied_text: str
    overdue: bool
    report: str
    note: str


class DecisionsSection(_Part):
    """(c) or (f): decisions from the register."""

    heading: str
    basis: Basis
    decisions: list[DecisionRow]


class LearningRow(_Part):
    changed_on_text: str
    service: str
    learned: str
    changed: str
    owner: str
    complaints: str
    provisions: str


class LearningSection(_Part):
    heading: str
    basis: Basis
    entries: list[LearningRow]


class OmbudsmanPart(_Part):
    """(e) for one Ombudsman."""

    ombudsman: str
    statistics: StatisticsSection | None
    statistics_note: str
    remedies: str
    overdue: list[DecisionRow]
    decisions: list[DecisionRow]
    letter: list[str] = Field(description="The pasted letter, paragraph by paragraph.")


class OmbudsmanSection(_Part):
    heading: str
    basis: Basis
    ombudsmen: list[OmbudsmanPart]


class ResponseSection(_Part):
    heading: str
    awaited: bool
    lines: list[str] = Field(description="The response, paragraph by paragraph, or what "
                             "awaits it.")
    approved_by: str
    responded_on_text: str


class Sections(_Part):
    """(a) to (f) and 8.2, in the Code's order."""

    self_assessment: SelfAssessmentSection
    complaints: ComplaintsSection
    non_compliance: DecisionsSection
    learning: LearningSection
    ombudsman: OmbudsmanSection
    other_reports: DecisionsSection
    response: ResponseSection


class AnnualReport(_Part):
    council: str
    year: str
    period_text: str
    as_of_text: str
    generated_at: datetime
    generated_at_text: str
    code_check_version: str
    paper: CommitteePaper
    sections: Sections
    # the published forms of the self-assessment, one per Code, for the appendix
    forms: list[Report] = Field(exclude=True)


def self_assessment_cut_off(year: str, as_of: date) -> date:
    """The last day a self-assessment counts as the year's. Councils review themselves against
    the Code as they prepare the report, after the year ends, and the Housing Ombudsman asks for
    both within six months of it (30 September); no later than ``as_of``, the position asked."""
    return min(submission_due(year_bounds(year)[1]), as_of)


@dataclass(frozen=True)
class AnnualInputs:
    """What the report rests on. ``self_assessments``: the gap report of the council's latest
    assessment made by ``self_assessment_cut_off``, one per Code it answers (none: not
    assessed)."""

    council: Council
    year: str
    self_assessments: list[Report] = field(default_factory=list)
    log: LogAnalysis | None = None
    log_name: str | None = None
    learning: list[LearningEntry] = field(default_factory=list)
    decisions: list[OmbudsmanDecision] = field(default_factory=list)
    statistics: list[OmbudsmanStats] = field(default_factory=list)
    letters: dict[Ombudsman, str] = field(default_factory=dict)
    response: GoverningBodyResponse | None = None
    paper: PaperDetails = field(default_factory=PaperDetails)


def build_annual_report(inputs: AnnualInputs, *, generated_at: datetime,
                        as_of: date) -> AnnualReport:
    first, last = year_bounds(inputs.year)
    sections = Sections(
        self_assessment=_self_assessment(inputs, self_assessment_cut_off(inputs.year, as_of)),
        complaints=_complaints(inputs),
        non_compliance=_non_compliance(inputs, as_of),
        learning=_learning(inputs),
        ombudsman=_ombudsman(inputs, as_of),
        other_reports=_other_reports(in_year(inputs.decisions, inputs.year), inputs.year,
                                     as_of),
        response=_response(inputs.response),
    )
    return AnnualReport(
        council=inputs.council.name, year=inputs.year,
        period_text=long_date_span(first, last) or "", as_of_text=long_date(as_of),
        generated_at=generated_at, generated_at_text=f"{long_date(generated_at)}, "
        f"{generated_at:%H:%M} UTC", code_check_version=__version__,
        paper=_paper(inputs, sections, as_of), sections=sections,
        forms=inputs.self_assessments)


# (a) -----------------------------------------------------------------------------------------

def _self_assessment(inputs: AnnualInputs, cut_off: date) -> SelfAssessmentSection:
    reports = inputs.self_assessments
    first, _ = year_bounds(inputs.year)
    by = long_date(cut_off)
    missing = []
    if not reports:
        missing.append(f"No self-assessment made by {by} is recorded.")
    elif reports[0].title.assessed_on < first:
        missing.append(f"No self-assessment was made in {inputs.year} or after it by {by}: "
                       f"this is the latest before, of {reports[0].title.assessed_on_text}.")
    rests_on = (f"The council's self-assessment of {reports[0].title.assessed_on_text}, the "
                f"latest made by {by}; its published form is in the appendix."
                if reports else "The council's self-assessments in code-check.")
    return SelfAssessmentSection(
        heading=HEADINGS["self_assessment"], basis=Basis(rests_on=rests_on, missing=missing),
        codes=[_code_assessment(report) for report in reports])


def _code_assessment(report: Report) -> CodeAssessment:
    t, s = report.title, report.summary
    return CodeAssessment(
        code=f"{t.catalogue_publisher}'s {t.catalogue_title} ({t.catalogue_id})",
        assessed_on_text=t.assessed_on_text, score_text=s.score_text, band=s.band,
        gap_words=s.gap_words, coverage_text=s.coverage_text, answered=s.answered)


# (b) -----------------------------------------------------------------------------------------

def _complaints(inputs: AnnualInputs) -> ComplaintsSection:
    log, year = inputs.log, inputs.year
    heading = HEADINGS["complaints"]
    if log is None or log.profile is None:
        return ComplaintsSection(heading=heading, year=None, year_before=None, basis=Basis(
            rests_on="The council's complaint log, when one is given.",
            missing=["No complaint log was given: the figures of (b) come from it."]))
    this_year, year_before = log_year(log, year), log_year(log, _year_before(year))
    missing = [] if this_year else [f"The complaint log holds no complaints received in "
                                    f"{year}."]
    if this_year and len(this_year.months) < 12:
        missing.append(f"The complaint log holds {len(this_year.months)} of the year's 12 "
                       f"months ({this_year.months_text}).")
    if year_before is None:
        missing.append(f"The complaint log holds no complaints of {_year_before(year)}, so "
                       "there is no year before to compare with.")
    missing += [f"No {', '.join(need.columns)} column in the log: {need.analysis} cannot be "
                "shown." for need in log.profile.needs if not need.available]
    rests_on = (f"The council's complaint log{f' ({inputs.log_name})' if inputs.log_name else ''}"
                f", {log.cases:,} rows, open complaints judged as at {long_date(log.as_of)}.")
    return ComplaintsSection(heading=heading, basis=Basis(rests_on=rests_on, missing=missing),
                             year=this_year, year_before=year_before)


def year_months(year: str) -> list[str]:
    """The twelve months of a financial year, ``2025-04`` to ``2026-03``."""
    first, _ = year_bounds(year)
    return [f"{first.year + (first.month - 1 + n) // 12}-{(first.month - 1 + n) % 12 + 1:02d}"
            for n in range(12)]


def _year_before(year: str) -> str:
    start = int(year[:4]) - 1
    return f"{start}-{(start + 1) % 100:02d}"


def log_year(log: LogAnalysis, year: str) -> LogYear | None:
    """The log's figures for the complaints received in one financial year (None: none)."""
    assert log.profile is not None  # every analysis of a log file carries its profile
    months = set(year_months(year))
    profile_months = [m for m in log.profile.by_month if m.month in months]
    received = [m for m in profile_months if m.received]
    if not received:
        return None
    figures = figures_of(profile_months)
    timeliness = {m.month: m for m in log.by_month if m.month in months}
    held = set(log.profile.columns)  # an analysis whose column the log lacks shows nothing

    def where(column: str, shares: list[Share]) -> list[ShareRow]:
        return _rows(shares) if column in held else []

    return LogYear(
        year=year, months_text=f"{_month_text(received[0].month)} to "
        f"{_month_text(received[-1].month)}",
        received=figures.received, refused=figures.refused, stage1=figures.stage1,
        escalated=figures.escalated, escalation_text=percent(figures.escalation_pct),
        stage2=figures.stage2,
        stage1_outcomes=where("stage1_outcome", figures.stage1_outcomes),
        stage1_outcomes_recorded=figures.stage1_outcomes_recorded,
        stage2_outcomes=where("stage2_outcome", figures.stage2_outcomes),
        stage2_outcomes_recorded=figures.stage2_outcomes_recorded,
        categories=where("category", figures.categories[:TOP]),
        more_categories=len(where("category", figures.categories[TOP:])),
        services=where("service", figures.services[:TOP]),
        more_services=len(where("service", figures.services[TOP:])),
        refused_reasons=where("refused", figures.refused_reasons),
        timeliness=_year_timeliness(log, list(timeliness.values())),
        months=[LogMonth(
            month_text=_month_text(m.month), received=m.received,
            refused=sum(m.refused.values()), stage1=m.received - sum(m.refused.values()),
            stage2=m.stage2, stage1_response_text=_on_time(timeliness.get(m.month)))
            for m in profile_months])


def _rows(shares: list[Share]) -> list[ShareRow]:
    return [ShareRow(label=s.label, count=s.count, pct=s.pct, pct_text=percent(s.pct))
            for s in shares]


def _month_text(month: str) -> str:
    return f"{date.fromisoformat(month + '-01'):%B %Y}"


def _year_timeliness(log: LogAnalysis, months: list[MonthFigures]) -> list[StageTimeliness]:
    """Each step's figures for the year: the months' figures added up, against the limits the
    whole log was measured by."""
    stages = []
    for step, whole in zip(STEPS, complaint_log_section(log).stages, strict=True):
        measured = sum(m.step(step).measured for m in months)
        on_time = sum(m.step(step).on_time for m in months)
        pct = round(100 * on_time / measured, 1) if measured else None
        stages.append(whole.model_copy(update=dict(
            measured=measured, on_time=on_time, late=measured - on_time, on_time_pct=pct,
            on_time_text=percent(pct, missing="nothing measured"))))
    return stages


def _on_time(month: MonthFigures | None) -> str:
    pct = None if month is None else month.stage1.response.on_time_pct
    return percent(pct, missing="nothing measured")


# (c), (f) and the decisions in (e) -------------------------------------------------------------

REGISTER = "The register of the Ombudsman's decisions"


def _non_compliance(inputs: AnnualInputs, as_of: date) -> DecisionsSection:
    findings = non_compliance_findings(inputs.decisions, inputs.year)
    decided = in_year(inputs.decisions, inputs.year)
    return _decisions_section(
        "non_compliance", f"{_count(len(decided), 'decision')} made in {inputs.year}, "
        f"{len(findings)} finding fault in how a complaint was handled.", decided, findings,
        inputs.year, as_of)


def _other_reports(decisions: list[OmbudsmanDecision], year: str,
                   as_of: date) -> DecisionsSection:
    reports = [d for d in decisions if d.report is not OmbudsmanReport.NONE]
    return _decisions_section(
        "other_reports", f"public interest, special and other reports issued in {year} "
        f"({_count(len(reports), 'report')}).", decisions, reports, year, as_of)


def _decisions_section(heading: str, rests_on: str, decided: list[OmbudsmanDecision],
                       shown: list[OmbudsmanDecision], year: str,
                       as_of: date) -> DecisionsSection:
    """A section from the register: ``decided``, the year's decisions; ``shown``, those
    it lists."""
    missing = [] if decided else [f"No Ombudsman decisions are recorded for {year}."]
    return DecisionsSection(heading=HEADINGS[heading],
                            basis=Basis(rests_on=f"{REGISTER}: {rests_on}", missing=missing),
                            decisions=[_decision(d, as_of) for d in shown])


def _decision(d: OmbudsmanDecision, as_of: date) -> DecisionRow:
    return DecisionRow(
        ombudsman=d.ombudsman.label, reference=d.reference,
        decided_on_text=long_date(d.decided_on), decision=_sentence_case(d.decision.label),
        fault_text="Yes" if d.complaint_handling_fault else "No", remedy=d.remedy or "None",
        remedy_due_text=long_date(d.remedy_due) if d.remedy_due else "–",
        complied_text=d.remedy_complied.label.capitalize() if d.remedy_complied else "–",
        overdue=d.remedy_overdue(as_of),
        report=_sentence_case(d.report.label), note=d.note or "")


def _sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]


# (d) -----------------------------------------------------------------------------------------

def _learning(inputs: AnnualInputs) -> LearningSection:
    entries = in_year(inputs.learning, inputs.year)
    return LearningSection(
        heading=HEADINGS["learning"], basis=Basis(
            rests_on=f"The council's learning register: {_count(len(entries), 'change')} made "
            f"in {inputs.year} from what complaints showed.",
            missing=[] if entries else [f"No learning is recorded for {inputs.year}."]),
        entries=[LearningRow(
            changed_on_text=long_date(e.changed_on), service=e.service, learned=e.learned,
            changed=e.changed, owner=e.owner, complaints=", ".join(e.complaints) or "None named",
            provisions=", ".join(e.provisions) or "–") for e in entries])


# (e) -----------------------------------------------------------------------------------------

def _ombudsman(inputs: AnnualInputs, as_of: date) -> OmbudsmanSection:
    parts = [_ombudsman_part(inputs, ombudsman, as_of) for ombudsman in _ombudsmen(inputs)]
    missing = [f"The {ombudsman.label}'s annual letter was not given."
               for ombudsman in _ombudsmen(inputs) if ombudsman not in inputs.letters]
    missing += [part.statistics_note for part in parts if part.statistics is None]
    return OmbudsmanSection(
        heading=HEADINGS["ombudsman"], basis=Basis(
            rests_on="The Ombudsman's figures held in code-check, its annual letter where "
            "given, and the register of the Ombudsman's decisions.", missing=missing),
        ombudsmen=parts)


def _ombudsmen(inputs: AnnualInputs) -> list[Ombudsman]:
    """The Ombudsmen whose Codes the council answers (the LGSCO's when not assessed), and any
    other its register has decisions of."""
    codes = {OMBUDSMAN_OF_CODE.get(r.title.catalogue_id.split("-")[0])
             for r in inputs.self_assessments} or {Ombudsman.LGSCO}
    decided = {d.ombudsman for d in inputs.decisions}
    return [o for o in Ombudsman if o in codes | decided]


def _ombudsman_part(inputs: AnnualInputs, ombudsman: Ombudsman, as_of: date) -> OmbudsmanPart:
    theirs = [d for d in inputs.decisions if d.ombudsman is ombudsman]
    statistics, note = _statistics(inputs, ombudsman)
    return OmbudsmanPart(
        ombudsman=ombudsman.label, statistics=statistics, statistics_note=note,
        remedies=_remedies(theirs, inputs.year),
        overdue=[_decision(d, as_of) for d in overdue_remedies(theirs, as_of)],
        decisions=[_decision(d, as_of) for d in in_year(theirs, inputs.year)],
        letter=_paragraphs(inputs.letters.get(ombudsman, "")))


def _statistics(inputs: AnnualInputs,
                ombudsman: Ombudsman) -> tuple[StatisticsSection | None, str]:
    """The LGSCO's figures for the year beside similar authorities (the latest held before it
    when the year's are not held: its letter comes out each July); the Housing Ombudsman's
    are not held in code-check."""
    if ombudsman is not Ombudsman.LGSCO:
        return None, (f"code-check holds no figures of the {ombudsman.label}: its annual "
                      "letter, where given, says them.")
    held = [row for row in inputs.statistics if row.year <= inputs.year]
    section = statistics_section(held, inputs.council.name) if held else None
    if section is None:
        return None, (f"No figures of the {ombudsman.label} for {inputs.council.name} in or "
                      f"before {inputs.year} are held (code-check stats import).")
    if section.latest_year != inputs.year:
        return section, (f"The {ombudsman.label}'s figures for {inputs.year} are not held yet "
                         f"(its letter comes out each July): those of {section.latest_year} "
                         "are shown.")
    return section, f"The {ombudsman.label}'s figures for {inputs.year}."


def _remedies(decisions: list[OmbudsmanDecision], year: str) -> str:
    """As the annual letter counts them: remedies due in the year, and how many complied."""
    figures = remedy_figures(decisions, year)
    if not figures.due:
        return f"No remedies were due in {year}."
    others = [f"{figures.not_complied} not complied with" if figures.not_complied else "",
              f"{figures.pending} still pending" if figures.pending else ""]
    return (f"{_count(figures.due, 'remedy', 'remedies')} due in {year}: {figures.complied} "
            f"complied with ({percent(figures.percent)})"
            + "".join(f", {words}" for words in others if words) + ".")


def _paragraphs(text: str) -> list[str]:
    return [" ".join(block.split()) for block in text.replace("\r\n", "\n").split("\n\n")
            if block.strip()]


# 8.2 -----------------------------------------------------------------------------------------

def _response(response: GoverningBodyResponse | None) -> ResponseSection:
    if response is None:
        return ResponseSection(
            heading=HEADINGS["response"], awaited=True, approved_by="", responded_on_text="",
            lines=["This report awaits the governing body's response, to be published with it "
                   "(Code 8.2)."])
    return ResponseSection(
        heading=HEADINGS["response"], awaited=False, lines=_paragraphs(response.text),
        approved_by=response.approved_by or "Not recorded",
        responded_on_text=long_date(response.responded_on))


# the committee paper ---------------------------------------------------------------------------

def _paper(inputs: AnnualInputs, sections: Sections, as_of: date) -> CommitteePaper:
    d, year = inputs.paper, inputs.year
    return CommitteePaper(
        title=f"{inputs.council.name}: annual complaints performance and service improvement "
        f"report {year}",
        front_sheet=front_sheet(d),
        purpose=f"To report the council's complaint handling in {year}, what it learned and "
        "changed, and what the Ombudsman found, as the Complaint Handling Code asks each year "
        "(8.1), and to ask for the governing body's response, published with the report (8.2).",
        recommendations=[*_recommendations(inputs, sections), *d.recommendations],
        background=[
            "The Complaint Handling Code asks the council to publish each year a complaints "
            "performance and service improvement report holding (a) its self-assessment against "
            "the Code, (b) an analysis of its complaint handling, (c) any findings of "
            "non-compliance with the Code, (d) the service improvements made from learning, "
            "(e) the Ombudsman's annual letter and (f) any other Ombudsman reports, with the "
            "governing body's response (8.2).",
            f"This report covers {year}, {long_date_span(*year_bounds(year))}, as at "
            f"{long_date(as_of)}."],
        legal="The Code asks the council to publish this report, with the governing body's "
        "response, each year (8.1 and 8.2). " + _overdue_words(sections.ombudsman),
        equality="code-check holds no equality information: the complaint log is read for its "
        "dates, services, categories, outcomes and refusals only.",
        risk=_risk(sections),
        financial=Detail(label="financial implications", value=d.financial_implications),
        background_papers=[*_papers(inputs), *d.background_papers],
        appendices=[f"The published self-assessment: {r.form.title} ({r.title.catalogue_id})"
                    for r in inputs.self_assessments],
    )


def _recommendations(inputs: AnnualInputs, sections: Sections) -> list[str]:
    """Built from what the sections found, so the governing body notes the actual figures."""
    year = inputs.year
    lines = [_log_recommendation(sections.complaints.year, year)]
    entries = len(sections.learning.entries)
    lines.append(f"Note the {_count(entries, 'service improvement')} made from complaints in "
                 f"{year}." if entries else
                 f"Note that no learning from complaints is recorded for {year}, and ask for it "
                 "to be recorded.")
    findings = len(sections.non_compliance.decisions)
    decided = len(in_year(inputs.decisions, year))
    lines.append(f"Note the Ombudsman's {_count(decided, 'decision')} in {year}, "
                 f"{findings} finding fault in complaint handling.")
    lines += [f"Note the self-assessment against the {c.code}: {c.score_text}, {c.band}."
              for c in sections.self_assessment.codes]
    lines.append("Agree the governing body's response to this report, to be published with it "
                 "on the council's website (Code 8.2).")
    return lines


def _log_recommendation(log: LogYear | None, year: str) -> str:
    if log is None:
        return f"Note that no complaint log figures for {year} are in this report."
    response = next(s for s in log.timeliness if s.measure == "stage1.response")
    return (f"Note complaint handling in {year}: {log.received:,} complaints received, "
            f"{log.stage1:,} taken on at stage 1, {log.escalated:,} of them escalated to stage "
            f"2 ({log.escalation_text}), stage 1 responses on time: {response.on_time_text}.")


def _overdue_words(section: OmbudsmanSection) -> str:
    overdue = [row for part in section.ombudsmen for row in part.overdue]
    if not overdue:
        return "No remedy agreed with the Ombudsman is overdue."
    return (f"Remedies agreed with the Ombudsman and overdue: "
            f"{'; '.join(f'{r.reference} (due {r.remedy_due_text})' for r in overdue)}.")


def _risk(sections: Sections) -> str:
    findings = sections.non_compliance.decisions
    if not findings:
        return "The Ombudsman found no fault in the council's complaint handling this year."
    return ("The Ombudsman found fault in the council's complaint handling: "
            f"{'; '.join(f'{r.reference} ({r.decided_on_text})' for r in findings)}; the "
            "Ombudsman considers the Code in its casework.")


def _papers(inputs: AnnualInputs) -> list[str]:
    papers = [f"The council's complaint log ({inputs.log_name})"] if inputs.log_name else []
    papers += [f"The {o.label}'s annual letter for {inputs.year}" for o in inputs.letters]
    return [*papers, "The council's registers of learning and of the Ombudsman's decisions"]


def _count(number: int, noun: str, plural: str | None = None) -> str:
    return f"{number:,} {noun if number == 1 else plural or noun + 's'}"

