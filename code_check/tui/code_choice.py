"""Which Codes an assessment answers: the choice when one starts, and adding the Housing
Ombudsman's Code to an assessment of the LGSCO's later (``ExtendScreen``)."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from code_check.assessment.codes import SecondCode, seed_second_code
from code_check.assessment.model import MAX_HOMES, Assessment, Council
from code_check.catalogue.files import bundled_equivalence, map_paths
from code_check.catalogue.model import Catalogue
from code_check.errors import InputError
from code_check.tui.errors import reports_problems
from code_check.tui.user_text import inert_text

HOMES_WHY = "it decides when the Housing Ombudsman's self-assessment is due"


@functools.cache
def second_code_id(first_id: str) -> str | None:
    """The Code an assessment of ``first_id`` can answer as well: one code-check has a map
    to (read from the maps' names, so asking costs no parsing)."""
    ends = (path.stem.split("--") for path in map_paths())
    return next((to_id for from_id, to_id in ends if from_id == first_id), None)


def second_code_for(first: Catalogue, catalogues: dict[str, Catalogue]) -> SecondCode | None:
    """That Code's catalogue with the map to it, when code-check has both."""
    second_id = second_code_id(first.id)
    if second_id not in catalogues:
        return None
    equivalence = bundled_equivalence(first.id, second_id)
    return None if equivalence is None else SecondCode(catalogues[second_id], equivalence)


def extension_question(assessment: Assessment, first: Catalogue, second: SecondCode) -> str:
    """What answering ``second`` as well means for this assessment, asked before it is done."""
    catalogue, equivalence = second.catalogue, second.equivalence
    seeded = seed_second_code(assessment, catalogue, equivalence).also
    assert seeded is not None  # just seeded
    same = sum(equivalence.same_as(r.id) is not None for r in catalogue.requirements)
    carried = len(seeded.answers)
    provisions = len(catalogue.requirements)
    return (f"Answer the {catalogue.publisher}'s {catalogue.title} in this assessment as well?"
            f"\n\n{same} of its {provisions} provisions ask the same as one of the "
            f"{first.initials}'s and are answered once, through it; {carried} start from the "
            f"answers of close {first.initials} provisions, marked ↺ until you confirm each for "
            f"housing; {provisions - same - carried} are still to answer. "
            f"{assessment.council.name} is recorded as owning homes.")


def code_choices(first: Catalogue, second: Catalogue) -> dict[str, str]:
    """The answers to "which Codes?": 'first', 'second' or 'both', in words."""
    return {
        "both": f"Both Codes, answered once ({first.initials} and {second.initials})",
        "first": f"The {first.publisher}'s Code only",
        "second": f"The {second.publisher}'s Code only",
    }


def typed_homes(text: str) -> int | None:
    """The number of homes as typed ('4,200' is 4200); blank: not known yet."""
    cleaned = text.strip().replace(",", "")
    if not cleaned:
        return None
    if not cleaned.isdigit() or int(cleaned) > MAX_HOMES:
        raise InputError(f"give a whole number from 0 to {MAX_HOMES:,}, or leave it blank",
                         field="Homes owned")
    return int(cleaned)


@dataclass(frozen=True)
class Extension:
    """Yes to answering the second Code too, with the homes owned if asked and given."""

    homes: int | None


class ExtendScreen(ModalScreen[Extension | None]):
    """Asks before an assessment answers a second Code as well, and asks the homes the
    council owns when they are not known yet."""

    CSS_PATH = "styles/modal.tcss"
    BINDINGS = [
        Binding("ctrl+s", "extend", "Answer both"),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, question: str, council: Council) -> None:
        super().__init__()
        self.question = question
        self.council = council

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(inert_text(self.question), classes="question")
            if self.council.homes is None:
                yield Static(inert_text(f"Homes {self.council.name} owns ({HOMES_WHY}; "
                                        "optional)"))
                yield Input(id="homes", placeholder="e.g. 4200")
            with Horizontal(classes="buttons"):
                yield Button("Answer both (ctrl+s)", id="extend", variant="primary")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        self.app.steady_cursors(self)
        self.query_one("#homes" if self.council.homes is None else "#cancel").focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "extend":
            self.action_extend()
        else:
            self.action_cancel()

    def on_input_submitted(self) -> None:
        self.action_extend()

    @reports_problems
    def action_extend(self) -> None:
        fields = self.query("#homes").results(Input)
        homes = next((typed_homes(field.value) for field in fields), self.council.homes)
        self.app.clear_notifications()
        self.dismiss(Extension(homes=homes))

    def action_cancel(self) -> None:
        self.app.clear_notifications()
        self.dismiss(None)
