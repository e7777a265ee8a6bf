"""Whether an action is done, told in words and by a mark, not by colour alone."""

from __future__ import annotations

from textual.widgets import Checkbox

DONE_WORDS = {True: "Done", False: "Not done"}


class DoneBox(Checkbox):
    """A tick and "Done", or an empty box and "Not done" (Textual's box shows "X" either way)."""

    def __init__(self, **options) -> None:
        super().__init__(DONE_WORDS[False], **options)

    @property
    def BUTTON_INNER(self) -> str:  # noqa: N802 (the name Textual's toggle button reads)
        return "✔" if self.value else " "

    def watch_value(self) -> None:
        self.label = DONE_WORDS[self.value]
        super().watch_value()
