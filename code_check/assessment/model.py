"""A council's self-assessment: one answer per requirement of a catalogue.

The same model is read from and written to YAML files and the SQLite workspace.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationInfo,
    field_validator,
    model_validator,
)

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


class SaidAsWords(StrEnum):
    """An enum whose values read as words once their underscores are spaces."""

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


class AuthorityType(SaidAsWords):
    COUNTY_COUNCIL = "county_council"
    DISTRICT_COUNCIL = "district_council"
    METROPOLITAN_BOROUGH = "metropolitan_borough"
    UNITARY_COUNCIL = "unitary_council"
    LONDON_BOROUGH = "london_borough"


# More residents than any council could serve: a bigger figure is a typing slip.
MAX_POPULATION = 100_000_000
# More homes than any landlord in England owns: a bigger figure is a typing slip.
MAX_HOMES = 10_000_000


class Council(_Model):
    name: Text
    authority_type: AuthorityType
    population: int | None = Field(default=None, ge=1, le=MAX_POPULATION, strict=True)
    landlord: bool = Field(
        default=False, description="Owns housing stock: the Housing Ombudsman's Code applies too."
    )
    homes: int | None = Field(
        default=None, ge=0, le=MAX_HOMES, strict=True,
        description="Homes owned: more than 1,000 and the Housing Ombudsman's self-assessment "
        "is due by 30 September, else within six months of the year end.")


class ProgressNote(_Model):
    """One dated line of an action's progress, as a manager records it at each review."""

    on: date
    note: Text

    @model_validator(mode="before")
    @classmethod
    def _yaml_on_key(cls, data: object) -> object:
        """YAML 1.1 reads an unquoted ``on:`` key as true; a hand-written note means "on"."""
        if isinstance(data, dict) and True in data and "on" not in data:
            return {("on" if key is True else key): value for key, value in data.items()}
        return data


# An action due within this many days of the "as at" date is amber: time to chase it.
DUE_SOON_DAYS = 30


class Rag(StrEnum):
    """Where an action stands on a date, in words and in the colour managers use."""

    OVERDUE = "overdue"
    DUE_SOON = "due_soon"
    NO_DUE_DATE = "no_due_date"
    ON_TRACK = "on_track"
    COMPLETE = "complete"

    @property
    def label(self) -> str:
        return RAG_WORDS[self][0]

    @property
    def colour(self) -> str:
        return RAG_WORDS[self][1]


RAG_WORDS = {
    Rag.OVERDUE: ("Overdue", "Red"),
    Rag.DUE_SOON: (f"Due within {DUE_SOON_DAYS} days", "Amber"),
    Rag.NO_DUE_DATE: ("No due date", "Amber"),
    Rag.ON_TRACK: ("On track", "Green"),
    Rag.COMPLETE: ("Complete", "Blue"),
}


class Action(_Model):
    description: Text
    owner: str | None = None
    due: date | None = Field(default=None, description="The date first agreed, kept as set.")
    done: bool = False
    revised_due: date | None = Field(
        default=None, description="A later date agreed since; it replaces `due` for RAG.")
    completed: date | None = Field(default=None, description="The day the action was done.")
    progress: list[ProgressNote] = Field(
        default_factory=list, description="Progress notes, each dated: {on, note}.")

    @model_validator(mode="after")
    def _completed_means_done(self) -> Action:
        if self.completed is not None and not self.done:
            raise LocatedValueError(("completed",), "a completed date is given but done is "
                                    "false: set done: true, or remove the date")
        return self

    @property
    def due_now(self) -> date | None:
        """The date the action is now due: the revised one where there is one."""
        return self.revised_due or self.due

    def overdue(self, as_of: date) -> bool:
        return self.rag(as_of) is Rag.OVERDUE

    def rag(self, as_of: date) -> Rag:
        due = self.due_now
        if self.done:
            return Rag.COMPLETE
        if due is None:
            return Rag.NO_DUE_DATE
        if due < as_of:
            return Rag.OVERDUE
        if (due - as_of).days <= DUE_SOON_DAYS:
            return Rag.DUE_SOON
        return Rag.ON_TRACK


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


# Worst first: where several answers bear on one provision, the worse one stands.
WORST_FIRST = (Status.NOT_MET, Status.PARTLY_MET, Status.MET, Status.NOT_APPLICABLE)


def worst_of(candidates: list[Answer]) -> Answer:
    """The worse of several answers; one without a status counts only when all are without."""
    answered = [a for a in candidates if a.status is not None] or candidates
    return min(answered, key=lambda a: WORST_FIRST.index(a.status) if a.status else 0)


def _known_requirements(answers: dict[str, Answer], catalogue: Catalogue | None) -> None:
    """An answer to a provision the catalogue does not have is a typing slip, named."""
    for requirement_id in answers:
        if catalogue is not None and catalogue.requirement(requirement_id) is None:
            raise LocatedValueError(
                (requirement_id,),
                f"unknown requirement {requirement_id!r} (not in catalogue {catalogue.id})",
            )


class AlsoUnder(_Model):
    """A second Code answered in the same assessment: a council that owns homes answers the
    Housing Ombudsman's Code beside the LGSCO's. A provision paired ``same`` with one of the
    first Code's is answered there, once, so it is never held here."""

    catalogue: Text
    answers: dict[RequirementId, Answer] = Field(default_factory=dict)

    @field_validator("answers")
    @classmethod
    def _answers_name_known_requirements(
        cls, answers: dict[str, Answer], info: ValidationInfo
    ) -> dict[str, Answer]:
        context = info.context or {}
        _known_requirements(answers, context.get("also_catalogue"))
        equivalence = context.get("equivalence")
        if equivalence is None:
            return answers
        for requirement_id in answers:
            partner = equivalence.same_as(requirement_id)
            if partner is not None:
                raise LocatedValueError((requirement_id,), (
                    f"{requirement_id} is answered once for both Codes, through "
                    f"{partner} of {equivalence.from_catalogue} (the same provision): "
                    f"remove it here and answer {partner}"))
        return answers


class Assessment(_Model):
    council: Council
    catalogue: Text
    assessed_on: date
    assessor: str | None = None
    answers: dict[RequirementId, Answer] = Field(default_factory=dict)
    also: AlsoUnder | None = Field(
        default=None, description="A second Code answered in the same assessment.")
    # Set by ``codes.view`` only, never stored: where a second Code's answers carried from
    # the first Code's close provisions came from ({"5.3": "LGSCO 6.2"}), for lint's words.
    _carried_from: dict[str, str] = PrivateAttr(default_factory=dict)

    @field_validator("answers")
    @classmethod
    def _answers_name_known_requirements(
        cls, answers: dict[str, Answer], info: ValidationInfo
    ) -> dict[str, Answer]:
        _known_requirements(answers, (info.context or {}).get("catalogue"))
        return answers

    @model_validator(mode="after")
    def _two_different_codes(self) -> Assessment:
        if self.also is not None and self.also.catalogue == self.catalogue:
            raise LocatedValueError(("also", "catalogue"), f"{self.catalogue} is already the "
                                    "first Code of this assessment: name the second Code here")
        return self

    @property
    def carried_from(self) -> dict[str, str]:
        return self._carried_from

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

    def in_code_order(self, catalogue: Catalogue, second: Catalogue | None = None) -> Assessment:
        """Answers ordered as the Code orders them (``second``: the ``also`` Code's), so saved
        files diff well."""
        ordered = self.model_copy(update={"answers": _in_order(self.answers, catalogue)})
        if self.also is not None and second is not None:
            also = self.also.model_copy(update={"answers": _in_order(self.also.answers, second)})
            ordered = ordered.model_copy(update={"also": also})
        return ordered


def _in_order(answers: dict[str, Answer], catalogue: Catalogue) -> dict[str, Answer]:
    ordered = {r.id: answers[r.id] for r in catalogue.requirements if r.id in answers}
    ordered.update({k: v for k, v in answers.items() if k not in ordered})
    return ordered
