"""The governing body's response to the annual complaints performance and service improvement
report (both Codes, 8.2): recorded once the report has been through governance, and published
with it. Pure core: no files, no database, no UI.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from code_check.errors import LocatedValueError
from code_check.registers.model import year_bounds
from code_check.statistics.model import financial_year

RESPONSE_LIMIT = 20_000  # a committee's minute or a cabinet member's statement, not a report
APPROVER_LIMIT = 200
RESPONSE_DUE_MONTHS = 3  # lint: a response is expected within three months of the year end


def _text(limit: int, *, one_line: bool):
    def check(text: str) -> str:
        text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
        if not text:
            raise ValueError("is blank")
        if len(text) > limit:
            raise ValueError(f"is {len(text):,} characters long: keep it to {limit:,}")
        if one_line and "\n" in text:
            raise ValueError("must be one line")
        return text

    return check


class GoverningBodyResponse(BaseModel):
    """What the governing body said about a year's report, when, and who approved it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    council: Annotated[str, AfterValidator(_text(APPROVER_LIMIT, one_line=True))]
    year: Annotated[str, BeforeValidator(financial_year)] = Field(
        description="The financial year the report covers, e.g. 2025-26.")
    text: Annotated[str, AfterValidator(_text(RESPONSE_LIMIT, one_line=False))]
    approved_by: Annotated[str, AfterValidator(_text(APPROVER_LIMIT, one_line=True))] | None = \
        Field(default=None, description="Who approved it: a committee, the cabinet, a member.")
    responded_on: date

    @model_validator(mode="after")
    def _after_the_year(self) -> GoverningBodyResponse:
        """The report covers the whole year, so its response cannot come before the year ends."""
        year_end = year_bounds(self.year)[1]
        if self.responded_on <= year_end:
            raise LocatedValueError(("responded_on",), "is not after the end of the year it "
                                    f"responds to ({year_end.isoformat()})")
        return self
