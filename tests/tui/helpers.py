"""Small Pilot helpers shared by the TUI tests."""

from __future__ import annotations

from textual.pilot import Pilot

KEY_NAMES = {" ": "space", "/": "slash", "-": "minus", ".": "full_stop", ",": "comma"}


async def type_text(pilot: Pilot, text: str) -> None:
    """Type as a user would, one key at a time."""
    await pilot.press(*(KEY_NAMES.get(character, character) for character in text))


def notifications(app) -> list[str]:
    return [notification.message for notification in app._notifications]


async def until(pilot: Pilot, condition, seconds: float = 10.0) -> None:
    """Let the app run until ``condition()`` holds (for work started in the background)."""
    for _ in range(int(seconds / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("the app never reached the expected state")


async def import_from_home(pilot: Pilot, path) -> None:
    """Give Home's import (``i``) a path and let the file be read."""
    app = pilot.app
    await pilot.pause()
    await pilot.press("i")
    await pilot.pause()
    app.screen.query_one("Input").value = str(path)
    await pilot.press("enter")
    await app.workers.wait_for_complete()
    await pilot.pause()
