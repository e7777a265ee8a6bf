"""A council's self-assessment: one answer per requirement of a catalogue.

The same model is read from and written to YAML files and the SQLite workspace.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from code_check.catalogue.model import Catalogue, RequirementId, TemplateRowId, Text
from code_check.errors import LocatedValueError


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Status(StrEnum):
    MET = "met"
    PARTLY_MET = "partly_met"
    NOT_MET = "not_met"
    NOT_APPLICABLE = "not_applicable"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]


STATUS_LABELS = {
    Status.MET: "Met",
    Status.PARTLY_MET: "Partly met",
    Status.NOT_MET: "Not met",
    Status.NOT_APPLICABLE: "Not applicable",
    None: "Not assessed",
}

NOT_ASSESSED = "not_assessed"


class AuthorityType(StrEnum):
    COUNTY_COUNCIL = "county_council"
    DISTRICT_COUNCIL = "district_council"
    METROPOLITAN_BOROUGH = "metropolitan_borough"
    UNITARY_COUNCIL = "unitary_council"
    LONDON_BOROUGH = "london_borough"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


# More residents than any council could serve: a bigger figure is a typing slip.
MAX_POPULATION = 100_000_000


class Council(_Model):
    name: Text
    authority_type: AuthorityType
    population: int | None = Field(default=None, ge=1, le=MAX_POPULATION, strict=True)
    landlord: bool = Field(
        default=False, description="Owns housing stock: the Housing Ombudsman's Code applies too."
    )


class Action(_Model):
    description: Text
    owner: str | None = None
    due: date | None = None
    done: bool = False

    def overdue(self, as_of: date) -> bool:
        return not self.done and self.due is not None and self.due < as_of


class Answer(_Model):
    status: Status | None = Field(default=None, description="Absent means not assessed.")
    evidence: list[Text] = Field(default_factory=list)
    commentary: str | None = None
    action: Action | None = None
    via_row: TemplateRowId | None = Field(
        default=None,
        description="Answered for a whole row of the published form (quick mode or a "
        "section-level import), not provision by provision.",
    )
    carried_over: bool = Field(
        default=False,
        description="Copied from the previous assessment and not yet confirmed.",
    )

    @property
    def is_empty(self) -> bool:
        return self == Answer()


class Assessment(_Model):
    council: Council
    catalogue: Text
    assessed_on: date
    assessor: str | None = None
    answers: dict[RequirementId, Answer] = Field(default_factory=dict)

    @field_validator("answers")
    @classmethod
    def _answers_name_known_requirements(
        cls, answers: dict[str, Answer], info: ValidationInfo
    ) -> dict[str, Answer]:
        catalogue: Catalogue | None = (info.context or {}).get("catalogue")
        if catalogue is not None:
            for requirement_id in answers:
                if catalogue.requirement(requirement_id) is None:
                    raise LocatedValueError(
                        (requirement_id,),
                        f"unknown requirement {requirement_id!r} "
                        f"(not in catalogue {catalogue.id})",
                    )
        return answers

    def answer(self, requirement_id: str) -> Answer:
        return self.answers.get(requirement_id) or Answer()

    def status(self, requirement_id: str) -> Status | None:
        return self.answer(requirement_id).status

    def with_answer(self, requirement_id: str, answer: Answer) -> Assessment:
        """A copy with one answer replaced (an empty answer removes it)."""
        answers = dict(self.answers)
        if answer.is_empty:
            answers.pop(requirement_id, None)
        else:
            answers[requirement_id] = answer
        return self.model_copy(update={"answers": answers})

    def in_code_order(self, catalogue: Catalogue) -> Assessment:
        """Answers ordered as the Code orders them, so saved files diff well."""
        ordered = {r.id: self.answers[r.id] for r in catalogue.requirements if r.id in self.answers}
        ordered.update({k: v for k, v in self.answers.items() if k not in ordered})
        return self.model_copy(update={"answers": ordered})
