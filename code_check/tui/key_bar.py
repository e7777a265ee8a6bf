"""The keys of the screen on show, along the bottom: one line of text, clickable.

Textual's ``Footer`` mounts a widget per key and rebuilds them whenever focus moves, which
costs more at start-up than the rest of the Home screen together; this draws the same keys
as a single line.

A screen lists its keys in order of importance; a focused widget's own keys come first (they
are about what has focus) and the app's last. When the line is too narrow for them all, whole
keys are left out from the least important end (never half a word), and ``^p all actions``
always stays at the right: every key is in the palette and in ``?`` help.
Keys sharing a ``Binding.Group`` show once, as their keys then the group's words
("m p n a Answer").
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import events
from textual.binding import ActiveBinding, Binding
from textual.screen import Screen
from textual.widgets import Static


@dataclass
class KeyEntry:
    """One entry on the bar: the key(s) to show, the words, and the key a click presses."""

    shown_keys: str
    description: str
    key: str
    enabled: bool

    @property
    def width(self) -> int:
        return len(self.shown_keys) + len(self.description) + 3

    def text(self) -> Text:
        return Text.assemble((f" {self.shown_keys}", "bold"),
                             (f" {self.description} ", "" if self.enabled else "dim"))


PALETTE = KeyEntry("^p", "all actions", "ctrl+p", True)


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

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._show_keys)
        self._show_keys(self.screen)

    def on_resize(self) -> None:
        self._show_keys(self.screen)

    def _show_keys(self, screen: Screen) -> None:
        entries = self._fitting(self._entries(screen), self.size.width) + [PALETTE]
        line = Text()
        self._spans = []
        for entry in entries:
            start = len(line)
            line.append_text(entry.text())
            self._spans.append((start, len(line), entry.key))
        self.update(line)

    def _entries(self, screen: Screen) -> list[KeyEntry]:
        """The keys to show, in the screen's order, a group's keys folded into one entry."""
        entries: list[KeyEntry] = []
        groups: dict[Binding.Group, KeyEntry] = {}
        shown_actions = set()
        for active in self._in_order_of_importance(screen):
            binding = active.binding
            if not binding.show or binding.action in shown_actions:
                continue
            shown_actions.add(binding.action)
            key = binding.key.split(",")[0]
            shown_key = self.app.get_key_display(binding)
            if binding.group is None:
                entries.append(KeyEntry(shown_key, binding.description, key, active.enabled))
            elif binding.group in groups:
                groups[binding.group].shown_keys += f" {shown_key}"
            else:
                groups[binding.group] = KeyEntry(shown_key, binding.group.description, key,
                                                 active.enabled)
                entries.append(groups[binding.group])
        return entries

    def _in_order_of_importance(self, screen: Screen) -> list[ActiveBinding]:
        """The active keys in the screen's order; a key that both a focused widget and the
        screen bind (the walk-through's tree and its arrows) takes the screen's place."""
        position: dict[str, int] = {}
        for index, binding in enumerate(Binding.make_bindings(screen.BINDINGS)):
            position.setdefault(binding.key, index)
        after_the_screen = len(position)

        def rank(item: tuple[str, ActiveBinding]) -> int:
            key, active = item
            if key in position:
                return position[key]
            return after_the_screen if active.node is self.app else -1

        return [active for _, active in sorted(screen.active_bindings.items(), key=rank)]

    @staticmethod
    def _fitting(entries: list[KeyEntry], width: int) -> list[KeyEntry]:
        """The most important entries that fit beside the palette, in their order."""
        if not width:
            return entries
        room = width - PALETTE.width
        kept = []
        for entry in entries:
            if entry.width <= room:
                kept.append(entry)
                room -= entry.width
        return kept

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                self.app.simulate_key(key)
                return
