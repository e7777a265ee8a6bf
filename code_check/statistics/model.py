"""The Ombudsman's yearly figures for a council: the model, its rates and their checks.

Pure core: no files, no database, no UI. Rates always come from the counts when the counts
are given; the Ombudsman's published percentages are kept only to be checked against them.
A rate whose denominator is zero is "not applicable" (None), never 0% and never a crash.
"""

from __future__ import annotations

import math
import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    model_validator,
)
from pydantic_core import ErrorDetails

from code_check.assessment.model import MAX_POPULATION, AuthorityType
from code_check.catalogue.model import Text
from code_check.errors import (
    InputError,
    LocatedValueError,
    field_at_fault,
    plain_problem,
    quoted,
)

# A published whole-number percentage may be up to half a point from the exact rate.
PERCENT_TOLERANCE = 0.5
# The per-100,000 figure is printed to 0.1, and the LGSCO's population estimate may differ from
# the one we were given: the reference expects differences of about 0.1.
PER_100K_TOLERANCE = 0.15
# More cases in a year than the Ombudsman has ever had for all councils together: a bigger
# count is a slip (and would make the checks below crawl).
MAX_COUNT = 1_000_000
_READABLE_DIGITS = 4300  # Python refuses to read a longer whole number

_YEAR = re.compile(r"^(\d{4})\s*[-/]\s*(\d{2}|\d{4})$")


def financial_year(value: Any) -> str:
    """``2023-24`` from ``2023-24``, ``2023/24`` or ``2023-2024``; the years must follow on."""
    text = str(value).strip()
    match = _YEAR.match(text)
    if not match:
        raise ValueError(f"expected a financial year such as 2023-24, found {text!r}")
    start, end = int(match[1]), match[2]
    if end[-2:] != f"{(start + 1) % 100:02d}" or (len(end) == 4 and int(end) != start + 1):
        raise ValueError(f"{text!r} is not a financial year: the second year must follow the first")
    return f"{start}-{end[-2:]}"


def typed_financial_year(text: str, field: str) -> str:
    """A financial year a user typed, or one plain line naming the ``field`` it was typed in."""
    try:
        return financial_year(text)
    except ValueError as exc:
        raise InputError(str(exc), field=field) from None


def _number_text(value: Any) -> Any:
    """Spreadsheet and pasted forms: ``1,589,100`` and surrounding spaces; blank is None."""
    if isinstance(value, str):
        value = value.strip().replace(",", "")
        return value or None
    return value


def _count(value: Any) -> Any:
    value = _number_text(value)
    if isinstance(value, bool):
        raise ValueError(f"expected a whole number, found {quoted(value)}")
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        whole = re.fullmatch(r"(\d+)(\.0+)?", value)
        if not whole:
            raise ValueError(f"expected a whole number of cases, found {quoted(value)}")
        if len(whole[1]) > _READABLE_DIGITS:
            raise ValueError(f"{quoted(value)} is far too large a number")
        return int(whole[1])
    return value


def _rate(value: Any) -> Any:
    """A percentage or per-100,000 figure; a printed ``%`` after it is dropped.

    Some 2024-25 pages print "2.5% upheld decisions per 100,000 residents": the ``%`` is a
    printing slip, not part of the figure.
    """
    value = _number_text(value)
    if isinstance(value, bool):
        raise ValueError(f"expected a number, found {quoted(value)}")
    if isinstance(value, str):
        text = value.removesuffix("%").strip()
        try:
            value = float(text)
        except ValueError:
            raise ValueError(f"expected a number, found {quoted(text)}") from None
        if not math.isfinite(value):  # 1e400 reads as infinity
            raise ValueError(f"expected an ordinary number, found {quoted(text)}")
    return value


Count = Annotated[Annotated[int, Field(ge=0, le=MAX_COUNT)] | None, BeforeValidator(_count)]
Percent = Annotated[
    Annotated[float, Field(ge=0, le=100, allow_inf_nan=False)] | None, BeforeValidator(_rate)
]
Per100k = Annotated[
    Annotated[float, Field(ge=0, le=100_000, allow_inf_nan=False)] | None, BeforeValidator(_rate)
]
Population = Annotated[
    Annotated[int, Field(ge=1, le=MAX_POPULATION)] | None, BeforeValidator(_count)
]
Year = Annotated[str, BeforeValidator(financial_year)]

COLUMN_LABELS = {
    "council": "Council",
    "authority_type": "Type of authority",
    "year": "Year",
    "dealt_with": "Complaints and enquiries dealt with",
    "not_for_us": "Not for us",
    "assessed_and_closed": "Assessed and closed",
    "investigated": "Investigated",
    "upheld": "Upheld",
    "satisfactory_remedy": "Upheld cases already remedied by the council",
    "compliance_outcomes": "Compliance outcomes",
    "compliance_pct": "Compliance with recommendations (%)",
    "population": "Population",
    "upheld_per_100k": "Upheld per 100,000 residents",
    "average_upheld_pct": "Average upheld (%)",
    "average_upheld_per_100k": "Average upheld per 100,000 residents",
    "average_compliance_pct": "Average compliance (%)",
    "average_satisfactory_remedy_pct": "Average satisfactory remedy (%)",
    "published_upheld_pct": "Upheld (%), as printed",
    "published_satisfactory_remedy_pct": "Satisfactory remedy (%), as printed",
}


class OmbudsmanStats(BaseModel):
    """The LGSCO's figures for one council and one financial year, as published.

    Blank means "not published". ``published_upheld_pct`` and
    ``published_satisfactory_remedy_pct`` hold the printed percentages, kept only to be checked
    against the rates computed from the counts.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    council: Text
    authority_type: AuthorityType
    year: Year
    dealt_with: Count = None
    not_for_us: Count = None
    assessed_and_closed: Count = None
    investigated: Count = None
    upheld: Count = None
    satisfactory_remedy: Count = None
    compliance_outcomes: Count = None
    compliance_pct: Percent = None
    population: Population = None
    upheld_per_100k: Per100k = None
    average_upheld_pct: Percent = None
    average_upheld_per_100k: Per100k = None
    average_compliance_pct: Percent = None
    average_satisfactory_remedy_pct: Percent = None
    published_upheld_pct: Percent = None
    published_satisfactory_remedy_pct: Percent = None

    @model_validator(mode="after")
    def _counts_nest(self) -> OmbudsmanStats:
        """Upheld cases are some of the investigations; remedied cases some of the upheld."""
        if _exceeds(self.upheld, self.investigated):
            raise LocatedValueError(("upheld",), f"{self.upheld} upheld is more than the "
                                    f"{self.investigated} investigated")
        if _exceeds(self.satisfactory_remedy, self.upheld):
            raise LocatedValueError(("satisfactory_remedy",), f"{self.satisfactory_remedy} "
                                    f"satisfactory remedies is more than the {self.upheld} upheld")
        return self

    # rates -------------------------------------------------------------------------------

    @property
    def upheld_pct(self) -> float | None:
        """Upheld / investigated; the published figure only when the counts are missing."""
        if self.investigated == 0:
            return None
        if self.upheld is not None and self.investigated is not None:
            return _percent(self.upheld, self.investigated)
        return self.published_upheld_pct

    @property
    def satisfactory_remedy_pct(self) -> float | None:
        """Remedied / upheld: the denominator is upheld cases, not all investigations."""
        if self.satisfactory_remedy is not None and self.upheld is not None:
            return _percent(self.satisfactory_remedy, self.upheld)
        if self.upheld == 0:
            return None
        return self.published_satisfactory_remedy_pct

    @property
    def upheld_per_100k_value(self) -> float | None:
        """From the population when given, else the published rate."""
        computed = self.computed_upheld_per_100k
        return computed if computed is not None else self.upheld_per_100k

    @property
    def computed_upheld_per_100k(self) -> float | None:
        if self.upheld is None or self.population is None:
            return None
        return self.upheld / self.population * 100_000

    @property
    def compliance_pct_value(self) -> float | None:
        """The published figure, and only when some compliance outcomes were recorded."""
        if not self.compliance_outcomes:
            return None
        return self.compliance_pct

    # checks ------------------------------------------------------------------------------

    @property
    def warnings(self) -> list[str]:
        """Plain sentences for every published figure that disagrees with the counts."""
        found = []
        parts = (self.not_for_us, self.assessed_and_closed, self.investigated)
        given = [part for part in parts if part is not None]
        if (self.dealt_with is not None and len(given) == len(parts)
                and sum(given) != self.dealt_with):
            found.append(
                f"{self.year}: complaints dealt with ({self.dealt_with}) should equal not for us "
                f"({self.not_for_us}) + assessed and closed ({self.assessed_and_closed}) + "
                f"investigated ({self.investigated}) = {sum(given)}."
            )
        found += _percent_check("upheld", self.year, self.published_upheld_pct,
                                self.upheld, self.investigated, "investigated")
        found += _percent_check("satisfactory remedy", self.year,
                                self.published_satisfactory_remedy_pct,
                                self.satisfactory_remedy, self.upheld, "upheld")
        computed = self.computed_upheld_per_100k
        if (computed is not None and self.upheld_per_100k is not None
                and abs(computed - self.upheld_per_100k) > PER_100K_TOLERANCE + 1e-9):
            found.append(
                f"{self.year}: the published {self.upheld_per_100k:g} upheld per 100,000 "
                f"residents differs from {computed:.1f} worked out from {self.upheld} upheld and "
                f"a population of {self.population:,}; this figure uses the population given."
            )
        found += self._compliance_warnings()
        return found

    def _compliance_warnings(self) -> list[str]:
        outcomes, pct = self.compliance_outcomes, self.compliance_pct
        if pct is None:
            return []
        if outcomes is None:
            return [f"{self.year}: compliance of {pct:g}% is given without the number of "
                    "compliance outcomes, so it is not shown; add compliance_outcomes."]
        if outcomes == 0:
            return [f"{self.year}: compliance of {pct:g}% is given but no compliance outcomes "
                    "were recorded, so it is not applicable."]
        nearest = round(pct * outcomes / 100)  # the count of outcomes closest to pct
        if abs(nearest / outcomes * 100 - pct) > PERCENT_TOLERANCE + 1e-9:
            return [f"{self.year}: compliance of {pct:g}% cannot come from {outcomes} compliance "
                    "outcomes (no whole number of them gives that percentage)."]
        return []


def rounded(value: float, decimals: int) -> str:
    """As the Ombudsman prints it: halves round up (86.5% is 87%), not to the even digit."""
    step = Decimal(1).scaleb(-decimals)
    return str(Decimal(repr(value)).quantize(step, rounding=ROUND_HALF_UP))


COLUMNS = tuple(OmbudsmanStats.model_fields)  # file column order: the model's field order
REQUIRED_COLUMNS = tuple(n for n, f in OmbudsmanStats.model_fields.items() if f.is_required())


def validated(data: dict[str, Any], *, source: str | Path,
              line: int | None = None) -> OmbudsmanStats:
    """A row of figures checked, or one InputError naming the column at fault."""
    try:
        return OmbudsmanStats.model_validate(data)
    except ValidationError as exc:
        column, problem = first_problem(exc)
        raise InputError(problem, source=source, line=line, field=column) from None


def first_problem(exc: ValidationError) -> tuple[str | None, str]:
    """The column at fault and what is wrong with it, in plain words."""
    error = exc.errors(include_url=False)[0]
    return field_at_fault(error), _plain(error)


_PLAIN_MESSAGES = {
    "missing": "is required but blank",
    "extra_forbidden": "is not a known column (check the spelling)",
}


def _plain(error: ErrorDetails) -> str:
    if error["type"] == "enum":
        return ("expected one of county_council, district_council, metropolitan_borough, "
                f"unitary_council, london_borough; found {quoted(error['input'])}")
    if error["type"] in ("greater_than_equal", "less_than_equal"):
        return f"expected {_bounds(error['ctx'])}, found {quoted(error['input'])}"
    return plain_problem(error, _PLAIN_MESSAGES)


def _bounds(ctx: dict[str, Any]) -> str:
    """Every bound here is a whole number, and a percentage's upper one is 100."""
    if "ge" in ctx:
        return f"at least {ctx['ge']:,.0f}"
    return "0 to 100" if ctx["le"] == 100 else f"at most {ctx['le']:,.0f}"


def _exceeds(part: int | None, whole: int | None) -> bool:
    return part is not None and whole is not None and part > whole


def _percent(part: int, whole: int) -> float | None:
    return None if whole == 0 else part / whole * 100


def _percent_check(name: str, year: str, published: float | None, part: int | None,
                   whole: int | None, whole_name: str) -> list[str]:
    if published is None or whole is None:
        return []
    computed = None if part is None else _percent(part, whole)
    if whole == 0:
        return [f"{year}: a published {name} rate of {published:g}% is given but nothing was "
                f"{whole_name}, so the rate is not applicable."]
    if computed is None:
        return []
    if abs(computed - published) > PERCENT_TOLERANCE + 1e-9:
        return [f"{year}: the published {name} rate of {published:g}% differs from "
                f"{computed:.1f}% worked out from {part} of {whole} {whole_name}; "
                "the worked-out figure is used."]
    return []


def as_json(stats: OmbudsmanStats) -> dict[str, Any]:
    """One council and year for scripts: DESIGN section 7's keys, rates unrounded or null."""
    return {
        "council": stats.council,
        "authority_type": stats.authority_type.value,
        "year": stats.year,
        "dealt_with": stats.dealt_with,
        "not_for_us": stats.not_for_us,
        "assessed_and_closed": stats.assessed_and_closed,
        "investigated": stats.investigated,
        "upheld": stats.upheld,
        "upheld_pct": stats.upheld_pct,
        "average_upheld_pct": stats.average_upheld_pct,
        "upheld_per_100k": stats.upheld_per_100k_value,
        "average_upheld_per_100k": stats.average_upheld_per_100k,
        "compliance_outcomes": stats.compliance_outcomes,
        "compliance_pct": stats.compliance_pct_value,
        "average_compliance_pct": stats.average_compliance_pct,
        "satisfactory_remedy": stats.satisfactory_remedy,
        "satisfactory_remedy_pct": stats.satisfactory_remedy_pct,
        "average_satisfactory_remedy_pct": stats.average_satisfactory_remedy_pct,
        "population": stats.population,
        "warnings": stats.warnings,
    }


def stored_fields(stats: OmbudsmanStats) -> dict[str, Any]:
    """The columns as given (blanks left out): what is saved and compared on re-import."""
    return stats.model_dump(mode="json", exclude_none=True)
