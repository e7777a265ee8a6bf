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
