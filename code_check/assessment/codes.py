"""One self-assessment, two Codes: a council that owns homes answers the LGSCO's Code and the
Housing Ombudsman's together.

The first Code's answers are the assessment's own; the second Code's are held under ``also``,
except a provision paired ``same`` with one of the first Code's, which is answered once, there.
A ``close`` pair carries the first Code's answer (the worse of several) into the second, marked
carried over until someone confirms it for housing; until then it follows the first Code's
answer as it changes. ``view`` turns any of this into an ordinary single-Code assessment, so
scoring, checks and reports need know nothing of it.

In the workspace the second Code's answers are kept beside the first's under keys such as
``hos-2024:5.6`` (``stored_key``), so the audit trail and undo treat them alike.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from code_check.assessment.model import AlsoUnder, Answer, Assessment, worst_of
from code_check.catalogue.equivalence import Equivalence, Match
from code_check.catalogue.model import Catalogue
from code_check.errors import InputError
from code_check.wording import code_name

SEPARATOR = ":"


@dataclass(frozen=True)
class SecondCode:
    """What answering a second Code needs beyond its answers: its catalogue, and the map
    from the first Code's provisions to its own."""

    catalogue: Catalogue
    equivalence: Equivalence


def codes_of(assessment: Assessment) -> list[str]:
    """The catalogues an assessment answers, the first Code first."""
    also = [assessment.also.catalogue] if assessment.also is not None else []
    return [assessment.catalogue, *also]


def stored_key(catalogue_id: str, requirement_id: str) -> str:
    """The workspace's key for an answer to the second Code: ``hos-2024:5.6``."""
    return f"{catalogue_id}{SEPARATOR}{requirement_id}"


def stored_answers(assessment: Assessment) -> dict[str, Answer]:
    """Every answer by its workspace key: the first Code's by id, the second's by
    ``stored_key``."""
    also = assessment.also
    second = {stored_key(also.catalogue, rid): a for rid, a in also.answers.items()} if also \
        else {}
    return {**assessment.answers, **second}


def from_stored(assessment: Assessment, stored: dict[str, Answer]) -> Assessment:
    """``assessment`` holding the answers kept under workspace keys (``stored_answers``).

    A key naming a Code the assessment does not answer is refused (ValueError)."""
    first: dict[str, Answer] = {}
    second: dict[str, Answer] = {}
    for key, answer in stored.items():
        catalogue_id, _, requirement_id = key.rpartition(SEPARATOR)
        if not catalogue_id:
            first[key] = answer
        elif assessment.also is not None and catalogue_id == assessment.also.catalogue:
            second[requirement_id] = answer
        else:
            raise ValueError(f"an answer kept for {catalogue_id!r}, which this assessment "
                             "does not answer")
    also = assessment.also and assessment.also.model_copy(update={"answers": second})
    return assessment.model_copy(update={"answers": first, "also": also})


def with_stored_answer(assessment: Assessment, key: str, answer: Answer) -> Assessment:
    """A copy with the answer under one workspace key replaced (an empty answer removes it)."""
    stored = stored_answers(assessment)
    if answer.is_empty:
        stored.pop(key, None)
    else:
        stored[key] = answer
    return from_stored(assessment, stored)


def where_stored(assessment: Assessment, catalogue_id: str, requirement_id: str,
                 equivalence: Equivalence | None) -> str:
    """The workspace key that answers this provision of this Code: a second-Code provision
    paired ``same`` is answered through its first-Code partner."""
    if catalogue_id == assessment.catalogue:
        return requirement_id
    if assessment.also is None or assessment.also.catalogue != catalogue_id:
        raise InputError(f"this assessment does not answer {catalogue_id} (it answers "
                         f"{' and '.join(codes_of(assessment))})")
    partner = equivalence.same_as(requirement_id) if equivalence is not None else None
    return partner or stored_key(catalogue_id, requirement_id)


def view(assessment: Assessment, catalogue_id: str,
         equivalence: Equivalence | None) -> Assessment:
    """The assessment as an ordinary single-Code one under ``catalogue_id``.

    The second Code's view holds its own answers and, for each ``same`` pair, the first
    Code's answer. An assessment of the first Code alone is seen through the map: ``same``
    gives the answer, ``close`` the worse partner's answer, marked carried over."""
    if catalogue_id == assessment.catalogue:
        return assessment.model_copy(update={"also": None})
    equivalence = _map_to(assessment, catalogue_id, equivalence)
    also = assessment.also
    if also is not None and also.catalogue == catalogue_id:
        answers = dict(also.answers)
    else:
        answers = {to_id: answer for to_id in _second_ids(equivalence)
                   if (answer := carried_answer(assessment, to_id, equivalence)) is not None}
    for pair in equivalence.pairs:
        answer = assessment.answers.get(pair.from_id)
        if pair.match is Match.SAME and answer is not None:
            answers[pair.to_id] = answer.model_copy(update={"via_row": None})
    seen = assessment.model_copy(update={"catalogue": catalogue_id, "answers": answers,
                                         "also": None})
    seen._carried_from = _carried_from(answers, equivalence)
    return seen


def _carried_from(answers: dict[str, Answer], equivalence: Equivalence) -> dict[str, str]:
    """Each answer carried from close provisions of the first Code: 'LGSCO 6.2 and 6.3'."""
    first = code_name(equivalence.from_catalogue)
    return {to_id: f"{first} {' and '.join(partners)}" for to_id, answer in answers.items()
            if answer.carried_over and (partners := equivalence.close_to(to_id))}


def carried_answer(assessment: Assessment, to_id: str,
                   equivalence: Equivalence) -> Answer | None:
    """The first Code's answer a second-Code provision starts from through its ``close``
    partners (the worse of several), marked carried over; None when none is answered."""
    partners = [assessment.answers[f] for f in equivalence.close_to(to_id)
                if f in assessment.answers]
    if not partners:
        return None
    return worst_of(partners).model_copy(update={"carried_over": True, "via_row": None})


def seed_second_code(assessment: Assessment, catalogue: Catalogue,
                     equivalence: Equivalence) -> Assessment:
    """The assessment answering ``catalogue`` as well: each provision with ``close`` partners
    starts from their answer, marked to confirm; ``same`` ones are already answered."""
    if assessment.also is not None:
        raise InputError(f"this assessment already answers {assessment.also.catalogue} as "
                         "well as its first Code")
    equivalence = _map_to(assessment, catalogue.id, equivalence)
    answers = {r.id: answer for r in catalogue.requirements
               if equivalence.same_as(r.id) is None
               and (answer := carried_answer(assessment, r.id, equivalence)) is not None}
    return assessment.model_copy(update={"also": AlsoUnder(catalogue=catalogue.id,
                                                           answers=answers)})


def follow_first_code(assessment: Assessment, changed: Iterable[str],
                      equivalence: Equivalence) -> dict[str, Answer]:
    """The second-Code answers, by workspace key, that follow first-Code answers just
    changed in ``assessment``: a carried one not yet confirmed (or none yet) is carried
    afresh. An empty answer means the carried one goes."""
    also = assessment.also
    if also is None:
        return {}
    followers: dict[str, Answer] = {}
    for to_id in _close_partners(changed, equivalence):
        current = also.answers.get(to_id, Answer())
        if equivalence.same_as(to_id) is not None or not (current.is_empty
                                                          or current.carried_over):
            continue
        carried = carried_answer(assessment, to_id, equivalence) or Answer()
        if carried != current:
            followers[stored_key(also.catalogue, to_id)] = carried
    return followers


def _close_partners(from_ids: Iterable[str], equivalence: Equivalence) -> list[str]:
    """The second-Code provisions that ``close`` pairs tie to these, each once, in order."""
    found = [p.to_id for f in from_ids for p in equivalence.partners_of(f)
             if p.match is Match.CLOSE]
    return list(dict.fromkeys(found))


def _second_ids(equivalence: Equivalence) -> list[str]:
    return list(dict.fromkeys(pair.to_id for pair in equivalence.pairs))


def _map_to(assessment: Assessment, catalogue_id: str,
            equivalence: Equivalence | None) -> Equivalence:
    """The map from the assessment's first Code to ``catalogue_id``, refused in words when
    there is none."""
    if equivalence is None or (equivalence.from_catalogue, equivalence.to_catalogue) != (
            assessment.catalogue, catalogue_id):
        raise InputError(f"this assessment answers {' and '.join(codes_of(assessment))}, "
                         f"and code-check has no map from {assessment.catalogue} to "
                         f"{catalogue_id} to see it through")
    return equivalence
