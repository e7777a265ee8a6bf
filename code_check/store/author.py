"""Who the audit trail names for a change, decided alike by the command line and the app."""

from __future__ import annotations

import getpass
import os

# Set by `code-check serve` for each browser session's app: the name that browser gave, or
# the one the council's sign-in passed on. Nobody else sets it.
SERVED_AUTHOR_ENV = "CODE_CHECK_SERVED_AUTHOR"


def author_name(given: str | None = None) -> str | None:
    """In a browser session of ``code-check serve``, the person using it: every change made
    there is theirs, whoever a file names as assessor. Otherwise the name given (an option,
    or the assessor typed into a form), else the computer's login name; None when the system
    cannot tell, so a change is never refused for want of it."""
    served = os.environ.get(SERVED_AUTHOR_ENV)
    if served:
        return served
    if given:
        return given
    try:
        return getpass.getuser() or None
    except (KeyError, OSError):
        return None
