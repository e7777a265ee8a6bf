"""A one-line field that says when it holds more than it shows.

Textual's ``Input`` cuts a long value at the box's edge ("2026-07-3", "Tom Reed (Customer
Services M"), which reads as if that were all of it. While the field is not being typed in,
this one ends such a value (or placeholder) with "…"; the whole value is its tooltip, and once
focused it scrolls with the cursor as usual. Unfocused, a control or direction character in the
value (an owner pasted with a terminal escape) is shown as ``visible`` shows it, never sent raw.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.strip import Strip
from textual.widgets import Input

from code_check.report.inert import visible


class FittedInput(Input):
    def render_line(self, y: int) -> Strip:
        room = self.scrollable_content_region.width
        shown = self.value or self.placeholder
        safe = visible(shown, line_breaks=False)
        if y or self.has_focus or (cell_len(shown) <= room and safe == shown):
            return super().render_line(y)
        text = Text(safe, end="")
        if not self.value:
            text.stylize(self.get_component_rich_style("input--placeholder"))
        text.truncate(room, overflow="ellipsis")
        strip = Strip(self.app.console.render(text, self.app.console_options.update_width(room)))
        return strip.extend_cell_length(room + 1).apply_style(self.rich_style)

    def watch_value(self, value: str) -> None:
        self.tooltip = visible(value) or None
