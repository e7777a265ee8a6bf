"""Errors a user can fix: always shown as one plain line, never a traceback."""

from __future__ import annotations

from pathlib import Path


class InputError(Exception):
    """Bad input, located as precisely as we can: ``file:line: field: what is wrong``."""

    def __init__(
        self,
        problem: str,
        *,
        source: str | Path | None = None,
        line: int | None = None,
        field: str | None = None,
    ) -> None:
        self.problem = problem
        self.source = str(source) if source is not None else None
        self.line = line
        self.field = field
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


class LocatedValueError(ValueError):
    """A model-level check that knows which field of the input is at fault."""

    def __init__(self, loc: tuple[str | int, ...], message: str) -> None:
        self.loc = loc
        super().__init__(message)
