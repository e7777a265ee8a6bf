"""Export: choose a format and where to write; the screen says where the file went."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import partial
from io import BytesIO
from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Header, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from code_check.assessment.codes import codes_of
from code_check.dates import long_date
from code_check.errors import InputError
from code_check.gather import held_beside
from code_check.tui.assessment_screen import AssessmentScreen
from code_check.tui.errors import plain_words, reports_problems
from code_check.tui.export_formats import (
    EXPORT_FORMATS,
    ExportFormat,
    ExportJob,
    suggested_name,
)
from code_check.tui.key_bar import KeyBar

NO_LOG = "Complaint log: none (ctrl+l includes one in the report)"
WHERE = "Write to (a file path; Enter or ctrl+s exports)"
WHERE_SERVED = "File name (your browser downloads it; Enter or ctrl+s exports)"


class ExportScreen(AssessmentScreen):
    CSS_PATH = "styles/export.tcss"
    BINDINGS = [
        Binding("ctrl+s", "export", "Export", tooltip="Write the file"),
        Binding("ctrl+l", "complaint_log", "Complaint log",
                tooltip="Include a complaint log's timeliness in the report"),
        Binding("escape", "back", "Back"),
        Binding("ctrl+t", "other_code", "Code",
                tooltip="A report of the other Code this assessment answers"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="export-form"):
            yield Static(id="export-title", classes="title")
            yield Label("Format")
            yield OptionList(*[Option(f.label, id=f.id) for f in EXPORT_FORMATS], id="formats")
            if self._answers_two_codes():
                yield Static(id="code")
            yield Static(NO_LOG, id="log")
            yield Label(WHERE_SERVED if self.app.served is not None else WHERE)
            yield Input(id="path")
            yield Static(id="result")
        yield KeyBar()

    def on_mount(self) -> None:
        self.app.steady_cursors(self)
        self.assessment = self.app.workspace.load(self.assessment_id)
        self.catalogue = self.app.catalogue_for(self.assessment)
        self.job = ExportJob(
            assessment=self.assessment, catalogue=self.catalogue, as_of=self.app.today,
            held=held_beside(self.app.workspace, self.assessment_id, self.app.catalogues),
            workspace=self.app.workspace.path,
            **self._codes())
        self.query_one("#export-title", Static).update(
            f"Export the assessment of {self.assessment.council.name} dated "
            f"{long_date(self.assessment.assessed_on)}")
        formats = self.query_one(OptionList)
        formats.highlighted = 0
        self.suggested = suggested_name(self.job, EXPORT_FORMATS[0])
        self.query_one("#path", Input).value = self.suggested
        self._show_code()
        formats.focus()

    def _answers_two_codes(self) -> bool:
        return self.app.workspace.record(self.assessment_id).also_catalogue is not None

    def _codes(self) -> dict:
        """An assessment of two Codes: both catalogues, and the first Code's report first."""
        if self.assessment.also is None:
            return {}
        codes = codes_of(self.assessment)
        return {"catalogues": {code: self.app.catalogue(code) for code in codes},
                "code": codes[0]}

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """ctrl+t only where there is another Code to report on."""
        return action != "other_code" or self._answers_two_codes()

    def action_other_code(self) -> None:
        """Reports of the other Code: each Ombudsman has its own form and figures."""
        codes = list(self.job.catalogues)
        following = codes[(codes.index(self.job.code) + 1) % len(codes)]
        self.job = replace(self.job, code=following)
        self._show_code()
        self._name_in_step()

    def _show_code(self) -> None:
        if self.job.code is None:
            return
        shown = self.job.catalogues[self.job.code]
        other = next(c for code, c in self.job.catalogues.items() if code != self.job.code)
        self.query_one("#code", Static).update(
            f"Reports are of the {shown.publisher}'s Code ({shown.initials}); ctrl+t for "
            f"the {other.initials}'s. The assessment file (YAML) holds both.")

    @property
    def chosen(self) -> ExportFormat:
        highlighted = self.query_one(OptionList).highlighted or 0
        return EXPORT_FORMATS[highlighted]

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._name_in_step()

    def _name_in_step(self) -> None:
        """Keep the file name in step with the format and the Code: the name suggested, or
        the name typed with the format's ending."""
        path_input = self.query_one("#path", Input)
        suggestion = suggested_name(self.job, self.chosen)
        if path_input.value in ("", self.suggested):
            path_input.value = suggestion
        else:
            path_input.value = str(Path(path_input.value).with_suffix(self.chosen.suffix))
        self.suggested = suggestion

    def action_complaint_log(self) -> None:
        from code_check.tui.path_screen import PathScreen

        self.app.push_screen(PathScreen(
            "Include a complaint log's timeliness in the report: the path of the log saved as "
            "CSV. Open complaints are judged as at its latest date.",
            placeholder="e.g. ~/Documents/complaints-2025.csv"), self._include_log)

    def _include_log(self, path: Path | None) -> None:
        if path is not None:
            self.job = replace(self.job, complaint_log=path)
            self.query_one("#log", Static).update(
                f"Complaint log: {path.name} (open complaints judged as at its latest date)")

    def on_option_list_option_selected(self) -> None:
        self.query_one("#path", Input).focus()

    def on_input_submitted(self) -> None:
        self.action_export()

    @reports_problems
    def action_export(self) -> None:
        """Write the file, asking first when that would replace one already there; in a
        browser session of code-check serve, send it to the browser instead."""
        text = self.query_one("#path", Input).value.strip()
        if not text:
            raise InputError("say where to write the file", field="Write to")
        if self.app.served is not None:
            self._export(partial(self._send, self.chosen, Path(Path(text).name)))
            return
        path, chosen = Path(text).expanduser().resolve(), self.chosen
        if not path.exists():
            self._write(chosen, path)
            return
        from code_check.tui.confirm_screen import ConfirmScreen

        self.app.push_screen(ConfirmScreen(
            f"{path} already exists.\n\nWrite over it? What it holds now will be lost.",
            yes="Write over it"), lambda replace: replace and self._write(chosen, path))

    def _write(self, export_format: ExportFormat, path: Path) -> None:
        self._export(partial(self._write_to, export_format, path))

    def _write_to(self, export_format: ExportFormat, path: Path) -> str:
        export_format.write(self.job, path)
        return f"✔ Written to {path}"

    def _send(self, export_format: ExportFormat, name: Path) -> str:
        """Served: the file goes to the browser as a download, and nothing is written on the
        computer running code-check."""
        content = export_format.render(self.job, name)
        data = content.encode("utf-8") if isinstance(content, str) else content
        self.app.call_from_thread(self.app.deliver_binary, BytesIO(data), save_filename=name.name)
        return f"✔ Sent {name.name} to your browser (see its downloads)"

    def _export(self, export: Callable[[], str]) -> None:
        self.query_one("#result", Static).update("Writing…")
        self.run_export(export)

    @work(thread=True, exclusive=True, group="export")
    def run_export(self, export: Callable[[], str]) -> None:
        """Off the interface's thread: a long report must not freeze the screen."""
        try:
            done = export()
        except (InputError, ValueError) as error:
            self.app.call_from_thread(self._finished, f"Not written: {plain_words(error)}")
            return
        self.app.call_from_thread(self._finished, done)

    def _finished(self, message: str) -> None:
        self.query_one("#result", Static).update(message)
        self.notify(message, title="Export", severity="information"
                    if message.startswith("✔") else "error")

