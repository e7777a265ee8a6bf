"""Asking for a file to read: typed or pasted, checked before it is used."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from code_check.errors import InputError
from code_check.tui.errors import reports_problems


class PathScreen(ModalScreen[Path | None]):
    """Dismisses with an existing file's path, or None if cancelled."""

    CSS_PATH = "styles/modal.tcss"
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, question: str, placeholder: str = "", value: str = "") -> None:
        super().__init__()
        self.question = question
        self.placeholder = placeholder
        self.value = value

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.question, classes="question")
            yield Input(self.value, placeholder=self.placeholder, id="path")
            yield Static("Enter to continue, Escape to cancel.", classes="hint")

    def on_mount(self) -> None:
        self.app.steady_cursors(self)
        self.query_one(Input).focus()

    @reports_problems
    def on_input_submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip().strip("'\"")
        if not text:
            raise InputError("type the path of a file")
        path = Path(text).expanduser()
        if not path.is_file():
            raise InputError("no such file", source=path)
        self.dismiss(path)

    def action_cancel(self) -> None:
        self.dismiss(None)
