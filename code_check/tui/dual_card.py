"""The walk-through's card for a council answering two Codes at once.

A provision the two Codes share (a ``same`` pair) is one card: both numbers, both Codes'
wording, answered once. A ``close`` pair says, on each side, where the answer goes or comes
from and what the second Code adds; a provision only one Code has says so.
"""

from __future__ import annotations

from rich.text import Text

from code_check.tui.provision_card import card_title, what_good_looks_like, what_it_asks
from code_check.tui.walk import Walk


def dual_card(walk: Walk, key: str) -> list[Text]:
    """The card of one key of a two-Code walk (``walk.second`` is set)."""
    assert walk.second is not None
    own, same = walk.own(key), walk.same_partner(key)
    section = walk.code_of(key).section_of(own.id)
    parts = [card_title(walk.title(key), section), _how_answered(walk, key)]
    if same is None:
        return [*parts, *what_it_asks(own), *what_good_looks_like(own)]
    first, second = walk.catalogue.initials, walk.second.catalogue.initials
    return [*parts,
            Text(f"{first} {own.id}", style="underline"), *what_it_asks(own),
            Text(f"{second} {same.id}", style="underline"), *what_it_asks(same),
            *what_good_looks_like(own, f"What good looks like ({first})"),
            *what_good_looks_like(same, f"What good looks like ({second})")]


def _how_answered(walk: Walk, key: str) -> Text:
    """One line: answered once for both, carried to or from a close provision, or one Code's
    alone."""
    assert walk.second is not None
    first, second = walk.catalogue.initials, walk.second.catalogue.initials
    if walk.same_partner(key) is not None:
        return Text("One answer for both Codes: they ask the same here.", style="italic")
    pairs = walk.close_pairs(key)
    if not pairs:
        only = walk.code_of(key).publisher
        return Text(f"Only the {only}'s Code asks this.", style="italic")
    if walk.is_second(key):
        partners = ", ".join(f"{first} {p.from_id}" for p in pairs)
        lead = f"Close to {partners}: starts from its answer, to confirm for housing."
    else:
        partners = ", ".join(f"{second} {p.to_id}" for p in pairs)
        lead = f"Close to {partners}: this answer is carried there, to confirm for housing."
    adds = " ".join(p.note for p in pairs if p.note)  # each a sentence: "HOS also asks…"
    return Text(f"{lead} {adds}".rstrip(), style="italic")
