"""The app as one browser session of `code-check serve`: whose changes, seeing the others'
work, files only from the shared folder, exports to the browser, nothing typed lost."""

from __future__ import annotations

from datetime import date

import pytest
from textual import messages
from textual.widgets import DataTable, Input

from code_check.assessment.files import save_assessment_file
from code_check.assessment.model import Answer, Assessment, Status
from code_check.store.workspace import Workspace
from code_check.tui.export_formats import EXPORT_FORMATS
from code_check.tui.path_screen import PathScreen
from code_check.tui.walkthrough_screen import WalkthroughScreen
from tests.serve.conftest import ALICE
from tests.tui.conftest import COUNCIL
from tests.tui.helpers import import_from_home, notifications, type_text, until


async def open_walkthrough(pilot) -> WalkthroughScreen:
    """From Home, the walk-through of the newest assessment, on its first provision."""
    await pilot.pause()
    await pilot.press("enter")
    await until(pilot, lambda: isinstance(pilot.app.screen, WalkthroughScreen))
    await pilot.pause()
    return pilot.app.screen


def trail(workspace_path, assessment_id):
    with Workspace(workspace_path) as workspace:
        return workspace.history(assessment_id)


async def test_the_header_names_who_is_answering(make_served_app, council_ids):
    app = make_served_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.title == f"code-check · {ALICE}"


async def test_answers_and_undo_carry_the_name_of_the_browser_user(
        make_served_app, council_ids, workspace_path, catalogue):
    newer = council_ids[1]
    app = make_served_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_walkthrough(pilot)
        await pilot.press("m", "ctrl+z")
        await pilot.pause()
    *_, answered, undone = trail(workspace_path, newer)
    assert (answered.after.status, answered.author) == (Status.MET, ALICE)
    assert (undone.after.status, undone.author) == (Status.PARTLY_MET, ALICE)


async def test_an_import_carries_the_browser_user_not_the_assessor_in_the_file(
        make_served_app, workspace_path, catalogue, files):
    first = catalogue.requirements[0].id
    assessment = Assessment(council=COUNCIL, catalogue=catalogue.id,
                            assessed_on=date(2026, 3, 31), assessor="Jane Officer")
    save_assessment_file(assessment.with_answer(first, Answer(status=Status.MET)),
                         files / "assessment.yaml", catalogue)
    app = make_served_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await import_from_home(pilot, "assessment.yaml")  # a name in the shared folder
    with Workspace(workspace_path) as workspace:
        [record] = workspace.assessments()
        assert [change.author for change in workspace.history(record.id)] == [ALICE]


async def test_the_walkthrough_says_who_last_changed_the_provision(
        make_served_app, council_ids, workspace_path, catalogue):
    app = make_served_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_walkthrough(pilot)
        card = screen.query_one("#card")
        assert card.last_changed.plain.startswith("Last changed by someone unnamed on ")
        await pilot.press("m")
        await pilot.pause()
        assert card.last_changed.plain.startswith(f"Last changed by {ALICE} on ")


async def test_a_change_saved_in_another_session_is_shown_and_announced(
        make_served_app, council_ids, workspace_path, catalogue):
    """Bob answers the provision Alice is looking at: her screen shows his answer, says so,
    and names him; the audit trail keeps both."""
    first, second = (r.id for r in catalogue.requirements[:2])
    app = make_served_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_walkthrough(pilot)
        await pilot.press("n")
        await pilot.pause()
        with Workspace(workspace_path) as bobs:
            bobs.set_answer(council_ids[1], first, Answer(status=Status.MET), catalogue,
                            author="Bob Jones")
            bobs.set_answer(council_ids[1], second, Answer(status=Status.MET), catalogue,
                            author="Bob Jones")
        await until(pilot, lambda: screen.session.answer(first).status is Status.MET)
        await pilot.pause()
        assert "Met" in str(screen.query_one("#answer-line").render())
        assert screen.query_one("#card").last_changed.plain.startswith(
            "Last changed by Bob Jones")
        assert screen.leaves[second].label.plain.startswith("✔")
        assert [n for n in notifications(app) if "another session" in n] == [
            f"Bob Jones has just changed {first} in another session; its answer is shown as "
            "it now stands."]  # once, for the provision on show only
    assert [(c.requirement_id, c.author) for c in trail(workspace_path, council_ids[1])][-3:] \
        == [(first, ALICE), (first, "Bob Jones"), (second, "Bob Jones")]


async def test_a_screen_still_mounting_is_left_to_read_the_workspace_as_it_mounts(
        make_served_app, council_ids, workspace_path, catalogue):
    """The demo opens its walk-through just after saving through a connection of its own."""
    app = make_served_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.push_screen(WalkthroughScreen(council_ids[1]))
        with Workspace(workspace_path) as elsewhere:
            elsewhere.set_answer(council_ids[1], catalogue.requirements[0].id,
                                 Answer(status=Status.MET), catalogue)
        app.look_for_changes()
        await pilot.pause()
        assert app.screen.session.answer(catalogue.requirements[0].id).status is Status.MET


async def test_home_lists_an_assessment_added_in_another_session(
        make_served_app, council_ids, workspace_path, catalogue):
    app = make_served_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        assert table.row_count == 2
        with Workspace(workspace_path) as bobs:
            bobs.add_assessment(Assessment(council=COUNCIL, catalogue=catalogue.id,
                                           assessed_on=date(2026, 6, 30)), catalogue)
        await until(pilot, lambda: table.row_count == 3)


async def test_the_dashboard_refreshes_and_keeps_its_cursor(
        make_served_app, council_ids, workspace_path, catalogue):
    app = make_served_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("2", "down", "down")
        await pilot.pause()
        gaps = app.screen.query_one("#gap-table", DataTable)
        before = gaps.row_count
        closed = gaps.coordinate_to_cell_key((0, 0)).row_key.value  # the worst gap
        with Workspace(workspace_path) as bobs:
            bobs.set_answer(council_ids[1], closed, Answer(status=Status.MET), catalogue)
        await until(pilot, lambda: gaps.row_count == before - 1)
        assert gaps.cursor_row == 2


async def test_files_are_read_only_from_the_shared_folder(make_served_app, files, tmp_path):
    (files / "log.csv").write_text("reference,received\n", encoding="utf-8")
    (tmp_path / "secret.csv").write_text("x", encoding="utf-8")
    (files / "link.csv").symlink_to(tmp_path / "secret.csv")
    app = make_served_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        chosen = []
        app.push_screen(PathScreen("Which file?"), chosen.append)
        await pilot.pause()
        assert f"Files are read from {files}" in str(app.screen.query(".hint").first().render())
        for typed, problem in [
            (str(tmp_path / "secret.csv"), f"is outside {files}, the only folder"),
            ("../secret.csv", "'..' is not allowed"),
            ("link.csv", "is outside"),
            ("missing.csv", "no such file"),
        ]:
            app.screen.query_one(Input).value = typed
            await pilot.press("enter")
            await pilot.pause()
            assert problem in notifications(app)[-1], typed
            assert chosen == []
        app.screen.query_one(Input).value = "log.csv"
        await pilot.press("enter")
        await pilot.pause()
    assert chosen == [(files / "log.csv").resolve()]


async def test_without_a_folder_for_files_nothing_is_read(make_served_app, tmp_path):
    (tmp_path / "log.csv").write_text("reference,received\n", encoding="utf-8")
    app = make_served_app(files=None)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        chosen = []
        app.push_screen(PathScreen("Which file?"), chosen.append)
        await pilot.pause()
        app.screen.query_one(Input).value = str(tmp_path / "log.csv")
        await pilot.press("enter")
        await pilot.pause()
        assert "started without a folder for files" in notifications(app)[-1]
    assert chosen == []


async def exported_to_browser(make_served_app, folder, monkeypatch,
                              format_id: str) -> tuple[list[tuple[bytes, str]], str]:
    """What Export sent the browser in ``format_id`` (each file's bytes and name), and what the
    screen said, with the server's working folder checked to be left empty."""
    here = folder / "server"
    here.mkdir()
    monkeypatch.chdir(here)
    app = make_served_app()
    sent: list[tuple[bytes, str]] = []
    monkeypatch.setattr(app, "deliver_binary", lambda file, *, save_filename: sent.append(
        (file.read(), save_filename)))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        await pilot.press(*["down"] * [f.id for f in EXPORT_FORMATS].index(format_id))
        await pilot.press("tab", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        said = str(app.screen.query_one("#result").render())
    assert list(here.iterdir()) == []
    return sent, said


async def test_an_export_goes_to_the_browser_and_nothing_is_written(
        make_served_app, council_ids, workspace_path, tmp_path, monkeypatch, run_cli):
    """The download holds exactly what `code-check report` writes for the same assessment."""
    name = "example-borough-council-2026-03-15.csv"
    sent, said = await exported_to_browser(make_served_app, tmp_path, monkeypatch, "csv")
    assert f"Sent {name} to your browser" in said
    written = tmp_path / "report.csv"
    assert run_cli("report", council_ids[1], "--workspace", workspace_path, "--format", "csv",
                   "--as-of", "2026-03-31", "-o", written)[0] == 0
    assert sent == [(written.read_bytes(), name)]


async def test_the_annual_report_goes_to_the_browser_too(
        make_served_app, council_ids, tmp_path, monkeypatch):
    """Export's annual complaints report, built from the workspace's registers, is a download
    like every other format: a Word paper of the last year ended."""
    import io

    import docx

    sent, _ = await exported_to_browser(make_served_app, tmp_path, monkeypatch, "annual")
    (content, name), = sent
    assert name == "example-borough-council-annual-complaints-report-2024-25.docx"
    paper = docx.Document(io.BytesIO(content))
    assert paper.paragraphs[0].text == ("Example Borough Council: annual complaints performance "
                                        "and service improvement report 2024-25")


async def test_an_action_typed_but_not_entered_is_saved_when_the_session_ends(
        make_served_app, council_ids, workspace_path, catalogue):
    """A closed tab or the server stopping sends the app "quit" (Textual's ExitApp)."""
    first = catalogue.requirements[0].id
    app = make_served_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_walkthrough(pilot)
        await pilot.press("e", "tab", "tab")
        await type_text(pilot, "Publish the policy")
        app.post_message(messages.ExitApp())
        await pilot.pause()
    with Workspace(workspace_path) as workspace:
        assert workspace.load(council_ids[1]).answer(first).action.description == \
            "Publish the policy"


@pytest.mark.parametrize(("served", "offered"), [({}, True),
                                                ({"named_by_sign_in": True}, False)])
async def test_the_name_can_be_changed_unless_the_sign_in_gives_it(
        make_served_app, monkeypatch, served, offered):
    app = make_served_app(**served)
    opened = []
    monkeypatch.setattr(app, "open_url", lambda url, *, new_tab: opened.append((url, new_tab)))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        commands = {command.title: command for command in app.get_system_commands(app.screen)}
        assert ("Change your name" in commands) is offered
        if offered:
            commands["Change your name"].callback()
            assert opened == [("/name", False)]
