"""The provision on show in the walk-through: what the Code asks and what good evidence is."""

from __future__ import annotations

from datetime import date

from rich.console import Group
from rich.text import Text
from textual.widgets import Static

from code_check.catalogue.model import Obligation, Requirement, Section
from code_check.store.shared import LastChange
from code_check.tui.user_text import inert_text
from code_check.tui.walk import WalkSection

OBLIGATION_WORDS = {
    Obligation.MUST: "MUST: a legal duty (Equality Act); an unmet must blocks “Ready”",
    Obligation.SHOULD: "SHOULD: expected by the Code",
}
# A must that is not an Equality Act duty: every provision of a statutory Code, such as the
# Housing Ombudsman's for landlords.
REQUIRED_WORDS = "MUST: required by the Code; an unmet must blocks “Ready”"
PROVISIONAL = ("⚠ Provisional number: not yet checked against the published Code. Treat the "
               "wording with care.")


class ProvisionCard(Static):
    """Id, paraphrase, must/should, guidance, typical evidence, timescale, provisional mark."""

    shown_id: str | None = None
    parts: tuple[Text, ...] = ()
    last_changed: Text | None = None  # served mode: who last changed the answer, and when

    def show(self, requirement: Requirement, section: Section | WalkSection) -> None:
        title = card_title(requirement.id, section)
        self.show_parts(requirement.id, [title, *what_it_asks(requirement),
                                         *what_good_looks_like(requirement)])

    def show_parts(self, shown_id: str, parts: list[Text]) -> None:
        """A card made elsewhere (one answering two Codes): its title first."""
        self.shown_id = shown_id
        self.parts = tuple(parts)
        self._render_parts()

    def show_last_change(self, change: LastChange | None, today: date) -> None:
        """A line under the title saying who last changed this answer, and when."""
        line = inert_text(last_change_words(change, today), "italic") if change else None
        if line != self.last_changed:
            self.last_changed = line
            self._render_parts()

    def _render_parts(self) -> None:
        title, *rest = self.parts
        self.update(Group(title, *filter(None, [self.last_changed]), *rest))

    def show_nothing(self, why: str) -> None:
        self.shown_id = None
        self.update(Text(why, style="italic"))


def card_title(numbers: str, section: Section | WalkSection) -> Text:
    return Text.assemble((numbers, "bold"), "  ",
                         (f"Section {section.id}: {section.title}", "italic"))


def what_it_asks(requirement: Requirement) -> list[Text]:
    """The provisional mark, must or should, the paraphrase and the timescale."""
    parts = [Text(PROVISIONAL, style="bold reverse")] if not requirement.verified else []
    parts.append(obligation_text(requirement))
    parts.append(Text(requirement.text))
    if requirement.timescale is not None:
        parts.append(Text.assemble(("Timescale: ", "bold"), requirement.timescale.describe()))
    return parts


def obligation_text(requirement: Requirement) -> Text:
    if requirement.obligation is Obligation.SHOULD:
        return Text(OBLIGATION_WORDS[Obligation.SHOULD])
    equality_act = "equality" in requirement.tags
    return Text(OBLIGATION_WORDS[Obligation.MUST] if equality_act else REQUIRED_WORDS,
                style="bold")


def what_good_looks_like(requirement: Requirement, heading: str = "What good looks like"
                         ) -> list[Text]:
    """The guidance and the typical evidence."""
    parts = [Text.assemble((f"{heading}: ", "bold"), requirement.guidance)]
    if requirement.typical_evidence:
        parts.append(Text("Typical evidence:", style="bold"))
        parts.extend(Text(f"  • {item}") for item in requirement.typical_evidence)
    return parts


def last_change_words(change: LastChange, today: date) -> str:
    """'Last changed by Sam Patel today at 14:05', in this computer's time."""
    local = change.changed_at.astimezone()
    day = "today" if local.date() == today else f"on {local.day} {local:%B %Y}"
    return f"Last changed by {change.author or 'someone unnamed'} {day} at {local:%H:%M}"
