"""Errors a user can fix: always shown as one plain line, never a traceback."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pydantic_core import ErrorDetails

# How much of a value an error quotes: enough to recognise it, never a 50 MB cell.
VALUE_LIMIT = 60
# A field or a problem longer than these is cut, whoever wrote the message.
FIELD_LIMIT = 2 * VALUE_LIMIT
PROBLEM_LIMIT = 400
_ELLIPSIS = "…"


class InputError(Exception):
    """Bad input, located as precisely as we can: ``file:line: field: what is wrong``.

    The field and the problem are cut to a readable length here, so no reader can echo a
    whole hostile value into the one line a user sees.
    """

    def __init__(
        self,
        problem: str,
        *,
        source: str | Path | None = None,
        line: int | None = None,
        field: str | None = None,
    ) -> None:
        self.problem = _cut_middle(problem, PROBLEM_LIMIT)
        self.source = str(source) if source is not None else None
        self.line = line
        self.field = _cut_end(field, FIELD_LIMIT) if field is not None else None
        super().__init__(str(self))

    def __str__(self) -> str:
        where = []
        if self.source:
            where.append(self.source if self.line is None else f"{self.source}:{self.line}")
        elif self.line is not None:
            where.append(f"line {self.line}")
        if self.field:
            where.append(self.field)
        return ": ".join([*where, self.problem])


Loc = tuple[str | int, ...]  # a field's path in the input, as pydantic gives it


class LocatedValueError(ValueError):
    """A model-level check that knows which field of the input is at fault."""

    def __init__(self, loc: Loc, message: str) -> None:
        self.loc = loc
        super().__init__(message)


def field_at_fault(error: ErrorDetails) -> str | None:
    """The first named field of the input a validation error is about, with a model check's
    own place in it (``LocatedValueError``) followed."""
    loc = tuple(error["loc"])
    cause = (error.get("ctx") or {}).get("error")
    if isinstance(cause, LocatedValueError):
        loc += cause.loc
    return next((str(part) for part in loc if isinstance(part, str)), None)


# What a pydantic type error expected, in words, for every reader's messages.
EXPECTED_TYPE = {
    "int_type": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "finite_number": "an ordinary number",
}


def plain_problem(error: ErrorDetails, own_words: Mapping[str, str]) -> str:
    """A pydantic error in plain words, for every reader: the reader's ``own_words`` for an
    error type first, then what a type error expected, else pydantic's message without the
    prefix it gives a validator's own message."""
    kind = error["type"]
    if kind in own_words:
        return own_words[kind]
    if kind in EXPECTED_TYPE:
        return f"expected {EXPECTED_TYPE[kind]}, found {quoted(error['input'])}"
    message = str(error["msg"])
    for prefix in ("Value error, ", "Assertion failed, "):
        message = message.removeprefix(prefix)
    return message[:1].lower() + message[1:]


def quoted(value: object) -> str:
    """A value as a message quotes it (its repr, or ``true`` as a file writes it), cut to
    ``VALUE_LIMIT`` characters."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, str):
        text = repr(value[: VALUE_LIMIT + 1])  # never the repr of the whole of a huge value
        return text if len(text) <= VALUE_LIMIT else text[: VALUE_LIMIT - 2] + _ELLIPSIS + text[-1]
    if isinstance(value, int) and abs(value) >= 10**50:  # Python may refuse its repr
        return "a number of more than 50 digits"
    return _cut_end(repr(value), VALUE_LIMIT)


def _cut_end(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + _ELLIPSIS


def _cut_middle(text: str, limit: int) -> str:
    """Keeps both ends: what is wrong comes first and the advice last."""
    if len(text) <= limit:
        return text
    half = (limit - 1) // 2
    return text[:half] + _ELLIPSIS + text[-half:]
