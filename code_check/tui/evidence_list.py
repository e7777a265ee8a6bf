"""The evidence recorded for a provision, one item a line; Delete removes the highlighted one."""

from __future__ import annotations

from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList

from code_check.tui.user_text import inert_text


class EvidenceList(OptionList):
    BINDINGS = [Binding("delete,backspace", "remove", "Remove evidence", key_display="del")]

    class Removed(Message):
        """The user asked to remove the item at ``index``."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def show(self, items: list[str]) -> None:
        """List the items with one highlighted (the one del removes), kept in place if it
        is still there."""
        keep = self.highlighted
        self.clear_options()
        if items:
            self.add_options([inert_text(item) for item in items])
            self.highlighted = min(keep or 0, len(items) - 1)
        self.display = bool(items)

    def action_remove(self) -> None:
        if self.highlighted is not None:
            self.post_message(self.Removed(self.highlighted))
