"""Home: the list, new assessments, delete (asks first), import, export, help and palette."""

from __future__ import annotations

from datetime import timedelta

import pytest
from textual.widgets import DataTable, Input, Select

from code_check.assessment.files import load_assessment_file
from code_check.store.workspace import Workspace
from code_check.tui.app import CodeCheckApp
from code_check.tui.confirm_screen import ConfirmScreen
from code_check.tui.home_screen import HomeScreen
from code_check.tui.walkthrough_screen import WalkthroughScreen
from tests.tui.helpers import import_from_home, notifications, type_text, until


async def test_first_run_welcomes_and_lists_nothing(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.screen.query_one("#welcome").display
        assert "try the demo council" in str(app.screen.query_one("#welcome").render())
        assert not app.screen.query_one(DataTable).display


async def test_assessments_are_listed_newest_first_with_readiness(make_app, council_ids):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        assert [key.value for key in table.rows] == [str(council_ids[1]), str(council_ids[0])]
        with Workspace(app.workspace.path) as workspace:
            newest = workspace.record(council_ids[1])
        cells = [str(cell) for cell in table.get_row_at(0)]
        assert cells[0] == str(council_ids[1])  # the number commands take
        assert cells[2] == "15 Mar 2026"  # as a UK reader writes it
        assert cells[3] == "LGSCO"  # the Code by the name councils know, not its file's id
        assert cells[4] == f"{newest.score:.1f}% {newest.band}"


async def test_delete_asks_first(make_app, council_ids, workspace_path):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert len(Workspace(workspace_path).assessments()) == 2
        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.screen.query_one(DataTable).row_count == 1
    with Workspace(workspace_path) as workspace:
        assert [r.id for r in workspace.assessments()] == [council_ids[0]]


async def test_a_new_blank_assessment_by_keyboard(make_app, workspace_path):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        await type_text(pilot, "Testshire County Council")
        await pilot.press("tab", "enter")
        await pilot.pause()
        await pilot.press("down", "enter")  # the first type in the list
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, WalkthroughScreen)
    with Workspace(workspace_path) as workspace:
        [record] = workspace.assessments()
        council = workspace.council("Testshire County Council")
    assert record.assessed_on.isoformat() == "2026-03-31"  # the injected today
    assert council.authority_type.value == "county_council"


async def test_a_new_assessment_needs_a_real_date_and_leaves_no_problem_behind(
        make_app, workspace_path):
    from datetime import date

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        await type_text(pilot, "Testshire")
        app.screen.query_one(Select).value = app.screen.query_one(Select)._options[1][1]
        app.screen.query_one("#assessed_on", Input).value = "next week"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Assessed on: 'next week' is not a date: write it like 31/03/2026 or " \
            "2026-03-31" in notifications(app)
        app.screen.query_one("#assessed_on", Input).value = "2026-02-30"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Assessed on: '2026-02-30' is not a real date (check the day and the month)" \
            in notifications(app)
        assert Workspace(workspace_path).assessments() == []
        app.screen.query_one("#assessed_on", Input).value = "1/4/2026"  # UK dates are fine
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, WalkthroughScreen)
        assert notifications(app) == []  # not carried onto the next screen
    with Workspace(workspace_path) as workspace:
        [record] = workspace.assessments()
    assert record.assessed_on == date(2026, 4, 1)


async def test_from_previous_asks_the_date_and_assessor_first(make_app, council_ids,
                                                              workspace_path):
    from datetime import date

    from code_check.tui.new_assessment_screen import NewAssessmentScreen

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("c", "escape")  # changed my mind: nothing is started
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and app.screen.query_one(DataTable).row_count == 2
        await pilot.press("c")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, NewAssessmentScreen)
        assert f"from No. {council_ids[1]} dated 15 March 2026" in dialog.title_text
        assert not dialog.query("#council")  # the council is the previous one's
        assert dialog.query_one("#assessor", Input).value == "Jane Officer"
        dialog.query_one("#assessed_on", Input).value = "30/06/2026"
        dialog.query_one("#assessor", Input).value = "Sam Lee"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, WalkthroughScreen)
        new_id = app.screen.assessment_id
        await pilot.press("ctrl+o")  # Home, from anywhere
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert [str(cell) for cell in app.screen.query_one(DataTable).get_row_at(0)[:3]] == [
            str(new_id), "Example Borough Council", "30 Jun 2026"]
    with Workspace(workspace_path) as workspace:
        record = workspace.record(new_id)
    assert (record.assessed_on, record.assessor, record.based_on) == (
        date(2026, 6, 30), "Sam Lee", council_ids[1])


@pytest.mark.parametrize("width", [80, 200])
async def test_the_key_bar_offers_statistics_and_the_complaint_log(make_app, council_ids,
                                                                    width):
    from code_check.tui.key_bar import KeyBar

    app = make_app()
    async with app.run_test(size=(width, 24)) as pilot:
        await pilot.pause()
        text = str(app.screen.query_one(KeyBar).render())
        assert " s Stats " in text and " l Complaint log " in text


async def test_import_and_export_yaml(make_app, council_ids, workspace_path, catalogue,
                                      tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("tab", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        exported = tmp_path / "example-borough-council-2026-03-15.yaml"
        assert "Written to" in str(app.screen.query_one("#result").render())
        assert exported.exists()
        await pilot.press("escape")
        await pilot.pause()

        await pilot.press("i")
        await pilot.pause()
        await type_text(pilot, "nowhere.yaml")
        await pilot.press("enter")
        assert "nowhere.yaml: no such file" in notifications(app)
        app.screen.query_one(Input).value = str(exported)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen.query_one(DataTable).row_count == 3
    with Workspace(workspace_path) as workspace:
        imported = workspace.load(max(r.id for r in workspace.assessments()))
        original = workspace.load(council_ids[1])
    assert imported == original == load_assessment_file(exported, catalogue)


@pytest.mark.parametrize(("name", "content", "problem"), [
    ("broken.yaml", "council: {name: X, authority_type: parish}\ncatalogue: lgsco-2024\n"
     "assessed_on: 2026-01-01\n", ":1: council.authority_type: input should be"),
    # a published form is read and checked before anyone is asked whose it is
    ("published.csv", "Code section,Do we follow the Code\n1,Perhaps\n", ":2: "),
])
async def test_a_broken_import_is_a_notification_not_a_crash(make_app, tmp_path, name,
                                                             content, problem):
    broken = tmp_path / name
    broken.write_text(content, encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await import_from_home(pilot, broken)
        [message] = notifications(app)
        assert message.startswith(f"{broken}{problem}")
        assert isinstance(app.screen, HomeScreen)


async def test_help_and_the_command_palette_offer_every_action(make_app, council_ids):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert {"Open", "New", "Carry over", "Dashboard", "Progress", "Import", "Export",
                "Delete", "Demo", "Stats", "Complaint log", "Help", "Home"} <= titles
        await pilot.press("enter")
        await pilot.pause()
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert {"Met", "Not met", "Filter", "Search", "Quick row", "Undo", "Confirm",
                "Next", "Prev", "Unanswered"} <= titles
        await pilot.press("question_mark")
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, WalkthroughScreen)


def test_an_unreadable_workspace_is_one_plain_line(run_cli, tmp_path):
    bad = tmp_path / "not-a-workspace.sqlite3"
    bad.write_text("this is not a database " * 100)
    status, out, err = run_cli("--workspace", bad)
    assert status == 1
    assert err.startswith(f"code-check: {bad}: not a code-check workspace")
    assert "Traceback" not in err


def test_the_factory_builds_the_app_the_command_line_runs(workspace_path):
    from code_check.tui.app import create_app

    app = create_app(workspace_path)
    assert isinstance(app, CodeCheckApp) and app.workspace.path == workspace_path
    app.workspace.close()


async def test_import_the_published_form_from_csv(make_app, workspace_path, catalogue, tmp_path):
    form = tmp_path / "published.csv"
    form.write_text("Code section,Do we follow the Code,Evidence\n"
                    "1,Yes,Policy s1\n6 Complaints stages - Stage 1,Partly,Log\n",
                    encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await import_from_home(pilot, form)
        answered = len({r.id for row in ("1", "6a") for r in catalogue.in_template_row(row)})
        assert f"published.csv reads well: {answered} provisions answered. Whose " \
            "self-assessment is it" in str(app.screen.query_one(".question").render())
        await type_text(pilot, "Northtown District Council")
        await pilot.press("tab", "enter")
        await pilot.pause()
        await pilot.press("down", "down", "enter")
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        with Workspace(workspace_path) as workspace:
            [record] = workspace.assessments()
        assert f"Imported an assessment of Northtown District Council as No. {record.id}." \
            in notifications(app)
        await pilot.press("enter")
        await pilot.pause()
        assert "(from the imported form, for the whole of row 1)" in str(
            app.screen.query_one("#answer-line").render())
    with Workspace(workspace_path) as workspace:
        imported = workspace.load(record.id)
    assert imported.council.authority_type.value == "district_council"
    assert {rid for rid, a in imported.answers.items() if a.via_row == "1"} == \
        {r.id for r in catalogue.in_template_row("1")}
    assert all(imported.status(r.id) for r in catalogue.in_template_row("6a"))


async def test_the_demo_opens_on_its_latest_assessment(make_app, workspace_path):
    from code_check.demo import DEMO_COUNCIL

    app = make_app(demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, WalkthroughScreen))
        with Workspace(workspace_path) as workspace:
            records = workspace.assessments(DEMO_COUNCIL)
        assert app.screen.assessment_id == records[0].id  # newest first
        await pilot.press("escape", "escape", "t")  # again from Home: nothing is added
        await until(pilot, lambda: isinstance(app.screen, WalkthroughScreen))
    with Workspace(workspace_path) as workspace:
        assert len(workspace.assessments(DEMO_COUNCIL)) == len(records) == 2


async def test_statistics_open_for_the_selected_council(make_app, council_ids):
    from code_check.tui.statistics_screen import StatisticsScreen

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, StatisticsScreen)
        assert app.screen.council == "Example Borough Council"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_a_complaint_log_is_analysed_and_shown(make_app, council_ids):
    from pathlib import Path

    import code_check
    from code_check.tui.complaint_log_screen import ComplaintLogScreen

    log = Path(code_check.__file__).parent / "demo" / "example-complaint-log.csv"
    app = make_app()
    app.today += timedelta(days=240)  # months after the log was last brought up to date
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        app.screen.query_one(Input).value = str(log)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ComplaintLogScreen)
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert "Back" in titles
        analysis = app.screen.analysis  # a log last brought up to date before the app's today
        assert analysis.last_dated < app.today and analysis.as_of == analysis.last_dated
        summary = str(app.screen.query_one("#summary").render())
        assert f"as of {analysis.as_of:%d %B %Y} (the latest date in the log)" in summary


async def test_the_key_bar_shows_the_keys_and_a_click_presses_one(make_app, council_ids):
    from code_check.tui.key_bar import KeyBar
    from code_check.tui.new_assessment_screen import NewAssessmentScreen

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(KeyBar)
        text = str(bar.render())
        assert text == " n New  c Carry over  d Dashboard  s Stats  l Complaint log " \
            " ^p all actions "
        await pilot.click(KeyBar, offset=(2, 0))
        await pilot.pause()
        assert isinstance(app.screen, NewAssessmentScreen)


async def test_a_command_from_the_palette_runs_the_action(make_app, council_ids):
    from code_check.tui.dashboard_screen import DashboardScreen

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        [command] = [c for c in app.get_system_commands(app.screen) if c.title == "Dashboard"]
        assert "(key: d)" in command.help
        await command.callback()
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        assert app.screen.assessment_id == council_ids[1]


async def test_a_bug_ends_the_app_with_one_plain_line(make_app, monkeypatch, capsys):
    from code_check.tui.app import CodeCheckApp

    monkeypatch.setattr(CodeCheckApp, "is_headless", property(lambda self: False))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app._handle_exception(RuntimeError("boom"))  # as Textual does with an unhandled error
        await pilot.pause()
    assert app.return_code == 2
    captured = capsys.readouterr()
    shown = captured.out + captured.err
    assert "code-check: unexpected problem (RuntimeError: boom); your answers up to this " \
        "point are saved." in shown
    assert "Traceback" not in shown


async def test_an_assessment_of_an_unknown_catalogue_is_refused_in_words(
        make_app, workspace_path, catalogue):
    from datetime import date

    from code_check.assessment.model import Assessment
    from tests.tui.conftest import COUNCIL

    with Workspace(workspace_path) as workspace:
        workspace.add_assessment(Assessment(council=COUNCIL, catalogue="lgsco-2031",
                                            assessed_on=date(2026, 1, 5)), catalogue)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for key in ("enter", "d", "g", "x"):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)
        assert notifications(app)[-1] == ("this assessment uses the catalogue 'lgsco-2031', "
                                          "which this copy of code-check does not have")


async def test_the_complaint_log_of_the_demo_is_offered(make_app, workspace_path):
    from code_check.demo import demo_log_path
    from code_check.tui.path_screen import PathScreen

    app = make_app(demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, WalkthroughScreen))
        await pilot.press("ctrl+o", "l")
        await pilot.pause()
        assert isinstance(app.screen, PathScreen)
        assert app.screen.query_one(Input).value == str(demo_log_path(workspace_path))
