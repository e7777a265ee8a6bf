"""Progress: a council's assessments over time, and what changed since the previous one."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Header, Static

from code_check.assessment.progress import ChangeKind, compare
from code_check.dates import long_date, short_date
from code_check.store.workspace import AssessmentRecord
from code_check.tui.assessment_screen import AssessmentScreen
from code_check.tui.fitted_table import FittedTable
from code_check.tui.key_bar import KeyBar
from code_check.tui.user_text import inert_text
from code_check.wording import bar, percent, status_text

CHANGE_MARKS = {  # every kind ``compare`` gives, as ``code-check compare`` lists them
    ChangeKind.REGRESSED: "▼",
    ChangeKind.IMPROVED: "▲",
    ChangeKind.NEWLY_ASSESSED: "+",
    ChangeKind.NO_LONGER_ASSESSED: "−",
    ChangeKind.APPLICABILITY_CHANGED: "↔",
    ChangeKind.NOT_COMPARABLE: "?",
}
ALWAYS_COUNTED = (ChangeKind.IMPROVED, ChangeKind.REGRESSED)  # the rest only when there are any


class ProgressScreen(AssessmentScreen):
    """The readiness trend and the comparison come from the score snapshots and ``compare``.

    The trend is a bar per assessment on a fixed 0-100% scale: a sparkline scales between its
    own lowest and highest value, which makes two close scores look far apart."""

    CSS_PATH = "styles/progress.tcss"
    BINDINGS = [
        Binding("w", "walkthrough", "Walk-through", tooltip="Answer the provisions"),
        Binding("d", "dashboard", "Dashboard", tooltip="Readiness, gaps and checks"),
        Binding("escape", "back", "Back"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="trend-title", classes="title")
        yield FittedTable(id="history", cursor_type="row", flexible={"Band": None})
        yield Static(id="comparison-title", classes="title")
        yield FittedTable(id="changes", cursor_type="row",
                          flexible={"Change": None, "Before": None, "Now": None})
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#history", DataTable).add_columns(
            "", "Assessed", "Readiness", "Bar", "Band", "Coverage")
        self.query_one("#changes", DataTable).add_columns("Change", "Id", "Before", "Now")
        self.refresh_progress()

    def on_screen_resume(self) -> None:
        self.refresh_progress()

    def refresh_progress(self) -> None:
        workspace = self.app.workspace
        current = workspace.record(self.assessment_id)
        records = list(reversed(workspace.assessments(current.council)))  # oldest first
        self.sub_title = current.council
        self.query_one("#trend-title", Static).update(inert_text(
            f"Readiness over {len(records)} assessment{'s' * (len(records) != 1)} of "
            f"{current.council}, newest first (bars on a 0-100% scale)"))
        history = self.query_one("#history", DataTable)
        history.clear()
        for record in reversed(records):
            history.add_row("▶" if record.id == current.id else "",
                            short_date(record.assessed_on), percent(record.score),
                            bar(record.score, 12, track_when_missing=True),
                            record.band or "not scored",
                            percent(record.coverage), key=str(record.id))
        history.move_cursor(row=history.get_row_index(str(current.id)))
        self._show_comparison(current, records)

    def _show_comparison(self, current: AssessmentRecord, records: list[AssessmentRecord]) -> None:
        title = self.query_one("#comparison-title", Static)
        changes = self.query_one("#changes", DataTable)
        changes.clear()
        position = [record.id for record in records].index(current.id)
        if position == 0:
            title.update(f"The assessment of {long_date(current.assessed_on)} is this "
                         "council's first: nothing to compare it with yet.")
            changes.display = False
            return
        previous = records[position - 1]
        workspace = self.app.workspace
        old, new = workspace.load(previous.id), workspace.load(current.id)
        result = compare(self.app.catalogue_for(old), old, self.app.catalogue_for(new), new)
        change = result.score_change
        direction = "no change" if not change else \
            f"{'up' if change > 0 else 'down'} {abs(change):.1f} points"
        others = [kind for kind in CHANGE_MARKS if kind not in ALWAYS_COUNTED]
        counts = [f"{len(result.of_kind(kind))} {kind.label.lower()}"
                  for kind in (*ALWAYS_COUNTED, *others)
                  if kind in ALWAYS_COUNTED or result.of_kind(kind)]
        title.update(
            f"Since {long_date(previous.assessed_on)}: readiness {percent(result.old.score)} → "
            f"{percent(result.new.score)} ({direction}); {', '.join(counts)}, "
            f"{result.unchanged} unchanged")
        changes.display = True
        for item in result.changes:  # regressions first, as compare orders them
            changes.add_row(f"{CHANGE_MARKS[item.kind]} {item.kind.label}", item.id,
                            status_text(item.old_status), status_text(item.new_status),
                            key=item.id)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.data_table.id == "history":
            self.assessment_id = int(event.row_key.value)
            self.refresh_progress()
        else:
            self.app.open_walkthrough(self.assessment_id, event.row_key.value)

