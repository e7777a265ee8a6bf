"""Help (``?``): what each screen is for and its keys, in plain words."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

HELP = """\
# Using code-check

code-check walks you through the Ombudsman's Complaint Handling Code one provision at a time.
**Every answer is saved the moment you give it**, so you can stop and come back whenever you like.
Press **ctrl+p** anywhere for a list of everything you can do, and **escape** to go back.

## Home
Your councils and their assessments, newest first, with readiness and how much is answered.

| key | what it does |
|---|---|
| enter or o | open the selected assessment and walk through it |
| n | start a new blank assessment |
| c | start a new assessment from the selected one (answers carried over) |
| d / g | dashboard / progress over time |
| i | import a code-check YAML file or the published form saved as CSV |
| x | export the selected assessment |
| del | delete the selected assessment (asks first) |
| t | open the demo council, a made-up council to try things on |
| s | the Ombudsman's complaint statistics for the selected council |
| l | how timely your complaint handling is, from your complaint log (CSV) |

## Walk-through
The sections on the left (with how many provisions are answered), the provision on the right:
what the Code asks, whether it is a legal duty (**must**) or expected (**should**), what good
evidence looks like, and its timescale. **⚠** marks a provision whose number is not yet checked
against the published Code; **↺** marks an answer carried over from the previous assessment.

| key | what it does |
|---|---|
| m p n a | met, partly met, not met, not applicable |
| u | clear the answer (not assessed) |
| → / ← | next / previous provision (up and down move in the list too) |
| g | the next provision without an answer |
| f | show all, unanswered, gaps, or legal duties (must) only |
| / | search the provisions' text |
| r | quick mode: answer a whole row of the published form at once |
| c | confirm an answer carried over from last time |
| e | add evidence (Enter saves; del removes the highlighted item) |
| tab | move to commentary and the action (owner, due date) |
| ctrl+z | undo the last change |
| d | dashboard |

## Dashboard
Readiness with its working (*x of y weighted points*), its band, coverage, a bar per section,
the gaps worst first (enter on a gap opens it), and checks on the answers. Keys **1 2 3**
switch between sections, gaps and checks; **w** walk-through, **g** progress, **x** export.

## Progress
The council's assessments over time, the readiness trend, and what improved or regressed since
the previous assessment.

## Export
Choose a format and where to write it; the screen shows where the file went.

Symbols: ✔ met, ◐ partly met, ✘ not met, – not applicable, · not assessed.
"""


class HelpScreen(ModalScreen[None]):
    CSS_PATH = "styles/modal.tcss"
    BINDINGS = [Binding("escape,question_mark,q", "close", "Close", key_display="esc")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog help"):
            yield Markdown(HELP)

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()

    def action_close(self) -> None:
        self.dismiss(None)
