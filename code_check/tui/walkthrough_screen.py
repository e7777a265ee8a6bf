"""Walk-through: the Code provision by provision, every answer saved the moment it is given."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Checkbox, Header, Input, Label, Static, TextArea, Tree
from textual.widgets.tree import TreeNode

from code_check.assessment.codes import SecondCode
from code_check.assessment.model import Action, ProgressNote, Status
from code_check.catalogue.model import Requirement
from code_check.dates import long_date, typed_date
from code_check.errors import InputError
from code_check.report.inert import visible
from code_check.tui.code_choice import second_code_id
from code_check.tui.done_box import DoneBox
from code_check.tui.dual_card import dual_card
from code_check.tui.errors import reports_problems
from code_check.tui.evidence_list import EvidenceList
from code_check.tui.fitted_input import FittedInput
from code_check.tui.key_bar import KeyBar
from code_check.tui.provision_card import ProvisionCard
from code_check.tui.provision_tree import MOVE, ProvisionTree
from code_check.tui.session import AssessmentSession, Filter
from code_check.tui.user_text import inert_text
from code_check.tui.walk import WalkSection
from code_check.wording import STATUS_SYMBOLS, percent, status_text

ACTION_FIELDS = ("action-description", "action-owner", "action-due", "action-revised-due",
                 "action-completed")
# The action's dates as the form names them in a problem: field id -> (Action field, words).
ACTION_DATES = {
    "action-due": ("due", "Due date"),
    "action-revised-due": ("revised_due", "Revised due date"),
    "action-completed": ("completed", "Completed date"),
}

ROW_SOURCES = {  # how an answer for a whole row of the published form came
    "quick mode": "in quick mode, for the whole of",
    "imported": "from the imported form, for the whole of",
    "carried over": "carried over: given for the whole of",
}

STATUS_KEYS = {
    "met": Status.MET,
    "partly_met": Status.PARTLY_MET,
    "not_met": Status.NOT_MET,
    "not_applicable": Status.NOT_APPLICABLE,
}


ANSWER = Binding.Group("Answer")  # one entry on the key bar: "m p n a Answer"


class WalkthroughScreen(Screen):
    """Sections and provisions on the left, the provision and its answer on the right."""

    CSS_PATH = "styles/walkthrough.tcss"
    BINDINGS = [
        Binding("m", "set_status('met')", "Met", group=ANSWER),
        Binding("p", "set_status('partly_met')", "Partly", group=ANSWER),
        Binding("n", "set_status('not_met')", "Not met", group=ANSWER),
        Binding("a", "set_status('not_applicable')", "N/A", group=ANSWER,
                tooltip="Not applicable"),
        Binding("u", "set_status('')", "Clear", show=False,
                tooltip="Clear the status (not assessed)"),
        Binding("g", "next_unanswered", "Unanswered", tooltip="Go to the next unanswered one"),
        Binding("f", "cycle_filter", "Filter",
                tooltip="Show all, unanswered, gaps or legal duties (must) only"),
        Binding("slash", "search", "Search", key_display="/",
                tooltip="Search the provisions' text"),
        Binding("ctrl+z", "undo", "Undo", tooltip="Undo the last change"),
        Binding("d", "dashboard", "Dashboard",
                tooltip="Readiness, gaps and checks for this assessment"),
        Binding("r", "quick_row", "Quick row",
                tooltip="Quick mode: answer a whole row of the published form"),
        Binding("left", "step(-1)", "Prev", key_display="←", group=MOVE,
                tooltip="Previous provision"),
        Binding("right", "step(1)", "Next", key_display="→", group=MOVE,
                tooltip="Next provision"),
        Binding("c", "confirm", "Confirm", show=False,
                tooltip="Confirm an answer carried over from the previous assessment"),
        Binding("C", "confirm_many", "Confirm many", show=False, key_display="shift+c",
                tooltip="Confirm the carried-over answers of a row, a section or all shown"),
        Binding("o", "toggle_move_on", "Move on", show=False,
                tooltip="After an answer, move on to the next provision (on or off)"),
        Binding("e", "focus_evidence", "Add evidence", show=False,
                tooltip="Type a piece of evidence for this provision"),
        Binding("escape", "back", "Back", show=False,
                tooltip="Back to the list of provisions, then to Home"),
        Binding("h", "answer_both", "Both Codes", show=False,
                tooltip="Answer the Housing Ombudsman's Code in this assessment too (asks "
                "first)"),
    ]

    def __init__(self, assessment_id: int, requirement_id: str | None = None) -> None:
        super().__init__()
        self.assessment_id = assessment_id
        self.start_at = requirement_id
        self.shown = Filter.ALL
        self.current: Requirement | None = None
        self.form_for: str | None = None  # the provision whose answer the form holds
        self.move_on_chosen: bool | None = None  # None: as the filter suggests
        self.leaves: dict[str, TreeNode] = {}
        self.section_nodes: dict[str, TreeNode] = {}
        self._commentary_saved_as = ""  # the commentary's text as last loaded or saved
        self._action_saved_as: tuple = ()  # the action's fields as last loaded or saved
        self.offers_second_code = False  # whether h can add a second Code (known on mount)

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="body"):
            tree = ProvisionTree("Provisions", id="provisions")
            tree.show_root = False
            yield tree
            with Vertical(id="detail"):
                yield Static(id="answer-line")
                with VerticalScroll(id="card-scroll"):  # stays in view while typing below
                    yield ProvisionCard(id="card")
                with VerticalScroll(id="answer-form"):
                    yield Label("Evidence", classes="field-title")
                    yield EvidenceList(id="evidence")
                    yield Static(id="register-evidence")
                    yield FittedInput(id="new-evidence",
                                      placeholder="A document or a link; Enter saves")
                    yield Label("Commentary (saved as you type)", classes="field-title")
                    yield TextArea(id="commentary", soft_wrap=True, show_line_numbers=False)
                    yield Label("Action to close the gap (Enter saves)", classes="field-title")
                    yield FittedInput(id="action-description", placeholder="What will be done")
                    with Grid(id="action-details"):
                        yield FittedInput(id="action-owner", placeholder="Owner")
                        yield FittedInput(id="action-due", placeholder="Due, e.g. 31/03/2026")
                        yield FittedInput(id="action-revised-due", placeholder="Revised due")
                        yield FittedInput(id="action-completed", placeholder="Completed on")
                        yield DoneBox(id="action-done")
                    yield Label("Progress notes (Enter adds one, dated today)",
                                classes="field-title")
                    yield Static(id="action-progress")
                    yield FittedInput(id="new-progress", placeholder="What has happened")
        yield Static(id="progress-line")
        yield KeyBar()

    def on_mount(self) -> None:
        self.app.steady_cursors(self)
        self.session = AssessmentSession(
            self.app.workspace, self.assessment_id,
            self.app.catalogue(self.app.workspace.record(self.assessment_id).catalogue))
        assessment = self.session.assessment
        self.sub_title = f"{assessment.council.name}, assessed {long_date(assessment.assessed_on)}"
        self.offers_second_code = self.session.second is None and \
            second_code_id(self.session.catalogue.id) is not None
        self._rebuild_tree()
        first = self.start_at or self.session.walk.requirements[0].id
        self.go_to(first)
        self.query_one(Tree).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """h (a second Code) only for an assessment of one Code that can have another."""
        return self.offers_second_code if action == "answer_both" else True

    def on_screen_suspend(self) -> None:
        self.flush()

    def flush(self) -> None:
        """Save anything typed but not yet saved (before quitting, or leaving a provision)."""
        self._save_commentary()
        self._save_action(announce=False)

    # the tree -----------------------------------------------------------------------------

    def _rebuild_tree(self) -> None:
        tree: Tree[str] = self.query_one(Tree)
        tree.clear()
        self.leaves.clear()
        self.section_nodes.clear()
        visible = {r.id for r in self.session.visible(self.shown)}
        for section in self.session.walk.sections:
            shown = [r for r in section.requirements if r.id in visible]
            if not shown:
                continue
            node = tree.root.add(self._section_label(section), expand=True)
            self.section_nodes[section.id] = node
            for requirement in shown:
                self.leaves[requirement.id] = node.add_leaf(
                    self._leaf_label(requirement), data=requirement.id)
        self._show_progress()

    def _section_label(self, section: WalkSection) -> str:
        """Id, title and how many are answered; the tree shortens the title to fit."""
        answered = self.session.answered_in(section.requirements)
        return f"{self.session.walk.heading(section)} {answered}/{len(section.requirements)}"

    def _leaf_label(self, requirement: Requirement) -> Text:
        answer = self.session.answer(requirement.id)
        walk = self.session.walk
        label = Text(f"{STATUS_SYMBOLS[answer.status]} {walk.label(requirement.id)}")
        if walk.is_must(requirement.id):
            label.append(" must", style="bold")
        if answer.carried_over:
            label.append(" ↺")
        if not requirement.verified:
            label.append(" ⚠")
        if answer.action is not None and answer.action.overdue(self.app.today):
            label.append(" !", style="bold")
        return label

    def _refresh_all_labels(self) -> None:
        """After a change to many provisions at once (a row, an undo, a bulk confirm)."""
        walk = self.session.walk
        for requirement_id, leaf in self.leaves.items():
            leaf.set_label(self._leaf_label(walk.requirement(requirement_id)))
        for section in walk.sections:
            if section.id in self.section_nodes:
                self.section_nodes[section.id].set_label(self._section_label(section))
        self._show_progress()

    def _refresh_labels(self, requirement_id: str) -> None:
        """One provision's labels, and those of the second Code's provisions carrying its
        answer."""
        walk = self.session.walk
        for key in (requirement_id, *walk.followers(requirement_id)):
            if key in self.leaves:
                self.leaves[key].set_label(self._leaf_label(walk.requirement(key)))
            section = walk.section_of(key)
            if section.id in self.section_nodes:
                self.section_nodes[section.id].set_label(self._section_label(section))
        self._show_progress()

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted) -> None:
        moved = self.current is None or event.node.data != self.current.id
        if event.node.data in self.leaves and moved:
            self._show(self.session.walk.requirement(event.node.data))

    def go_to(self, requirement_id: str) -> None:
        """Show a provision, widening the filter to all if the filter hides it."""
        if requirement_id not in self.leaves:
            self.shown = Filter.ALL
            self._rebuild_tree()
        self.query_one(ProvisionTree).show_node(self.leaves[requirement_id])
        self._show(self.session.walk.requirement(requirement_id))

    # the provision on show ----------------------------------------------------------------

    def _show(self, requirement: Requirement) -> None:
        """The card and the answer at once; the form under them is filled just after, so the
        next provision appears without waiting for every field (most sit below the fold)."""
        self.flush()
        self.form_for = None  # until refilled, the form holds no provision's answer
        self.current = requirement
        walk, card = self.session.walk, self.query_one(ProvisionCard)
        if walk.second is None:
            card.show(requirement, walk.section_of(requirement.id))
        else:
            card.show_parts(requirement.id, dual_card(walk, requirement.id))
        self._show_answer_line(requirement.id)
        for pane in self.query("#card-scroll, #answer-form").results(VerticalScroll):
            pane.scroll_home(animate=False)
        self.call_after_refresh(self._fill_form, requirement.id)

    def _fill_form(self, requirement_id: str) -> None:
        if self.current is None or self.current.id != requirement_id or not self.is_mounted:
            return  # already moved on: that provision's form is not needed
        answer = self.session.answer(requirement_id)
        self.query_one(EvidenceList).show(answer.evidence)
        self._show_register_evidence(requirement_id)
        self.query_one("#new-evidence", Input).value = ""
        commentary = self.query_one("#commentary", TextArea)
        commentary.load_text(visible(answer.commentary or ""))  # shown, not acted on
        self._commentary_saved_as = commentary.text
        action = answer.action
        self.query_one("#action-description", Input).value = action.description if action else ""
        self.query_one("#action-owner", Input).value = (action.owner or "") if action else ""
        self._show_action_state(action)
        self._show_progress_notes(action)
        self.query_one("#new-progress", Input).value = ""
        self._action_saved_as = self._action_fields()
        self.form_for = requirement_id

    def _show_answer_line(self, requirement_id: str) -> None:
        answer = self.session.answer(requirement_id)
        line = Text.assemble(("Answer: ", "bold"), status_text(answer.status))
        if answer.via_row:
            line.append(f"  ({ROW_SOURCES[self.session.row_source(requirement_id)]} "
                        f"row {answer.via_row})")
        action = answer.action
        if action is not None and action.overdue(self.app.today):
            line.append(f"\n! Action overdue: due {action.due:%d %B %Y}, not done",
                        style="bold")
        if answer.carried_over:
            line.append(f"\n↺ {self._carried_from(requirement_id)}", style="bold")
        self.query_one("#answer-line", Static).update(line)
        if self.app.served is not None:  # a team shares the workspace: say who answered
            self.query_one(ProvisionCard).show_last_change(
                self.session.last_change(requirement_id), self.app.today)

    def _carried_from(self, requirement_id: str) -> str:
        """Where a carried answer came from, and what confirming it means."""
        walk = self.session.walk
        if walk.is_second(requirement_id) and walk.close_pairs(requirement_id):
            partners = ", ".join(f"{walk.catalogue.initials} {pair.from_id}"
                                 for pair in walk.close_pairs(requirement_id))
            return f"Carried from {partners}: press c to confirm it for housing"
        return "Carried over from the previous assessment: press c to confirm"

    def _show_progress(self) -> None:
        session = self.session
        walked = session.walk.requirements
        parts = [f"Showing {self.shown.label}",
                 f"{session.answered_in(walked)} of {len(walked)} answered"]
        to_confirm = len(session.to_confirm())
        if to_confirm:
            parts.append(f"{to_confirm} to confirm")
        parts.extend(self._readiness())
        if self.moves_on:
            parts.append("moving on after each answer (o: stay)")
        self.query_one("#progress-line", Static).update(" · ".join(parts))

    def _readiness(self) -> list[str]:
        """Readiness, under each Code where the assessment answers two."""
        scores = self.session.code_scores()
        if len(scores) == 1:
            overall = scores[0][1].overall
            return [f"readiness {percent(overall.score)}, {overall.band}"]
        return [f"{catalogue.initials} {percent(result.overall.score)}, "
                f"{result.overall.band}" for catalogue, result in scores]

    def _saved(self, requirement_id: str) -> None:
        """After a change: labels, progress and (if on show) the answer line."""
        self._refresh_labels(requirement_id)
        if self.current is not None and self.current.id == requirement_id:
            self._show_answer_line(requirement_id)

    def workspace_changed(self) -> None:
        """Someone saved in another session: show their answers, and say so when one of them
        is the provision on show (what is typed here and not yet saved is kept)."""
        changed = self.session.reload()
        if not changed:
            return
        self._refresh_all_labels()
        if self.current is not None and self.current.id in changed:
            self._show(self.current)
            change = self.session.last_change(self.current.id)
            who = change.author if change and change.author else "Someone"
            named = self.session.walk.title(self.current.id)
            self.notify(f"{who} has just changed {named} in another session; its "
                        "answer is shown as it now stands.", title="Changed elsewhere",
                        severity="warning", timeout=10)

    # answering ----------------------------------------------------------------------------

    def _require_current(self) -> Requirement:
        if self.current is None:
            raise InputError("no provision is on show: change the filter (f)")
        return self.current

    def _form_target(self) -> str:
        """The provision the evidence, commentary and action fields belong to."""
        if self.form_for is None:
            raise InputError("no provision is on show: change the filter (f)")
        return self.form_for

    @reports_problems
    def action_set_status(self, status: str) -> None:
        requirement = self._require_current()
        self.session.update(requirement.id, status=STATUS_KEYS.get(status))
        self._saved(requirement.id)
        if self.moves_on and status:
            self._move_on(requirement.id)

    @property
    def moves_on(self) -> bool:
        """Whether an answer moves on to the next provision: as chosen with o, else only
        while answering the unanswered ones."""
        if self.move_on_chosen is not None:
            return self.move_on_chosen
        return self.shown is Filter.UNANSWERED

    def action_toggle_move_on(self) -> None:
        self.move_on_chosen = not self.moves_on
        self._show_progress()
        self.notify("After an answer, the next provision comes up." if self.moves_on
                    else "After an answer, the provision stays on screen.", title="Move on")

    def _move_on(self, answered_id: str) -> None:
        if self.shown is Filter.UNANSWERED:
            following = self.session.next_unanswered(answered_id)
            if following is None:
                self.notify("Every provision has an answer.", title="All answered")
            else:
                self.go_to(following.id)
        else:
            self.action_step(1)

    @reports_problems
    def action_confirm(self) -> None:
        requirement = self._require_current()
        if not self.session.answer(requirement.id).carried_over:
            self.notify("This answer is already confirmed.")
            return
        self.session.confirm(requirement.id)
        self._saved(requirement.id)

    def action_confirm_many(self) -> None:
        """One question: confirm the carried-over answers of a row, a section or all shown."""
        from code_check.tui.choice_screen import ChoiceScreen

        groups = self._confirm_groups()
        if not groups:
            self.notify("Nothing shown is waiting to be confirmed.")
            return
        choices = {key: f"{words}: {len(self.session.to_confirm(members))} to confirm"
                   for key, (words, members) in groups.items()}

        def confirm(chosen: str | None) -> None:
            if chosen is not None:
                self._confirm_all(*groups[chosen])

        carried_from = "the previous assessment" if self.session.second is None else \
            f"the previous assessment or, for housing, the {self.session.catalogue.initials}'s"
        self.app.push_screen(ChoiceScreen(
            f"Confirm the answers carried over from {carried_from}, as they are:",
            choices), confirm)

    def _confirm_groups(self) -> dict[str, tuple[str, list[Requirement]]]:
        """The groups with something to confirm: this provision's rows of the published
        form, its section, and every provision the filter shows."""
        walk = self.session.walk
        groups = {}
        if self.current is not None:
            for row in self.current.template_rows:
                groups[f"row {row}"] = (f"Row {row} of the published form",
                                        self.session.row_members(row))
            section = walk.section_of(self.current.id)
            groups["section"] = (self._section_words(section), list(section.requirements))
        groups["shown"] = (f"All shown ({self.shown.label})",
                           [walk.requirement(rid) for rid in self.leaves])
        return {key: group for key, group in groups.items()
                if self.session.to_confirm(group[1])}

    def _section_words(self, section: WalkSection) -> str:
        """'Section 6, Complaints stages…', or the second Code's group by its heading."""
        heading = self.session.walk.heading(section)
        return heading if heading == section.title else \
            f"Section {section.id}, {section.title}"

    @reports_problems
    def _confirm_all(self, words: str, members: list[Requirement]) -> None:
        confirmed = self.session.confirm_all(members)
        self._refresh_all_labels()
        if self.current is not None:
            self._show_answer_line(self.current.id)
        self.notify(f"{words}: confirmed {len(confirmed)} carried-over answers. "
                    "ctrl+z undoes this in one step.", title="Confirmed")

    @reports_problems
    def on_input_submitted(self, event: Input.Submitted) -> None:
        target = self._form_target()
        if event.input.id == "new-evidence":
            item = event.value.strip()
            if not item:
                return
            evidence = [*self.session.answer(target).evidence, item]
            self.session.update(target, evidence=evidence)
            self.query_one(EvidenceList).show(evidence)
            event.input.value = ""
            self._saved(target)
        elif event.input.id == "new-progress":
            self._add_progress_note(target, event.input)
        else:
            self._save_action()

    def on_checkbox_changed(self) -> None:
        self._save_action()

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        """Leaving a field saves it, so nothing typed waits for Enter."""
        if event.widget.id == "commentary":
            self._save_commentary()
        elif event.widget.id in ACTION_FIELDS:
            self._save_action(announce=False)

    def _action_fields(self) -> tuple:
        return (*(self.query_one(f"#{field}", Input).value for field in ACTION_FIELDS),
                self.query_one(DoneBox).value)

    @reports_problems
    def _save_action(self, announce: bool = True) -> None:
        """Save the action as typed. A date that is not a date is refused, but the rest (what
        will be done, by whom, the other dates) is saved all the same, so nothing typed is
        lost. A completed date means done; ticking done without one records today, and
        unticking it clears the date."""
        target = self.form_for
        if target is None or not self.is_mounted:
            return
        fields = self._action_fields()
        if fields == self._action_saved_as:
            return
        description, owner, *_, ticked = fields
        if not description.strip() and (ticked or any(f.strip() for f in fields[1:-1])):
            raise InputError("describe the action before giving its owner, dates or state",
                             field="Action")
        kept = self.session.answer(target).action
        dates, date_problem = self._typed_dates(kept)
        if not ticked and self._action_saved_as and self._action_saved_as[-1]:
            dates["completed"] = None  # just unticked
        done = ticked or dates["completed"] is not None
        if done and dates["completed"] is None:
            dates["completed"] = self.app.today
        action = Action(description=description.strip(), owner=owner.strip() or None,
                        done=done, progress=kept.progress if kept else [], **dates
                        ) if description.strip() else None
        if action != kept:
            self.session.update(target, action=action)
            self._saved(target)
        if date_problem is not None:
            raise InputError(f"{date_problem.problem}; the rest of the action is saved, this "
                             "date is not", field=date_problem.field)
        self._show_action_state(action)  # a completed date filled in, done ticked
        self._action_saved_as = self._action_fields()
        if announce and action != kept:
            self.notify("Action saved." if action else "Action removed.")

    def _show_action_state(self, action: Action | None) -> None:
        """The dates and the done box as saved (a completed date filled in, done ticked)."""
        for field, (name, _) in ACTION_DATES.items():
            value = getattr(action, name) if action else None
            self.query_one(f"#{field}", Input).value = value.isoformat() if value else ""
        done = self.query_one(DoneBox)
        with done.prevent(Checkbox.Changed):
            done.value = bool(action and action.done)

    def _typed_dates(self, kept: Action | None) -> tuple[dict, InputError | None]:
        """The action's dates as typed; one that is not a date keeps its saved value, and the
        first such problem is returned to be reported."""
        dates, problem = {}, None
        for field, (name, words) in ACTION_DATES.items():
            try:
                dates[name] = typed_date(self.query_one(f"#{field}", Input).value, words)
            except InputError as typed_wrong:
                dates[name] = getattr(kept, name) if kept else None
                problem = problem or typed_wrong
        return dates, problem

    def _add_progress_note(self, target: str, field: Input) -> None:
        """A note dated today on the action on show (the action must be described first)."""
        note = field.value.strip()
        if not note:
            return
        self._save_action(announce=False)
        action = self.session.answer(target).action
        if action is None:
            raise InputError("describe the action before adding a progress note",
                             field="Progress note")
        progress = [*action.progress, ProgressNote(on=self.app.today, note=note)]
        self.session.update(target, action=action.model_copy(update={"progress": progress}))
        field.value = ""
        self._show_progress_notes(self.session.answer(target).action)
        self._saved(target)
        self.notify("Progress note added.")

    def _show_register_evidence(self, requirement_id: str) -> None:
        """The learning register's entries linked to this provision (9.1 to 9.3): evidence
        kept in the register, shown beside what was typed here rather than copied into it."""
        lines = self.session.learning_evidence(requirement_id)
        shown = self.query_one("#register-evidence", Static)
        shown.display = bool(lines)
        if lines:
            entries = Table.grid(padding=(0, 1))  # a wrapped line hangs under its bullet
            entries.add_column(width=3, justify="right")
            entries.add_column(ratio=1)
            for line in lines:
                entries.add_row("•", inert_text(line))
            shown.update(Group(Text("From the council's learning register (r on Home):",
                                    style="italic"), entries))

    def _show_progress_notes(self, action: Action | None) -> None:
        notes = action.progress if action else []
        self.query_one("#action-progress", Static).update(Text("\n".join(
            f"{note.on:%d/%m/%Y} {note.note}" for note in notes) or "None yet"))

    @reports_problems
    def on_evidence_list_removed(self, event: EvidenceList.Removed) -> None:
        target = self._form_target()
        evidence = list(self.session.answer(target).evidence)
        removed = evidence.pop(event.index)
        self.session.update(target, evidence=evidence)
        self.query_one(EvidenceList).show(evidence)
        self._saved(target)
        self.notify(f"Removed evidence: {removed}")
        if not evidence:
            self.query_one("#new-evidence", Input).focus()

    def on_text_area_changed(self) -> None:
        self._save_commentary()

    @reports_problems
    def _save_commentary(self) -> None:
        """What is on screen is what is stored: saved on every change, one small write."""
        target = self.form_for
        if target is None or not self.is_mounted:
            return
        text = self.query_one("#commentary", TextArea).text
        if text != self._commentary_saved_as:
            self.session.type_commentary(target, text.strip() or None)
            self._commentary_saved_as = text
            self._saved(target)

    # moving about -------------------------------------------------------------------------

    def _visible_ids(self) -> list[str]:
        return list(self.leaves)

    def action_step(self, offset: int) -> None:
        ids = self._visible_ids()
        if not ids:
            return
        if self.current is None or self.current.id not in ids:
            self.go_to(ids[0])
            return
        index = ids.index(self.current.id) + offset
        if 0 <= index < len(ids):
            self.go_to(ids[index])
        else:
            self.notify("That is the last provision." if offset > 0
                        else "That is the first provision.")

    def action_next_unanswered(self) -> None:
        found = self.session.next_unanswered(self.current.id if self.current else None)
        if found is None:
            self.notify("Every provision has an answer.", title="All answered")
            return
        self.go_to(found.id)

    def action_cycle_filter(self) -> None:
        self.flush()
        self.shown = self.shown.following()
        self._rebuild_tree()
        if not self.leaves:
            self.current = self.form_for = None
            self.query_one(ProvisionCard).show_nothing(
                f"No provisions to show: none is {self.shown.label}. Press f for the next filter.")
            self.query_one("#answer-line", Static).update("")
            return
        keep = self.current.id if self.current and self.current.id in self.leaves else None
        self.go_to(keep or next(iter(self.leaves)))

    def action_search(self) -> None:
        from code_check.tui.search_screen import SearchScreen

        def found(requirement_id: str | None) -> None:
            if requirement_id:
                self.go_to(requirement_id)
                self.query_one(Tree).focus()

        self.app.push_screen(SearchScreen(self.session), found)

    def action_quick_row(self) -> None:
        from code_check.tui.quick_row_screen import QuickRowScreen

        if not self.session.catalogue.template_rows:  # nothing to answer a row at a time
            self.notify(f"The {self.session.catalogue.publisher}'s form has a row for each "
                        "provision: answer them one by one.", title="Quick mode")
            return
        self.flush()
        self.app.push_screen(QuickRowScreen(self.session), self._answer_row)

    @reports_problems
    def _answer_row(self, choice: tuple[str, Status | None] | None) -> None:
        """Answer the row at once, or first ask when that replaces answers already given."""
        if choice is None:
            return
        row_id, status = choice
        members = self.session.row_members(row_id)
        answered = self.session.answered_in(members)
        if not answered:
            self._apply_row(row_id, status)
            return
        from code_check.tui.confirm_screen import ConfirmScreen

        carried = len(self.session.to_confirm(members))
        some = "1 already has an answer" if answered == 1 else \
            f"{answered} already have answers"
        self.app.push_screen(ConfirmScreen(
            f"Row {row_id} has {len(members)} provisions, and {some}"
            f"{f' ({carried} carried over)' if carried else ''}. Replace "
            f"{'it' if answered == 1 else 'all ' + str(answered)} with {status_text(status)}?"
            "\n\nctrl+z afterwards undoes the whole row.",
            yes=f"Replace {answered}"),
            lambda replace: replace and self._apply_row(row_id, status))

    @reports_problems
    def _apply_row(self, row_id: str, status: Status | None) -> None:
        changed = self.session.answer_row(row_id, status)
        self._refresh_all_labels()
        if self.current is not None:
            self._show(self.current)
        self.notify(f"Row {row_id}: {len(changed)} provisions now {status_text(status)}. "
                    "Refine any of them one by one; ctrl+z undoes the whole row.",
                    title="Quick mode")

    @reports_problems
    def action_undo(self) -> None:
        self.flush()
        undone = self.session.undo()
        if not undone:
            self.notify("Nothing to undo.")
            return
        self._refresh_all_labels()
        self.go_to(undone[0])
        named = [self.session.walk.title(key) for key in undone]
        self.notify(f"Undid the last change to {named[0]}." if len(named) == 1 else
                    f"Undid the last change, to {len(named)} provisions ({', '.join(named)}).",
                    title="Undo")

    def action_answer_both(self) -> None:
        """Ask, then answer the second Code in this assessment too."""
        from code_check.tui.code_choice import ExtendScreen, extension_question, second_code_for

        second = second_code_for(self.session.catalogue, self.app.catalogues)
        if second is None or self.session.second is not None:
            self.notify("This assessment already answers every Code it can.")
            return
        self.flush()
        assessment = self.session.assessment
        self.app.push_screen(
            ExtendScreen(extension_question(assessment, self.session.catalogue, second),
                         assessment.council),
            lambda extension: extension and self._extend(second, extension.homes))

    @reports_problems
    def _extend(self, second: SecondCode, homes: int | None) -> None:
        self.session.extend(second, homes)
        self.offers_second_code = False
        self.refresh_bindings()
        self._rebuild_tree()
        if self.current is not None:
            self.go_to(self.current.id)
        self.notify(f"This assessment now answers the {second.catalogue.publisher}'s Code "
                    "too: a provision both Codes share is answered once; its own provisions "
                    "follow the sections, those carried (↺) to confirm for housing.",
                    title="Both Codes")

    def action_focus_evidence(self) -> None:
        self.query_one("#new-evidence", Input).focus()

    def action_dashboard(self) -> None:
        self.flush()
        self.app.open_dashboard(self.assessment_id)

    def action_back(self) -> None:
        tree = self.query_one(Tree)
        if self.focused is not tree:
            tree.focus()
        else:
            self.flush()
            self.dismiss()
