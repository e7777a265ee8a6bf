"""Timeliness of a complaint log in working days, against the Code's limits (DESIGN section 8).

Built for logs of millions of rows: each distinct date text is parsed once (a dict cache turns
it into one small integer that sorts like the date and carries its working-day ordinal), each
step's outcome is one small integer, and outcomes are counted in histograms per service area and
month of receipt instead of kept in lists. Memory therefore depends on how many distinct dates,
months and services a log has, not on how long it is.
"""

from __future__ import annotations

import csv
import heapq
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from math import ceil
from operator import itemgetter
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from code_check.catalogue.model import Catalogue, Measure
from code_check.complaint_log.columns import REQUIRED_COLUMNS, SERVICE_COLUMN, Columns
from code_check.complaint_log.profile import LogProfile, ProfileCounts, RowProfiler, log_profile
from code_check.complaint_log.working_days import WorkingDayCalendar
from code_check.dates import read_date
from code_check.errors import InputError

STEPS = tuple(Measure)
# Each step's working days allowed, (usual, with an extension), as the catalogue sets them.
Limits = dict[Measure, tuple[int, int]]
OVERDUE_LISTED = 100  # the open cases furthest past their limit that are named one by one
DATE_CACHE_LIMIT = 200_000  # distinct date texts remembered (dates with times can be many)
NO_SERVICE = "(not recorded)"

_DATE_LIKE = re.compile(r"[\d/:. T-]{1,25}")
_FLAGS = {"": 0, "yes": 1, "no": 0}
PLAUSIBLE_YEARS = range(1990, 2101)  # a date outside these is a typing slip, not a complaint

# A step's outcome is one integer: working days << 2 | open << 1 | extended.
_OPEN = 2
_SHIFT = 6  # date keys: working-day ordinal << 6 + days since the last working day
_AFTER_WORK = 1 << _SHIFT
NEVER = (1 << 30) - 1  # the date key of an empty cell: after every date, still a small int
_NOT_DUE = 3  # acknowledgement outcome of an open case not yet due (acknowledgements are never
# extended, so this code is free): a case, not measured
_HISTOGRAM_SIZE = 128  # outcomes below this are counted in lists, longer ones in a Counter
# One service's tally for a month: a histogram list per step (outcome -> cases), then a Counter
# of (step index, outcome) for the outcomes beyond the lists, then a Counter of the open steps
# not yet judged, (step index, working day counted from, extended) -> cases.
_Group = tuple[Any, ...]
_OPEN_STEPS = len(STEPS) + 1
# An open case past its limit: (days over, order found in, reference, step, working days).
_Overdue = tuple[int, int, str, Measure, int]
# An open step that may be overdue: (-(start + limit), order met in, reference, step index,
# working day counted from); the largest are furthest past whatever date they are judged at.
_OpenStep = tuple[int, int, str, int, int]
_DATE_COLUMNS = ("received", "acknowledged", "stage1_response", "escalated",
                 "stage2_acknowledged", "stage2_response")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class StepFigures(_Model):
    """How one step (e.g. stage 1 response) measured up to its limit."""

    limit: int = Field(description="Working days allowed.")
    extended_limit: int = Field(description="Working days allowed with an extension.")
    measured: int = Field(description="Steps taken, plus open ones already past their limit.")
    on_time: int
    late: int
    on_time_pct: float | None = Field(description="Percentage on time (None: nothing measured).")
    extensions_used: int | None = Field(description="Measured steps extended (responses only).")
    median_working_days: float | None = Field(description="Of the steps taken.")
    p90_working_days: int | None = Field(description="90th percentile (nearest rank).")
    overdue_open: int = Field(description="Not yet taken and past the limit on the as-of date.")


class StageFigures(_Model):
    acknowledgement: StepFigures
    response: StepFigures


class _ByStep:
    """Figures held per stage (``stage1``, ``stage2``), looked up by step."""

    def step(self, measure: Measure) -> StepFigures:
        stage_name, step_name = measure.value.split(".")
        figures: StepFigures = getattr(getattr(self, stage_name), step_name)
        return figures


class MonthFigures(_ByStep, _Model):
    month: str = Field(description="Month of receipt, e.g. 2025-04.")
    cases: int
    stage1: StageFigures
    stage2: StageFigures


class ServiceFigures(_ByStep, _Model):
    service: str
    cases: int
    stage1: StageFigures
    stage2: StageFigures


class OverdueCase(_Model):
    reference: str
    step: Measure
    working_days: int = Field(description="Working days since its clock started.")
    limit: int


class RejectedRow(_Model):
    row: int = Field(description="Spreadsheet row number (the header is row 1).")
    error: str


class LogAnalysis(_ByStep, _Model):
    """Everything ``code-check log analyse`` reports about a complaint log."""

    as_of: date
    cases: int = Field(description="Non-blank data rows read, bad ones included.")
    not_yet_received: int = Field(description="Rows received after the as-of date.")
    first_received: date | None
    last_received: date | None
    last_dated: date | None = Field(
        default=None, description="The latest date of any kind in the log, up to the as-of date: "
        "the day the log was last brought up to date, as nearly as the log can say.")
    stage1: StageFigures
    stage2: StageFigures
    by_month: list[MonthFigures]
    by_service: list[ServiceFigures] | None = Field(description="None: the log has no service.")
    overdue_cases: list[OverdueCase] = Field(
        description=f"Open cases past their limit, furthest past first (at most {OVERDUE_LISTED})."
    )
    overdue_total: int
    rejected_rows: list[RejectedRow]
    columns: dict[str, str] = Field(description="The heading each column was read from.")
    profile: LogProfile | None = Field(
        default=None, description="What the log says beyond timeliness (issue 15): complaints "
        "at each stage and month, escalation, outcomes, categories, services and refusals, "
        "and which of these need which columns.")

    @property
    def period(self) -> str | None:
        if self.first_received is None or self.last_received is None:
            return None
        return f"{self.first_received.isoformat()} to {self.last_received.isoformat()}"


class _BadRow(Exception):
    pass


def code_limits(catalogue: Catalogue) -> Limits:
    """The limits of the timescales that name a log ``measure``: an extension provision's
    limit is the days allowed on top of its step's usual limit (DESIGN sections 3 and 8)."""
    usual: dict[Measure, int] = {}
    extra: dict[Measure, int] = {}
    for requirement in catalogue.requirements:
        timescale = requirement.timescale
        if timescale is not None and timescale.measure is not None:
            (extra if timescale.extension else usual)[timescale.measure] = timescale.limit
    missing = [step.value for step in STEPS if step not in usual]
    if missing:
        raise InputError(f"sets no timescale for the complaint log's {', '.join(missing)}",
                         source=catalogue.id)
    return {step: (usual[step], usual[step] + extra.get(step, 0)) for step in STEPS}


def analyse_rows(
    rows: Iterable[list[str]],
    columns: Columns,
    *,
    as_of: date,
    calendar: WorkingDayCalendar,
    limits: Limits,
    first_row: int = 2,
    at_latest: bool = False,
) -> LogAnalysis:
    """Measure every row of a log (rows as csv.reader gives them, header already taken)
    against the ``limits`` of ``code_limits``; ``at_latest``: see ``LogCounts.analysis``."""
    tally = Tally(columns, as_of, calendar, limits, first_row=first_row)
    tally.read(rows)
    return tally.finished().analysis(columns, as_of, limits, calendar, at_latest=at_latest)


@dataclass
class LogCounts:
    """What some rows of a log add up to: small counters, never the rows themselves.

    The counts of consecutive parts of one log, read apart (in separate processes), are
    ``add``-ed in file order and give exactly the figures of one pass over the whole log: row
    numbers and the order overdue cases were found in run on from the earlier parts, and
    medians and percentiles come from the summed histograms.
    """

    rows: int = 0  # rows read, blank ones included: the next part's row numbers follow on
    cases: int = 0
    not_yet_received: int = 0
    first_received: date | None = None
    last_received: date | None = None
    last_dated: date | None = None
    # month of receipt (year * 12 + month - 1) -> service as written -> its _Group
    groups: dict[int, dict[str, _Group]] = field(default_factory=dict)
    open_latest: list[_OpenStep] = field(default_factory=list)  # the OVERDUE_LISTED latest
    open_total: int = 0  # open steps met: the next part's order numbers follow on
    rejected: list[RejectedRow] = field(default_factory=list)
    profile: ProfileCounts = field(default_factory=ProfileCounts)

    def add(self, later: LogCounts) -> None:
        """Count in the rows that follow these in the same log (``later``'s tallies are
        taken over, not copied)."""
        self.rejected += [RejectedRow(row=rejected.row + self.rows, error=rejected.error)
                          for rejected in later.rejected]
        self.open_latest = heapq.nlargest(OVERDUE_LISTED, self.open_latest + [
            (late, order + self.open_total, reference, index, start)
            for late, order, reference, index, start in later.open_latest])
        self.rows += later.rows
        self.cases += later.cases
        self.not_yet_received += later.not_yet_received
        self.open_total += later.open_total
        self.first_received = min(_known(self.first_received, later.first_received),
                                  default=None)
        self.last_received = max(_known(self.last_received, later.last_received), default=None)
        self.last_dated = max(_known(self.last_dated, later.last_dated), default=None)
        self.profile.add(later.profile)
        for month, by_service in later.groups.items():
            groups = self.groups.setdefault(month, {})
            for service, group in by_service.items():
                groups[service] = _total([groups[service], group]) if service in groups \
                    else group

    def analysis(self, columns: Columns, as_of: date, limits: Limits,
                 calendar: WorkingDayCalendar, *, at_latest: bool = False) -> LogAnalysis:
        """The figures ``log analyse`` reports, from these counts, open cases judged as at
        ``as_of``, or with ``at_latest`` as at the log's latest date when that is earlier (a
        log exported in March is not "179 working days late" in November): every date in the
        log is on or before it, so only the open cases depend on the date."""
        if at_latest and self.last_dated is not None:
            as_of = min(as_of, self.last_dated)
        as_of_work = calendar.ordinal(as_of)
        every: list[_Group] = []
        months: defaultdict[int, list[_Group]] = defaultdict(list)
        services: defaultdict[str, list[_Group]] = defaultdict(list)
        overdue_total = 0
        for month, by_service in self.groups.items():
            for service, counted in by_service.items():
                group, overdue_here = _judged(counted, as_of_work, limits)
                overdue_total += overdue_here
                for groups in (every, months[month], services[service.strip() or NO_SERVICE]):
                    groups.append(group)
        overdue = sorted(((as_of_work + late, order, reference, STEPS[index], as_of_work - start)
                          for late, order, reference, index, start in self.open_latest
                          if as_of_work + late > 0), key=lambda entry: (-entry[0], entry[1]))
        return LogAnalysis(
            as_of=as_of,
            cases=self.cases,
            not_yet_received=self.not_yet_received,
            first_received=self.first_received,
            last_received=self.last_received,
            last_dated=self.last_dated,
            **_stages(_outcomes(_total(every)), limits),
            by_month=[
                MonthFigures(month=f"{month // 12}-{month % 12 + 1:02d}",
                             **_group_figures(_total(groups), limits))
                for month, groups in sorted(months.items())
            ],
            by_service=None if columns.service is None else [
                ServiceFigures(service=service, **_group_figures(_total(groups), limits))
                for service, groups in sorted(services.items())
            ],
            overdue_cases=[
                OverdueCase(reference=reference, step=step, working_days=days,
                            limit=days - over)
                for over, _, reference, step, days in overdue
            ],
            overdue_total=overdue_total,
            rejected_rows=sorted(self.rejected, key=lambda rejected: rejected.row),
            columns=columns.headings,
            profile=log_profile(self.profile, columns.headings),
        )


def _judged(group: _Group, as_of_work: int, limits: Limits) -> tuple[_Group, int]:
    """A copy of the group with its open steps judged as at working day ``as_of_work``: one
    past its limit is an overdue outcome, an acknowledgement not yet due is counted as such;
    and how many were overdue."""
    judged: _Group = (*(list(histogram) for histogram in group[:len(STEPS)]),
                      Counter(group[len(STEPS)]), Counter())
    overdue = 0
    for (index, start, extended), number in group[_OPEN_STEPS].items():
        days = as_of_work - start
        if days > limits[STEPS[index]][extended]:
            _count_long(judged, index, (days << 2) | _OPEN | extended, number)
            overdue += number
        elif index == 0:
            judged[0][_NOT_DUE] += number
    return judged, overdue


def _known(*days: date | None) -> list[date]:
    return [day for day in days if day is not None]


def _new_group() -> _Group:
    return (*([0] * _HISTOGRAM_SIZE for _ in STEPS), Counter(), Counter())


def _total(groups: list[_Group]) -> _Group:
    """Groups' tallies added up: histogram lists, then overflow and open-step Counters."""
    overflow: Counter[tuple[int, int]] = Counter()
    open_steps: Counter[tuple[int, int, int]] = Counter()
    for group in groups:
        overflow.update(group[len(STEPS)])
        open_steps.update(group[_OPEN_STEPS])
    return (*(list(map(sum, zip(*(group[index] for group in groups), strict=True)))
              for index in range(len(STEPS))), overflow, open_steps)


def _outcomes(group: _Group) -> list[Counter[int]]:
    """A group's cases by outcome, one Counter per step."""
    tallies = [Counter({outcome: number for outcome, number in enumerate(histogram) if number})
               for histogram in group[:len(STEPS)]]
    for (index, outcome), number in group[len(STEPS)].items():
        tallies[index][outcome] += number
    return tallies


def _cases(group: _Group) -> int:
    """A group's complaints: each has one stage 1 acknowledgement outcome, counted, beyond the
    histogram, or still open and not yet judged."""
    beyond: Counter[tuple[int, int]] = group[len(STEPS)]
    still_open: Counter[tuple[int, int, int]] = group[_OPEN_STEPS]
    return sum(group[0]) + sum(number for (index, _), number in beyond.items() if index == 0) \
        + sum(number for (index, _, _), number in still_open.items() if index == 0)


def _month_of(day: date) -> int:
    return day.year * 12 + day.month - 1


def _group_figures(group: _Group, limits: Limits) -> dict[str, Any]:
    """A month's or a service's cases and figures."""
    tallies = _outcomes(group)
    return {"cases": tallies[0].total(), **_stages(tallies, limits)}


class Tally:
    """Counts outcomes per service and month of receipt; the hot loop lives in ``consume``.

    Each date text is cached as one small integer, ``working-day ordinal * 64 + days since
    the last working day``: it sorts exactly as the dates do, ``>> 6`` gives the working-day
    ordinal, and an empty cell is ``NEVER`` (later than any date), so "not happened yet" and
    "in the wrong order" are plain integer comparisons.
    """

    def __init__(self, columns: Columns, as_of: date, calendar: WorkingDayCalendar,
                 limits: Limits, *, first_row: int = 2) -> None:
        self.columns = columns
        self.limits = limits
        self.as_of = as_of
        self.calendar = calendar
        self.first_row = first_row  # the number of the first row read
        self.counts = LogCounts()  # last_dated is kept as each new date is parsed
        self.key_dates: dict[int, date] = {}
        self.as_of_key = self._key(as_of)
        self.dates: dict[str, int] = {"": NEVER}
        # a received date's text -> (its key, its month's groups by service)
        self.received: dict[str, tuple[int, dict[str, _Group]]] = {"": (NEVER, {})}
        self.flags = dict(_FLAGS)
        self.first_key = NEVER
        self.last_key = -NEVER
        # The profile (issue 15): a log with its columns is read for it row by row; one
        # without has its escalations counted by date key here, the rest from the groups.
        self.profiler = RowProfiler({**columns.profiled, **(
            {SERVICE_COLUMN: columns.service} if columns.service is not None else {})},
            self.key_dates) if columns.profiled else None
        self.escalated_from: Counter[int] = Counter()  # date keys of receipt
        self.escalated_on: Counter[int] = Counter()  # date keys of escalation

    def _key(self, day: date) -> int:
        since = 0
        while since < _AFTER_WORK - 1 and not self.calendar.is_working_day(
                day - timedelta(days=since)):
            since += 1
        key = self.calendar.ordinal(day) * _AFTER_WORK + since
        self.key_dates[key] = day
        return key

    def read(self, rows: Iterable[list[str]]) -> None:
        """Tally every row; one the csv module cannot read is reported and skipped."""
        iterator = iter(rows)
        while True:
            try:
                self.consume(iterator)
                return
            except csv.Error as error:
                self.counts.rejected.append(RejectedRow(
                    row=self.first_row + self.counts.rows, error=f"cannot be read: {error}"))
                self.counts.rows += 1
                self.counts.cases += 1

    def blank_row(self) -> None:
        """Count a blank row met outside ``consume``: it is no case, but it is a row."""
        self.counts.rows += 1

    def finished(self) -> LogCounts:
        self.counts.first_received = self.key_dates.get(self.first_key)
        self.counts.last_received = self.key_dates.get(self.last_key)
        self.counts.profile = self.profiler.counts if self.profiler is not None \
            else self._profile_from_timeliness()
        return self.counts

    def _profile_from_timeliness(self) -> ProfileCounts:
        """A log without the profile's columns: its complaints by month and service are the
        groups', its escalations those counted by date key as they were met."""
        profile = ProfileCounts()
        for month, by_service in self.counts.groups.items():
            for service, group in by_service.items():
                profile.count_received(month, "", "", service.strip(), "", _cases(group))
        for key, number in self.escalated_from.items():
            profile.escalated[_month_of(self.key_dates[key])] += number
        for key, number in self.escalated_on.items():
            profile.escalations[_month_of(self.key_dates[key]), ""] += number
        return profile

    def consume(self, rows: Iterator[list[str]]) -> None:
        """Tally rows until they end, numbering them on from the rows already read; a
        ``csv.Error`` from ``rows`` stops it (the rows before it are counted).

        One long loop on purpose: it runs once per row of logs with millions of rows, and
        every function call or attribute look-up in it would show in the benchmark.
        """
        counts = self.counts
        first_row = self.first_row + counts.rows
        dates, received_dates, flags = self.dates, self.received, self.flags
        pick = itemgetter(*self.columns.required_positions)
        service_at = -1 if self.columns.service is None else self.columns.service
        as_of = self.as_of_key
        shift = _SHIFT
        first_key, last_key = self.first_key, self.last_key
        blank = not_yet = 0
        never = NEVER
        open_step = self._open
        (ack1_days, _), (resp1_days, resp1_extended), (ack2_days, _), \
            (resp2_days, resp2_extended) = (self.limits[step] for step in STEPS)
        profile = None if self.profiler is None else self.profiler.count
        escalated_from, escalated_on = self.escalated_from, self.escalated_on
        number = first_row - 1
        try:
            for number, row in enumerate(rows, first_row):
                try:
                    (reference, received, acknowledged, response1, extended1, escalated,
                     acknowledged2, response2, extended2) = pick(row)
                    service = row[service_at] if service_at >= 0 else ""
                except IndexError:
                    row = row + [""] * (self.columns.width - len(row))
                    (reference, received, acknowledged, response1, extended1, escalated,
                     acknowledged2, response2, extended2) = pick(row)
                    service = row[service_at] if service_at >= 0 else ""
                try:
                    r, by_service = received_dates[received]
                    a, p = dates[acknowledged], dates[response1]
                    if extended1 == "no" or not extended1:
                        x1 = 0
                    elif extended1 == "yes":
                        x1 = 1
                    else:
                        x1 = flags[extended1]
                    if escalated or acknowledged2 or response2 or extended2:
                        e, a2, p2 = dates[escalated], dates[acknowledged2], dates[response2]
                        x2 = flags[extended2]
                        stage2_in_order = r <= e <= a2 <= p2
                    else:
                        e = a2 = p2 = never
                        x2 = 0
                        stage2_in_order = True
                except KeyError:
                    try:
                        r, by_service, a, p, e, a2, p2, x1, x2 = self._learn(pick(row))
                    except _BadRow as bad:
                        counts.rejected.append(RejectedRow(row=number, error=str(bad)))
                        continue
                    stage2_in_order = r <= e <= a2 <= p2
                if r == never:
                    if any(cell.strip() for cell in row):
                        counts.rejected.append(RejectedRow(row=number,
                                                           error="received: is empty"))
                    else:
                        blank += 1
                    continue
                if not (r <= a <= p and stage2_in_order):
                    problem = _order_problem(r, a, p, e, a2, p2)
                    if problem:
                        counts.rejected.append(RejectedRow(row=number, error=problem))
                        continue
                if profile is not None:
                    try:
                        profile(row, r, e, r <= as_of, e <= as_of)
                    except ValueError as bad:
                        counts.rejected.append(RejectedRow(row=number, error=str(bad)))
                        continue
                if r > as_of:
                    not_yet += 1
                    continue
                if r < first_key:
                    first_key = r
                if r > last_key:
                    last_key = r
                try:
                    group = by_service[service]
                except KeyError:
                    group = by_service[service] = _new_group()
                # Stage 1 acknowledgement: working days from receipt.
                work = r >> shift
                if a <= as_of:
                    start = a >> shift
                    try:
                        group[0][(start - work) << 2] += 1
                    except IndexError:
                        _count_long(group, 0, (start - work) << 2)
                else:
                    start = work
                    open_step(group, 0, work, 0, reference, ack1_days)
                # Stage 1 response: working days from acknowledgement (more if extended).
                if p <= as_of:
                    try:
                        group[1][(((p >> shift) - start) << 2) | x1] += 1
                    except IndexError:
                        _count_long(group, 1, (((p >> shift) - start) << 2) | x1)
                else:
                    open_step(group, 1, start, x1, reference,
                              resp1_extended if x1 else resp1_days)
                if e > as_of:
                    continue
                if profile is None:
                    escalated_from[r] += 1
                    escalated_on[e] += 1
                # Stage 2 acknowledgement: working days from escalation.
                work = e >> shift
                if a2 <= as_of:
                    start = a2 >> shift
                    try:
                        group[2][(start - work) << 2] += 1
                    except IndexError:
                        _count_long(group, 2, (start - work) << 2)
                else:
                    start = work
                    open_step(group, 2, work, 0, reference, ack2_days)
                # Stage 2 response: working days from acknowledgement (more if extended).
                if p2 <= as_of:
                    try:
                        group[3][(((p2 >> shift) - start) << 2) | x2] += 1
                    except IndexError:
                        _count_long(group, 3, (((p2 >> shift) - start) << 2) | x2)
                else:
                    open_step(group, 3, start, x2, reference,
                              resp2_extended if x2 else resp2_days)
        finally:
            read = number - first_row + 1
            counts.rows += read
            counts.cases += read - blank  # every row read but the blank ones
            counts.not_yet_received += not_yet
            self.first_key, self.last_key = first_key, last_key

    def _learn(self, cells: tuple[str, ...]) -> tuple[Any, ...]:
        """Parse cells not yet in the caches (remembering good ones) or raise _BadRow."""
        values = dict(zip(REQUIRED_COLUMNS, cells, strict=True))
        counts = self.counts
        if len(self.dates) > DATE_CACHE_LIMIT:
            self.dates.clear()  # in place: the hot loop holds these very dicts
            self.received.clear()
            self.dates[""], self.received[""] = NEVER, (NEVER, {})
        if not values["received"].strip() and any(cell.strip() for cell in cells):
            raise _BadRow("received: is empty")
        for column in _DATE_COLUMNS:
            text = values[column]
            if text not in self.dates:
                parsed = read_date(text)
                if parsed is False:
                    raise _BadRow(f"{column}: {_shown(text)} is not a date "
                                  "(use 2026-04-01 or 01/04/2026)")
                if parsed and parsed.year not in PLAUSIBLE_YEARS:
                    raise _BadRow(f"{column}: {_shown(text)} is not a plausible date "
                                  f"(the year is not between {PLAUSIBLE_YEARS[0]} and "
                                  f"{PLAUSIBLE_YEARS[-1]})")
                self.dates[text] = NEVER if parsed is None else self._key(parsed)
                if parsed and parsed <= self.as_of and (
                        counts.last_dated is None or parsed > counts.last_dated):
                    counts.last_dated = parsed
                self.received[text] = (NEVER, {}) if parsed is None else (
                    self.dates[text],
                    counts.groups.setdefault(parsed.year * 12 + parsed.month - 1, {}))
        for column in ("stage1_extended", "stage2_extended"):
            text = values[column]
            if text not in self.flags:
                flag = _FLAGS.get(text.strip().casefold())
                if flag is None:
                    raise _BadRow(f"{column}: must be yes, no or empty")
                self.flags[text] = flag
        d, f = self.dates, self.flags
        return (*self.received[values["received"]], d[values["acknowledged"]],
                d[values["stage1_response"]], d[values["escalated"]],
                d[values["stage2_acknowledged"]], d[values["stage2_response"]],
                f[values["stage1_extended"]], f[values["stage2_extended"]])

    def _open(self, group: _Group, index: int, start: int, extended: int, reference: str,
              limit: int) -> None:
        """A step not yet taken, counted from working day ``start``: judged overdue or not
        once the date to judge it at is known (``LogCounts.judge_open``), so a log can be
        judged as at its own latest date in one reading. Open cases have no order among
        themselves but their start, so the ``OVERDUE_LISTED`` that could be furthest past are
        kept whatever that date turns out to be."""
        group[_OPEN_STEPS][index, start, extended] += 1
        counts = self.counts
        entry = (-(start + limit), counts.open_total, reference.strip(), index, start)
        counts.open_total += 1
        if len(counts.open_latest) < OVERDUE_LISTED:
            heapq.heappush(counts.open_latest, entry)
        else:
            heapq.heappushpop(counts.open_latest, entry)


def _count_long(group: _Group, index: int, outcome: int, number: int = 1) -> None:
    """Count an outcome in the group's histogram, or in its overflow counter if beyond it."""
    if outcome < _HISTOGRAM_SIZE:
        group[index][outcome] += number
    else:
        group[len(STEPS)][index, outcome] += number


def _stages(tallies: list[Counter[int]], limits: Limits) -> dict[str, StageFigures]:
    figures = [step_figures(step, tally, limits[step])
               for step, tally in zip(STEPS, tallies, strict=True)]
    return {
        "stage1": StageFigures(acknowledgement=figures[0], response=figures[1]),
        "stage2": StageFigures(acknowledgement=figures[2], response=figures[3]),
    }


def step_figures(step: Measure, outcomes: Counter[int],
                 limits: tuple[int, int]) -> StepFigures:
    """Figures for one step from its outcome counts, against its (usual, extended) limits."""
    limit, extended_limit = limits
    measured = on_time = extended = overdue = 0
    taken: Counter[int] = Counter()
    for outcome, number in outcomes.items():
        if outcome == _NOT_DUE:
            continue
        days, is_open, is_extended = outcome >> 2, outcome & _OPEN, outcome & 1
        measured += number
        extended += number if is_extended else 0
        if is_open:
            overdue += number
            continue
        taken[days] += number
        if days <= (extended_limit if is_extended else limit):
            on_time += number
    responds = step in (Measure.STAGE1_RESPONSE, Measure.STAGE2_RESPONSE)
    return StepFigures(
        limit=limit,
        extended_limit=extended_limit,
        measured=measured,
        on_time=on_time,
        late=measured - on_time,
        on_time_pct=round(100 * on_time / measured, 1) if measured else None,
        extensions_used=extended if responds else None,
        median_working_days=_median(taken),
        p90_working_days=_nearest_rank(taken, 0.9),
        overdue_open=overdue,
    )


def _median(histogram: Counter[int]) -> float | None:
    """The middle value (the mean of the two middle values when the count is even)."""
    total = histogram.total()
    if not total:
        return None
    low = _value_at_rank(histogram, (total + 1) // 2)
    high = _value_at_rank(histogram, total // 2 + 1)
    return (low + high) / 2


def _nearest_rank(histogram: Counter[int], fraction: float) -> int | None:
    """The smallest value with at least ``fraction`` of all values at or below it."""
    total = histogram.total()
    return _value_at_rank(histogram, max(1, ceil(fraction * total))) if total else None


def _value_at_rank(histogram: Counter[int], rank: int) -> int:
    seen = 0
    for value in sorted(histogram):
        seen += histogram[value]
        if seen >= rank:
            return value
    raise ValueError(f"rank {rank} beyond {seen} values")


def _shown(text: str) -> str:
    """A bad cell's text, shown only when it looks like a date: cells may hold personal data."""
    return repr(text.strip()) if _DATE_LIKE.fullmatch(text.strip()) else "the cell"


def _order_problem(received: int, acknowledged: int, response: int, escalated: int,
                   acknowledged2: int, response2: int) -> str | None:
    """Why a row's dates are in an impossible order (keys as in ``_Tally``), if they are."""
    for column, value in (("acknowledged", acknowledged), ("stage1_response", response),
                          ("escalated", escalated)):
        if value < received:
            return f"{column}: is before received"
    if response < acknowledged < NEVER:
        return "stage1_response: is before acknowledged"
    for column, value in (("stage2_acknowledged", acknowledged2),
                          ("stage2_response", response2)):
        if value < NEVER and escalated == NEVER:
            return f"{column}: is filled in but escalated is empty"
        if value < escalated:
            return f"{column}: is before escalated"
    if response2 < acknowledged2 < NEVER:
        return "stage2_response: is before stage2_acknowledged"
    return None
