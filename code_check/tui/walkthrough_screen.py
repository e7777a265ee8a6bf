"""Walk-through: the Code provision by provision, every answer saved the moment it is given."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Checkbox, Header, Input, Label, Static, TextArea, Tree
from textual.widgets.tree import TreeNode

from code_check.assessment import Action, Answer, Status
from code_check.catalogue import Obligation, Requirement
from code_check.errors import InputError
from code_check.tui.errors import reports_problems
from code_check.tui.evidence_list import EvidenceList
from code_check.tui.key_bar import KeyBar
from code_check.tui.labels import STATUS_SYMBOLS, percent, status_text
from code_check.tui.new_assessment_screen import parse_date
from code_check.tui.provision_card import ProvisionCard
from code_check.tui.provision_tree import ProvisionTree
from code_check.tui.session import AssessmentSession, Filter

COMMENTARY_PAUSE = 0.8  # seconds of no typing before the commentary is saved
SECTION_TITLE_WIDTH = 15
DONE_WORDS = {True: "Done", False: "Not done"}

STATUS_KEYS = {
    "met": Status.MET,
    "partly_met": Status.PARTLY_MET,
    "not_met": Status.NOT_MET,
    "not_applicable": Status.NOT_APPLICABLE,
}


class WalkthroughScreen(Screen):
    """Sections and provisions on the left, the provision and its answer on the right."""

    CSS_PATH = "styles/walkthrough.tcss"
    BINDINGS = [
        Binding("m", "set_status('met')", "Met"),
        Binding("p", "set_status('partly_met')", "Partly"),
        Binding("n", "set_status('not_met')", "Not met"),
        Binding("a", "set_status('not_applicable')", "N/A", tooltip="Not applicable"),
        Binding("u", "set_status('')", "Clear", show=False,
                tooltip="Clear the status (not assessed)"),
        Binding("right", "step(1)", "Next", key_display="→", tooltip="Next provision"),
        Binding("left", "step(-1)", "Prev", key_display="←", tooltip="Previous provision"),
        Binding("g", "next_unanswered", "Unanswered", tooltip="Go to the next unanswered one"),
        Binding("f", "cycle_filter", "Filter",
                tooltip="Show all, unanswered, gaps or legal duties (must) only"),
        Binding("slash", "search", "Search", key_display="/",
                tooltip="Search the provisions' text"),
        Binding("r", "quick_row", "Quick row",
                tooltip="Quick mode: answer a whole row of the published form"),
        Binding("ctrl+z", "undo", "Undo", tooltip="Undo the last change"),
        Binding("c", "confirm", "Confirm", show=False,
                tooltip="Confirm an answer carried over from the previous assessment"),
        Binding("e", "focus_evidence", "Add evidence", show=False,
                tooltip="Type a piece of evidence for this provision"),
        Binding("d", "dashboard", "Dashboard", show=False,
                tooltip="Readiness, gaps and checks for this assessment"),
        Binding("escape", "back", "Back", show=False,
                tooltip="Back to the list of provisions, then to Home"),
    ]

    def __init__(self, assessment_id: int, requirement_id: str | None = None) -> None:
        super().__init__()
        self.assessment_id = assessment_id
        self.start_at = requirement_id
        self.shown = Filter.ALL
        self.current: Requirement | None = None
        self.form_for: str | None = None  # the provision whose answer the form holds
        self.leaves: dict[str, TreeNode] = {}
        self.section_nodes: dict[str, TreeNode] = {}
        self._commentary_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="body"):
            tree = ProvisionTree("Provisions", id="provisions")
            tree.show_root = False
            yield tree
            with Vertical(id="detail"):
                yield Static(id="answer-line")
                with VerticalScroll(id="card-scroll"):
                    yield ProvisionCard(id="card")
                    with Vertical(id="answer-form"):
                        yield Label("Evidence", classes="field-title")
                        yield EvidenceList(id="evidence")
                        yield Input(id="new-evidence",
                                    placeholder="Add evidence (a document, a link); Enter saves")
                        yield Label("Commentary (saved as you type)", classes="field-title")
                        yield TextArea(id="commentary", soft_wrap=True, show_line_numbers=False)
                        yield Label("Action to close the gap (Enter saves)",
                                    classes="field-title")
                        yield Input(id="action-description", placeholder="What will be done")
                        with Horizontal(id="action-details"):
                            yield Input(id="action-owner", placeholder="Owner")
                            yield Input(id="action-due", placeholder="Due YYYY-MM-DD")
                            yield Checkbox(DONE_WORDS[False], id="action-done")
        yield Static(id="progress-line")
        yield KeyBar()

    def on_mount(self) -> None:
        self.app.steady_cursors(self)
        self.session = AssessmentSession(
            self.app.workspace, self.assessment_id,
            self.app.catalogue(self.app.workspace.record(self.assessment_id).catalogue))
        assessment = self.session.assessment
        self.sub_title = f"{assessment.council.name}, assessed {assessment.assessed_on.isoformat()}"
        self._rebuild_tree()
        first = self.start_at or self.session.catalogue.requirements[0].id
        self.go_to(first)
        self.query_one(Tree).focus()

    def on_screen_suspend(self) -> None:
        self._save_commentary()

    def flush(self) -> None:
        """Save anything typed but not yet saved (the app calls this before quitting)."""
        self._save_commentary()

    # the tree -----------------------------------------------------------------------------

    def _rebuild_tree(self) -> None:
        tree: Tree[str] = self.query_one(Tree)
        tree.clear()
        self.leaves.clear()
        self.section_nodes.clear()
        visible = {r.id for r in self.session.visible(self.shown)}
        for section in self.session.catalogue.sections:
            shown = [r for r in section.requirements if r.id in visible]
            if not shown:
                continue
            node = tree.root.add(self._section_label(section), expand=True)
            self.section_nodes[section.id] = node
            for requirement in shown:
                self.leaves[requirement.id] = node.add_leaf(
                    self._leaf_label(requirement), data=requirement.id)
        self._show_progress()

    def _section_label(self, section) -> str:
        title = section.title
        if len(title) > SECTION_TITLE_WIDTH:
            title = title[: SECTION_TITLE_WIDTH - 1] + "…"
        answered = self.session.answered_in(section.requirements)
        return f"{section.id} {title} {answered}/{len(section.requirements)}"

    def _leaf_label(self, requirement: Requirement) -> Text:
        answer = self.session.answer(requirement.id)
        label = Text(f"{STATUS_SYMBOLS[answer.status]} {requirement.id}")
        if requirement.obligation is Obligation.MUST:
            label.append(" must", style="bold")
        if answer.carried_over:
            label.append(" ↺")
        if not requirement.verified:
            label.append(" ⚠")
        return label

    def _refresh_labels(self, requirement_id: str) -> None:
        requirement = self.session.catalogue.requirement(requirement_id)
        if requirement_id in self.leaves:
            self.leaves[requirement_id].set_label(self._leaf_label(requirement))
        section = self.session.catalogue.section_of(requirement_id)
        if section.id in self.section_nodes:
            self.section_nodes[section.id].set_label(self._section_label(section))
        self._show_progress()

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted) -> None:
        moved = self.current is None or event.node.data != self.current.id
        if event.node.data in self.leaves and moved:
            self._show(self.session.catalogue.requirement(event.node.data))

    def go_to(self, requirement_id: str) -> None:
        """Show a provision, widening the filter to all if the filter hides it."""
        if requirement_id not in self.leaves:
            self.shown = Filter.ALL
            self._rebuild_tree()
        self.query_one(ProvisionTree).show_node(self.leaves[requirement_id])
        self._show(self.session.catalogue.requirement(requirement_id))

    # the provision on show ----------------------------------------------------------------

    def _show(self, requirement: Requirement) -> None:
        """The card and the answer at once; the form under them is filled just after, so the
        next provision appears without waiting for every field (most sit below the fold)."""
        self._save_commentary()
        self.form_for = None  # until refilled, the form holds no provision's answer
        self.current = requirement
        self.query_one(ProvisionCard).show(
            requirement, self.session.catalogue.section_of(requirement.id))
        self._show_answer_line(self.session.answer(requirement.id))
        self.query_one("#card-scroll", VerticalScroll).scroll_home(animate=False)
        self.call_after_refresh(self._fill_form, requirement.id)

    def _fill_form(self, requirement_id: str) -> None:
        if self.current is None or self.current.id != requirement_id or not self.is_mounted:
            return  # already moved on: that provision's form is not needed
        answer = self.session.answer(requirement_id)
        self.query_one(EvidenceList).show(answer.evidence)
        self.query_one("#new-evidence", Input).value = ""
        self.query_one("#commentary", TextArea).load_text(answer.commentary or "")
        action = answer.action
        self.query_one("#action-description", Input).value = action.description if action else ""
        self.query_one("#action-owner", Input).value = (action.owner or "") if action else ""
        self.query_one("#action-due", Input).value = \
            action.due.isoformat() if action and action.due else ""
        done = self.query_one("#action-done", Checkbox)
        with done.prevent(Checkbox.Changed):
            done.value = bool(action and action.done)
        done.label = DONE_WORDS[done.value]
        self.form_for = requirement_id

    def _show_answer_line(self, answer: Answer) -> None:
        line = Text.assemble(("Answer: ", "bold"), status_text(answer.status))
        if answer.via_row:
            line.append(f"  (given for row {answer.via_row} in quick mode)")
        if answer.carried_over:
            line.append("\n↺ Carried over from the previous assessment: press c to confirm",
                        style="bold")
        self.query_one("#answer-line", Static).update(line)

    def _show_progress(self) -> None:
        session = self.session
        overall = session.score.overall
        answered = session.answered_in(session.catalogue.requirements)
        self.query_one("#progress-line", Static).update(
            f"Showing {self.shown.label} · {answered} of {len(session.catalogue.requirements)} "
            f"answered · readiness {percent(overall.score)}, {overall.band}")

    def _saved(self, requirement_id: str) -> None:
        """After a change: labels, progress and (if on show) the answer line."""
        self._refresh_labels(requirement_id)
        if self.current is not None and self.current.id == requirement_id:
            self._show_answer_line(self.session.answer(requirement_id))

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

    @reports_problems
    def action_confirm(self) -> None:
        requirement = self._require_current()
        if not self.session.answer(requirement.id).carried_over:
            self.notify("This answer is already confirmed.")
            return
        self.session.confirm(requirement.id)
        self._saved(requirement.id)

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
        else:
            self._save_action()

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        event.checkbox.label = DONE_WORDS[event.value]  # the state in words, not colour alone
        self._save_action()

    @reports_problems
    def _save_action(self) -> None:
        target = self._form_target()
        description = self.query_one("#action-description", Input).value.strip()
        owner = self.query_one("#action-owner", Input).value.strip() or None
        due = parse_date(self.query_one("#action-due", Input).value, "Due date")
        done = self.query_one("#action-done", Checkbox).value
        if not description and (owner or due or done):
            raise InputError("describe the action before giving its owner, date or state",
                             field="Action")
        action = Action(description=description, owner=owner, due=due, done=done) \
            if description else None
        if action != self.session.answer(target).action:
            self.session.update(target, action=action)
            self._saved(target)
            self.notify("Action saved." if action else "Action removed.")

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

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if self._commentary_timer is not None:
            self._commentary_timer.stop()
        self._commentary_timer = self.set_timer(COMMENTARY_PAUSE, self._save_commentary)

    @reports_problems
    def _save_commentary(self) -> None:
        if self._commentary_timer is not None:
            self._commentary_timer.stop()
            self._commentary_timer = None
        target = self.form_for
        if target is None or not self.is_mounted:
            return
        text = self.query_one("#commentary", TextArea).text.strip() or None
        if text != self.session.answer(target).commentary:
            self.session.update(target, commentary=text)
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
        self._save_commentary()
        self.shown = self.shown.following()
        self._rebuild_tree()
        if not self.leaves:
            self._save_commentary()
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

        self._save_commentary()
        self.app.push_screen(QuickRowScreen(self.session), self._answer_row)

    @reports_problems
    def _answer_row(self, choice: tuple[str, Status | None] | None) -> None:
        if choice is None:
            return
        row_id, status = choice
        changed = self.session.answer_row(row_id, status)
        for requirement_id in changed:
            self._refresh_labels(requirement_id)
        if self.current is not None:
            self._show(self.current)
        self.notify(f"Row {row_id}: {len(changed)} provisions now {status_text(status)}. "
                    "Refine any of them one by one; ctrl+z undoes one provision at a time.",
                    title="Quick mode")

    @reports_problems
    def action_undo(self) -> None:
        self._save_commentary()
        requirement_id = self.session.undo()
        if requirement_id is None:
            self.notify("Nothing to undo.")
            return
        self._refresh_labels(requirement_id)
        self.go_to(requirement_id)
        self.notify(f"Undid the last change to {requirement_id}.", title="Undo")

    def action_focus_evidence(self) -> None:
        self.query_one("#new-evidence", Input).focus()

    def action_dashboard(self) -> None:
        self._save_commentary()
        self.app.open_dashboard(self.assessment_id)

    def action_back(self) -> None:
        tree = self.query_one(Tree)
        if self.focused is not tree:
            tree.focus()
        else:
            self._save_commentary()
            self.dismiss()
