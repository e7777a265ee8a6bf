"""The complaint-log columns code-check reads (DESIGN section 8), and finding them in a header.

Only these columns are ever read. Every other column of a log (names, addresses, notes) may
hold personal data: it is never looked at, kept or copied.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from code_check.complaint_log.profile import PROFILE_COLUMNS
from code_check.errors import InputError

REQUIRED_COLUMNS = (
    "reference",
    "received",
    "acknowledged",
    "stage1_response",
    "stage1_extended",
    "escalated",
    "stage2_acknowledged",
    "stage2_response",
    "stage2_extended",
)
SERVICE_COLUMN = "service"
OPTIONAL_COLUMNS = (SERVICE_COLUMN, *PROFILE_COLUMNS)
ALL_COLUMNS = (*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS)


class ColumnMap(BaseModel):
    """Another system's headings for our columns, e.g. ``received: Date Logged``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    reference: str | None = None
    received: str | None = None
    acknowledged: str | None = None
    stage1_response: str | None = None
    stage1_extended: str | None = None
    escalated: str | None = None
    stage2_acknowledged: str | None = None
    stage2_response: str | None = None
    stage2_extended: str | None = None
    service: str | None = None
    category: str | None = None
    stage1_outcome: str | None = None
    stage2_outcome: str | None = None
    refused: str | None = None

    def heading(self, column: str) -> str:
        return getattr(self, column) or column

    def merged(self, other: ColumnMap) -> ColumnMap:
        """This map with ``other``'s headings taking precedence."""
        return self.model_copy(update=other.model_dump(exclude_none=True))


class Columns(BaseModel):
    """Where each column sits in a log's rows."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    positions: dict[str, int] = Field(description="Position of each required column.")
    service: int | None = Field(default=None, description="Position of `service`, if present.")
    profiled: dict[str, int] = Field(
        default_factory=dict, description="Positions of the profile's columns present "
        "(category, stage1_outcome, stage2_outcome, refused).")
    headings: dict[str, str] = Field(description="The heading each column was read from.")

    @property
    def required_positions(self) -> tuple[int, ...]:
        return tuple(self.positions[column] for column in REQUIRED_COLUMNS)

    @property
    def width(self) -> int:
        """How many cells a row needs to hold every column read."""
        return 1 + max([*self.positions.values(), *self.profiled.values(), self.service or 0])


def parse_map_option(text: str) -> tuple[str, str]:
    """``received=Date Logged`` -> ("received", "Date Logged")."""
    column, equals, heading = text.partition("=")
    column, heading = column.strip(), heading.strip()
    if not equals or not column or not heading:
        raise InputError(f"expected COLUMN=HEADING, e.g. received=\"Date Logged\", not {text!r}",
                         field="--map")
    if column not in ALL_COLUMNS:
        raise InputError(f"unknown column {column!r}; the columns are {', '.join(ALL_COLUMNS)}",
                         field="--map")
    return column, heading


def locate_columns(header: list[str], column_map: ColumnMap, *, source: str) -> Columns:
    """Find each column in the header (ignoring case and surrounding spaces).

    Two headings that both match a column are an error: reading either would be a guess.
    """
    found: dict[str, list[int]] = {}
    for position, heading in enumerate(header):
        found.setdefault(_normal(heading), []).append(position)
    positions, headings = {}, {}
    for column in ALL_COLUMNS:
        heading = column_map.heading(column)
        matches = found.get(_normal(heading), [])
        if len(matches) > 1:
            listed = " and ".join(f"{header[p]!r} (column {p + 1})" for p in matches)
            raise InputError(f"more than one heading matches {heading!r}: {listed}; "
                             "rename or remove all but one", source=source, line=1, field=column)
        if matches:
            positions[column] = matches[0]
            headings[column] = header[matches[0]].strip()
        elif column not in OPTIONAL_COLUMNS:
            raise InputError(
                f"no column headed {heading!r}; if your system calls it something else, "
                f"use --map {column}=\"YOUR HEADING\"",
                source=source, line=1, field=column,
            )
    service = positions.pop(SERVICE_COLUMN, None)
    profiled = {column: positions.pop(column) for column in PROFILE_COLUMNS if column in positions}
    return Columns(positions=positions, service=service, profiled=profiled, headings=headings)


def _normal(heading: str) -> str:
    return heading.strip().casefold()
