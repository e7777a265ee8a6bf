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
Press **ctrl+p** anywhere for a list of everything you can do, **escape** to go back, and
**ctrl+o** to go straight to Home. Dates may be typed as 31/03/2026 or 2026-03-31.

## Home
Your councils and their assessments, newest first, with readiness and how much is answered.
**No.** is the assessment's number, the one the command line takes (`code-check score 2`).

| key | what it does |
|---|---|
| enter or o | open the selected assessment and walk through it |
| n | start a new blank assessment |
| c | a new assessment from the selected one: its date and assessor, answers carried over |
| d / g | dashboard / progress over time |
| i | import a code-check YAML file or the published form saved as CSV (read and checked first) |
| x | export the selected assessment |
| del | delete the selected assessment (asks first) |
| t | open the demo council, a made-up council to try things on |
| s | the Ombudsman's complaint statistics for the selected council |
| l | how timely your complaint handling is, from your complaint log (CSV) |
| r | the registers of the selected council: learning from complaints, Ombudsman decisions |

## Walk-through
The sections on the left (with how many provisions are answered), the provision on the right:
what the Code asks, whether it is a legal duty (**must**) or expected (**should**), what good
evidence looks like, and its timescale. **⚠** marks a provision whose number is not yet checked
against the published Code; **↺** marks an answer carried over from the previous assessment;
**!** marks an action past its due date and not done. The status line says how many carried-over
answers are still to confirm.

| key | what it does |
|---|---|
| m p n a | met, partly met, not met, not applicable |
| u | clear the answer (not assessed) |
| → / ← | next / previous provision (up and down move in the list too) |
| g | the next provision without an answer |
| f | show all, unanswered, gaps, or legal duties (must) only |
| / | search the provisions' text |
| r | quick mode: answer a row of the published form at once (asks before replacing answers) |
| c | confirm an answer carried over from last time |
| shift+c | confirm the carried-over answers of this row, this section or all shown, at once |
| o | move on to the next provision after an answer, or stay (moves on under "unanswered") |
| e | add evidence (Enter saves; del removes the highlighted item) |
| tab | to commentary and the action (owner, due date): saved as you type or leave the field |
| ctrl+z | undo the last change (a quick-mode row or a bulk confirm in one step) |
| d | dashboard |
| h | answer the Housing Ombudsman's Code in this assessment too (asks first) |

## Dashboard
Readiness with its working (*x of y weighted points*), its band, coverage, a bar per section,
the gaps worst first (enter on a gap opens it), and checks on the answers. Keys **1 2 3**
switch between sections, gaps and checks; **w** walk-through, **g** progress, **x** export.

## Progress
The council's assessments over time, the readiness trend, and what changed since the previous
assessment: improved, regressed, newly assessed and the rest, as `code-check compare` lists them.

## Registers
The council's learning from complaints (what changed, and the Code's provisions 9.1 to 9.3 it
is evidence for) and the Ombudsman's decisions (findings, remedies, reports), one financial
year at a time, with the remedies complied with and those overdue. **l** adds learning, **o** a
decision, **e** or enter changes the highlighted entry, **del** deletes it, **[ ]** move between
years. Complaints and cases are named by their reference and owners by their role, never by a
person's name: an email address or telephone number is refused. Learning linked to 9.1 to 9.3
shows in the walk-through under that provision's evidence.

## Export
Choose a format and where to write it; the screen shows where the file went, and asks first
before writing over a file that is already there. For an assessment of both Codes, **ctrl+t**
chooses which Code the reports are of; the assessment file holds both. **ctrl+l** adds a
complaint log's figures. *Annual complaints report* writes the last year's performance and
service improvement report (Code 8.1) from the assessment, the registers, the Ombudsman's
figures and the complaint log, for the governing body's response (8.2).

## A council that owns homes: both Codes
A council that is also a landlord answers the Housing Ombudsman's Code (HOS) as well as the
LGSCO's. Choose the Codes when you start an assessment (**n**), or press **h** in the
walk-through to add the HOS Code to an assessment of the LGSCO's. Both are answered once:
- a provision the two Codes share is one card with both numbers (*6.21 · HOS 5.4*), answered once;
- the HOS provisions answered on their own follow the LGSCO's sections, under the Housing
  Ombudsman's heading; one **close** to an LGSCO provision starts from its answer, marked **↺**
  until you confirm it for housing with **c**; until then it follows that answer;
- quick mode answers the LGSCO's rows; the HOS form has a row for each provision.
The dashboard shows each Code's readiness side by side, each with its own legal duties.

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
