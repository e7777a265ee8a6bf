"""The provision on show in the walk-through: what the Code asks and what good evidence is."""

from __future__ import annotations

from rich.console import Group
from rich.text import Text
from textual.widgets import Static

from code_check.catalogue.model import Obligation, Requirement, Section

OBLIGATION_WORDS = {
    Obligation.MUST: "MUST: a legal duty (Equality Act); an unmet must blocks “Ready”",
    Obligation.SHOULD: "SHOULD: expected by the Code",
}


class ProvisionCard(Static):
    """Id, paraphrase, must/should, guidance, typical evidence, timescale, provisional mark."""

    shown_id: str | None = None

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
        self.update(Group(*parts))

    def show_nothing(self, why: str) -> None:
        self.shown_id = None
        self.update(Text(why, style="italic"))
