"""Problems a user can fix, shown as notifications in plain words (never a traceback)."""

from __future__ import annotations

import functools

from pydantic import ValidationError

from code_check.errors import InputError


def plain_words(error: Exception) -> str:
    """One readable line for an input problem."""
    if isinstance(error, ValidationError):
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        return f"{where}: {first['msg']}" if where else first["msg"]
    return str(error)


def reports_problems(method):
    """Run an action or handler; an input problem becomes an error notification."""
    @functools.wraps(method)
    def guarded(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except (InputError, ValidationError) as error:
            self.notify(plain_words(error), title="Problem", severity="error")
    return guarded
