"""The two registers: what a council learned from complaints and changed, and what the
Ombudsman decided about its complaints. Pure core: no files, no database, no UI.

Both registers hold references and roles, never personal details: text that is plainly an
email address or a UK telephone number is refused wherever it is typed. Every text is kept as
it can be written to any file and read back the same: line ends are made ``\\n``, the invisible
characters pasted text carries (a soft hyphen, a zero-width space) are dropped, and a control
character is refused.

A register entry falls in a council's financial year (1 April to 31 March, ``2025-26``): a
learning entry by the day the change was made, a decision by the day it was made.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import ErrorDetails

from code_check.catalogue.model import Catalogue, RequirementId
from code_check.dates import long_date, typed_date
from code_check.errors import (
    InputError,
    LocatedValueError,
    field_at_fault,
    plain_problem,
    quoted,
)

NOT_PERSONAL = "a reference, not a name"
ROLE_NOT_NAME = "a role, not a person's name"

# How long each kind of text may be: a one-line field, a reference, a paragraph.
LINE_LIMIT = 200
REFERENCE_LIMIT = 60
WORDS_LIMIT = 4000
LIST_SEPARATOR = ";"  # between references or provisions in one CSV cell

_INVISIBLE = str.maketrans("", "", "\u00ad\u200b\u200c\u200d\u2060\ufeff")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# A UK number: 0 or +44 (0044), then nine or ten digits, spaces, hyphens or brackets between
# them ("07700 900123", "+44 (0)20 7946 0018", "(01632) 960123"). Ombudsman references
# ("24 001 234", "202312345") and dates never begin so.
_UK_PHONE = re.compile(
    r"(?<![\w+])(?:(?:\+|00)44[\s-]?(?:\(0\)[\s-]?)?|\(?0)[1-9](?:[\s-]?\)?[\s-]?\d){8,9}(?!\d)")


# text ---------------------------------------------------------------------------------------

def tidied(value: object) -> object:
    """Line ends as ``\\n``, pasted invisible characters dropped, outer spaces trimmed."""
    if not isinstance(value, str):
        return value
    return value.replace("\r\n", "\n").replace("\r", "\n").translate(_INVISIBLE).strip()


def checked_text(limit: int, *, one_line: bool) -> Callable[[str], str]:
    def check(text: str) -> str:
        if not text:
            raise ValueError("is blank")
        if len(text) > limit:
            raise ValueError(f"is {len(text):,} characters long: keep it to {limit:,}")
        if one_line and "\n" in text:
            raise ValueError("must be one line")
        control = next((c for c in text if _is_control(c)), None)
        if control is not None:
            raise ValueError(f"holds a control character (U+{ord(control):04X}): delete it")
        refuse_contact_details(text)
        return text

    return check


def _is_control(character: str) -> bool:
    """What no export may carry raw: control and format characters (tab and line break are
    text), lone surrogates and the two noncharacters no file can hold."""
    if character in "\t\n":
        return False
    return unicodedata.category(character) in ("Cc", "Cf", "Cs") or character in "\ufffe\uffff"


def refuse_contact_details(text: str) -> None:
    """Refuse text that is plainly an email address or a UK telephone number: the registers
    are published, so they hold references and roles, never a way to reach a person."""
    if _EMAIL.search(text):
        raise ValueError("looks like an email address: the registers hold references and "
                         "roles, never personal details")
    if _UK_PHONE.search(text):
        raise ValueError("looks like a telephone number: the registers hold references and "
                         "roles, never personal details")


Line = Annotated[str, BeforeValidator(tidied),
                 AfterValidator(checked_text(LINE_LIMIT, one_line=True))]
Words = Annotated[str, BeforeValidator(tidied),
                  AfterValidator(checked_text(WORDS_LIMIT, one_line=False))]


def _reference_text(text: str) -> str:
    if LIST_SEPARATOR in text:
        raise ValueError(f"holds a {LIST_SEPARATOR!r}, which separates one reference from "
                         "the next: give each reference on its own")
    return text


Reference = Annotated[str, BeforeValidator(tidied),
                      AfterValidator(checked_text(REFERENCE_LIMIT, one_line=True)),
                      AfterValidator(_reference_text)]


def _listed(value: object) -> object:
    """A list, or the cell of a CSV file: items between semicolons (blank: none)."""
    if isinstance(value, str):
        return [item.strip() for item in value.split(LIST_SEPARATOR) if item.strip()]
    return value


def _provision_ids(value: object) -> object:
    """Provision numbers as text: YAML reads 9.10 unquoted as the number 9.1."""
    value = _listed(value)
    if isinstance(value, list) and any(isinstance(item, int | float) for item in value):
        raise ValueError("write provision numbers in quotes ('9.1'): unquoted, YAML reads "
                         "9.10 as the number 9.1")
    return value


def _day(value: object) -> object:
    """A date as people write it, ISO or UK (31/03/2026), by the one rule for typed dates;
    never a number read as seconds since 1970, as pydantic would."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date) or value is None:
        return value
    try:
        return typed_date(str(value), field="")
    except InputError as exc:
        raise ValueError(exc.problem) from None


Day = Annotated[date, BeforeValidator(_day)]


def _each_once(items: list[str]) -> list[str]:
    for index, item in enumerate(items):
        if item in items[:index]:
            raise LocatedValueError((index,), f"{quoted(item)} is listed twice")
    return items


# financial years ------------------------------------------------------------------------------

def financial_year_of(day: date) -> str:
    """The council's financial year a day falls in: ``2025-26`` for 1 April 2025 to
    31 March 2026."""
    start = day.year if day.month >= 4 else day.year - 1
    return f"{start}-{(start + 1) % 100:02d}"


def year_bounds(year: str) -> tuple[date, date]:
    """The first and last days of a financial year such as ``2025-26``."""
    start = int(year[:4])
    return date(start, 4, 1), date(start + 1, 3, 31)


def years_between(first: str, last: str) -> list[str]:
    """Every financial year from ``first`` to ``last``, both included."""
    return [financial_year_of(date(start, 4, 1))
            for start in range(int(first[:4]), int(last[:4]) + 1)]


# words for enums ------------------------------------------------------------------------------

def _key(text: str) -> str:
    """Words compared without case, spaces or punctuation: 'Upheld: fault, no injustice'."""
    return "_".join(re.findall(r"[a-z0-9]+", text.lower()))


class Worded(StrEnum):
    """A choice said in words (``label``) and read from its value or its words in any case,
    so a spreadsheet may say "Upheld: fault and injustice" as the app shows it."""

    @property
    def label(self) -> str:
        return _WORDS[type(self)][self][0]

    @classmethod
    def _missing_(cls, value: object) -> Worded | None:
        if not isinstance(value, str):
            return None
        wanted = _key(value)
        for member in cls:
            if wanted in {member.value, *map(_key, _WORDS[cls][member])}:
                return member
        return None

    @classmethod
    def choices(cls) -> str:
        """Every choice in words, for a message or a help text."""
        return "; ".join(member.label for member in cls)


class Ombudsman(Worded):
    LGSCO = "lgsco"
    HOS = "hos"


class Decision(Worded):
    """What the Ombudsman decided, in each Ombudsman's own terms: the LGSCO finds fault and
    injustice, the Housing Ombudsman maladministration. Where the Housing Ombudsman made a
    finding on each part of a complaint, the register holds the most serious."""

    UPHELD_FAULT_AND_INJUSTICE = "upheld_fault_and_injustice"
    UPHELD_FAULT_NO_INJUSTICE = "upheld_fault_no_injustice"
    UPHELD_ALREADY_REMEDIED = "upheld_already_remedied"
    NOT_UPHELD = "not_upheld"
    CLOSED_AFTER_INITIAL_ENQUIRIES = "closed_after_initial_enquiries"
    SEVERE_MALADMINISTRATION = "severe_maladministration"
    MALADMINISTRATION = "maladministration"
    SERVICE_FAILURE = "service_failure"
    REASONABLE_REDRESS = "reasonable_redress"
    NO_MALADMINISTRATION = "no_maladministration"
    PREMATURE = "premature"
    OUTSIDE_JURISDICTION = "outside_jurisdiction"
    WITHDRAWN = "withdrawn"

    @property
    def upheld(self) -> bool:
        """Counted as upheld by the Ombudsman that makes it (the LGSCO counts a case the
        council had already put right as upheld; the Housing Ombudsman counts reasonable
        redress as not)."""
        return self in _UPHELD

    @property
    def ombudsmen(self) -> frozenset[Ombudsman]:
        """Which Ombudsman makes this decision."""
        return _MADE_BY.get(self, frozenset(Ombudsman))


class RemedyCompliance(Worded):
    YES = "yes"
    NO = "no"
    PENDING = "pending"


class Report(Worded):
    NONE = "none"
    PUBLIC_INTEREST_REPORT = "public_interest_report"
    SPECIAL_REPORT = "special_report"
    OTHER = "other"


_LGSCO, _HOS = frozenset({Ombudsman.LGSCO}), frozenset({Ombudsman.HOS})
_MADE_BY = {
    **dict.fromkeys([Decision.UPHELD_FAULT_AND_INJUSTICE, Decision.UPHELD_FAULT_NO_INJUSTICE,
                     Decision.UPHELD_ALREADY_REMEDIED, Decision.NOT_UPHELD,
                     Decision.CLOSED_AFTER_INITIAL_ENQUIRIES], _LGSCO),
    **dict.fromkeys([Decision.SEVERE_MALADMINISTRATION, Decision.MALADMINISTRATION,
                     Decision.SERVICE_FAILURE, Decision.REASONABLE_REDRESS,
                     Decision.NO_MALADMINISTRATION], _HOS),
}
_UPHELD = frozenset({
    Decision.UPHELD_FAULT_AND_INJUSTICE, Decision.UPHELD_FAULT_NO_INJUSTICE,
    Decision.UPHELD_ALREADY_REMEDIED, Decision.SEVERE_MALADMINISTRATION,
    Decision.MALADMINISTRATION, Decision.SERVICE_FAILURE,
})
# Each choice's words, then other words it is read from (the Ombudsmen's older terms).
_WORDS: dict[type[Worded], Mapping[Any, tuple[str, ...]]] = {
    Ombudsman: {
        Ombudsman.LGSCO: ("Local Government and Social Care Ombudsman", "LGO",
                          "Local Government Ombudsman"),
        Ombudsman.HOS: ("Housing Ombudsman", "Housing Ombudsman Service", "HO"),
    },
    Decision: {
        Decision.UPHELD_FAULT_AND_INJUSTICE: ("upheld: fault and injustice",
                                              "upheld: maladministration and injustice"),
        Decision.UPHELD_FAULT_NO_INJUSTICE: ("upheld: fault, no injustice",
                                             "upheld: maladministration, no injustice"),
        Decision.UPHELD_ALREADY_REMEDIED: ("upheld: fault, already remedied",
                                           "upheld: satisfactory remedy provided"),
        Decision.NOT_UPHELD: ("not upheld: no fault", "not upheld: no maladministration"),
        Decision.CLOSED_AFTER_INITIAL_ENQUIRIES: ("closed after initial enquiries",
                                                  "assessed and closed"),
        Decision.SEVERE_MALADMINISTRATION: ("severe maladministration",),
        Decision.MALADMINISTRATION: ("maladministration",),
        Decision.SERVICE_FAILURE: ("service failure",),
        Decision.REASONABLE_REDRESS: ("reasonable redress",),
        Decision.NO_MALADMINISTRATION: ("no maladministration",),
        Decision.PREMATURE: ("premature", "referred back for local resolution"),
        Decision.OUTSIDE_JURISDICTION: ("outside jurisdiction", "out of jurisdiction"),
        Decision.WITHDRAWN: ("withdrawn",),
    },
    RemedyCompliance: {
        RemedyCompliance.YES: ("complied with", "complied"),
        RemedyCompliance.NO: ("not complied with", "not complied"),
        RemedyCompliance.PENDING: ("pending", "not yet due"),
    },
    Report: {
        Report.NONE: ("none", "no report"),
        Report.PUBLIC_INTEREST_REPORT: ("public interest report",),
        Report.SPECIAL_REPORT: ("special report",),
        Report.OTHER: ("other report",),
    },
}
# The fields that take a choice, for saying what the choices are when one is not.
CHOICE_FIELDS: dict[str, type[Worded]] = {
    "ombudsman": Ombudsman, "decision": Decision, "remedy_complied": RemedyCompliance,
    "report": Report,
}


# the registers ------------------------------------------------------------------------------

class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    council: Line


class LearningEntry(_Entry):
    """A service improvement made from what complaints showed (Code 9.1 to 9.3)."""

    learned: Words = Field(description="What the complaints showed.")
    complaints: Annotated[list[Reference], BeforeValidator(_listed),
                          AfterValidator(_each_once)] = Field(
        default_factory=list, description=f"The complaints it came from: {NOT_PERSONAL}.")
    service: Line
    changed: Words = Field(description="What changed as a result.")
    changed_on: Day
    owner: Line = Field(description=f"Who owns the change: {ROLE_NOT_NAME}.")
    provisions: Annotated[list[RequirementId], BeforeValidator(_provision_ids),
                          AfterValidator(_each_once)] = Field(
        default_factory=list, description="The Code's provisions it is evidence for "
        "(9.1 to 9.3).")

    @field_validator("provisions")
    @classmethod
    def _provisions_of_the_code(cls, provisions: list[str], info: ValidationInfo) -> list[str]:
        """Checked against the catalogues given (``context={"catalogues": [...]}``)."""
        catalogues: list[Catalogue] = list((info.context or {}).get("catalogues", []))
        for index, provision in enumerate(provisions):
            if catalogues and all(c.requirement(provision) is None for c in catalogues):
                known = " or ".join(c.id for c in catalogues)
                raise LocatedValueError((index,), f"{quoted(provision)} is not a provision "
                                        f"of the Code ({known})")
        return provisions

    @property
    def year(self) -> str:
        return financial_year_of(self.changed_on)


class OmbudsmanDecision(_Entry):
    """One decision of the LGSCO or the Housing Ombudsman on a complaint about the council,
    the remedy it agreed, and any report it issued."""

    ombudsman: Ombudsman
    reference: Reference = Field(description="The Ombudsman's reference for the case.")
    decided_on: Day
    decision: Decision
    complaint_handling_fault: bool = Field(
        default=False, description="Fault found in how the complaint was handled: a finding "
        "of non-compliance with the Code.")
    remedy: Words | None = None
    remedy_due: Day | None = None
    remedy_complied: RemedyCompliance | None = Field(
        default=None, description="Whether the remedy was carried out (pending until known); "
        "blank when there is no remedy.")
    report: Report = Report.NONE
    note: Words | None = None

    @model_validator(mode="before")
    @classmethod
    def _a_remedy_starts_pending(cls, data: object) -> object:
        if isinstance(data, dict) and data.get("remedy") and not data.get("remedy_complied"):
            return {**data, "remedy_complied": RemedyCompliance.PENDING}
        return data

    @model_validator(mode="after")
    def _consistent(self) -> OmbudsmanDecision:
        if self.ombudsman not in self.decision.ombudsmen:
            raise LocatedValueError(("decision",), (
                f"{self.decision.label!r} is not a decision the {self.ombudsman.label} makes; "
                f"its decisions are: {_decisions_of(self.ombudsman)}"))
        if self.remedy is None and self.remedy_due is not None:
            raise LocatedValueError(("remedy_due",), "a due date is given but no remedy: say "
                                    "what the council agreed to do in remedy")
        if self.remedy is None and self.remedy_complied is not None:
            raise LocatedValueError(("remedy_complied",), "says whether a remedy was complied "
                                    "with, but no remedy is given")
        if self.remedy_due is not None and self.remedy_due < self.decided_on:
            raise LocatedValueError(("remedy_due",), "is before the decision was made")
        return self

    @property
    def year(self) -> str:
        return financial_year_of(self.decided_on)

    @property
    def upheld(self) -> bool:
        return self.decision.upheld

    def remedy_overdue(self, as_of: date) -> bool:
        """Past its due date (before ``as_of``) and not recorded as complied with."""
        return (self.remedy_due is not None and self.remedy_due < as_of
                and self.remedy_complied is not RemedyCompliance.YES)


def _decisions_of(ombudsman: Ombudsman) -> str:
    return "; ".join(d.label for d in Decision if ombudsman in d.ombudsmen)


Entry = TypeVar("Entry", LearningEntry, OmbudsmanDecision)


# reading an entry -----------------------------------------------------------------------------

def validated(model: type[Entry], data: Mapping[str, object], *,
              source: str | Path | None = None, line: int | None = None,
              catalogues: Iterable[Catalogue] = ()) -> Entry:
    """An entry checked, or one InputError naming the row and the field at fault."""
    try:
        return model.model_validate(data, context={"catalogues": list(catalogues)})
    except ValidationError as exc:
        field, problem = first_problem(exc)
        raise InputError(problem, source=source, line=line, field=field) from None


def first_problem(exc: ValidationError) -> tuple[str | None, str]:
    """The field at fault and what is wrong with it, in plain words."""
    error = exc.errors(include_url=False)[0]
    field = field_at_fault(error)
    return field, _plain(error, field)


_PLAIN_MESSAGES = {
    "missing": "is required but blank",
    "extra_forbidden": "is not a known field (check the spelling)",
    "bool_parsing": "expected yes or no",
    "bool_type": "expected yes or no",
    "string_pattern_mismatch": "is not a provision number such as 9.1",
}


def _plain(error: ErrorDetails, field: str | None) -> str:
    if error["type"] == "enum" and field in CHOICE_FIELDS:
        return (f"expected one of: {CHOICE_FIELDS[field].choices()}; "
                f"found {quoted(error['input'])}")
    return plain_problem(error, _PLAIN_MESSAGES)


# what the registers say -----------------------------------------------------------------------

def by_year(entries: Iterable[Entry]) -> dict[str, list[Entry]]:
    """Entries grouped by financial year, oldest year first, each year in date order."""
    grouped: dict[str, list[Entry]] = {}
    for entry in sorted(entries, key=_entry_date):
        grouped.setdefault(entry.year, []).append(entry)
    return dict(sorted(grouped.items()))


def _entry_date(entry: LearningEntry | OmbudsmanDecision) -> date:
    return entry.changed_on if isinstance(entry, LearningEntry) else entry.decided_on


def in_year(entries: Iterable[Entry], year: str) -> list[Entry]:
    return by_year(entries).get(year, [])


def overdue_remedies(decisions: Iterable[OmbudsmanDecision],
                     as_of: date) -> list[OmbudsmanDecision]:
    """Remedies past their due date and not complied with as at ``as_of``, longest overdue
    first."""
    overdue = [d for d in decisions if d.remedy_overdue(as_of)]
    return sorted(overdue, key=lambda d: (d.remedy_due, d.reference))


@dataclass(frozen=True)
class RemedyFigures:
    """How the council did with the remedies due in a year, as the Ombudsman's annual letter
    counts them: complied with, out of every remedy due in the year."""

    year: str
    due: int
    complied: int
    not_complied: int
    pending: int

    @property
    def percent(self) -> float | None:
        """Complied / due x 100; None (not applicable) when nothing was due."""
        return self.complied / self.due * 100 if self.due else None


def remedy_figures(decisions: Iterable[OmbudsmanDecision], year: str) -> RemedyFigures:
    """The remedies whose due date falls in ``year`` and how many were complied with."""
    first, last = year_bounds(year)
    due = [d.remedy_complied for d in decisions
           if d.remedy_due is not None and first <= d.remedy_due <= last]
    return RemedyFigures(year=year, due=len(due), complied=due.count(RemedyCompliance.YES),
                         not_complied=due.count(RemedyCompliance.NO),
                         pending=due.count(RemedyCompliance.PENDING))


def non_compliance_findings(decisions: Iterable[OmbudsmanDecision],
                            year: str) -> list[OmbudsmanDecision]:
    """Decisions made in ``year`` that found fault in complaint handling: the findings of
    non-compliance with the Code that the annual report must list (8.1 (c))."""
    return [d for d in in_year(decisions, year) if d.complaint_handling_fault]


def evidence_lines(entries: Iterable[LearningEntry], provision: str) -> list[str]:
    """What the learning register shows for one provision (9.1 to 9.3), newest first, one
    line an entry: for the walk-through, beside the evidence typed there."""
    linked = [e for e in entries if provision in e.provisions]
    return [f"{long_date(e.changed_on)}, {e.service}: {_one_line(e.changed)} "
            f"(owner: {e.owner}; from {_complaints(e)})"
            for e in sorted(linked, key=lambda e: e.changed_on, reverse=True)]


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _complaints(entry: LearningEntry) -> str:
    count = len(entry.complaints)
    return "no complaint named" if not count else \
        f"{count} complaint{'s' if count != 1 else ''}: {', '.join(entry.complaints)}"
