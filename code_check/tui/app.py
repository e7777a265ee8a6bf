"""The code-check terminal app and the factory the command line and the tests both use."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cached_property, partial
from pathlib import Path

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen

from code_check.assessment.model import Assessment
from code_check.catalogue.model import Catalogue
from code_check.errors import InputError
from code_check.report.inert import visible
from code_check.store.author import author_name
from code_check.store.shared import ChangeWatch
from code_check.store.workspace import Workspace, default_workspace_path
from code_check.tui.errors import plain_words, reports_problems
from code_check.tui.home_screen import HomeScreen

# How often to look for changes saved by someone else (another browser session of
# `code-check serve`, or another program on the same workspace), in seconds.
WATCH_SECONDS = 1.0


@dataclass(frozen=True)
class Served:
    """The app as one browser session of ``code-check serve``: one person, one process."""

    files: Path | None = None  # the only folder files may be read from (None: no files)
    named_by_sign_in: bool = False  # the council's sign-in names the user; else the browser


class CodeCheckApp(App[None]):
    """Walk the Code, answer as you go, see readiness and progress."""

    TITLE = "code-check"
    SUB_TITLE = "Complaint Handling Code self-assessment"
    CSS_PATH = "styles/app.tcss"
    MODES = {"home": HomeScreen}  # Home is the first screen, with no blank screen before it
    DEFAULT_MODE = "home"
    BINDINGS = [
        Binding("question_mark", "help", "Help", key_display="?"),
        # not ctrl+h: terminals send that as backspace
        Binding("ctrl+o", "home", "Home", show=False, key_display="^o",
                tooltip="Go back to the list of assessments"),
    ]

    def __init__(
        self, workspace: Workspace, *, today: date | None = None, open_demo: bool = False,
        cursor_blink: bool = True, served: Served | None = None,
    ) -> None:
        super().__init__()
        self.workspace = workspace
        self.today = today or date.today()
        self.open_demo_at_start = open_demo
        self.cursor_blink = cursor_blink
        self.served = served
        if served is not None:
            self.title = f"{self.TITLE} · {visible(author_name() or '', line_breaks=False)}"

    # start and stop ---------------------------------------------------------------------

    def on_mount(self) -> None:
        self.change_watch = ChangeWatch(self.workspace)
        self.set_interval(WATCH_SECONDS, self.look_for_changes)
        if self.open_demo_at_start:
            self.call_after_refresh(self.screen.run_action, "demo")

    def on_unmount(self) -> None:
        self.workspace.close()

    def on_exit_app(self) -> None:
        """However the app ends (quit, a closed browser tab, code-check serve stopping),
        whatever is typed and not yet saved is saved first."""
        for screen in self.screen_stack:
            self._save_unsaved(screen)

    def look_for_changes(self) -> None:
        """When someone else has saved to the workspace, every open screen showing it that
        can show their changes does (``workspace_changed``); one still being mounted reads
        the workspace as it mounts."""
        try:
            changed = self.change_watch.changed()
        except InputError as error:
            self.notify(plain_words(error), title="Problem", severity="error")
            return
        if changed:
            for screen in self.screen_stack:
                refresh = getattr(screen, "workspace_changed", None)
                if refresh is not None and screen.is_mounted:
                    refresh()

    @staticmethod
    def _save_unsaved(screen: Screen) -> None:
        """Save whatever a screen holds unsaved (the walk-through's commentary)."""
        flush = getattr(screen, "flush", None)
        if flush is not None:
            flush()

    def _handle_exception(self, error: Exception) -> None:
        """A bug ends the app with one plain line, not a traceback (CODE_CHECK_DEBUG shows it)."""
        if os.environ.get("CODE_CHECK_DEBUG") or self.is_headless:
            super()._handle_exception(error)
            return
        self.exit(return_code=2, message=(
            f"code-check: unexpected problem ({type(error).__name__}: {error}); "
            "your answers up to this point are saved. Set CODE_CHECK_DEBUG=1 to see the details."
        ))

    # user text in the app's own chrome ---------------------------------------------------

    def notify(self, message: str, *, title: str = "", severity="information",
               timeout: float | None = None, markup: bool = True) -> None:
        """Every notification is plain text: the app's own words use no markup, and what they
        quote (a council, a piece of evidence, a file's problem) must show as it was typed."""
        super().notify(visible(message), title=title, severity=severity, timeout=timeout,
                       markup=False)

    def format_title(self, title: str, sub_title: str) -> Content:
        """The header, whose sub-title is often a council's name as typed."""
        return super().format_title(title, visible(sub_title, line_breaks=False))

    def steady_cursors(self, screen: Screen) -> None:
        """Turn off cursor blinking where asked (screen snapshots must not flicker)."""
        if not self.cursor_blink:
            for widget in screen.query("Input, TextArea"):
                widget.cursor_blink = False

    # catalogues -------------------------------------------------------------------------

    @cached_property
    def catalogues(self) -> dict[str, Catalogue]:
        from code_check.catalogue.files import load_catalogues

        return load_catalogues()

    def catalogue(self, catalogue_id: str | None = None) -> Catalogue:
        from code_check.catalogue.files import DEFAULT_CATALOGUE

        catalogue_id = catalogue_id or DEFAULT_CATALOGUE
        try:
            return self.catalogues[catalogue_id]
        except KeyError:
            raise InputError(f"this assessment uses the catalogue {catalogue_id!r}, "
                             "which this copy of code-check does not have") from None

    def catalogue_for(self, assessment: Assessment) -> Catalogue:
        return self.catalogue(assessment.catalogue)

    # moving between screens -------------------------------------------------------------

    @reports_problems
    def open_walkthrough(self, assessment_id: int, requirement_id: str | None = None) -> None:
        from code_check.tui.walkthrough_screen import WalkthroughScreen

        self._check_catalogue(assessment_id)
        screen = self._bring_back(WalkthroughScreen, assessment_id)
        if screen is None:
            self.push_screen(WalkthroughScreen(assessment_id, requirement_id))
        elif requirement_id is not None:
            screen.go_to(requirement_id)

    @reports_problems
    def open_dashboard(self, assessment_id: int) -> None:
        from code_check.tui.dashboard_screen import DashboardScreen
        from code_check.tui.dual_dashboard import BothCodesDashboard

        self._check_catalogue(assessment_id)
        if self._bring_back(DashboardScreen, assessment_id) is None:
            both = self.workspace.record(assessment_id).also_catalogue is not None
            self.push_screen((BothCodesDashboard if both else DashboardScreen)(assessment_id))

    @reports_problems
    def open_progress(self, assessment_id: int) -> None:
        from code_check.tui.progress_screen import ProgressScreen

        for record in self.workspace.assessments(self.workspace.record(assessment_id).council):
            self.catalogue(record.catalogue)
        if self._bring_back(ProgressScreen, assessment_id) is None:
            self.push_screen(ProgressScreen(assessment_id))

    @reports_problems
    def open_export(self, assessment_id: int) -> None:
        from code_check.tui.export_screen import ExportScreen

        self._check_catalogue(assessment_id)
        self.push_screen(ExportScreen(assessment_id))

    def _check_catalogue(self, assessment_id: int) -> None:
        """Refuse, in plain words, an assessment made against a catalogue we do not have."""
        self.catalogue(self.workspace.record(assessment_id).catalogue)

    def _bring_back(self, kind: type[Screen], assessment_id: int) -> Screen | None:
        """Return to a screen already open on this assessment, rather than stack another."""
        for screen in self.screen_stack:
            if isinstance(screen, kind) and screen.assessment_id == assessment_id:
                while self.screen is not screen:
                    self._save_unsaved(self.screen)
                    self.pop_screen()
                return screen
        return None

    def action_help(self) -> None:
        from code_check.tui.help_screen import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_rename(self) -> None:
        """The page of ``code-check serve`` that asks this browser's user for a name."""
        self.open_url("/name", new_tab=False)

    def action_home(self) -> None:
        while len(self.screen_stack) > 1:
            self._save_unsaved(self.screen)
            self.pop_screen()

    # the command palette ----------------------------------------------------------------

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Every key of the current screen and the app, so no action needs remembering."""
        yield from super().get_system_commands(screen)
        yield SystemCommand("Help", "Keys and what each screen is for (key: ?)",
                            self.action_help)
        yield SystemCommand("Home", "Go back to the list of assessments (key: ctrl+o)",
                            self.action_home)
        if self.served is not None and not self.served.named_by_sign_in:
            yield SystemCommand("Change your name", "The name this browser gives for the "
                                "audit trail (starts the app again)", self.action_rename)
        seen = {"help", "home"}
        for node in (screen, self):
            for binding in node.BINDINGS:
                if not isinstance(binding, Binding) or binding.action in seen:
                    continue
                seen.add(binding.action)
                if node.check_action(binding.action, ()) is False:
                    continue
                key = binding.key_display or binding.key
                yield SystemCommand(
                    binding.description,
                    f"{binding.tooltip or binding.description} (key: {key})",
                    partial(node.run_action, binding.action),
                )


def create_app(
    workspace: Path | None = None, *, today: date | None = None, demo: bool = False,
    cursor_blink: bool = True, served: Served | None = None,
) -> CodeCheckApp:
    """The app on a workspace file (default: the user's). Raises InputError if it cannot open."""
    return CodeCheckApp(Workspace(workspace or default_workspace_path()), today=today,
                        open_demo=demo, cursor_blink=cursor_blink, served=served)
