"""Search the provisions' text (``/`` in the walk-through); Enter goes to the chosen one."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from code_check.tui.session import AssessmentSession
from code_check.wording import STATUS_SYMBOLS

SHOWN_TEXT = 60
HINT = "Enter goes to the first match; Down to choose another."


class SearchScreen(ModalScreen[str | None]):
    """Dismisses with a requirement id, or None if cancelled."""

    CSS_PATH = "styles/modal.tcss"
    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("down", "to_results", "Results", show=False),
    ]

    def __init__(self, session: AssessmentSession) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static("Search the provisions (words anywhere in the text, guidance, "
                         "evidence or id)", classes="question")
            yield Input(id="query", placeholder="e.g. acknowledge, 6.2, reasonable adjustments")
            yield OptionList(id="results")
            yield Static(HINT, id="search-hint", classes="hint")

    def on_mount(self) -> None:
        self.app.steady_cursors(self)
        self.query_one(Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        results = self.query_one(OptionList)
        results.clear_options()
        self.query_one("#search-hint", Static).update(HINT)
        for requirement in self.session.search(event.value):
            text = requirement.text
            if len(text) > SHOWN_TEXT:
                text = text[: SHOWN_TEXT - 1] + "…"
            symbol = STATUS_SYMBOLS[self.session.answer(requirement.id).status]
            numbers = self.session.walk.label(requirement.id)
            results.add_option(Option(f"{symbol} {numbers}  {text}", id=requirement.id))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """The highlighted match in full (its line in the list may end in "…")."""
        requirement = self.session.walk.requirement(event.option.id)
        self.query_one("#search-hint", Static).update(
            f"{self.session.walk.title(requirement.id)}: {requirement.text} (Enter goes to it)")

    def on_input_submitted(self) -> None:
        results = self.query_one(OptionList)
        if results.option_count:
            self.dismiss(results.get_option_at_index(0).id)
        else:
            self.notify("Nothing matches those words.")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_to_results(self) -> None:
        results = self.query_one(OptionList)
        if results.option_count:
            results.focus()
            results.highlighted = 0

    def action_cancel(self) -> None:
        self.dismiss(None)
