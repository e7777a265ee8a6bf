"""The keys of the screen on show, along the bottom: one line of text, clickable.

Textual's ``Footer`` mounts a widget per key and rebuilds them whenever focus moves, which
costs more at start-up than the rest of the Home screen together; this draws the same keys
as a single line.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.screen import Screen
from textual.widgets import Static


class KeyBar(Static):
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
        text-wrap: nowrap;
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self._spans: list[tuple[int, int, str]] = []  # (start, end, key) for mouse clicks
        self._palette_start = 0

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._show_keys)
        self._show_keys(self.screen)

    def _show_keys(self, screen: Screen) -> None:
        line = Text()
        self._spans = []
        shown_actions = set()
        for active in screen.active_bindings.values():
            binding = active.binding
            if not binding.show or binding.action in shown_actions:
                continue
            shown_actions.add(binding.action)
            self._add(line, binding.key.split(",")[0], self.app.get_key_display(binding),
                      binding.description, active.enabled)
        palette = Text()
        self._add(palette, "ctrl+p", "^p", "all actions", True)
        room = self.size.width - len(palette)
        if self.size.width and len(line) > room:  # keep the palette in sight when narrow
            line.truncate(room - 1)
            line.append("…")
            self._spans = [span for span in self._spans if span[1] < room]
        self.update(line + palette)
        self._palette_start = len(line)

    def on_resize(self) -> None:
        self._show_keys(self.screen)

    def _add(self, line: Text, key: str, shown_key: str, description: str,
             enabled: bool) -> None:
        start = len(line)
        line.append(f" {shown_key}", style="bold")
        line.append(f" {description} ", style="" if enabled else "dim")
        if key != "ctrl+p":
            self._spans.append((start, len(line), key))

    def on_click(self, event: events.Click) -> None:
        if event.x >= self._palette_start:
            self.app.simulate_key("ctrl+p")
            return
        for start, end, key in self._spans:
            if start <= event.x < end:
                self.app.simulate_key(key)
                return
