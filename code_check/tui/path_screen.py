"""Asking for a file to read: typed or pasted, checked before it is used.

In a browser session of ``code-check serve`` the file is on the serving computer, not the
user's: only files inside the folder named at start-up (``--files``) may be read, so a
browser can never open the server's other files.
"""

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
        self.value = value  # offered by the app (the demo's own log), so always readable

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.question, classes="question")
            if self.app.served is not None:
                yield Static(served_files_words(self.app.served.files), classes="hint")
            yield Input(self.value, placeholder=self._placeholder(), id="path")
            yield Static("Enter to continue, Escape to cancel.", classes="hint")

    def _placeholder(self) -> str:
        if self.app.served is None:
            return self.placeholder
        return "the file's name in that folder" if self.app.served.files else ""

    def on_mount(self) -> None:
        self.app.steady_cursors(self)
        self.query_one(Input).focus()

    @reports_problems
    def on_input_submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip().strip("'\"")
        if not text:
            raise InputError("type the path of a file")
        if self.app.served is None or (self.value and text == self.value):
            path = Path(text).expanduser()
        else:
            path = inside_folder(text, self.app.served.files)
        if not path.is_file():
            raise InputError("no such file", source=path)
        self.dismiss(path)

    def action_cancel(self) -> None:
        self.dismiss(None)


def served_files_words(folder: Path | None) -> str:
    if folder is None:
        return ("This code-check was started without a folder for files (code-check serve "
                "--files FOLDER), so it reads none.")
    return f"Files are read from {folder} on the computer running code-check, and only there."


def inside_folder(text: str, folder: Path | None) -> Path:
    """The file ``text`` names inside ``folder`` (a name, a path under it, or an absolute
    path that leads into it), refusing in words any way out: '..', or a link that points
    elsewhere."""
    if folder is None:
        raise InputError(served_files_words(None))
    typed = Path(text)
    if ".." in typed.parts:
        raise InputError(f"'..' is not allowed: files are read only from {folder}")
    root = folder.resolve()
    path = (root / typed).resolve()
    if not path.is_relative_to(root):
        raise InputError(f"{text} is outside {folder}, the only folder files are read from")
    return path
