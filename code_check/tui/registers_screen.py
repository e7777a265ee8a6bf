"""Registers: a council's learning from complaints and the Ombudsman's decisions, one
financial year at a time, with a form to add, change or delete an entry.

Every figure comes from ``code_check.registers``; every change goes through
``code_check.store.registers``, with its entry in the registers' audit trail.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Checkbox, DataTable, Header, Label, Select, Static

from code_check.dates import long_date, long_date_span, short_date
from code_check.errors import InputError
from code_check.registers.files import text_of
from code_check.registers.model import (
    NOT_PERSONAL,
    ROLE_NOT_NAME,
    Decision,
    LearningEntry,
    Ombudsman,
    OmbudsmanDecision,
    RemedyCompliance,
    Report,
    Worded,
    financial_year_of,
    non_compliance_findings,
    remedy_figures,
    validated,
    year_bounds,
)
from code_check.store.author import author_name
from code_check.store.registers import Held, RegistersStore
from code_check.tui.errors import reports_problems
from code_check.tui.fitted_input import FittedInput
from code_check.tui.fitted_table import FittedTable
from code_check.tui.key_bar import KeyBar
from code_check.tui.user_text import inert_text
from code_check.wording import percent

YEAR = Binding.Group("Year")  # one entry on the key bar: "[ ] Year"
LEARNING_HEADINGS = ("No.", "Changed on", "Service", "What changed", "Owner")
DECISION_HEADINGS = ("No.", "Decided", "Reference", "Decision", "Remedy")


class RegistersScreen(Screen):
    """One council's two registers for one financial year."""

    CSS_PATH = "registers.tcss"
    BINDINGS = [
        Binding("l", "add(False)", "Add learning", tooltip="Record something changed because "
                "of what complaints showed"),
        Binding("o", "add(True)", "Add decision", tooltip="Record a decision of the LGSCO or "
                "the Housing Ombudsman"),
        Binding("e", "edit", "Edit", tooltip="Change the highlighted entry (Enter does the same)"),
        Binding("delete", "delete", "Delete", key_display="del",
                tooltip="Delete the highlighted entry (asks first)"),
        Binding("left_square_bracket", "year(-1)", "Year before", key_display="[", group=YEAR),
        Binding("right_square_bracket", "year(1)", "Year after", key_display="]", group=YEAR),
        Binding("escape", "close", "Back"),
    ]

    def __init__(self, council: str) -> None:
        super().__init__()
        self.council = council
        self.year = ""
        self.learning: list[Held[LearningEntry]] = []
        self.decisions: list[Held[OmbudsmanDecision]] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="registers-title", classes="title")
        yield Static(id="registers-summary")
        yield Static(id="learning-heading", classes="heading")
        yield FittedTable(id="learning", cursor_type="row", zebra_stripes=True,
                          flexible={"What changed": None, "Service": 16, "Owner": 16})
        yield Static(id="decisions-heading", classes="heading")
        yield FittedTable(id="decisions", cursor_type="row", zebra_stripes=True,
                          flexible={"Decision": None, "Remedy": None, "Reference": 12})
        with VerticalScroll(id="registers-detail-box"):
            yield Static(id="registers-detail")
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = "Registers"
        self.sub_title = self.council
        self.query_one("#learning", DataTable).add_columns(*LEARNING_HEADINGS)
        self.query_one("#decisions", DataTable).add_columns(*DECISION_HEADINGS)
        self.read()
        years = self.years()
        self.year = next((year for year in reversed(years) if self._held_in(year)), years[-1])
        self.show()
        self.query_one("#learning", DataTable).focus()

    @property
    def store(self) -> RegistersStore:
        return RegistersStore(self.app.workspace)

    def read(self) -> None:
        self.learning = self.store.learning(self.council)
        self.decisions = self.store.decisions(self.council)

    def workspace_changed(self) -> None:
        """Someone saved in another session (``code-check serve``)."""
        self.read()
        self.show()

    def years(self) -> list[str]:
        """Every year with an entry, and the current one, oldest first."""
        held = {h.entry.year for h in [*self.learning, *self.decisions]}
        return sorted(held | {financial_year_of(self.app.today)})

    def _held_in(self, year: str) -> bool:
        return any(h.entry.year == year for h in [*self.learning, *self.decisions])

    # showing ----------------------------------------------------------------------------

    def show(self) -> None:
        learning = [h for h in self.learning if h.entry.year == self.year]
        decisions = [h for h in self.decisions if h.entry.year == self.year]
        self.query_one("#registers-title", Static).update(inert_text(
            f"{self.council}, {self.year} ({long_date_span(*year_bounds(self.year))})"))
        self.query_one("#registers-summary", Static).update(self._summary(decisions))
        self.query_one("#learning-heading", Static).update(
            f"Learning from complaints ({len(learning)})"
            + ("" if learning else ": none recorded for this year; l adds what changed"))
        self.query_one("#decisions-heading", Static).update(
            f"Ombudsman decisions ({len(decisions)})"
            + ("" if decisions else ": none recorded for this year; o adds one"))
        self._fill("#learning", learning, self._learning_cells)
        self._fill("#decisions", decisions, self._decision_cells)
        self.show_highlighted()

    @on(DataTable.RowHighlighted)
    @on(events.DescendantFocus)
    def show_highlighted(self) -> None:
        """The highlighted entry of the register in focus, in full, under the tables."""
        chosen = self._highlighted()
        self.query_one("#registers-detail", Static).update(
            inert_text(in_full(chosen[1]) if chosen else ""))

    def _summary(self, decisions: list[Held[OmbudsmanDecision]]) -> str:
        """The remedy compliance figure (remedies due in the year, from all the council's
        decisions), what is overdue today and the findings of non-compliance."""
        everything = [h.entry for h in self.decisions]
        figures = remedy_figures(everything, self.year)
        overdue = sum(d.remedy_overdue(self.app.today) for d in everything)
        findings = len(non_compliance_findings([h.entry for h in decisions], self.year))
        return (f"Remedies due in the year: {figures.due}, complied with {figures.complied} "
                f"({percent(figures.percent)}). Overdue on {long_date(self.app.today)}: "
                f"{overdue}. Findings of fault in complaint handling: {findings}.")

    def _fill(self, selector: str, held: list, cells) -> None:
        table = self.query_one(selector, DataTable)
        keep = table.cursor_row
        table.clear()
        for item in held:
            table.add_row(*cells(item), key=str(item.id))
        if held:
            table.move_cursor(row=min(keep, len(held) - 1))

    @staticmethod
    def _learning_cells(held: Held[LearningEntry]) -> tuple[str, ...]:
        entry = held.entry
        return (str(held.id), short_date(entry.changed_on), entry.service,
                " ".join(entry.changed.split()), entry.owner)

    def _decision_cells(self, held: Held[OmbudsmanDecision]) -> tuple[str, ...]:
        entry = held.entry
        decision = entry.decision.label + ("; complaint handling" if
                                           entry.complaint_handling_fault else "")
        return (str(held.id), short_date(entry.decided_on), entry.reference, decision,
                self._remedy_words(entry))

    def _remedy_words(self, entry: OmbudsmanDecision) -> str:
        if entry.remedy_complied is None:
            return "none"
        due = f"due {short_date(entry.remedy_due)}, " if entry.remedy_due else ""
        overdue = " (overdue)" if entry.remedy_overdue(self.app.today) else ""
        return f"{due}{entry.remedy_complied.label}{overdue}"

    # acting ---------------------------------------------------------------------------------

    def action_year(self, step: int) -> None:
        years = self.years()
        position = years.index(self.year) if self.year in years else len(years) - 1
        self.year = years[max(0, min(len(years) - 1, position + step))]
        self.show()

    def action_add(self, decision: bool) -> None:
        kind = OmbudsmanDecision if decision else LearningEntry
        self.app.push_screen(EntryForm(self.council, kind, None, self.app.catalogues),
                             self._save_new)

    @reports_problems
    def _save_new(self, entry: LearningEntry | OmbudsmanDecision | None) -> None:
        if entry is None:
            return
        number = self.store.add(entry, author=author_name())
        self._saved(entry, f"Added No. {number}.")

    def on_data_table_row_selected(self) -> None:
        self.action_edit()

    def action_edit(self) -> None:
        chosen = self._highlighted()
        if chosen is None:
            self.notify("Nothing to change in this year yet.", severity="warning")
            return
        number, entry = chosen
        self.app.push_screen(EntryForm(self.council, type(entry), entry, self.app.catalogues),
                             partial(self._save_changed, number))

    @reports_problems
    def _save_changed(self, number: int,
                      changed: LearningEntry | OmbudsmanDecision | None) -> None:
        if changed is not None:
            self.store.update(number, changed, author=author_name())
            self._saved(changed, f"Changed No. {number}.")

    def action_delete(self) -> None:
        from code_check.tui.confirm_screen import ConfirmScreen

        chosen = self._highlighted()
        if chosen is None:
            return
        number, entry = chosen
        what = "learning entry" if isinstance(entry, LearningEntry) else \
            f"decision on case {entry.reference}"
        self.app.push_screen(ConfirmScreen(
            f"Delete the {what} No. {number}?\n\nThe registers' audit trail keeps what it held.",
            yes="Delete"), partial(self._delete, number, entry))

    @reports_problems
    def _delete(self, number: int, entry: LearningEntry | OmbudsmanDecision,
                confirmed: bool | None) -> None:
        if confirmed:
            self.store.delete(type(entry), number, author=author_name())
            self._saved(entry, f"Deleted No. {number}.")

    def _highlighted(self) -> tuple[int, LearningEntry | OmbudsmanDecision] | None:
        """The entry under the cursor of the register in focus (else of learning)."""
        table = self.focused if isinstance(self.focused, DataTable) else \
            self.query_one("#learning", DataTable)
        if table.row_count == 0:
            return None
        key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        number = int(key.value or 0)
        held = self.learning if table.id == "learning" else self.decisions
        return next(((h.id, h.entry) for h in held if h.id == number), None)

    def _saved(self, entry: LearningEntry | OmbudsmanDecision, done: str) -> None:
        self.read()
        self.year = entry.year
        self.show()
        self.notify(done, title="Registers")

    def action_close(self) -> None:
        self.app.pop_screen()


def in_full(entry: LearningEntry | OmbudsmanDecision) -> str:
    """An entry in a few sentences, nothing cut."""
    if isinstance(entry, LearningEntry):
        provisions = f" Evidence for {', '.join(entry.provisions)}." if entry.provisions else ""
        complaints = ", ".join(entry.complaints) or "none named"
        return (f"{entry.changed} Learned: {entry.learned} Complaints: {complaints}. Owner: "
                f"{entry.owner}.{provisions}")
    due = f" Due {long_date(entry.remedy_due)}." if entry.remedy_due else ""
    complied = f" {entry.remedy_complied.label.capitalize()}." if entry.remedy_complied else ""
    remedy = f" Remedy: {entry.remedy}{due}{complied}" if entry.remedy else " No remedy."
    report = "" if entry.report is Report.NONE else f" {entry.report.label.capitalize()}."
    note = f" Note: {entry.note}" if entry.note else ""
    return (f"{entry.ombudsman.label}, case {entry.reference}: {entry.decision.label}."
            f"{remedy}{report}{note}")


# the form -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class FormField:
    name: str
    label: str
    placeholder: str = ""
    choices: type[Worded] | None = None  # a Select of these; a flag when name ends in _fault


LEARNING_FIELDS = (
    FormField("learned", "What the complaints showed"),
    FormField("complaints", f"From which complaints: {NOT_PERSONAL} (several: between ;)",
              "e.g. EBC-2505-014; EBC-2506-031"),
    FormField("service", "Service", "e.g. Housing repairs"),
    FormField("changed", "What changed as a result"),
    FormField("changed_on", "Changed on (e.g. 31/03/2026)"),
    FormField("owner", f"Owner: {ROLE_NOT_NAME}", "e.g. Head of Repairs"),
    FormField("provisions", "Provisions of the Code it is evidence for (optional)",
              "e.g. 9.1; 9.2"),
)
DECISION_FIELDS = (
    FormField("ombudsman", "Ombudsman", choices=Ombudsman),
    FormField("reference", f"The Ombudsman's case reference: {NOT_PERSONAL}",
              "e.g. 24 001 234"),
    FormField("decided_on", "Decided on (e.g. 31/03/2026)"),
    FormField("decision", "Decision, in the Ombudsman's terms", choices=Decision),
    FormField("complaint_handling_fault", "Fault found in complaint handling (a finding of "
              "non-compliance with the Code)"),
    FormField("remedy", "Remedy agreed (optional)", "what the council will do"),
    FormField("remedy_due", "Remedy due (optional)", "e.g. 30/04/2026"),
    FormField("remedy_complied", "Remedy complied with", choices=RemedyCompliance),
    FormField("report", "Report issued", choices=Report),
    FormField("note", "Note (optional)"),
)


class EntryForm(ModalScreen[LearningEntry | OmbudsmanDecision | None]):
    """Add or change one entry; dismisses with it checked, or None if cancelled."""

    CSS_PATH = ["styles/modal.tcss", "registers.tcss"]
    BINDINGS = [
        Binding("ctrl+s", "save", "Save"),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, council: str, kind: type[LearningEntry | OmbudsmanDecision],
                 entry: LearningEntry | OmbudsmanDecision | None, catalogues: dict) -> None:
        super().__init__()
        self.council = council
        self.kind = kind
        self.entry = entry
        self.catalogues = catalogues
        self.fields = LEARNING_FIELDS if kind is LearningEntry else DECISION_FIELDS

    def compose(self) -> ComposeResult:
        what = "learning from complaints" if self.kind is LearningEntry else \
            "an Ombudsman's decision"
        verb = "Change" if self.entry is not None else "Record"
        with Vertical(classes="dialog wide", id="entry-form"):
            with VerticalScroll(classes="fields"):
                yield Static(inert_text(f"{verb} {what} for {self.council}"),
                             classes="question")
                for field in self.fields:
                    yield from self._field(field)
            with Horizontal(classes="buttons"):
                yield Button("Save (ctrl+s)", id="save", variant="primary")
                yield Button("Cancel (esc)", id="cancel")

    def _field(self, field: FormField) -> ComposeResult:
        value = getattr(self.entry, field.name) if self.entry is not None else None
        if field.name == "complaint_handling_fault":
            yield Checkbox(field.label, bool(value), id=field.name)
            return
        yield Label(field.label)
        if field.choices is not None:
            yield Select(self._options(field), id=field.name, prompt="Choose one",
                         value=value if value is not None else self._default(field))
            return
        yield FittedInput(text_of(value), id=field.name, placeholder=field.placeholder)

    def _options(self, field: FormField) -> list[tuple[str, Worded]]:
        members = list(field.choices or ())
        if field.choices is Decision:
            ombudsman = self.entry.ombudsman if isinstance(self.entry, OmbudsmanDecision) \
                else Ombudsman.LGSCO
            members = [d for d in Decision if ombudsman in d.ombudsmen]
        return [(member.label, member) for member in members]

    @staticmethod
    def _default(field: FormField) -> object:
        defaults = {"ombudsman": Ombudsman.LGSCO, "report": Report.NONE}
        return defaults.get(field.name, Select.NULL)

    def on_mount(self) -> None:
        self.app.steady_cursors(self)
        self.query_one(VerticalScroll).query("Input, Select").first().focus()

    @on(Select.Changed, "#ombudsman")
    def _decisions_of_the_ombudsman(self, event: Select.Changed) -> None:
        """Offer only the decisions the Ombudsman chosen makes."""
        if not isinstance(event.value, Ombudsman):
            return
        decision = self.query_one("#decision", Select)
        kept = decision.value if isinstance(decision.value, Decision) and \
            event.value in decision.value.ombudsmen else Select.NULL
        decision.set_options([(d.label, d) for d in Decision if event.value in d.ombudsmen])
        decision.value = kept

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()

    @reports_problems
    def action_save(self) -> None:
        given: dict[str, object] = {"council": self.council}
        for field in self.fields:
            value = self._value(field)
            if value not in (None, ""):
                given[field.name] = value
        try:
            entry = validated(self.kind, given, catalogues=self.catalogues.values())
        except InputError as error:
            label = next((f.label for f in self.fields if f.name == error.field), error.field)
            raise InputError(error.problem, field=label) from None
        self.app.clear_notifications()
        self.dismiss(entry)

    def _value(self, field: FormField) -> object:
        widget = self.query_one(f"#{field.name}")
        if isinstance(widget, Checkbox):
            return widget.value
        if isinstance(widget, Select):
            return None if widget.value is Select.NULL else widget.value
        return widget.value.strip()

    def action_cancel(self) -> None:
        self.app.clear_notifications()
        self.dismiss(None)

