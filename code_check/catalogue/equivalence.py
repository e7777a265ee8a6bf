"""An equivalence map between two Codes' catalogues: where one answer serves both.

A council that owns homes answers the LGSCO's Code and the Housing Ombudsman's. A ``same``
pair is one provision in two Codes, answered once; a ``close`` pair gives the second Code's
provision a starting answer from the first, to be confirmed (it asks more, or words it
differently). The map is data (``code_rules/FROM--TO.yaml``), checked like a catalogue.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from functools import cached_property
from typing import Annotated, Any

from pydantic import Field, ValidationInfo, model_validator

from code_check.catalogue.model import Catalogue, RequirementId, Text, _Strict, schema_of
from code_check.errors import LocatedValueError

CatalogueId = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]


class Match(StrEnum):
    SAME = "same"
    CLOSE = "close"


class Pair(_Strict):
    """Two provisions, one from each Code, and how far one answer serves both."""

    from_id: RequirementId = Field(alias="from", description="The provision in the first Code.")
    to_id: RequirementId = Field(alias="to", description="The provision in the second Code.")
    match: Match = Field(description="same: one answer serves both; close: the first Code's "
                         "answer is a starting point to confirm for the second.")
    note: Text | None = Field(default=None, description="What the second Code adds.")

    @model_validator(mode="after")
    def _close_says_what_differs(self) -> Pair:
        if self.match is Match.CLOSE and self.note is None:
            raise LocatedValueError(
                ("note",), "a close pair needs a note saying what the second Code adds")
        return self


class Equivalence(_Strict):
    """Pairs of provisions from two catalogues (``from`` and ``to``)."""

    id: Annotated[str, Field(description="The two catalogue ids joined by '--'.")]
    title: Text
    from_catalogue: CatalogueId = Field(alias="from", description="The first Code's catalogue id.")
    to_catalogue: CatalogueId = Field(alias="to", description="The second Code's catalogue id.")
    pairs: list[Pair] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self, info: ValidationInfo) -> Equivalence:
        expected = f"{self.from_catalogue}--{self.to_catalogue}"
        if self.id != expected:
            raise LocatedValueError(
                ("id",), f"must be {expected!r} (the from and to catalogue ids joined by --)")
        _check_pairs(self.pairs)
        catalogues = (info.context or {}).get("catalogues")
        if catalogues is not None:
            self._check_ids_exist(catalogues)
        return self

    def _check_ids_exist(self, catalogues: Mapping[str, Catalogue]) -> None:
        for field, catalogue_id, side in (("from", self.from_catalogue, "from_id"),
                                          ("to", self.to_catalogue, "to_id")):
            catalogue = catalogues.get(catalogue_id)
            if catalogue is None:
                known = ", ".join(sorted(catalogues)) or "none"
                raise LocatedValueError(
                    (field,), f"no catalogue with id {catalogue_id!r} (known: {known})")
            for index, pair in enumerate(self.pairs):
                provision = getattr(pair, side)
                if catalogue.requirement(provision) is None:
                    raise LocatedValueError(
                        ("pairs", index, field),
                        f"{provision!r} is not a provision of {catalogue_id}")

    @cached_property
    def _same_by_to(self) -> dict[str, str]:
        return {p.to_id: p.from_id for p in self.pairs if p.match is Match.SAME}

    def same_as(self, to_id: str) -> str | None:
        """The first Code's provision whose answer is this one's too (a ``same`` pair)."""
        return self._same_by_to.get(to_id)

    def close_to(self, to_id: str) -> list[str]:
        """The first Code's provisions whose answers seed this one (``close`` pairs)."""
        return [p.from_id for p in self.pairs if p.to_id == to_id and p.match is Match.CLOSE]

    def partners_of(self, from_id: str) -> list[Pair]:
        """Every pair a provision of the first Code is in."""
        return [p for p in self.pairs if p.from_id == from_id]

    def without_partner(self, catalogue: Catalogue) -> list[str]:
        """The catalogue's provisions (either side's) that no pair names, in Code order."""
        if catalogue.id not in (self.from_catalogue, self.to_catalogue):
            raise ValueError(f"{catalogue.id} is neither side of {self.id}")
        side = "from_id" if catalogue.id == self.from_catalogue else "to_id"
        paired = {getattr(p, side) for p in self.pairs}
        return [r.id for r in catalogue.requirements if r.id not in paired]


def _check_pairs(pairs: list[Pair]) -> None:
    """Refuse a pair listed twice, a provision in two ``same`` pairs, and a provision of the
    second Code both ``same`` as one and ``close`` to another: each says two things at once."""
    listed: dict[tuple[str, str], int] = {}
    same: dict[tuple[str, str], int] = {}  # (side, id): index of its same pair
    close_to: dict[str, int] = {}  # to id: index of its first close pair
    for index, pair in enumerate(pairs):
        key = (pair.from_id, pair.to_id)
        if key in listed:
            raise LocatedValueError(
                ("pairs", index, "to"), f"{pair.from_id!r} and {pair.to_id!r} are already "
                f"paired in pairs[{listed[key]}] ({pairs[listed[key]].match})")
        listed[key] = index
        if pair.match is Match.SAME:
            _check_same(pair, index, same, close_to)
        elif ("to", pair.to_id) in same:
            raise _contradiction(pair.to_id, same[("to", pair.to_id)], "same", index)
        else:
            close_to.setdefault(pair.to_id, index)


def _check_same(pair: Pair, index: int, same: dict[tuple[str, str], int],
                close_to: dict[str, int]) -> None:
    for side, provision in (("from", pair.from_id), ("to", pair.to_id)):
        if (side, provision) in same:
            raise LocatedValueError(
                ("pairs", index, side), f"{provision!r} is already in a same pair "
                f"(pairs[{same[(side, provision)]}]); one answer serves two provisions at most")
        same[(side, provision)] = index
    if pair.to_id in close_to:
        raise _contradiction(pair.to_id, close_to[pair.to_id], "close", index)


def _contradiction(to_id: str, earlier: int, earlier_match: str, index: int) -> LocatedValueError:
    return LocatedValueError(
        ("pairs", index, "match"), f"{to_id!r} is already {earlier_match} to a provision "
        f"(pairs[{earlier}]); it cannot be both same as one and close to another")


def json_schema() -> dict[str, Any]:
    """The JSON Schema of equivalence map files, for editors and other tools."""
    return schema_of(Equivalence, "code-check equivalence map")
