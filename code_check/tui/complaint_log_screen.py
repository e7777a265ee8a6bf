"""The complaint-log screen: timeliness per step with bars, the monthly trend, overdue cases.

Self-contained: give it a ``LogAnalysis`` (``code_check.complaint_log.reader.analyse_file``
makes one; run that in a worker for a large file) and push it on any app.
"""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Label, ProgressBar, Sparkline, Static

from code_check.catalogue.model import Measure
from code_check.complaint_log.timeliness import STEPS, LogAnalysis, StepFigures
from code_check.tui.fitted_table import FittedTable
from code_check.tui.key_bar import KeyBar
from code_check.tui.user_text import inert_text
from code_check.wording import step_label


def figures_text(figures: StepFigures) -> str:
    """One plain line of a step's figures."""
    if not figures.measured:
        return "nothing measured yet"
    parts = [f"{figures.on_time:,} of {figures.measured:,} on time"]
    if figures.median_working_days is not None:
        parts.append(f"median {figures.median_working_days:g} days, 90% within "
                     f"{figures.p90_working_days}")
    if figures.extensions_used:
        parts.append(f"{figures.extensions_used:,} extended")
    if figures.overdue_open:
        parts.append(f"{figures.overdue_open:,} open and overdue")
    return "; ".join(parts)


def monthly_trend(analysis: LogAnalysis, step: Measure) -> list[tuple[str, float]]:
    """(month, on-time percentage) per month of receipt, months with nothing measured left
    out; months as ``2025-04``."""
    points = ((month.month, month.step(step).on_time_pct) for month in analysis.by_month)
    return [(month, value) for month, value in points if value is not None]


def month_ruler(months: list[str], width: int) -> str:
    """Month names for a sparkline ``width`` cells wide over ``months``, each where its bar
    starts (as the sparkline spreads or groups them) and left out where it would run into the
    one before; the first and each January carry the year when there is room."""
    line = [" "] * max(width, 0)
    free = 0  # the first cell a label may start at
    starts = _month_starts(len(months), width) if months else []
    for position, (index, start) in enumerate(starts):
        if start < free:
            continue
        month = date.fromisoformat(months[index] + "-01")
        room = (starts[position + 1][1] if position + 1 < len(starts) else width) - start - 1
        label = f"{month:%b %Y}" if (not free or month.month == 1) and room >= 8 \
            else f"{month:%b}"
        if start + len(label) > width:
            break
        line[start:start + len(label)] = label
        free = start + len(label) + 1
    return "".join(line)


def _month_starts(count: int, width: int) -> list[tuple[int, int]]:
    """(month index, first cell) for each month that starts a cell of the sparkline: cell c
    shows month c * count // width (or the group of months from it)."""
    starts, previous = [], None
    for cell in range(width):
        index = cell * count // width
        if index != previous:
            starts.append((index, cell))
            previous = index
    return starts


class MonthRuler(Widget):
    """The months under the trend's sparkline."""

    DEFAULT_CSS = "MonthRuler { height: 1; }"

    def __init__(self, **options) -> None:
        super().__init__(**options)
        self.months: list[str] = []

    def show(self, months: list[str]) -> None:
        self.months = months
        self.refresh()

    def render(self) -> str:
        return month_ruler(self.months, self.size.width)


class ComplaintLogScreen(Screen):
    """How the council's complaint log measures up to the Code's timescales."""

    CSS_PATH = "complaint_log_screen.tcss"
    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("t", "next_trend", "Trend: next step"),
    ]

    def __init__(self, analysis: LogAnalysis, *, source: str = "complaint log") -> None:
        super().__init__()
        self.analysis = analysis
        self.source = source
        self.trend_step = Measure.STAGE1_RESPONSE

    def compose(self) -> ComposeResult:
        analysis = self.analysis
        period = f", received {analysis.period}" if analysis.period else ""
        latest = " (the latest date in the log)" if analysis.as_of == analysis.last_dated else ""
        with VerticalScroll():
            yield Static(inert_text(f"{self.source}: {analysis.cases:,} cases{period}, as of "
                                    f"{analysis.as_of:%d %B %Y}{latest}; "
                                    f"{len(analysis.rejected_rows):,} rows rejected"),
                         id="summary")
            with Grid(id="steps"):
                for step in STEPS:
                    figures = self.analysis.step(step)
                    yield Label(step_label(step), classes="step-name")
                    bar = ProgressBar(total=100, show_eta=False, id=_step_id(step))
                    bar.progress = figures.on_time_pct or 0
                    yield bar
                    yield Label(figures_text(figures), classes="step-figures")
            with Vertical(id="trend"):
                yield Label("", id="trend-title")
                yield Sparkline([], id="trend-line")
                yield MonthRuler(id="trend-months")
            yield Label(f"Open cases past their limit: {analysis.overdue_total:,}",
                        id="overdue-title")
            yield FittedTable(id="overdue", cursor_type="row", zebra_stripes=True,
                              flexible={"Reference": None})
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one("#overdue", FittedTable)
        table.add_columns("Reference", "Step", "Working days", "Limit")
        for case in self.analysis.overdue_cases:
            table.add_row(case.reference, step_label(case.step), str(case.working_days),
                          str(case.limit))
        self._show_trend()

    def action_next_trend(self) -> None:
        self.trend_step = STEPS[(STEPS.index(self.trend_step) + 1) % len(STEPS)]
        self._show_trend()

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()

    def _show_trend(self) -> None:
        points = monthly_trend(self.analysis, self.trend_step)
        values = [value for _, value in points]
        first = self.analysis.by_month[0].month if self.analysis.by_month else ""
        last = self.analysis.by_month[-1].month if self.analysis.by_month else ""
        title = f"{step_label(self.trend_step)} on time, month by month"
        if values:
            title += f" ({first} to {last}: lowest {min(values):.0f}%, highest {max(values):.0f}%)"
        else:
            title += ": nothing measured yet"
        self.query_one("#trend-title", Label).update(title)
        self.query_one("#trend-line", Sparkline).data = values
        self.query_one(MonthRuler).show([month for month, _ in points])


def _step_id(step: Measure) -> str:
    return "bar-" + step.value.replace(".", "-")
