"""Dashboard: readiness with its working, a bar per section, gaps worst first, and checks."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Header, Static, TabbedContent, TabPane

from code_check.assessment.lint import lint
from code_check.assessment.scoring import Score, score
from code_check.dates import long_date
from code_check.tui.assessment_screen import AssessmentScreen
from code_check.tui.fitted_table import FittedTable
from code_check.tui.key_bar import KeyBar
from code_check.wording import bar, percent, status_text

SEVERITY_WORDS = {"error": "✘ Error", "warning": "! Warning", "info": "i Note"}
TABS = Binding.Group("Tabs")  # one entry on the key bar: "1 2 3 Tabs"
ID_WIDTH = 10  # a long provisional id gives way first ("5.x-remed…"); its detail line has it all


class DashboardScreen(AssessmentScreen):
    """Everything here comes from ``score`` and ``lint``; nothing is worked out on screen."""

    CSS_PATH = "styles/dashboard.tcss"
    BINDINGS = [
        Binding("1", "tab('sections')", "Sections", group=TABS),
        Binding("2", "tab('gaps')", "Gaps", group=TABS),
        Binding("3", "tab('checks')", "Checks", group=TABS),
        Binding("w", "walkthrough", "Walk-through", tooltip="Answer the provisions"),
        Binding("g", "progress", "Progress", tooltip="This council's assessments over time"),
        Binding("x", "open_export", "Export", tooltip="Export this assessment"),
        Binding("escape", "back", "Back"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield from self.compose_summary()
        with TabbedContent(initial="sections"):
            with TabPane("Sections", id="sections"):
                yield from self.compose_sections()
            with TabPane("Gaps", id="gaps"):
                yield FittedTable(id="gap-table", cursor_type="row",
                                  flexible={"Id": ID_WIDTH, "Provision": None},
                                  detail="gap-detail")
                yield Static(id="gap-detail", classes="detail")
            with TabPane("Checks", id="checks"):
                yield FittedTable(id="check-table", cursor_type="row",
                                  flexible={"Id": ID_WIDTH, "Finding": None},
                                  detail="check-detail")
                yield Static(id="check-detail", classes="detail")
        yield KeyBar()

    def compose_summary(self) -> ComposeResult:
        yield Static(id="summary")

    def compose_sections(self) -> ComposeResult:
        yield FittedTable(id="section-table", cursor_type="row", flexible={"Section": None},
                          detail="section-detail")
        yield Static(id="section-detail", classes="detail")

    def on_mount(self) -> None:
        self.query_one("#section-table", DataTable).add_columns(
            "Section", "Readiness", "Bar", "Answered")
        self.query_one("#gap-table", DataTable).add_columns("Id", "Duty", "Status", "Provision")
        self.query_one("#check-table", DataTable).add_columns("Severity", "Id", "Finding")
        self.refresh_numbers()

    def on_screen_resume(self) -> None:
        self.refresh_numbers()

    def workspace_changed(self) -> None:
        """Someone saved in another session: the numbers again, each cursor where it was."""
        cursors = {table: table.cursor_row for table in self.query(DataTable)}
        self.refresh_numbers()
        for table, row in cursors.items():
            table.move_cursor(row=row)

    def refresh_numbers(self) -> None:
        workspace = self.app.workspace
        assessment = workspace.load(self.assessment_id)
        catalogue = self.app.catalogue_for(assessment)
        self.result = score(catalogue, assessment)
        self.sub_title = f"{assessment.council.name}, assessed {long_date(assessment.assessed_on)}"
        self.query_one("#summary", Static).update(summary_text(self.result))
        self._fill_sections(self.result)
        self._fill_gaps(self.result)
        self.findings = lint(catalogue, assessment, as_of=self.app.today)
        checks = self.query_one("#check-table", DataTable)
        checks.clear()
        for index, finding in enumerate(self.findings):  # one provision can have several
            checks.add_row(SEVERITY_WORDS[finding.severity.value], finding.requirement_id or "-",
                           finding.message, key=str(index))
        tabs = self.query_one(TabbedContent)
        tabs.get_tab("gaps").label = f"Gaps ({len(self.result.gaps)})"
        tabs.get_tab("checks").label = f"Checks ({len(self.findings)})"

    def _fill_sections(self, result: Score) -> None:
        table = self.query_one("#section-table", DataTable)
        table.clear()
        for section in result.sections:
            table.add_row(f"{section.id} {section.title}", percent(section.score),
                          bar(section.score, 20, track_when_missing=True),
                          f"{section.assessed} of {section.applicable}",
                          key=section.id)

    def _fill_gaps(self, result: Score) -> None:
        table = self.query_one("#gap-table", DataTable)
        table.clear()
        for gap in result.gaps:
            table.add_row(gap.id + ("" if gap.verified else " ⚠"), gap.obligation,
                          status_text(gap.status), gap.text, key=gap.id)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """A gap or a check about one provision opens it in the walk-through."""
        if event.data_table.id == "gap-table":
            self.app.open_walkthrough(self.assessment_id, event.row_key.value)
        elif event.data_table.id == "check-table":
            requirement_id = self.findings[int(event.row_key.value)].requirement_id
            if requirement_id is not None:
                self.app.open_walkthrough(self.assessment_id, requirement_id)

    def action_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab
        self.query_one(f"#{tab} DataTable", DataTable).focus()



def summary_text(result: Score) -> Text:
    """The headline numbers, each with its working."""
    overall = result.overall
    text = Text.assemble(
        ("Readiness ", "bold"), (percent(overall.score), "bold"), f"  {overall.band}",
        f"  ({overall.points()})\n",
        ("Coverage ", "bold"), percent(overall.coverage),
        f"  ({overall.assessed} of {overall.applicable} applicable provisions answered; "
        f"{overall.not_applicable} not applicable)\n",
        (overall.band_meaning, "italic"),
    )
    if overall.musts_blocking:
        shown = ", ".join(overall.musts_blocking[:8])
        more = len(overall.musts_blocking) - 8
        text.append(f"\nNot “Ready” while these legal duties (must) are not met: {shown}"
                    + (f" and {more} more" if more > 0 else ""))
    return text
