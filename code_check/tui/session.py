"""One open assessment: its answers, what the walk-through shows next, and saving each change.

Textual-free on purpose: the screens call this, and this calls the workspace and the core,
so the rules for filtering, carrying over and quick answers are tested without a terminal.
"""

from __future__ import annotations

from enum import StrEnum

from code_check.assessment.codes import SecondCode, stored_answers, view
from code_check.assessment.model import Answer, Assessment, Status
from code_check.assessment.scoring import Score, gaps, score
from code_check.catalogue.model import Catalogue, Requirement
from code_check.errors import InputError
from code_check.store.author import author_name
from code_check.store.shared import LastChange, last_change
from code_check.store.workspace import Workspace
from code_check.tui.walk import Walk


class Filter(StrEnum):
    """Which provisions the walk-through shows."""

    ALL = "all"
    UNANSWERED = "unanswered"
    GAPS = "gaps"
    MUST = "must"

    @property
    def label(self) -> str:
        return FILTER_LABELS[self]

    def following(self) -> Filter:
        members = list(Filter)
        return members[(members.index(self) + 1) % len(members)]


FILTER_LABELS = {
    Filter.ALL: "all provisions",
    Filter.UNANSWERED: "not yet answered",
    Filter.GAPS: "gaps (not met, partly met or not answered)",
    Filter.MUST: "legal duties (must) only",
}


def _second_code(assessment: Assessment) -> SecondCode | None:
    """A dual assessment's second Code, which saving its answers needs (None: one Code)."""
    if assessment.also is None:
        return None
    from code_check.catalogue.files import load_catalogues
    from code_check.gather import second_code_of

    return second_code_of(assessment, load_catalogues())


class AssessmentSession:
    """An assessment open for answering; every change is written to the workspace at once.

    Its provisions are the walk's (``walk.Walk``): one Code's, or two Codes' answered
    together, each known by the workspace key its answer is saved under."""

    def __init__(self, workspace: Workspace, assessment_id: int, catalogue: Catalogue) -> None:
        self.workspace = workspace
        self.assessment_id = assessment_id
        self.catalogue = catalogue
        self.assessment: Assessment = workspace.load(assessment_id)
        self.score: Score = score(catalogue, self.assessment)
        self.author = author_name()
        self.second = _second_code(self.assessment)
        self.walk = Walk(catalogue, self.second)

    # reading ---------------------------------------------------------------------------

    @property
    def assessment(self) -> Assessment:
        return self._assessment

    @assessment.setter
    def assessment(self, assessment: Assessment) -> None:
        self._assessment = assessment
        self._answers = stored_answers(assessment)  # both Codes', by workspace key

    def answer(self, key: str) -> Answer:
        return self._answers.get(key) or Answer()

    def code_scores(self) -> list[tuple[Catalogue, Score]]:
        """Readiness under each Code the assessment answers, the first Code first; the
        second scored on its view (``codes.view``), as the command line and reports do."""
        scores = [(self.catalogue, self.score)]
        if self.second is not None:
            second = self.second.catalogue
            seen = view(self.assessment, second.id, self.second.equivalence)
            scores.append((second, score(second, seen)))
        return scores

    def visible(self, shown: Filter) -> list[Requirement]:
        """The provisions a filter keeps, in the walk's order."""
        walked = self.walk.requirements
        if shown is Filter.ALL:
            return list(walked)
        if shown is Filter.UNANSWERED:
            return [r for r in walked if self.answer(r.id).status is None]
        if shown is Filter.MUST:
            return [r for r in walked if self.walk.is_must(r.id)]
        gap_keys = self._gap_keys()
        return [r for r in walked if r.id in gap_keys]

    def _gap_keys(self) -> set[str]:
        """The cards that are a gap under any Code."""
        if self.second is None:
            return {gap.id for gap in gaps(self.catalogue, self.assessment)}
        return {self.walk.key_of(catalogue.id, gap.id)
                for catalogue, result in self.code_scores() for gap in result.gaps}

    def next_unanswered(self, after: str | None) -> Requirement | None:
        """The first unanswered provision after ``after`` in the walk's order, wrapping
        round."""
        requirements = self.walk.requirements
        start = self.walk.order(after) + 1 if after else 0
        for requirement in (*requirements[start:], *requirements[:start]):
            if self.answer(requirement.id).status is None:
                return requirement
        return None

    def search(self, text: str) -> list[Requirement]:
        """Provisions whose id, paraphrase, guidance, evidence or tags contain every word."""
        words = text.lower().split()
        if not words:
            return []

        return [r for r in self.walk.requirements
                if all(w in self.walk.search_text(r.id) for w in words)]

    def answered_in(self, requirements) -> int:
        return sum(1 for r in requirements if self.answer(r.id).status is not None)

    # writing ---------------------------------------------------------------------------

    def save(self, requirement_id: str, answer: Answer, *, typing: bool = False) -> Score:
        """Write one answer to the workspace (with its audit entry and score snapshot)."""
        self.score = self.workspace.set_answer(self.assessment_id, requirement_id, answer,
                                               self.catalogue, author=self.author, typing=typing,
                                               second=self.second)
        self._hold({requirement_id: answer})
        return self.score

    def save_together(self, answers: dict[str, Answer]) -> Score:
        """Write the answers one action gives, as one step of the audit trail and of undo."""
        self.score = self.workspace.set_answers(self.assessment_id, answers, self.catalogue,
                                                author=self.author, second=self.second)
        self._hold(answers)
        return self.score

    def _hold(self, answers: dict[str, Answer]) -> None:
        """Keep the answers just saved; with two Codes, read them back, as carried answers
        of the second may have followed them."""
        if self.second is not None:
            self.assessment = self.workspace.load(self.assessment_id)
            return
        for requirement_id, answer in answers.items():
            self.assessment = self.assessment.with_answer(requirement_id, answer)

    def extend(self, second: SecondCode, homes: int | None) -> None:
        """Answer ``second`` as well from now on (``Workspace.extend``: its provisions with
        close partners start from their answers, marked to confirm); the council, which owns
        homes, keeps the number given."""
        council = self.assessment.council
        owner = council.model_copy(update={"landlord": True, "homes": homes})
        if owner != council:
            self.workspace.save_council(owner)
        self.workspace.extend(self.assessment_id, second, author=self.author)
        self.second = second
        self.walk = Walk(self.catalogue, second)
        self.assessment = self.workspace.load(self.assessment_id)

    def learning_evidence(self, requirement_id: str) -> list[str]:
        """The council's learning register entries linked to a provision (9.1 to 9.3), a line
        an entry, newest first: read each time, as the register changes on its own screen."""
        from code_check.registers.model import evidence_lines
        from code_check.store.registers import RegistersStore

        entries = RegistersStore(self.workspace).learning(self.assessment.council.name)
        return evidence_lines((held.entry for held in entries), requirement_id)

    def row_source(self, requirement_id: str) -> str:
        """How an answer given for a whole row came: quick mode, carried over or imported."""
        return self.workspace.row_answer_source(self.assessment_id, requirement_id)

    def update(self, requirement_id: str, **changes) -> Score:
        """Change some fields of an answer. Any change by the user confirms a carried-over one."""
        return self.save(requirement_id, self._changed(requirement_id, **changes))

    def type_commentary(self, requirement_id: str, text: str | None) -> Score:
        """Save the commentary as it is typed: one keystroke, one small write; undo takes back
        the whole of what was typed."""
        return self.save(requirement_id, self._changed(requirement_id, commentary=text),
                         typing=True)

    def _changed(self, requirement_id: str, **changes) -> Answer:
        current = self.answer(requirement_id)
        changed = current.model_copy(update={**changes, "carried_over": False})
        if "status" in changes:
            changed = changed.model_copy(update={"via_row": None})
        return Answer.model_validate(changed.model_dump())

    def confirm(self, requirement_id: str) -> Score:
        """Keep a carried-over answer as it is, now confirmed for this assessment."""
        return self.update(requirement_id)

    def to_confirm(self, requirements: list[Requirement] | None = None) -> list[str]:
        """The carried-over answers not yet confirmed (among ``requirements``, or all)."""
        if requirements is None:
            requirements = self.walk.requirements
        return [r.id for r in requirements if self.answer(r.id).carried_over]

    def confirm_all(self, requirements: list[Requirement]) -> list[str]:
        """Confirm every carried-over answer among ``requirements`` in one step."""
        confirmed = self.to_confirm(requirements)
        self.save_together({rid: self._changed(rid) for rid in confirmed})
        return confirmed

    def row_members(self, row_id: str) -> list[Requirement]:
        if not any(row.id == row_id for row in self.catalogue.template_rows):
            raise InputError(f"no row {row_id!r} on the published form")
        return self.catalogue.in_template_row(row_id)

    def answer_row(self, row_id: str, status: Status | None) -> list[str]:
        """Quick mode: one status for every provision in a row of the published form, saved
        as one step (one undo takes the row back)."""
        update = {"status": status, "via_row": row_id if status else None,
                  "carried_over": False}
        answers = {r.id: self.answer(r.id).model_copy(update=update)
                   for r in self.row_members(row_id)}
        self.save_together(answers)
        return list(answers)

    def undo(self) -> list[str]:
        """Undo the latest step (a quick-mode row or a bulk confirm is one); returns the
        provisions it touched, in the walk's order (none: nothing to undo)."""
        first = self.workspace.undo(self.assessment_id, self.catalogue, author=self.author)
        if first is None:
            return []
        return self.reload() or [first]

    def reload(self) -> list[str]:
        """Read the answers again (after an undo, or when someone else saved in another
        session); returns the provisions whose answers changed, in the walk's order."""
        before = self._answers
        self.assessment = self.workspace.load(self.assessment_id)
        self.score = score(self.catalogue, self.assessment)
        return [r.id for r in self.walk.requirements if before.get(r.id) != self._answers.get(r.id)]

    def last_change(self, requirement_id: str) -> LastChange | None:
        """Who last changed a provision's answer, and when (from the audit trail)."""
        return last_change(self.workspace, self.assessment_id, requirement_id)

