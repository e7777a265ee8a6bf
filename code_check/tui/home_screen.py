"""Home: the workspace's assessments, newest first, and everything you can do with them."""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from code_check.assessment.model import Assessment, AuthorityType, Council
from code_check.catalogue.model import Catalogue
from code_check.dates import long_date, short_date
from code_check.errors import InputError
from code_check.store.author import author_name
from code_check.store.workspace import AssessmentRecord, Workspace
from code_check.tui.errors import plain_words, reports_problems
from code_check.tui.fitted_table import FittedTable
from code_check.tui.key_bar import KeyBar
from code_check.wording import code_name, percent

WELCOME = """\
[b]Welcome to code-check.[/b]

code-check walks you through the Ombudsman's Complaint Handling Code one provision at a time. \
You record what you have in place, and it shows how ready your council is and what is left to \
do. Every answer is saved the moment you give it.

Press [b]t[/b] to try the demo council (a made-up council with two assessments a quarter \
apart), [b]n[/b] to start your own assessment, or [b]i[/b] to import a file. \
Press [b]?[/b] for help."""

COUNCIL_WIDTH = 30


def not_yet_named() -> Council:
    """Whose a published form is gets asked once the file has been read and found sound; until
    then its answers are held under this stand-in, which is never stored. Made when needed:
    building the first model costs pydantic a schema, which Home's first frame need not wait for."""
    return Council(name="not yet named", authority_type=AuthorityType.DISTRICT_COUNCIL)


class HomeScreen(Screen):
    """Councils and their assessments; start, open, import, export, delete."""

    CSS_PATH = "styles/home.tcss"
    BINDINGS = [
        Binding("o", "open", "Open", show=False,
                tooltip="Walk through the selected assessment (Enter does the same)"),
        # In order of importance: the key bar shows as many as fit from the top (at 80
        # columns n, c, d, s and l); every one is in ? help and the ctrl+p palette.
        Binding("n", "new", "New", tooltip="Start a new blank assessment"),
        Binding("c", "carry_over", "Carry over",
                tooltip="Start a new assessment from the selected one, answers carried over"),
        Binding("d", "dashboard", "Dashboard", tooltip="Readiness, gaps and checks"),
        Binding("s", "statistics", "Stats",  # as the command line's `stats`
                tooltip="The Ombudsman's complaint statistics for the selected council"),
        Binding("l", "complaint_log", "Complaint log",
                tooltip="How timely your complaint handling is, from your complaint log (CSV)"),
        Binding("g", "progress", "Progress", tooltip="This council's assessments over time"),
        Binding("i", "import_file", "Import", tooltip="Import an assessment (YAML or CSV)"),
        Binding("x", "export", "Export", tooltip="Export the selected assessment"),
        Binding("delete", "delete", "Delete", key_display="del",
                tooltip="Delete the selected assessment (asks first)"),
        Binding("t", "demo", "Demo", tooltip="Open the demo council (installs it if needed)"),
        Binding("r", "registers", "Registers", tooltip="Learning from complaints and the "
                "Ombudsman's decisions, for the selected council"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(WELCOME, id="welcome")
        yield Static("", id="workspace-summary")
        table = FittedTable(id="assessments", cursor_type="row", zebra_stripes=True, wrap=True,
                            flexible={"Council": None, "Code": None, "Readiness": None})
        table.add_columns("No.", "Council", "Assessed", "Code", "Readiness", "Coverage")
        yield table
        yield KeyBar()

    def on_mount(self) -> None:
        self.refresh_list()

    NEEDS_AN_ASSESSMENT = frozenset(
        {"open", "carry_over", "dashboard", "progress", "export", "delete", "statistics",
         "registers"})

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """With no assessment yet, keys that act on one are left out of the key bar."""
        if action not in self.NEEDS_AN_ASSESSMENT:
            return True
        tables = self.query(DataTable)
        return not tables or tables.first().row_count > 0

    def on_screen_resume(self) -> None:
        self.refresh_list()

    def workspace_changed(self) -> None:
        """Someone saved in another session (``code-check serve``): new scores, new rows."""
        self.refresh_list()

    @property
    def workspace(self) -> Workspace:
        return self.app.workspace

    def refresh_list(self, select: int | None = None) -> None:
        """Reload the list (scores may have changed), keeping or moving the selection."""
        table = self.query_one("#assessments", DataTable)
        keep = select if select is not None else self.selected_id()
        records = self.workspace.assessments()
        table.clear()
        for record in records:
            table.add_row(*self._cells(record), key=str(record.id))
        empty = not records
        self.query_one("#welcome").display = empty
        table.display = not empty
        self.refresh_bindings()
        councils = len({record.council for record in records})
        self.query_one("#workspace-summary", Static).update(
            "" if empty else f"{len(records)} assessment{'s' * (len(records) != 1)} of "
            f"{councils} council{'s' * (councils != 1)}, newest first. "
            "Enter opens the selected one; No. is its number on the command line.")
        if keep is not None and str(keep) in table.rows:
            table.move_cursor(row=table.get_row_index(str(keep)))
        if not empty and self.focused is None:  # e.g. the first assessment just arrived
            table.focus()

    @staticmethod
    def _cells(record: AssessmentRecord) -> tuple[str, ...]:
        name = record.council
        if len(name) > COUNCIL_WIDTH:
            name = name[: COUNCIL_WIDTH - 1] + "…"
        readiness = "not scored" if record.band is None else \
            f"{percent(record.score)} {record.band}"
        codes = " + ".join(code_name(code) for code in
                           filter(None, [record.catalogue, record.also_catalogue]))
        return (str(record.id), name, short_date(record.assessed_on), codes,
                readiness, percent(record.coverage))

    def selected_id(self) -> int | None:
        table = self.query_one("#assessments", DataTable)
        if table.row_count == 0:
            return None
        key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        return int(key.value)

    def _require_selection(self) -> int:
        selected = self.selected_id()
        if selected is None:
            raise InputError("there is no assessment yet: press n to start one or t for the demo")
        return selected

    # actions ------------------------------------------------------------------------------

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.app.open_walkthrough(int(event.row_key.value))

    @reports_problems
    def action_open(self) -> None:
        self.app.open_walkthrough(self._require_selection())

    @reports_problems
    def action_dashboard(self) -> None:
        self.app.open_dashboard(self._require_selection())

    @reports_problems
    def action_progress(self) -> None:
        self.app.open_progress(self._require_selection())

    @reports_problems
    def action_export(self) -> None:
        self.app.open_export(self._require_selection())

    @reports_problems
    def action_statistics(self) -> None:
        from code_check.tui.statistics_screen import StatisticsScreen

        record = self.workspace.record(self._require_selection())
        self.app.push_screen(StatisticsScreen(self.workspace.path, record.council))

    @reports_problems
    def action_registers(self) -> None:
        from code_check.tui.registers_screen import RegistersScreen

        record = self.workspace.record(self._require_selection())
        self.app.push_screen(RegistersScreen(record.council))

    def action_complaint_log(self) -> None:
        from code_check.demo import demo_log_path
        from code_check.tui.path_screen import PathScreen

        demo_log = demo_log_path(self.workspace.path)
        self.app.push_screen(
            PathScreen("Check timeliness against the Code: the path of your complaint log "
                       "saved as CSV (one row a complaint).",
                       placeholder="e.g. ~/Documents/complaints-2025.csv",
                       value=str(demo_log) if self._demo_selected() and demo_log.is_file()
                       else ""),
            self._analyse_log)

    def _demo_selected(self) -> bool:
        from code_check.demo import DEMO_COUNCIL

        selected = self.selected_id()
        return selected is not None and self.workspace.record(selected).council == DEMO_COUNCIL

    def _analyse_log(self, path: Path | None) -> None:
        if path is not None:
            self.notify(f"Reading {path.name}…", title="Complaint log")
            self.analyse_log(path)

    @work(thread=True, exclusive=True, group="complaint-log")
    def analyse_log(self, path: Path) -> None:
        """Large logs take a while: read them off the interface's thread. Open complaints are
        judged as at the log's latest date, as reports judge them."""
        from code_check.gather import complaint_log_for_report

        try:
            analysis = complaint_log_for_report(path, self.app.today, as_of_asked=False,
                                                progress=False)
        except (InputError, ValueError) as error:
            self.app.call_from_thread(self.notify, plain_words(error),
                                      title="Could not read the complaint log", severity="error")
            return
        self.app.call_from_thread(self._show_log, analysis, path.name)

    def _show_log(self, analysis, source: str) -> None:
        from code_check.tui.complaint_log_screen import ComplaintLogScreen

        self.app.push_screen(ComplaintLogScreen(analysis, source=source))

    def action_new(self) -> None:
        from code_check.tui.code_choice import second_code_id
        from code_check.tui.new_assessment_screen import NewAssessmentScreen

        selected = self.selected_id()
        council = self.workspace.load(selected).council if selected is not None else None
        first = self.app.catalogue()
        second = self.app.catalogues.get(second_code_id(first.id) or "")
        self.app.push_screen(
            NewAssessmentScreen(first.id, self.app.today, council,
                                codes=(first, second) if second else None),
            self._create,
        )

    @reports_problems
    def _create(self, assessment) -> None:
        if assessment is None:
            return
        new_id = self.workspace.add_assessment(assessment, self.app.catalogue_for(assessment),
                                               author=author_name(assessment.assessor))
        self.refresh_list(select=new_id)
        self.app.open_walkthrough(new_id)

    @reports_problems
    def action_carry_over(self) -> None:
        """Ask the new assessment's date and assessor, as ``n`` does, then carry over."""
        from code_check.tui.new_assessment_screen import NewAssessmentScreen

        previous = self.workspace.record(self._require_selection())
        catalogue = self.app.catalogue(previous.catalogue)

        def start(details: Assessment | None) -> None:
            if details is not None:
                self._carry_over(previous, catalogue, details)

        self.app.push_screen(NewAssessmentScreen(
            catalogue.id, self.app.today, self.workspace.council(previous.council),
            title=f"A new assessment of {previous.council}, from No. {previous.id} dated "
            f"{long_date(previous.assessed_on)}: its answers are carried over, marked until "
            "you confirm them.", council_fixed=True, assessor=previous.assessor), start)

    @reports_problems
    def _carry_over(self, previous: AssessmentRecord, catalogue: Catalogue,
                    details: Assessment) -> None:
        new_id = self.workspace.start_from_previous(
            previous.id, catalogue, assessed_on=details.assessed_on, assessor=details.assessor)
        self.notify(f"Started No. {new_id}, an assessment of {previous.council} from No. "
                    f"{previous.id}. Confirm carried-over answers with c, or many at once "
                    "with shift+c, in the walk-through.", title="New assessment")
        self.refresh_list(select=new_id)
        self.app.open_walkthrough(new_id)

    @reports_problems
    def action_delete(self) -> None:
        from code_check.tui.confirm_screen import ConfirmScreen

        record = self.workspace.record(self._require_selection())

        def delete(confirmed: bool | None) -> None:
            if confirmed:
                self.workspace.delete_assessment(record.id)
                self.notify(f"Deleted the assessment of {record.council} dated "
                            f"{long_date(record.assessed_on)}.", title="Deleted")
                self.refresh_list()

        self.app.push_screen(ConfirmScreen(
            f"Delete the assessment of {record.council} dated {long_date(record.assessed_on)}?"
            "\n\nIts answers and their history go with it. This cannot be undone.",
            yes="Delete"), delete)

    def action_import_file(self) -> None:
        from code_check.tui.path_screen import PathScreen

        self.app.push_screen(
            PathScreen("Import an assessment: the path of a code-check YAML file, or of the "
                       "published self-assessment form saved as CSV.",
                       placeholder="e.g. ~/Documents/self-assessment-2025.yaml"),
            self._import_chosen)

    def _import_chosen(self, path: Path | None) -> None:
        if path is not None:
            self.read_import(path)

    @work(thread=True, exclusive=True, group="import")
    def read_import(self, path: Path) -> None:
        """Read and check the file first, as the command line does (``code_check.importing``):
        a published form is asked whose it is only once it has been found sound; a YAML
        assessment file says so itself."""
        from code_check.importing import FormDetails, is_published_form, read_import

        try:
            assessment, catalogue = read_import(path, self.app.catalogues, lambda: FormDetails(
                catalogue=self.app.catalogue(), council=not_yet_named(),
                assessed_on=self.app.today))
            if is_published_form(path):
                self.app.call_from_thread(self._ask_whose, path, assessment, catalogue)
            else:
                self._store_import(assessment, catalogue)
        except (InputError, ValueError) as error:
            self._import_failed(error)

    def _ask_whose(self, path: Path, assessment: Assessment, catalogue: Catalogue) -> None:
        from code_check.tui.new_assessment_screen import NewAssessmentScreen

        selected = self.selected_id()
        council = self.workspace.load(selected).council if selected is not None else None
        answered = sum(1 for answer in assessment.answers.values() if answer.status)

        def store(details: Assessment | None) -> None:
            if details is not None:
                self.store_import(assessment.model_copy(update={
                    "council": details.council, "assessed_on": details.assessed_on,
                    "assessor": details.assessor}), catalogue)

        self.app.push_screen(NewAssessmentScreen(
            catalogue.id, self.app.today, council,
            title=f"{path.name} reads well: {answered} provisions answered. Whose "
            "self-assessment is it, and when was it made?"), store)

    @work(thread=True, exclusive=True, group="import")
    def store_import(self, assessment: Assessment, catalogue: Catalogue) -> None:
        try:
            self._store_import(assessment, catalogue)
        except (InputError, ValueError) as error:
            self._import_failed(error)

    def _import_failed(self, error: Exception) -> None:
        self.app.call_from_thread(self.notify, plain_words(error), title="Could not import",
                                  severity="error")

    def _store_import(self, assessment: Assessment, catalogue: Catalogue) -> None:
        """Off the interface's thread: a workspace connection of its own."""
        with Workspace(self.workspace.path) as workspace:
            new_id = workspace.add_assessment(assessment, catalogue,
                                              author=author_name(assessment.assessor))
        self.app.call_from_thread(self._imported, assessment.council.name, new_id)

    def _imported(self, council: str, new_id: int) -> None:
        self.notify(f"Imported an assessment of {council} as No. {new_id}.", title="Imported")
        self.refresh_list(select=new_id)

    @work(thread=True, exclusive=True, group="demo")
    def action_demo(self) -> None:
        """Install the demo council (in the background) and open its latest assessment."""
        from code_check.demo import install_demo

        try:
            with Workspace(self.workspace.path) as workspace:
                ids = install_demo(workspace, self.app.catalogue(), today=self.app.today)
                latest = next(r.id for r in workspace.assessments() if r.id in ids)
        except (InputError, ValueError) as error:
            self.app.call_from_thread(self.notify, plain_words(error),
                                      title="Could not open the demo", severity="error")
            return
        self.app.call_from_thread(self._demo_ready, latest)

    def _demo_ready(self, latest: int) -> None:
        self.refresh_list(select=latest)
        self.app.open_walkthrough(latest)
