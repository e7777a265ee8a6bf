"""The details a new assessment needs: council, type of authority, date, assessor, and for a
council that owns homes which Codes it answers."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from code_check.assessment.model import AlsoUnder, Assessment, AuthorityType, Council
from code_check.catalogue.model import Catalogue
from code_check.dates import typed_date
from code_check.errors import InputError
from code_check.tui.code_choice import HOMES_WHY, code_choices, typed_homes
from code_check.tui.errors import reports_problems
from code_check.tui.user_text import inert_text


class NewAssessmentScreen(ModalScreen[Assessment | None]):
    """Dismisses with the new (empty) assessment, or None if cancelled.

    With ``council_fixed`` (a new assessment from the previous one) only the date and the
    assessor are asked for. With ``codes`` (the first Code and one it can answer as well), a
    council that owns homes chooses one Code, the other or both, and is asked once how many
    homes it owns."""

    CSS_PATH = "styles/modal.tcss"
    BINDINGS = [
        Binding("ctrl+s", "create", "Create"),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(
        self, catalogue_id: str, today: date, council: Council | None = None,
        title: str = "A new assessment", *, council_fixed: bool = False,
        assessor: str | None = None, codes: tuple[Catalogue, Catalogue] | None = None,
    ) -> None:
        super().__init__()
        self.catalogue_id = catalogue_id
        self.today = today
        self.council = council
        self.title_text = title
        self.council_fixed = council_fixed and council is not None
        self.assessor = assessor
        self.codes = None if self.council_fixed else codes

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
                if self.codes is not None:
                    yield from self._housing_fields(*self.codes)
                yield Label("Assessed on (e.g. 31/03/2026)")
                yield Input(self.today.isoformat(), id="assessed_on")
                yield Label("Assessor (optional)")
                yield Input(self.assessor or "", id="assessor", placeholder="your name")
            with Horizontal(classes="buttons"):
                yield Button("Create (ctrl+s)", id="create", variant="primary")
                yield Button("Cancel (esc)", id="cancel")

    def _housing_fields(self, first: Catalogue, second: Catalogue) -> ComposeResult:
        """Owns homes? Then which Codes, and (once) how many homes."""
        council = self.council
        landlord = bool(council and council.landlord)
        yield Checkbox("The council owns homes (it is a landlord)", landlord, id="landlord")
        with Vertical(id="housing") as housing:
            housing.display = landlord
            yield Label("Codes to answer")
            yield Select([(words, key) for key, words in code_choices(first, second).items()],
                         id="codes", value="both", allow_blank=False)
            if council is None or council.homes is None:
                yield Static(f"Homes the council owns ({HOMES_WHY}; optional)")
                yield Input(id="homes", placeholder="e.g. 4200")

    def on_mount(self) -> None:
        self.app.steady_cursors(self)
        self.query_one(Input).focus()

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        self.query_one("#housing").display = event.value

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
        catalogue_id, also = self._codes_chosen(council)
        self._close(Assessment(council=council, catalogue=catalogue_id, also=also,
                               assessed_on=assessed_on, assessor=assessor))

    def _codes_chosen(self, council: Council) -> tuple[str, AlsoUnder | None]:
        """The first Code's catalogue id and the second's, as chosen (a council that owns no
        homes answers the first Code)."""
        if self.codes is None or not council.landlord:
            return self.catalogue_id, None
        first, second = self.codes
        chosen = self.query_one("#codes", Select).value
        if chosen == "second":
            return second.id, None
        return first.id, AlsoUnder(catalogue=second.id) if chosen == "both" else None

    def _council(self) -> Council:
        name = self.query_one("#council", Input).value.strip()
        if not name:
            raise InputError("give the council's name", field="Council name")
        authority = self.query_one("#authority_type", Select).value
        if authority is Select.NULL:
            raise InputError("choose the type of authority", field="Type of authority")
        known = self.council
        landlord = self.query_one("#landlord", Checkbox).value if self.codes is not None \
            else bool(known and known.landlord)
        homes = next((typed_homes(field.value) for field in self.query("#homes").results(Input)),
                     known.homes if known else None)
        return Council(name=name, authority_type=authority,
                       population=known.population if known else None,
                       landlord=landlord, homes=homes if landlord else None)

    def action_cancel(self) -> None:
        self._close(None)

    def _close(self, result: Assessment | None) -> None:
        """Close, taking any problem it reported with it: it belongs to this dialog."""
        self.app.clear_notifications()
        self.dismiss(result)
