"""The sections and provisions of the walk-through, where ← and → step between provisions.

A plain ``Tree`` scrolls sideways on ← and →; here they move to the previous or next provision.
It never scrolls sideways: a label too long for the column is shortened with "…" (the card
beside it shows the highlighted provision in full, and a section keeps its count in sight).
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

MOVE = Binding.Group("Move")  # one entry on the key bar: "← → Move"


def shortened(label: Text, room: int, kept: int = 0) -> Text:
    """The label in ``room`` cells, "…" where it is cut, its last ``kept`` characters kept (a
    section's "3/8" stays in sight however short its title gets)."""
    end = len(label) - kept
    head = label[:end]
    head.truncate(room - kept, overflow="ellipsis")
    return head + label[end:]


class ProvisionTree(Tree[str]):
    BINDINGS = [
        Binding("left", "screen.step(-1)", "Prev", key_display="←", group=MOVE),
        Binding("right", "screen.step(1)", "Next", key_display="→", group=MOVE),
    ]

    def show_node(self, node) -> None:
        """Put the cursor on a node, even one added since the tree last laid out its lines."""
        laid_out = node.line >= 0
        if self.last_line >= 0:  # reading last_line lays the lines out if they are stale
            self.move_cursor(node)
        if not laid_out:  # scroll once the new lines have a size on screen
            self.call_after_refresh(self._scroll_with_section, node)

    def _scroll_with_section(self, node: TreeNode[str]) -> None:
        """Scroll a provision into view with its section's title, where both fit (the first
        provision must not open with "1 Definition…" scrolled off the top)."""
        if node.parent is not None and node.parent is not self.root:
            self.scroll_to_node(node.parent, animate=False)
        self.scroll_to_node(node, animate=False)

    def render_label(self, node: TreeNode[str], base_style: Style, style: Style) -> Text:
        label = super().render_label(node, base_style, style)
        room = self.scrollable_content_region.width - self._indent(node)
        if 0 < room < label.cell_len:
            kept = len(label.plain.rsplit(" ", 1)[-1]) + 1 if node.allow_expand else 0
            label = shortened(label, room, kept)
        return label

    def _indent(self, node: TreeNode[str]) -> int:
        """The cells of guide lines before a node's label (none before a section)."""
        depth = 0
        while node.parent is not None and node.parent is not self.root:
            node, depth = node.parent, depth + 1
        return depth * self.guide_depth
