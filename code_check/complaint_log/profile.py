"""What a complaint log says beyond timeliness (issue 15 (b)): complaints received at each stage
and month, the escalation rate, outcomes at each stage, categories, services and refusals.

Pure core. The log's reader counts each row it accepts into ``ProfileCounts``: counters of
small tuples keyed by month, never the rows, so memory depends on how many months, categories,
services and reasons a log has, and the counts of a log's parts read apart (in separate
processes) ``add`` up to exactly those of one pass. A log with any of the new columns is
counted row by row (``RowProfiler``); one without them, from what timeliness counts anyway.
``log_profile`` turns the counts into figures, month by month and in total; ``figures_of``
adds up any run of months (a financial year).

The optional columns are DESIGN section 8's ``category``, ``stage1_outcome``,
``stage2_outcome`` and ``refused`` (the reason a complaint was not taken on; empty: taken on);
``service`` is read already. A log without them still gives what the dates give, and the
profile says which analyses need which columns.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from operator import itemgetter

from pydantic import BaseModel, ConfigDict, Field

PROFILE_COLUMNS = ("category", "stage1_outcome", "stage2_outcome", "refused")
LABEL_LIMIT = 100  # a category, service or reason is a short label; longer is another column
NOT_RECORDED = "(not recorded)"


class Outcome(StrEnum):
    UPHELD = "upheld"
    PARTLY_UPHELD = "partly_upheld"
    NOT_UPHELD = "not_upheld"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


# The ways logs write each outcome, compared as lower-case words (punctuation ignored).
_SPELLINGS = {
    Outcome.UPHELD: ("upheld", "uphold", "fully upheld", "upheld in full", "justified",
                     "fully justified", "founded", "substantiated"),
    Outcome.PARTLY_UPHELD: ("partly upheld", "partially upheld", "part upheld",
                            "upheld in part", "partly", "partial", "partly justified",
                            "partially justified", "partly founded", "partially substantiated"),
    Outcome.NOT_UPHELD: ("not upheld", "no upheld", "unupheld", "rejected", "not justified",
                         "unjustified", "unfounded", "not founded", "unsubstantiated",
                         "not substantiated"),
    Outcome.WITHDRAWN: ("withdrawn", "withdrew", "withdrawn by complainant",
                        "complaint withdrawn"),
}
_OUTCOMES = {spelling: outcome for outcome, spellings in _SPELLINGS.items()
             for spelling in spellings}
_PUNCTUATION = re.compile(r"[^a-z]+")
OUTCOME_CHOICES = "upheld, partly upheld, not upheld, withdrawn or empty"


def read_outcome(text: str) -> str:
    """An outcome cell as an ``Outcome`` value ("" when empty), or ValueError. The cell is not
    echoed: a column mapped by mistake may hold personal data."""
    words = " ".join(_PUNCTUATION.split(text.casefold())).strip()
    if not words:
        return ""
    if words not in _OUTCOMES:
        raise ValueError(f"is not one of {OUTCOME_CHOICES}")
    return _OUTCOMES[words].value


def read_label(text: str) -> str:
    """A category, service or refusal reason, trimmed, or ValueError when it is too long to be
    a label (a notes column mapped by mistake, which may hold personal data)."""
    label = text.strip()
    if len(label) > LABEL_LIMIT:
        raise ValueError(f"is {len(label):,} characters long: it should be a short label "
                         f"(at most {LABEL_LIMIT})")
    return label


# A month (year * 12 + month - 1, as in timeliness) and a label: an outcome, category, service or
# refusal reason ("": none recorded).
MonthLabel = tuple[int, str]


@dataclass
class ProfileCounts:
    """Complaints counted month by month, each thing the profile reports counted apart (those
    received after the as-of date left out, as timeliness leaves them out): the counts grow with
    the months and labels a log has, never with its rows or their combinations."""

    received: Counter[int] = field(default_factory=Counter)  # by month of receipt
    stage1_outcomes: Counter[MonthLabel] = field(default_factory=Counter)
    categories: Counter[MonthLabel] = field(default_factory=Counter)
    services: Counter[MonthLabel] = field(default_factory=Counter)
    refused: Counter[MonthLabel] = field(default_factory=Counter)  # reasons; "": taken on
    escalated: Counter[int] = field(
        default_factory=Counter)  # month of receipt -> taken on, escalated by the as-of date
    escalations: Counter[MonthLabel] = field(
        default_factory=Counter)  # month of escalation and stage 2 outcome

    def count_received(self, month: int, outcome: str, category: str, service: str,
                       refused: str, number: int = 1) -> None:
        """``number`` complaints received in ``month`` with these cells."""
        self.received[month] += number
        self.stage1_outcomes[month, outcome] += number
        self.categories[month, category] += number
        self.services[month, service] += number
        self.refused[month, refused] += number

    def add(self, later: ProfileCounts) -> None:
        """Count in another part of the same log."""
        for name in _COUNTERS:
            getattr(self, name).update(getattr(later, name))


_COUNTERS = ("received", "stage1_outcomes", "categories", "services", "refused", "escalated",
             "escalations")


# A row's kind: the index of its distinct set of cells, shifted past two flags.
_STAGE2_OUTCOME, _REFUSED, _FLAGS = 1, 2, 2


class _MonthTally:
    """One month's rows by kind, in lists as long as the kinds met: a row costs a list
    addition, where a dict keyed by month and kind would grow by a key for most rows."""

    __slots__ = ("index", "received", "escalated", "escalations")

    def __init__(self, index: int, kinds: int) -> None:
        self.index = index  # year * 12 + month - 1
        self.received = [0] * kinds  # received this month, by kind
        self.escalated = 0  # received this month, taken on and escalated by the as-of date
        self.escalations = [0] * kinds  # escalated this month, by kind


class RowProfiler:
    """Counts the rows of a log that has any of ``PROFILE_COLUMNS``. Logs repeat a handful of
    outcomes, categories, services and reasons, so each distinct set of a row's cells is read
    once and numbered (its kind), and a row is counted in its month's list under its kind: a
    look-up and an addition, which matters in a log of a million rows. ``counts`` turns the
    tallies into ``ProfileCounts``. A log without these columns needs no reading of its own:
    what the profile reports of it, timeliness counts."""

    def __init__(self, positions: Mapping[str, int], days: Mapping[int, date]) -> None:
        """``positions``: where each optional column the log has sits in a row; ``days``: the
        dates of the keys ``count`` is given (a key not in it: an empty cell)."""
        self.columns = [column for column in (*PROFILE_COLUMNS, "service") if column in positions]
        self.pick = itemgetter(*(positions[column] for column in self.columns))
        self.width = 1 + max(positions[column] for column in self.columns)
        self.known: dict[object, int] = {}
        self.kinds: list[tuple[str, str, str, str, str]] = []  # by kind >> _FLAGS
        self.days = days
        self.month_of: dict[int, _MonthTally] = {}  # a date key -> its month's tally
        self.months: dict[int, _MonthTally] = {}  # year * 12 + month - 1 -> its tally

    def count(self, row: list[str], received: int, escalated: int, received_by_as_of: bool,
              escalated_by_as_of: bool) -> None:
        """Count a row received and escalated on the days of these keys, if it was received
        by the as-of date; ValueError ("column: what is wrong") for a cell that cannot be
        read, or a stage 2 outcome without an escalation, and nothing counted."""
        try:
            kind = self.known[self.pick(row)]
        except (KeyError, IndexError):
            kind = self._kind_of(row)
        if kind & _STAGE2_OUTCOME and escalated not in self.days:
            raise ValueError("stage2_outcome: is filled in but escalated is empty")
        if not received_by_as_of:
            return
        month_of = self.month_of
        try:
            month = month_of[received]
        except KeyError:
            month = self._month(received)
        month.received[kind >> _FLAGS] += 1
        if escalated_by_as_of:
            if not kind & _REFUSED:
                month.escalated += 1
            try:
                month = month_of[escalated]
            except KeyError:
                month = self._month(escalated)
            month.escalations[kind >> _FLAGS] += 1

    def _kind_of(self, row: list[str]) -> int:
        """The kind of a row's cells (a short row's missing cells empty), read if not met
        before, and kept when they can be read."""
        cells = self.pick(row + [""] * (self.width - len(row)))
        if cells in self.known:
            return self.known[cells]
        given = dict(zip(self.columns, cells if isinstance(cells, tuple) else (cells,),
                         strict=True))
        read = {column: _read_cell(column, given.get(column, ""))
                for column in (*PROFILE_COLUMNS, "service")}
        self.kinds.append((read["category"], read["stage1_outcome"], read["stage2_outcome"],
                           read["refused"], read["service"]))
        for tally in self.months.values():  # every month counts the new kind too
            tally.received.append(0)
            tally.escalations.append(0)
        kind = self.known[cells] = (len(self.kinds) - 1) << _FLAGS \
            | (_STAGE2_OUTCOME if read["stage2_outcome"] else 0) \
            | (_REFUSED if read["refused"] else 0)
        return kind

    def _month(self, key: int) -> _MonthTally:
        day = self.days[key]
        index = day.year * 12 + day.month - 1
        month = self.months.get(index)
        if month is None:
            month = self.months[index] = _MonthTally(index, len(self.kinds))
        self.month_of[key] = month
        return month

    @property
    def counts(self) -> ProfileCounts:
        """The tallies by month and label: each month's kinds added up under each column's
        label (a log may have thousands of kinds, so this adds plain numbers)."""
        counts = ProfileCounts()
        category, outcome1, outcome2, refused, service = zip(*self.kinds, strict=True) \
            if self.kinds else ((),) * 5
        received_by = {"categories": category, "stage1_outcomes": outcome1,
                       "services": service, "refused": refused}
        for month in self.months.values():
            if any(month.received):
                counts.received[month.index] += sum(month.received)
            for name, labels in received_by.items():
                _add_by_label(getattr(counts, name), month.index, labels, month.received)
            _add_by_label(counts.escalations, month.index, outcome2, month.escalations)
            if month.escalated:
                counts.escalated[month.index] += month.escalated
        return counts


def _add_by_label(counts: Counter[MonthLabel], month: int, labels: Iterable[str],
                  numbers: Iterable[int]) -> None:
    summed: dict[str, int] = {}
    for label, number in zip(labels, numbers, strict=True):
        if number:
            summed[label] = summed.get(label, 0) + number
    for label, number in summed.items():
        counts[month, label] += number


def _read_cell(column: str, text: str) -> str:
    """One cell as the profile counts it, or ValueError naming the column."""
    if column == "service":
        return text.strip()  # as timeliness reads it, whatever its length
    try:
        return read_outcome(text) if column.endswith("_outcome") else read_label(text)
    except ValueError as problem:
        raise ValueError(f"{column}: {problem}") from None


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class MonthProfile(_Model):
    """One month's counts, each by month of receipt except escalations (month of escalation)."""

    month: str = Field(description="e.g. 2025-04.")
    received: int = Field(description="Complaints received, refused ones included.")
    refused: dict[str, int] = Field(description="Complaints not taken on, by reason.")
    escalated: int = Field(description="Complaints taken on this month escalated to stage 2 "
                           "by the as-of date.")
    stage1_outcomes: dict[str, int] = Field(description="Outcome -> complaints (those with "
                                            "none recorded left out).")
    categories: dict[str, int]
    services: dict[str, int]
    stage2: int = Field(description="Complaints escalated to stage 2 this month.")
    stage2_outcomes: dict[str, int] = Field(description="Of this month's escalations.")


class Share(_Model):
    label: str
    count: int
    pct: float | None = Field(description="Of the whole it is a part of (None: of nothing).")


class ProfileFigures(_Model):
    """A run of months in figures."""

    received: int = Field(description="Complaints received, refused ones included.")
    refused: int
    stage1: int = Field(description="Complaints taken on at stage 1 (received less refused).")
    escalated: int = Field(description="Of those, escalated to stage 2 by the as-of date.")
    escalation_pct: float | None = Field(description="escalated / stage1 x 100.")
    stage2: int = Field(description="Escalations to stage 2 in these months.")
    stage1_outcomes: list[Share] = Field(description="Shares of the stage 1 complaints with an "
                                         "outcome recorded.")
    stage1_outcomes_recorded: int
    stage2_outcomes: list[Share] = Field(description="Shares of the escalations with an "
                                         "outcome recorded.")
    stage2_outcomes_recorded: int
    categories: list[Share] = Field(description="Most complaints first; shares of received.")
    services: list[Share] = Field(description="Most complaints first; shares of received.")
    refused_reasons: list[Share] = Field(description="Most first; shares of refused.")


class Need(_Model):
    analysis: str
    columns: list[str]
    available: bool


class LogProfile(_Model):
    """Everything the profile reports: which analyses the log's columns allow, the whole log
    in figures, and each month's counts (to add up a year with ``figures_of``)."""

    columns: list[str] = Field(description="The optional columns the log has.")
    needs: list[Need]
    totals: ProfileFigures
    by_month: list[MonthProfile]


# Each analysis and the optional columns it needs (none: the dates are enough).
NEEDS = (
    ("complaints received at each stage, month by month", ()),
    ("the escalation rate from stage 1 to stage 2", ()),
    ("outcomes at stage 1", ("stage1_outcome",)),
    ("outcomes at stage 2", ("stage2_outcome",)),
    ("the top categories", ("category",)),
    ("the top services", ("service",)),
    ("complaints refused, by reason", ("refused",)),
)


def log_profile(counts: ProfileCounts, columns: Iterable[str]) -> LogProfile:
    """The figures of a whole log from its counts; ``columns``: the optional ones it has."""
    present = [column for column in (*PROFILE_COLUMNS, "service") if column in set(columns)]
    months = _months(counts)
    return LogProfile(
        columns=present,
        needs=[Need(analysis=analysis, columns=list(needed),
                    available=all(column in present for column in needed))
               for analysis, needed in NEEDS],
        totals=figures_of(months), by_month=months)


def _months(counts: ProfileCounts) -> list[MonthProfile]:
    months: dict[int, _MonthFigures] = {}
    for index, number in counts.received.items():
        _month_tally(months, index).received += number
    for name, empty in (("stage1_outcomes", None), ("refused", None),
                        ("categories", NOT_RECORDED), ("services", NOT_RECORDED)):
        for (index, label), number in getattr(counts, name).items():
            if number and (label or empty):
                getattr(_month_tally(months, index), name)[label or empty] += number
    for index, number in counts.escalated.items():
        _month_tally(months, index).escalated += number
    for (index, outcome), number in counts.escalations.items():
        tally = _month_tally(months, index)
        tally.stage2 += number
        if outcome:
            tally.stage2_outcomes[outcome] += number
    return [tally.figures(index) for index, tally in sorted(months.items())]


def _month_tally(months: dict[int, _MonthFigures], index: int) -> _MonthFigures:
    """The month's figures, made the first time the month is met."""
    tally = months.get(index)
    if tally is None:
        tally = months[index] = _MonthFigures()
    return tally


@dataclass
class _MonthFigures:
    received: int = 0
    escalated: int = 0
    stage2: int = 0
    refused: Counter[str] = field(default_factory=Counter)
    stage1_outcomes: Counter[str] = field(default_factory=Counter)
    categories: Counter[str] = field(default_factory=Counter)
    services: Counter[str] = field(default_factory=Counter)
    stage2_outcomes: Counter[str] = field(default_factory=Counter)

    def figures(self, index: int) -> MonthProfile:
        """The month (``index``: year * 12 + month - 1), its tallies in label order."""
        return MonthProfile(
            month=f"{index // 12}-{index % 12 + 1:02d}", received=self.received,
            escalated=self.escalated, stage2=self.stage2,
            **{name: dict(sorted(getattr(self, name).items())) for name in (
                "refused", "stage1_outcomes", "categories", "services", "stage2_outcomes")})


def figures_of(months: Iterable[MonthProfile]) -> ProfileFigures:
    """Months added up into figures (no months: every count 0, every share None)."""
    months = list(months)
    received = sum(m.received for m in months)
    refused = _summed(m.refused for m in months)
    stage1 = received - refused.total()
    escalated = sum(m.escalated for m in months)
    outcomes1 = _summed(m.stage1_outcomes for m in months)
    outcomes2 = _summed(m.stage2_outcomes for m in months)
    return ProfileFigures(
        received=received, refused=refused.total(), stage1=stage1, escalated=escalated,
        escalation_pct=_pct(escalated, stage1), stage2=sum(m.stage2 for m in months),
        stage1_outcomes=_outcome_shares(outcomes1),
        stage1_outcomes_recorded=outcomes1.total(),
        stage2_outcomes=_outcome_shares(outcomes2),
        stage2_outcomes_recorded=outcomes2.total(),
        categories=_shares(_summed(m.categories for m in months)),
        services=_shares(_summed(m.services for m in months)),
        refused_reasons=_shares(refused))


def _summed(tallies: Iterable[dict[str, int]]) -> Counter[str]:
    total: Counter[str] = Counter()
    for tally in tallies:
        total.update(tally)
    return total


def _outcome_shares(outcomes: Counter[str]) -> list[Share]:
    """Every outcome in the Code's order, as a share of those with one recorded."""
    recorded = outcomes.total()
    return [Share(label=outcome.label, count=outcomes[outcome.value],
                  pct=_pct(outcomes[outcome.value], recorded)) for outcome in Outcome]


def _shares(counts: Counter[str]) -> list[Share]:
    """Most first, then alphabetically, each as a share of them all."""
    total = counts.total()
    return [Share(label=label, count=number, pct=_pct(number, total))
            for label, number in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]


def _pct(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None
