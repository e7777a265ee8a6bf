"""The dashboard of an assessment answering two Codes: each Code's readiness side by side.

Each Code is scored on its own view of the assessment (``gather.seen_under``, the view the
command line and reports use), with the existing ``score`` and ``lint``: its bands, and its
``must`` gate, apply to its own score. Gaps and checks list each Code's, named by Code; one
opens the walk-through at the card that answers it.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Static, TabbedContent

from code_check.assessment.codes import SEPARATOR, codes_of
from code_check.assessment.lint import lint
from code_check.assessment.scoring import Score, score
from code_check.catalogue.model import Catalogue
from code_check.dates import long_date
from code_check.gather import second_code_of, seen_under
from code_check.tui.dashboard_screen import SEVERITY_WORDS, DashboardScreen
from code_check.tui.fitted_table import FittedTable
from code_check.tui.walk import Walk
from code_check.wording import bar, percent, status_text

BAR = 10  # cells: two tables of bars share the screen's width
BLOCKING_SHOWN = 4  # legal duties named in a summary before "and N more"


class BothCodesDashboard(DashboardScreen):
    """``DashboardScreen``'s keys and tabs, each Code's figures beside the other's."""

    def compose_summary(self) -> ComposeResult:
        with Horizontal(id="code-summaries"):
            for index in range(2):
                yield Static(id=f"summary-{index}", classes="code-summary")

    def compose_sections(self) -> ComposeResult:
        with Horizontal(id="code-sections"):
            for index in range(2):
                with Vertical(classes="code-section"):
                    yield FittedTable(id=f"section-table-{index}", cursor_type="row",
                                      flexible={"Section": None},
                                      detail=f"section-detail-{index}")
                    yield Static(id=f"section-detail-{index}", classes="detail")

    def on_mount(self, event: events.Mount) -> None:
        event.prevent_default()  # not the one-Code dashboard's tables
        for index in range(2):
            self.query_one(f"#section-table-{index}", DataTable).add_columns(
                "Section", "Score", "Bar")
        self.query_one("#gap-table", DataTable).add_columns(
            "Code", "Id", "Duty", "Status", "Provision")
        self.query_one("#check-table", DataTable).add_columns(
            "Code", "Severity", "Id", "Finding")
        self.refresh_numbers()

    def refresh_numbers(self) -> None:
        assessment = self.app.workspace.load(self.assessment_id)
        catalogues = self.app.catalogues
        self.sub_title = f"{assessment.council.name}, assessed {long_date(assessment.assessed_on)}"
        self.walk = Walk(self.app.catalogue_for(assessment),
                         second_code_of(assessment, catalogues))
        self.views = [seen_under(assessment, code, catalogues) for code in codes_of(assessment)]
        results = [(catalogue, score(catalogue, seen)) for seen, catalogue in self.views]
        for index, (catalogue, result) in enumerate(results):
            self.query_one(f"#summary-{index}", Static).update(code_summary(catalogue, result))
            self._fill_code_sections(index, result)
        self._fill_code_gaps(results)
        self.findings = [(catalogue, finding) for seen, catalogue in self.views
                         for finding in lint(catalogue, seen, as_of=self.app.today)]
        self._fill_checks()
        tabs = self.query_one(TabbedContent)
        tabs.get_tab("gaps").label = f"Gaps ({sum(len(r.gaps) for _, r in results)})"
        tabs.get_tab("checks").label = f"Checks ({len(self.findings)})"

    def _fill_code_sections(self, index: int, result: Score) -> None:
        table = self.query_one(f"#section-table-{index}", DataTable)
        table.clear()
        for section in result.sections:
            table.add_row(f"{section.id} {section.title}", percent(section.score),
                          bar(section.score, BAR, track_when_missing=True), key=section.id)

    def _fill_code_gaps(self, results: list[tuple[Catalogue, Score]]) -> None:
        table = self.query_one("#gap-table", DataTable)
        table.clear()
        for catalogue, result in results:
            for gap in result.gaps:
                table.add_row(catalogue.initials, gap.id + ("" if gap.verified else " ⚠"),
                              gap.obligation, status_text(gap.status), gap.text,
                              key=f"{catalogue.id}{SEPARATOR}{gap.id}")

    def _fill_checks(self) -> None:
        checks = self.query_one("#check-table", DataTable)
        checks.clear()
        for index, (catalogue, finding) in enumerate(self.findings):
            checks.add_row(catalogue.initials, SEVERITY_WORDS[finding.severity.value],
                           finding.requirement_id or "-", finding.message, key=str(index))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """A gap or a check about one provision opens the card that answers it."""
        event.prevent_default()  # the one-Code dashboard's rows are keyed otherwise
        if event.data_table.id == "gap-table":
            catalogue_id, _, requirement_id = event.row_key.value.rpartition(SEPARATOR)
            self._open(catalogue_id, requirement_id)
        elif event.data_table.id == "check-table":
            catalogue, finding = self.findings[int(event.row_key.value)]
            if finding.requirement_id is not None:
                self._open(catalogue.id, finding.requirement_id)

    def _open(self, catalogue_id: str, requirement_id: str) -> None:
        self.app.open_walkthrough(self.assessment_id,
                                  self.walk.key_of(catalogue_id, requirement_id))


def code_summary(catalogue: Catalogue, result: Score) -> Text:
    """One Code's headline numbers, narrow enough to stand beside the other's."""
    overall = result.overall
    text = Text.assemble(
        (f"{catalogue.initials} ", "bold"), (percent(overall.score), "bold"),
        f" {overall.band}\n", f"{overall.points()}\n",
        f"Coverage {percent(overall.coverage)} ({overall.assessed} of "
        f"{overall.applicable} answered)")
    blocking = overall.musts_blocking
    if blocking:
        more = len(blocking) - BLOCKING_SHOWN
        text.append(f"\nNot “Ready” while these legal duties (must) are not met: "
                    f"{', '.join(blocking[:BLOCKING_SHOWN])}"
                    + (f" and {more} more" if more > 0 else ""))
    return text

