"""Who the audit trail names for a change, decided alike by the command line and the app."""

from __future__ import annotations

import getpass


def author_name(given: str | None = None) -> str | None:
    """The name given (an option, or the assessor typed into a form), else the computer's
    login name; None when the system cannot tell, so a change is never refused for want of it."""
    if given:
        return given
    try:
        return getpass.getuser() or None
    except (KeyError, OSError):
        return None
