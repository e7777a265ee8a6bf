"""The details a new assessment needs: council, type of authority, date, assessor."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from code_check.assessment.model import Assessment, AuthorityType, Council
from code_check.dates import typed_date
from code_check.errors import InputError
from code_check.tui.errors import reports_problems
from code_check.tui.user_text import inert_text


class NewAssessmentScreen(ModalScreen[Assessment | None]):
    """Dismisses with the new (empty) assessment, or None if cancelled.

    With ``council_fixed`` (a new assessment from the previous one) only the date and the
    assessor are asked for."""

    CSS_PATH = "styles/modal.tcss"
    BINDINGS = [
        Binding("ctrl+s", "create", "Create"),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(
        self, catalogue_id: str, today: date, council: Council | None = None,
        title: str = "A new assessment", *, council_fixed: bool = False,
        assessor: str | None = None,
    ) -> None:
        super().__init__()
        self.catalogue_id = catalogue_id
        self.today = today
        self.council = council
        self.title_text = title
        self.council_fixed = council_fixed and council is not None
        self.assessor = assessor

    def compose(self) -> ComposeResult:
        council = self.council
        with Vertical(classes="dialog"):
            with VerticalScroll(classes="fields"):  # scrolls; the buttons stay in sight
                yield Static(inert_text(self.title_text), classes="question")
                if not self.council_fixed:
                    yield Label("Council name")
                    yield Input(council.name if council else "", id="council",
                                placeholder="e.g. Example Borough Council")
                    yield Label("Type of authority")
                    yield Select(
                        [(kind.label, kind) for kind in AuthorityType], id="authority_type",
                        value=council.authority_type if council else Select.NULL,
                        prompt="Choose one",
                    )
                yield Label("Assessed on (e.g. 31/03/2026)")
                yield Input(self.today.isoformat(), id="assessed_on")
                yield Label("Assessor (optional)")
                yield Input(self.assessor or "", id="assessor", placeholder="your name")
            with Horizontal(classes="buttons"):
                yield Button("Create (ctrl+s)", id="create", variant="primary")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        self.app.steady_cursors(self)
        self.query_one(Input).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "create":
            self.action_create()
        else:
            self.action_cancel()

    def on_input_submitted(self) -> None:
        self.action_create()

    @reports_problems
    def action_create(self) -> None:
        council = self.council if self.council_fixed else self._council()
        assessed_on = typed_date(self.query_one("#assessed_on", Input).value, "Assessed on")
        if assessed_on is None:
            raise InputError("give the date of the assessment", field="Assessed on")
        assessor = self.query_one("#assessor", Input).value.strip() or None
        self._close(Assessment(council=council, catalogue=self.catalogue_id,
                               assessed_on=assessed_on, assessor=assessor))

    def _council(self) -> Council:
        name = self.query_one("#council", Input).value.strip()
        if not name:
            raise InputError("give the council's name", field="Council name")
        authority = self.query_one("#authority_type", Select).value
        if authority is Select.NULL:
            raise InputError("choose the type of authority", field="Type of authority")
        return Council(name=name, authority_type=authority,
                       population=self.council.population if self.council else None,
                       landlord=self.council.landlord if self.council else False)

    def action_cancel(self) -> None:
        self._close(None)

    def _close(self, result: Assessment | None) -> None:
        """Close, taking any problem it reported with it: it belongs to this dialog."""
        self.app.clear_notifications()
        self.dismiss(result)
