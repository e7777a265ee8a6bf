"""What the walk-through walks: the provisions of one Code, or of two answered together.

Textual-free, like the session that uses it. One Code: its sections and provisions, by their
ids, exactly as the catalogue has them. Two Codes (a council that owns homes answers the
LGSCO's Code and the Housing Ombudsman's in one assessment): the first Code's sections, each
provision answered once, a second-Code provision paired ``same`` on the same card; then one
group holding the second Code's provisions answered on their own (those ``close`` to a
first-Code provision start from its answer), in that Code's order.

Every card is known by the workspace key its answer is saved under (``codes.where_stored``),
so the tree, the filters, undo and the audit trail treat both Codes alike: a second-Code card
is its provision with that key as its id (``hos-2024:5.6``). ``label`` and ``title`` give
the numbers a person reads.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from code_check.assessment.codes import SEPARATOR, SecondCode, stored_key
from code_check.catalogue.equivalence import Match, Pair
from code_check.catalogue.model import Catalogue, Obligation, Requirement


@dataclass(frozen=True)
class WalkSection:
    """A heading of the walk-through's tree and the cards under it."""

    id: str
    title: str
    requirements: tuple[Requirement, ...]


class Walk:
    """The cards of an assessment's walk-through, by key, in the order they are walked."""

    def __init__(self, catalogue: Catalogue, second: SecondCode | None = None) -> None:
        self.catalogue = catalogue
        self.second = second
        self.sections = [WalkSection(s.id, s.title, tuple(s.requirements))
                         for s in catalogue.sections]
        if second is not None:
            self.sections.append(WalkSection(second.catalogue.id, second.catalogue.publisher, tuple(
                r.model_copy(update={"id": stored_key(second.catalogue.id, r.id)})
                for r in second.catalogue.requirements
                if second.equivalence.same_as(r.id) is None)))

    # the walk's order ----------------------------------------------------------------------

    @cached_property
    def requirements(self) -> tuple[Requirement, ...]:
        return tuple(r for group in self.sections for r in group.requirements)

    @cached_property
    def _by_key(self) -> dict[str, tuple[int, WalkSection, Requirement]]:
        return {r.id: (index, group, r)
                for index, (group, r) in enumerate((g, r) for g in self.sections
                                                   for r in g.requirements)}

    def requirement(self, key: str) -> Requirement:
        return self._by_key[key][2]

    def section_of(self, key: str) -> WalkSection:
        return self._by_key[key][1]

    def order(self, key: str) -> int:
        return self._by_key[key][0]

    def __contains__(self, key: str) -> bool:
        return key in self._by_key

    # one card, in words ----------------------------------------------------------------------

    def heading(self, group: WalkSection) -> str:
        """A group's heading in the tree: '6 Complaints stages…', or the second Code's."""
        if self.second is not None and group.id == self.second.catalogue.id:
            return group.title
        return f"{group.id} {group.title}"

    def label(self, key: str) -> str:
        """The numbers in the tree: '6.21', '6.21 · HOS 5.4' (one answer, both Codes) or
        'HOS 1.5'; one Code: the id alone."""
        own = self.own(key)
        if self.second is None:
            return own.id
        if self.is_second(key):
            return f"{self.second.catalogue.initials} {own.id}"
        same = self.same_partner(key)
        return own.id if same is None else \
            f"{own.id} · {self.second.catalogue.initials} {same.id}"

    def title(self, key: str) -> str:
        """The numbers on the card, each with its Code: 'LGSCO 6.21 · HOS 5.4'."""
        if self.second is None or self.is_second(key):
            return self.label(key)
        return f"{self.catalogue.initials} {self.label(key)}"

    def own(self, key: str) -> Requirement:
        """The provision as its catalogue has it (its own number, not the key)."""
        if self.is_second(key):
            assert self.second is not None  # a second-Code key only exists with one
            return self._second_requirement(key.rpartition(SEPARATOR)[2])
        return self.requirement(key)

    def code_of(self, key: str) -> Catalogue:
        if self.is_second(key):
            assert self.second is not None
            return self.second.catalogue
        return self.catalogue

    def is_second(self, key: str) -> bool:
        """Whether a key is a second-Code card's (``hos-2024:5.6``)."""
        return self.second is not None and \
            key.startswith(f"{self.second.catalogue.id}{SEPARATOR}")

    def same_partner(self, key: str) -> Requirement | None:
        """The second Code's provision answered on this card too (a ``same`` pair)."""
        pair = next((p for p in self._pairs_of(key) if p.match is Match.SAME), None)
        return None if pair is None else self._second_requirement(pair.to_id)

    def close_pairs(self, key: str) -> list[Pair]:
        """The ``close`` pairs this card is in, from either side."""
        if self.second is None:
            return []
        if self.is_second(key):
            to_id = self.own(key).id
            return [p for p in self.second.equivalence.pairs
                    if p.to_id == to_id and p.match is Match.CLOSE]
        return [p for p in self._pairs_of(key) if p.match is Match.CLOSE]

    def followers(self, key: str) -> list[str]:
        """The second-Code cards whose carried answer follows this card's answer."""
        if self.second is None or self.is_second(key):
            return []
        return [stored_key(self.second.catalogue.id, p.to_id) for p in self.close_pairs(key)]

    def is_must(self, key: str) -> bool:
        """A legal duty under either Code the card answers."""
        same = self.same_partner(key)
        return Obligation.MUST in {self.own(key).obligation, same and same.obligation}

    def search_text(self, key: str) -> str:
        """What search looks in: both Codes' numbers, wording, guidance, evidence and tags."""
        shown = [r for r in (self.own(key), self.same_partner(key)) if r is not None]
        return " ".join([self.title(key), *(" ".join([r.text, r.guidance, *r.typical_evidence,
                                                       *r.tags]) for r in shown)]).lower()

    def key_of(self, catalogue_id: str, requirement_id: str) -> str:
        """The card answering a provision of either Code."""
        if self.second is None or catalogue_id == self.catalogue.id:
            return requirement_id
        partner = self.second.equivalence.same_as(requirement_id)
        return partner or stored_key(catalogue_id, requirement_id)

    def _pairs_of(self, key: str) -> list[Pair]:
        if self.second is None or self.is_second(key):
            return []
        return self.second.equivalence.partners_of(key)

    def _second_requirement(self, requirement_id: str) -> Requirement:
        assert self.second is not None
        found = self.second.catalogue.requirement(requirement_id)
        assert found is not None  # the map's ids are checked against its catalogues
        return found

