"""The sections and provisions of the walk-through, where ← and → step between provisions.

A plain ``Tree`` scrolls sideways on ← and →; here they move to the previous or next provision.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Tree


class ProvisionTree(Tree[str]):
    BINDINGS = [
        Binding("right", "screen.step(1)", "Next", key_display="→"),
        Binding("left", "screen.step(-1)", "Prev", key_display="←"),
    ]

    def show_node(self, node) -> None:
        """Put the cursor on a node, even one added since the tree last laid out its lines."""
        laid_out = node.line >= 0
        if self.last_line >= 0:  # reading last_line lays the lines out if they are stale
            self.move_cursor(node)
        if not laid_out:  # scroll once the new lines have a size on screen
            self.call_after_refresh(self.scroll_to_node, node, animate=False)
