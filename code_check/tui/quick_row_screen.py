"""Quick mode: one answer for a whole row of the published self-assessment form."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from code_check.assessment.model import Status
from code_check.tui.session import AssessmentSession


class QuickRowScreen(ModalScreen[tuple[str, Status | None] | None]):
    """Dismisses with (row id, status) for the highlighted row, or None if cancelled."""

    CSS_PATH = "styles/modal.tcss"
    BINDINGS = [
        Binding("m", "answer('met')", "Met"),
        Binding("p", "answer('partly_met')", "Partly"),
        Binding("n", "answer('not_met')", "Not met"),
        Binding("a", "answer('not_applicable')", "N/A"),
        Binding("u", "answer('')", "Clear"),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, session: AssessmentSession) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        catalogue = self.session.catalogue
        with Vertical(classes="dialog wide"):
            yield Static("Quick mode: choose a row of the published form, then press m, p, n, "
                         "a or u to answer every provision in it. Refine them one by one "
                         "afterwards.", classes="question")
            options = []
            for row in catalogue.template_rows:
                members = catalogue.in_template_row(row.id)
                answered = self.session.answered_in(members)
                options.append(Option(f"{row.id:>3}  {row.title} ({answered} of {len(members)} "
                                      "answered)", id=row.id))
            yield OptionList(*options, id="rows")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def action_answer(self, status: str) -> None:
        rows = self.query_one(OptionList)
        if rows.highlighted is None:
            self.notify("Choose a row first (arrow keys).")
            return
        row_id = rows.get_option_at_index(rows.highlighted).id
        self.dismiss((row_id, Status(status) if status else None))

    def action_cancel(self) -> None:
        self.dismiss(None)
