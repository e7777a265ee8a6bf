"""The Ombudsman's figures for one council: key figures against similar authorities, the
years held, the trend with its caveats, and pasting a new year in from the Ombudsman's page.

Self-contained: give it a workspace file and a council name. Every figure, comparison and
caveat comes from ``code_check.statistics``; this module only lays them out.
"""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, DataTable, Header, Input, Select, Static, TextArea

from code_check.assessment.model import AuthorityType
from code_check.errors import InputError
from code_check.statistics.against_averages import against_averages
from code_check.statistics.model import OmbudsmanStats, rounded, typed_financial_year
from code_check.statistics.pasted_text import PastedFigures, parse_statistics_text
from code_check.statistics.trend import Trend
from code_check.statistics.year_table import YEAR_TABLE_HEADINGS, year_cells
from code_check.store.statistics import PlannedChange, StatisticsStore
from code_check.store.workspace import Workspace
from code_check.tui.fitted_table import FittedTable
from code_check.tui.key_bar import KeyBar
from code_check.tui.user_text import inert_text

BAR_WIDTH = 25  # characters for 100%
KEY_FIGURE_HEADINGS = ("Figure", "This council", "Average", "Compared", "Rests on")


def held_statistics(workspace_path: Path, council: str) -> list[OmbudsmanStats]:
    with Workspace(workspace_path) as workspace:
        return StatisticsStore(workspace).rows(council)


def known_authority_type(workspace_path: Path, council: str) -> AuthorityType | None:
    with Workspace(workspace_path) as workspace:
        return StatisticsStore(workspace).authority_type(council)


def upheld_bars(rows: list[OmbudsmanStats]) -> str:
    """One bar per year for the uphold rate, with the figure and its average in words."""
    lines = []
    for stats in rows:
        comparison = against_averages(stats)[0]
        if comparison.value is None:
            lines.append(f"{stats.year}  {'':{BAR_WIDTH}}  {comparison.shown_value}")
            continue
        bar = "█" * round(comparison.value / 100 * BAR_WIDTH)
        beside = (f"{comparison.mark} {comparison.in_words}" if comparison.direction
                  else comparison.in_words)
        lines.append(f"{stats.year}  {bar:<{BAR_WIDTH}}  {comparison.shown_value:>4}  {beside}")
    return "\n".join(lines)


class StatisticsScreen(Screen):
    """A council's Ombudsman statistics, read from the workspace when opened and on reload."""

    CSS_PATH = "statistics.tcss"
    BINDINGS = [
        Binding("p", "paste", "Paste figures"),
        Binding("r", "reload", "Reload"),
        Binding("escape", "close", "Back"),
    ]

    def __init__(self, workspace_path: Path, council: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.workspace_path = Path(workspace_path)
        self.council = council
        self.rows: list[OmbudsmanStats] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="statistics-body"):
            yield Static(id="statistics-title", classes="title")
            yield Static(id="statistics-empty")
            yield FittedTable(id="key-figures", cursor_type="row", zebra_stripes=True, wrap=True,
                              flexible=dict.fromkeys(KEY_FIGURE_HEADINGS))
            yield Static("Year by year (each rate beside the average for similar authorities)",
                         classes="heading")
            yield FittedTable(id="years", cursor_type="row", zebra_stripes=True, wrap=True,
                              flexible=dict.fromkeys(YEAR_TABLE_HEADINGS))
            yield Static("Trend: complaints upheld", classes="heading")
            yield Static(id="trend")
            yield Static(id="caveats", classes="notes")
            yield Static(id="warnings", classes="notes")
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = "Ombudsman statistics"
        self.sub_title = self.council
        self.action_reload()

    def action_reload(self) -> None:
        try:
            self.rows = held_statistics(self.workspace_path, self.council)
        except InputError as error:
            self.rows = []
            self._show(problem=f"Cannot read the workspace: {error}")
            return
        self._show()

    def action_paste(self) -> None:
        try:
            authority_type = known_authority_type(self.workspace_path, self.council)
        except InputError as error:
            self.notify(f"Cannot read the workspace: {error}", severity="error")
            return
        modal = PasteStatisticsScreen(self.workspace_path, self.council, authority_type)
        self.app.push_screen(modal, self._pasted)

    def _pasted(self, saved: bool | None) -> None:
        if saved:
            self.action_reload()
            self.notify(f"Saved the Ombudsman's figures for {self.council}.")

    def action_close(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()

    def _show(self, problem: str | None = None) -> None:
        empty = self.query_one("#statistics-empty", Static)
        key, years = self.query_one("#key-figures", DataTable), self.query_one("#years", DataTable)
        key.clear(columns=True)
        years.clear(columns=True)
        if not self.rows:
            self.query_one("#statistics-title", Static).update(
                inert_text(problem or f"{self.council}: no Ombudsman statistics held yet"))
            empty.update("Press p to paste the text of the Ombudsman's page or annual letter "
                         "for this council, or run: code-check stats import FILE")
            empty.display = True
            for selector in ("#trend", "#caveats", "#warnings"):
                self.query_one(selector, Static).update("")
            return
        empty.display = False
        latest = self.rows[-1]
        self.query_one("#statistics-title", Static).update(inert_text(
            f"{latest.council} ({latest.authority_type.label}), {latest.year}: "
            "against the average for similar authorities"))
        key.add_columns(*KEY_FIGURE_HEADINGS)
        for c in against_averages(latest):
            compared = f"{c.mark} {c.in_words}" if c.direction else c.in_words
            key.add_row(c.figure, c.shown_value, c.show(c.average), compared, c.rests_on_text)
        years.add_columns(*YEAR_TABLE_HEADINGS)
        for stats in self.rows:
            years.add_row(*year_cells(stats))
        self.query_one("#trend", Static).update(upheld_bars(self.rows))
        notes = Trend(latest.council, self.rows).notes
        self.query_one("#caveats", Static).update(
            inert_text("\n".join(f"Note: {n}" for n in notes)))
        warnings = [w for stats in self.rows for w in stats.warnings]
        self.query_one("#warnings", Static).update(
            inert_text("\n".join(f"Check: {w}" for w in warnings)))


class PasteStatisticsScreen(ModalScreen[bool]):
    """Paste the Ombudsman's page or letter, see what was found and not found, then save."""

    CSS_PATH = "statistics.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save"),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, workspace_path: Path, council: str,
                 authority_type: AuthorityType | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.workspace_path = Path(workspace_path)
        self.council = council
        self.authority_type = authority_type
        self.ready: OmbudsmanStats | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="paste-dialog"):
            yield Static(inert_text(f"Paste the Ombudsman's figures for {self.council}"),
                         classes="title")
            yield Static("Copy the whole of the council's page on the Ombudsman's website, or "
                         "its annual review letter, and paste it below (ctrl+v).")
            yield TextArea(id="paste-text", soft_wrap=True)
            with Horizontal(id="paste-options"):
                yield Input(placeholder="Year, such as 2023-24", id="paste-year")
                yield Select([(t.label, t) for t in AuthorityType], id="paste-type",
                             prompt="Type of council", value=self.authority_type or Select.NULL)
            with VerticalScroll(id="paste-preview-box"):
                yield Static("Nothing pasted yet.", id="paste-preview")
            with Horizontal(id="paste-buttons"):
                yield Button("Save", id="paste-save", variant="primary", disabled=True)
                yield Button("Cancel", id="paste-cancel")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#paste-text", TextArea).focus()

    @on(TextArea.Changed)
    @on(Input.Changed)
    @on(Select.Changed)
    def _preview(self) -> None:
        text = self.query_one("#paste-text", TextArea).text
        preview = self.query_one("#paste-preview", Static)
        self.ready = None
        if not text.strip():
            preview.update("Nothing pasted yet.")
            self._can_save(False)
            return
        parsed = parse_statistics_text(text)
        try:
            authority_type = self._chosen_type()
            year = parsed.year_for(self._chosen_year())
            with Workspace(self.workspace_path) as workspace:
                store = StatisticsStore(workspace)
                self.ready = parsed.to_statistics(self.council, authority_type, year,
                                                  store.held(self.council, year))
                lines = _plan_lines(store.plan([self.ready])[0])
        except InputError as error:
            lines = [f"Cannot save yet: {error.problem}"]
        preview.update(inert_text("\n".join(lines + _found_lines(parsed))))
        self._can_save(self.ready is not None and bool(parsed.found))

    def _chosen_year(self) -> str | None:
        typed = self.query_one("#paste-year", Input).value.strip()
        if not typed:
            return None
        return typed_financial_year(typed, "year")

    def _chosen_type(self) -> AuthorityType:
        chosen = self.query_one("#paste-type", Select).value
        if chosen is Select.NULL:
            raise InputError("choose the type of council", field="type of council")
        return chosen

    def _can_save(self, allowed: bool) -> None:
        self.query_one("#paste-save", Button).disabled = not allowed

    @on(Button.Pressed, "#paste-save")
    def action_save(self) -> None:
        if self.ready is None:
            self.notify("Nothing to save yet: see the preview for what is missing.",
                        severity="warning")
            return
        try:
            with Workspace(self.workspace_path) as workspace:
                StatisticsStore(workspace).save([self.ready], source="pasted text")
        except InputError as error:
            self.notify(f"Not saved: {error}", severity="error")
            return
        self.dismiss(True)

    @on(Button.Pressed, "#paste-cancel")
    def action_cancel(self) -> None:
        self.dismiss(False)


def _found_lines(parsed: PastedFigures) -> list[str]:
    """What is missing and what to check first, then every figure found."""
    lines = []
    if parsed.missing:
        lines.append("Not found: " + "; ".join(parsed.missing_labels) + ".")
    if parsed.year is None:
        lines.append("Not found: which year the figures are for (type it above).")
    lines += [f"Check: {note}" for note in parsed.notes]
    count = f"{len(parsed.found)} figure" + ("" if len(parsed.found) == 1 else "s")
    lines.append(f"Found {count}" + (f" for {parsed.year}:" if parsed.year else ":"))
    lines += [f"  ✓ {f.label}: {f.value}" for f in parsed.found]
    return lines


def _plan_lines(planned: PlannedChange) -> list[str]:
    lines = [f"Check: {w}" for w in planned.new.warnings]
    upheld = against_averages(planned.new)[0]
    if upheld.value is not None and planned.new.investigated is not None:
        lines.append(f"Upheld: {rounded(upheld.value, 0)}% of {planned.new.investigated} "
                     "investigated.")
    if planned.kind == "new":
        lines.append(f"Saving adds {planned.title}.")
    elif planned.kind == "unchanged":
        lines.append(f"{planned.title} is already held with these figures.")
    else:
        lines.append(f"Saving replaces the figures held for {planned.title}:")
        lines += [f"  {change.describe()}" for change in planned.changes]
    return lines
