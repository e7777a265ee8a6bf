"""The governing body's response to the annual complaints performance and service improvement
report (both Codes, 8.2): recorded once the report has been through governance, and published
with it. Pure core: no files, no database, no UI.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from code_check.assessment.lint import Finding, Severity
from code_check.dates import long_date
from code_check.errors import LocatedValueError
from code_check.registers.model import (
    Line,
    checked_text,
    financial_year_of,
    tidied,
    year_bounds,
)
from code_check.statistics.model import financial_year

RESPONSE_LIMIT = 20_000  # a committee's minute or a cabinet member's statement, not a report


# The registers' rules for text (tidied, no control character, no contact details), with room
# for a committee's minute.
ResponseText = Annotated[str, BeforeValidator(tidied),
                         AfterValidator(checked_text(RESPONSE_LIMIT, one_line=False))]


class GoverningBodyResponse(BaseModel):
    """What the governing body said about a year's report, when, and who approved it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    council: Line
    year: Annotated[str, BeforeValidator(financial_year)] = Field(
        description="The financial year the report covers, e.g. 2025-26.")
    text: ResponseText
    approved_by: Line | None = Field(
        default=None, description="Who approved it: a committee, the cabinet, a member.")
    responded_on: date

    @model_validator(mode="after")
    def _after_the_year(self) -> GoverningBodyResponse:
        """The report covers the whole year, so its response cannot come before the year ends."""
        year_end = year_bounds(self.year)[1]
        if self.responded_on <= year_end:
            raise LocatedValueError(("responded_on",), "is not after the end of the year it "
                                    f"responds to ({long_date(year_end)})")
        return self


def response_due(year: str) -> date:
    """Three months after the year ends on 31 March: 30 June."""
    return year_bounds(year)[1].replace(month=6, day=30)


def year_awaiting_response(as_of: date) -> str:
    """The latest financial year whose report's response was due before ``as_of``."""
    year = financial_year_of(as_of)
    while response_due(year) >= as_of:
        year = financial_year_of(year_bounds(year)[0] - timedelta(days=1))
    return year


def response_findings(responded: set[str], active: set[str], *, council: str,
                      as_of: date) -> list[Finding]:
    """``lint``: the annual complaints report of the latest year due has no response recorded
    more than three months after the year ended. ``responded``: the years with a response;
    ``active``: the years code-check holds anything of the council's for (an assessment,
    learning, a decision), since a year it knows nothing of has no report of code-check's."""
    year = year_awaiting_response(as_of)
    if year in responded or year not in active:
        return []
    return [Finding(
        severity=Severity.WARNING, check="annual-report-response-missing",
        message=f"no governing body response to the {year} annual complaints report is "
        f"recorded, {long_date(response_due(year))} has passed (three months after the year "
        "ended) and the Code asks for the report to be published with it (8.2): record it "
        f"with code-check annual-report respond --council {_quoted(council)} --year {year} "
        "--text FILE")]


def _quoted(name: str) -> str:
    return f'"{name}"' if " " in name else name
