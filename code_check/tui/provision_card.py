"""The provision on show in the walk-through: what the Code asks and what good evidence is."""

from __future__ import annotations

from datetime import date

from rich.console import Group
from rich.text import Text
from textual.widgets import Static

from code_check.catalogue.model import Obligation, Requirement, Section
from code_check.store.shared import LastChange
from code_check.tui.user_text import inert_text

OBLIGATION_WORDS = {
    Obligation.MUST: "MUST: a legal duty (Equality Act); an unmet must blocks “Ready”",
    Obligation.SHOULD: "SHOULD: expected by the Code",
}


class ProvisionCard(Static):
    """Id, paraphrase, must/should, guidance, typical evidence, timescale, provisional mark."""

    shown_id: str | None = None
    parts: tuple[Text, ...] = ()
    last_changed: Text | None = None  # served mode: who last changed the answer, and when

    def show(self, requirement: Requirement, section: Section) -> None:
        self.shown_id = requirement.id
        title = Text.assemble((requirement.id, "bold"), "  ",
                              (f"Section {section.id}: {section.title}", "italic"))
        parts = [title]
        if not requirement.verified:
            parts.append(Text("⚠ Provisional number: not yet checked against the published "
                              "Code. Treat the wording with care.", style="bold reverse"))
        parts.append(Text(OBLIGATION_WORDS[requirement.obligation],
                          style="bold" if requirement.obligation is Obligation.MUST else ""))
        parts.append(Text(requirement.text))
        if requirement.timescale is not None:
            parts.append(Text.assemble(("Timescale: ", "bold"), requirement.timescale.describe()))
        parts.append(Text.assemble(("What good looks like: ", "bold"), requirement.guidance))
        if requirement.typical_evidence:
            parts.append(Text("Typical evidence:", style="bold"))
            parts.extend(Text(f"  • {item}") for item in requirement.typical_evidence)
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


def last_change_words(change: LastChange, today: date) -> str:
    """'Last changed by Sam Patel today at 14:05', in this computer's time."""
    local = change.changed_at.astimezone()
    day = "today" if local.date() == today else f"on {local.day} {local:%B %Y}"
    return f"Last changed by {change.author or 'someone unnamed'} {day} at {local:%H:%M}"
