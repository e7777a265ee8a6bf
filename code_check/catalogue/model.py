"""The catalogue: a Code's requirements, section by section, and how answers are scored.

These models are the single source of truth for ``code_rules/*.yaml`` and its JSON Schema.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from enum import StrEnum
from functools import cached_property
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from code_check.errors import Loc, LocatedValueError

RequirementId = Annotated[str, Field(
    pattern=r"^\d+\.(\d+|x-[a-z0-9]+(-[a-z0-9]+)*)$",
    description="The Code's paragraph number (e.g. '6.2'), or a provisional id "
    "such as '6.x-s2-acknowledge' where the number is not confirmed.",
)]
TemplateRowId = Annotated[str, Field(
    pattern=r"^\d+[a-z]?$",
    description="A row of the published self-assessment form: '1'..'9', '6a', '6b'.",
)]
Text = Annotated[str, Field(pattern=r"\S", description="Text that is not blank.")]
Tag = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)


class Obligation(StrEnum):
    MUST = "must"
    SHOULD = "should"


class TimeUnit(StrEnum):
    WORKING_DAYS = "working_days"
    CALENDAR_DAYS = "calendar_days"
    MONTHS = "months"


class ClockStart(StrEnum):
    RECEIPT = "receipt"
    ACKNOWLEDGEMENT = "acknowledgement"
    ESCALATION = "escalation"
    EVENT = "event"


class Measure(StrEnum):
    """A step of complaint handling the complaint log can time."""

    STAGE1_ACKNOWLEDGEMENT = "stage1.acknowledgement"
    STAGE1_RESPONSE = "stage1.response"
    STAGE2_ACKNOWLEDGEMENT = "stage2.acknowledgement"
    STAGE2_RESPONSE = "stage2.response"


class Timescale(_Strict):
    limit: int = Field(ge=1, le=366, strict=True, description="How many units are allowed.")
    unit: TimeUnit
    starts_from: ClockStart = Field(alias="from", description="What starts the clock.")
    measure: Measure | None = Field(
        default=None, description="The complaint-log measure that shows whether it is kept."
    )
    extension: bool = Field(
        default=False, description="True on an extension provision: `limit` is on top of the base."
    )

    def describe(self) -> str:
        """Plain words, e.g. '5 working days from receipt'."""
        unit = self.unit.value.replace("_", " ")
        if self.limit == 1:
            unit = unit.removesuffix("s")
        if self.extension:
            return f"at most {self.limit} more {unit}"
        return f"{self.limit} {unit} from {self.starts_from.value}"


class Requirement(_Strict):
    id: RequirementId
    text: Text = Field(description="Our plain-English paraphrase of the provision.")
    obligation: Obligation
    guidance: Text = Field(description="What good evidence looks like.")
    typical_evidence: list[Text] = Field(default_factory=list)
    verified: bool = Field(
        default=True, description="False where the paragraph number is provisional."
    )
    template_rows: list[TemplateRowId] = Field(
        default_factory=list,
        description="Rows of the published form that answer it; needed unless the form has "
        "one row per provision.",
    )
    timescale: Timescale | None = None
    tags: list[Tag] = Field(default_factory=list)
    replaces: list[str] = Field(
        default_factory=list,
        description="Ids this requirement had in earlier catalogues, so answers carry over.",
    )


class Section(_Strict):
    id: Annotated[str, Field(pattern=r"^\d+$")]
    title: Text
    requirements: list[Requirement] = Field(min_length=1)


class TemplateRow(_Strict):
    """A row of the published self-assessment form (sections, with stage 1 and 2 apart)."""

    id: TemplateRowId
    title: Text
    expects: Text = Field(description="One line: what the Code expects, as the form puts it.")


class RowPer(StrEnum):
    """What one row of the published form answers."""

    TEMPLATE_ROW = "template_row"
    PROVISION = "provision"


# The LGSCO's form, as councils publish it: what a catalogue without `published_form` gets.
LGSCO_FORM_COLUMNS = ("Code section", "What the Code expects", "Do we follow the Code?",
                      "Evidence", "Explanations and commentary")


class PublishedForm(_Strict):
    """The Ombudsman's self-assessment form councils publish: what a row is, and its headings."""

    one_row_per: RowPer = Field(
        default=RowPer.TEMPLATE_ROW,
        description="template_row: the catalogue's template_rows (the LGSCO's ten); "
        "provision: one row per requirement (the Housing Ombudsman's form).",
    )
    columns: list[Text] = Field(
        default_factory=lambda: list(LGSCO_FORM_COLUMNS), min_length=5, max_length=5,
        description="The five headings in order: the row's name, what the Code asks, "
        "the answer, evidence, commentary.",
    )
    title: Text | None = Field(default=None, description="The form's own title, if it has one.")


# Numbers are read strictly (``true`` is not 1) and must be finite and in range: what
# ``rules validate`` accepts, ``score`` must be able to use.
Share = Annotated[float, Field(ge=0, le=1, strict=True, allow_inf_nan=False)]
RelativeWeight = Annotated[float, Field(gt=0, le=100, strict=True, allow_inf_nan=False)]


class Credit(_Strict):
    met: Share
    partly_met: Share
    not_met: Share


class Weight(_Strict):
    must: RelativeWeight
    should: RelativeWeight

    def of(self, obligation: Obligation) -> float:
        return self.must if obligation is Obligation.MUST else self.should


class Band(_Strict):
    name: Text
    min: float = Field(ge=0, le=100, strict=True, allow_inf_nan=False,
                       description="Lowest score (0-100) in this band.")
    requires_all_must_met: bool = False
    meaning: str = ""


class Scoring(_Strict):
    credit: Credit
    weight: Weight
    bands: list[Band] = Field(min_length=1, description="Highest first; the last starts at 0.")

    @model_validator(mode="after")
    def _bands_cover_the_scale(self) -> Scoring:
        mins = [band.min for band in self.bands]
        if mins != sorted(mins, reverse=True) or len(set(mins)) != len(mins):
            raise LocatedValueError(("bands",), "bands must be listed from highest min to lowest")
        if mins[-1] != 0:
            raise LocatedValueError(("bands",), "the last band must start at min 0")
        return self


class Catalogue(_Strict):
    """A Code of practice as code-check walks it: sections of requirements, and the scoring."""

    id: Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
    title: Text
    publisher: Text
    version: Text
    issued: date
    effective: date | None = None
    published_form: PublishedForm = Field(
        default_factory=PublishedForm,
        description="Absent: the LGSCO's form, one row per template row.",
    )
    template_rows: list[TemplateRow] = Field(
        default_factory=list,
        description="Rows of the published form; needed unless it has one row per provision.",
    )
    sections: list[Section] = Field(min_length=1)
    scoring: Scoring

    @property
    def initials(self) -> str:
        """The Code by its publisher's initials, as councils say it: 'LGSCO', 'HOS'."""
        return "".join(word[0] for word in self.publisher.split() if word[0].isupper())

    @model_validator(mode="after")
    def _ids_are_unique_and_rows_known(self) -> Catalogue:
        _unique([s.id for s in self.sections], "section", lambda i: ("sections", i, "id"))
        _unique([r.id for r in self.template_rows], "template row",
                lambda i: ("template_rows", i, "id"))
        by_row = self.published_form.one_row_per is RowPer.TEMPLATE_ROW
        if by_row and not self.template_rows:
            raise LocatedValueError(("template_rows",), _NEEDS_ROWS)
        seen: dict[str, str] = {}
        rows = {row.id for row in self.template_rows}
        for s_index, section in enumerate(self.sections):
            for r_index, requirement in enumerate(section.requirements):
                where = ("sections", s_index, "requirements", r_index)
                if requirement.id in seen:
                    raise LocatedValueError(
                        (*where, "id"),
                        f"duplicate requirement id {requirement.id!r} "
                        f"(already in section {seen[requirement.id]})",
                    )
                seen[requirement.id] = section.id
                if by_row and not requirement.template_rows:
                    raise LocatedValueError((*where, "template_rows"), _NEEDS_ROWS)
                unknown = [row for row in requirement.template_rows if row not in rows]
                if unknown:
                    raise LocatedValueError(
                        (*where, "template_rows"),
                        f"unknown template row {unknown[0]!r} (not in template_rows)",
                    )
        return self

    @cached_property
    def requirements(self) -> tuple[Requirement, ...]:
        """Every requirement in Code order."""
        return tuple(r for section in self.sections for r in section.requirements)

    @cached_property
    def _by_id(self) -> dict[str, tuple[Section, Requirement]]:
        return {r.id: (s, r) for s in self.sections for r in s.requirements}

    def requirement(self, requirement_id: str) -> Requirement | None:
        found = self._by_id.get(requirement_id)
        return found[1] if found else None

    def section_of(self, requirement_id: str) -> Section:
        return self._by_id[requirement_id][0]

    def in_template_row(self, row_id: str) -> tuple[Requirement, ...]:
        return tuple(r for r in self.requirements if row_id in r.template_rows)

    @cached_property
    def _positions(self) -> dict[str, int]:
        return {r.id: index for index, r in enumerate(self.requirements)}

    def order(self, requirement_id: str) -> int:
        """Position in Code order, for sorting."""
        return self._positions[requirement_id]


_NEEDS_ROWS = ("is required, at least one row, unless published_form has one_row_per: "
               "provision")


def _unique(ids: list[str], what: str, where: Callable[[int], Loc]) -> None:
    seen: set[str] = set()
    for index, item in enumerate(ids):
        if item in seen:
            raise LocatedValueError(where(index), f"duplicate {what} id {item!r}")
        seen.add(item)


def json_schema() -> dict[str, Any]:
    """The JSON Schema of catalogue files, for editors and other tools."""
    return schema_of(Catalogue, "code-check catalogue")


def schema_of(model: type[BaseModel], title: str) -> dict[str, Any]:
    """A file format's JSON Schema, as written to ``code_rules/*.schema.json``."""
    schema = model.model_json_schema(by_alias=True)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": title,
        **{k: v for k, v in schema.items() if k != "title"},
    }


def requirement_summary(catalogue: Catalogue, requirement: Requirement) -> dict[str, Any]:
    """The contract's JSON shape of one requirement (``rules list --format json``)."""
    timescale = requirement.timescale
    return {
        "id": requirement.id,
        "section": catalogue.section_of(requirement.id).id,
        "obligation": requirement.obligation.value,
        "text": requirement.text,
        "verified": requirement.verified,
        "template_rows": list(requirement.template_rows),
        "timescale": timescale.model_dump(mode="json", by_alias=True) if timescale else None,
        "guidance": requirement.guidance,
        "typical_evidence": list(requirement.typical_evidence),
        "tags": list(requirement.tags),
    }
