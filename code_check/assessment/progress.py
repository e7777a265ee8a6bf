"""What changed between two assessments of the same council: regressions first."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from code_check.assessment.model import NOT_ASSESSED, Assessment, SaidAsWords, Status
from code_check.assessment.scoring import OverallScore, score
from code_check.catalogue.model import Catalogue

_RANK = {Status.NOT_MET: 0, Status.PARTLY_MET: 1, Status.MET: 2}


class ChangeKind(SaidAsWords):
    REGRESSED = "regressed"
    IMPROVED = "improved"
    NEWLY_ASSESSED = "newly_assessed"
    NO_LONGER_ASSESSED = "no_longer_assessed"
    APPLICABILITY_CHANGED = "applicability_changed"
    NOT_COMPARABLE = "not_comparable"


class Change(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    kind: ChangeKind
    old_status: str
    new_status: str


class Comparison(BaseModel):
    model_config = ConfigDict(frozen=True)

    old: OverallScore
    new: OverallScore
    changes: list[Change]
    unchanged: int

    @property
    def score_change(self) -> float | None:
        if self.old.score is None or self.new.score is None:
            return None
        return self.new.score - self.old.score

    def of_kind(self, kind: ChangeKind) -> list[Change]:
        return [c for c in self.changes if c.kind is kind]


def compare(
    old_catalogue: Catalogue, old: Assessment, new_catalogue: Catalogue, new: Assessment
) -> Comparison:
    """Each requirement's change, matching ids across catalogue versions (``replaces``)."""
    old_ids = {r.id for r in old_catalogue.requirements}
    changes: list[Change] = []
    unchanged = 0
    matched_old: set[str] = set()
    for requirement in new_catalogue.requirements:
        old_id = next((i for i in (requirement.id, *requirement.replaces) if i in old_ids), None)
        new_status = new.status(requirement.id)
        if old_id is None:
            changes.append(_change(requirement.id, ChangeKind.NOT_COMPARABLE, None, new_status))
            continue
        matched_old.add(old_id)
        kind = _kind(old.status(old_id), new_status)
        if kind is None:
            unchanged += 1
        else:
            changes.append(_change(requirement.id, kind, old.status(old_id), new_status))
    for requirement in old_catalogue.requirements:
        if requirement.id not in matched_old:
            changes.append(_change(requirement.id, ChangeKind.NOT_COMPARABLE,
                                   old.status(requirement.id), None))
    order = list(ChangeKind)
    positions = {r.id: i for i, r in enumerate(new_catalogue.requirements)}
    changes.sort(key=lambda c: (order.index(c.kind), positions.get(c.id, len(positions))))
    return Comparison(
        old=score(old_catalogue, old).overall,
        new=score(new_catalogue, new).overall,
        changes=changes,
        unchanged=unchanged,
    )


def _kind(before: Status | None, after: Status | None) -> ChangeKind | None:
    if before == after:
        return None
    if before is None:
        return ChangeKind.NEWLY_ASSESSED
    if after is None:
        return ChangeKind.NO_LONGER_ASSESSED
    if Status.NOT_APPLICABLE in (before, after):
        return ChangeKind.APPLICABILITY_CHANGED
    return ChangeKind.IMPROVED if _RANK[after] > _RANK[before] else ChangeKind.REGRESSED


def _change(id: str, kind: ChangeKind, before: Status | None, after: Status | None) -> Change:
    return Change(
        id=id, kind=kind,
        old_status=before.value if before else NOT_ASSESSED,
        new_status=after.value if after else NOT_ASSESSED,
    )
