"""The committee paper: the shape English councils' committee reports share.

A front sheet (title, meeting, author and contact, status), then Purpose, Recommendations,
Background, Key findings, Implications, Background papers and Appendices. What code-check
cannot know comes from a small YAML file of paper details (``PaperDetails``); a detail left out
stays ``None`` so each renderer marks it as a field to complete. Pure: no I/O.
"""

from __future__ import annotations

from calendar import monthrange
from datetime import date
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from code_check.dates import long_date
from code_check.wording import short_title

if TYPE_CHECKING:
    from code_check.report.model import ProvisionRow, Summary, TitlePage

Text = Annotated[str, Field(pattern=r"\S")]

# The Ombudsman considers the Code in its casework from this date.
CASEWORK_FROM = "1 April 2026"
# Timescales (section 5's process, section 6's stages) are what Ombudsman casework tests first.
CASEWORK_SECTIONS = ("5", "6")
PROGRESS_REPORT_MONTHS = 3
NOT_FULLY_MET = ("not_met", "partly_met")


class PaperDetails(BaseModel):
    """The paper-details YAML: what only the report's author knows."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    meeting: Text | None = None
    meeting_date: date | None = None
    author: Text | None = None
    contact: Text | None = None
    status: Literal["for decision", "for information"] | None = None
    financial_implications: Text | None = None
    recommendations: list[Text] = Field(default_factory=list)
    background_papers: list[Text] = Field(default_factory=list)


class Detail(BaseModel):
    """A front-sheet detail; ``value`` None means the author still has to fill it in."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    label: str
    value: str | None

    @property
    def to_complete(self) -> str:
        return f"[To complete: {self.label}]"

    @property
    def text(self) -> str:
        return self.value if self.value is not None else self.to_complete


class CommitteePaper(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    title: str
    front_sheet: list[Detail]
    purpose: str
    recommendations: list[str]
    background: list[str]
    legal: str
    equality: str
    risk: str
    financial: Detail
    background_papers: list[str]
    appendices: list[str]


def committee_paper(title: TitlePage, summary: Summary, rows: list[ProvisionRow],
                    details: PaperDetails, *, has_statistics: bool) -> CommitteePaper:
    d = details
    return CommitteePaper(
        title=f"{title.council}: Complaint Handling Code self-assessment",
        front_sheet=front_sheet(d),
        purpose=(f"To report the council's self-assessment of {title.assessed_on_text} against "
                 "the Ombudsman's Complaint Handling Code, the gaps it found and the plan to "
                 "close them."),
        recommendations=[*_recommendations(title, summary), *d.recommendations],
        background=_background(title, summary),
        legal=_legal(rows),
        equality=_equality(rows),
        risk=_risk(rows),
        financial=Detail(label="financial implications", value=d.financial_implications),
        background_papers=[f"{title.catalogue_title}, {title.catalogue_publisher}, version "
                           f"{title.catalogue_version}", *d.background_papers],
        appendices=["The action plan", *(["The Ombudsman's statistics"] if has_statistics else []),
                    "The full self-assessment"],
    )


def front_sheet(details: PaperDetails) -> list[Detail]:
    """Meeting, date, author, contact and status (the annual report's front sheet too)."""
    d = details
    return [
        Detail(label="meeting name", value=d.meeting),
        Detail(label="meeting date", value=long_date(d.meeting_date) if d.meeting_date else None),
        Detail(label="report author", value=d.author),
        Detail(label="author's contact", value=d.contact),
        Detail(label="status (for decision or for information)", value=d.status),
    ]


def _recommendations(title: TitlePage, summary: Summary) -> list[str]:
    """Built from the results, so the committee is asked to note what was actually found."""
    report_by = long_date(months_after(title.assessed_on, PROGRESS_REPORT_MONTHS))
    return [
        f"Note the council's readiness of {summary.score_text} ({summary.band}) and the gaps "
        f"found: {summary.gap_words}.",
        "Approve the action plan in the appendix.",
        "Agree to publish the self-assessment on the council's website.",
        f"Ask for a report on progress against the action plan by {report_by}.",
    ]


def _background(title: TitlePage, summary: Summary) -> list[str]:
    previous = (f"The council last assessed itself on {summary.change.previous_assessed_on_text}"
                f" ({summary.change.previous_score_text}, {summary.change.previous_band}); "
                f"{summary.change.in_words}." if summary.change
                else "This is the council's first self-assessment recorded in code-check.")
    return [
        f"The {title.catalogue_publisher} publishes the {title.catalogue_title} (version "
        f"{title.catalogue_version}). Councils assess themselves against it each year and "
        "publish the result.",
        f"The Ombudsman considers the Code in its casework from {CASEWORK_FROM}.",
        previous,
    ]


def _named(rows: list[ProvisionRow]) -> str:
    """Provisions by number and short title, as the gap headings name them (the full text is
    in the appendix)."""
    return "; ".join(f"{r.id} {short_title(r.text)} ({r.status_label.lower()})" for r in rows)


def _legal(rows: list[ProvisionRow]) -> str:
    unmet = [r for r in rows if r.obligation == "must" and r.status in NOT_FULLY_MET]
    if not unmet:
        return "Every legal duty (must) in the Code is met."
    return f"Legal duties (must) not fully met: {_named(unmet)}."


def _equality(rows: list[ProvisionRow]) -> str:
    musts = [r for r in rows if r.obligation == "must"]
    return ("The Code's legal duties come from the Equality Act 2010: "
            + "; ".join(f"{r.id} ({r.status_label.lower()})" for r in musts) + "."
            if musts else "The Code holds no Equality Act duties in this catalogue.")


def _risk(rows: list[ProvisionRow]) -> str:
    """Timescale gaps first (not met before partly met): the ones casework shows."""
    exposed = sorted((r for r in rows if r.section in CASEWORK_SECTIONS
                      and r.status in NOT_FULLY_MET),
                     key=lambda r: NOT_FULLY_MET.index(r.status))
    if not exposed:
        return ("No gaps in sections 5 and 6 (the process and its timescales), the gaps "
                "Ombudsman casework shows most.")
    return ("Gaps most likely to show in Ombudsman casework (the process and its timescales, "
            f"sections 5 and 6): {_named(exposed)}.")


def months_after(start: date, months: int) -> date:
    """The same day ``months`` later, or that month's last day (31 May + 3 = 31 August)."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(start.day, monthrange(year, month)[1]))
