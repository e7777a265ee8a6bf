"""Small Pilot helpers shared by the TUI tests."""

from __future__ import annotations

from textual.pilot import Pilot

KEY_NAMES = {" ": "space", "/": "slash", "-": "minus", ".": "full_stop", ",": "comma"}


async def type_text(pilot: Pilot, text: str) -> None:
    """Type as a user would, one key at a time."""
    await pilot.press(*(KEY_NAMES.get(character, character) for character in text))


def notifications(app) -> list[str]:
    return [notification.message for notification in app._notifications]
