"""The app for a council that owns homes (issue 14): one walk-through over both Codes, each
Code's readiness on the dashboard, extending an assessment, choosing the Codes, exporting
either Code's reports. On the demo's Northfield District Council (both Codes) and Example
Borough Council (the LGSCO's alone)."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from textual.widgets import Checkbox, DataTable, Input, Select, Static

from code_check.assessment.lint import lint
from code_check.assessment.model import Assessment, AuthorityType, Status
from code_check.assessment.scoring import score
from code_check.catalogue.model import Catalogue
from code_check.demo import DEMO_COUNCIL, HOUSING_DEMO_COUNCIL, install_demo
from code_check.demo.dating import ANCHOR
from code_check.gather import seen_under
from code_check.store.workspace import Workspace
from code_check.tui.code_choice import ExtendScreen
from code_check.tui.dual_dashboard import BothCodesDashboard
from code_check.tui.walkthrough_screen import WalkthroughScreen
from code_check.wording import percent
from tests.tui.conftest import COUNCIL
from tests.tui.helpers import notifications, type_text, until
from tests.tui.test_tui_fit import rendered_lines


@pytest.fixture
def demo(workspace_path, catalogue) -> dict[str, int]:
    """The demo's councils: each one's latest assessment number."""
    with Workspace(workspace_path) as workspace:
        install_demo(workspace, catalogue, today=ANCHOR)
        return {name: workspace.assessments(name)[0].id
                for name in (DEMO_COUNCIL, HOUSING_DEMO_COUNCIL)}


def shown(widget) -> str:
    """A text widget's words as the screen shows them, one line."""
    return " ".join(" ".join(rendered_lines(widget, 1000)).split())


def views(app, assessment_id: int) -> list[tuple[Assessment, Catalogue]]:
    """The assessment under each Code, as the command line and reports see it."""
    assessment = app.workspace.load(assessment_id)
    return [seen_under(assessment, code, app.catalogues) for code in ("lgsco-2024", "hos-2024")]


def code_scores(app, assessment_id: int) -> list[str]:
    """Each Code's readiness as the command line works it out, in the dashboard's words."""
    results = [score(catalogue, seen) for seen, catalogue in views(app, assessment_id)]
    return [f"{percent(r.overall.score)} {r.overall.band}" for r in results]


async def on_the_dashboard(app, pilot) -> None:
    await until(pilot, lambda: isinstance(app.screen, BothCodesDashboard)
                and app.screen.is_mounted)
    await pilot.pause()


async def open_dashboard(app, pilot, assessment_id: int) -> None:
    app.open_dashboard(assessment_id)
    await on_the_dashboard(app, pilot)


async def open_card(app, pilot, assessment_id: int, key: str) -> WalkthroughScreen:
    app.open_walkthrough(assessment_id, key)
    await until(pilot, lambda: isinstance(app.screen, WalkthroughScreen)
                and app.screen.form_for == key)
    return app.screen


async def test_answering_a_same_pair_once_gives_both_codes_scores_on_the_dashboard(
        make_app, demo):
    northfield = demo[HOUSING_DEMO_COUNCIL]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_card(app, pilot, northfield, "1.1")
        assert "LGSCO 1.1 · HOS 1.1" in shown(screen.query_one("#card"))
        before = code_scores(app, northfield)
        await pilot.press("n")  # once, for both Codes
        await pilot.press("d")
        await on_the_dashboard(app, pilot)
        after = code_scores(app, northfield)
        assert all(was != now for was, now in zip(before, after, strict=True))
        for index, readiness in enumerate(after):
            assert readiness in shown(app.screen.query_one(f"#summary-{index}", Static))
        gaps = app.screen.query_one("#gap-table", DataTable)
        assert {"lgsco-2024:1.1", "hos-2024:1.1"} <= {row.value for row in gaps.rows}


async def test_each_codes_legal_duties_gate_its_own_readiness(make_app, demo):
    """Northfield's unmet HOS musts are named under HOS, its LGSCO ones under LGSCO."""
    northfield = demo[HOUSING_DEMO_COUNCIL]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_dashboard(app, pilot, northfield)
        for index, (seen, catalogue) in enumerate(views(app, northfield)):
            blocking = score(catalogue, seen).overall.musts_blocking
            summary = shown(app.screen.query_one(f"#summary-{index}", Static))
            assert ", ".join(blocking[:2]) in summary
        checks = app.screen.query_one("#check-table", DataTable)
        assert checks.row_count == sum(len(lint(catalogue, seen, as_of=app.today))
                                       for seen, catalogue in views(app, northfield))


async def test_a_gap_under_the_housing_code_opens_the_card_that_answers_it(make_app, demo):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_dashboard(app, pilot, demo[HOUSING_DEMO_COUNCIL])
        await pilot.press("2")
        gaps = app.screen.query_one("#gap-table", DataTable)
        hos_gaps = [row.value for row in gaps.rows if row.value.startswith("hos-2024:")]
        walk = app.screen.walk
        shared = next(k for k in hos_gaps if walk.key_of("hos-2024", k[9:]) != k)
        gaps.move_cursor(row=gaps.get_row_index(shared))
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, WalkthroughScreen))
        assert app.screen.current.id == walk.key_of("hos-2024", shared[9:])  # the LGSCO card


async def test_confirming_a_carried_close_answer_clears_its_mark(make_app, demo):
    northfield = demo[HOUSING_DEMO_COUNCIL]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_card(app, pilot, northfield, "hos-2024:5.5")
        leaf = screen.leaves["hos-2024:5.5"]
        assert "↺" in leaf.label.plain
        assert "Carried from LGSCO 6.21: press c to confirm it for housing" in shown(
            screen.query_one("#answer-line"))
        await pilot.press("c")
        assert "↺" not in leaf.label.plain
        assert "Carried" not in shown(screen.query_one("#answer-line"))
        assert not app.workspace.load(northfield).also.answers["5.5"].carried_over
        await pilot.press("ctrl+z")  # undo works on the Housing Ombudsman's side too
        assert "↺" in screen.leaves["hos-2024:5.5"].label.plain
        assert "HOS 5.5" in notifications(app)[-1]


async def test_an_lgsco_answer_moves_its_carried_housing_partner_on_screen(make_app, demo):
    northfield = demo[HOUSING_DEMO_COUNCIL]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_card(app, pilot, northfield, "6.21")
        await pilot.press("n")
        assert screen.leaves["hos-2024:5.5"].label.plain.startswith("✘ HOS 5.5")


async def test_an_lgsco_assessment_is_extended_to_both_codes(make_app, demo):
    example = demo[DEMO_COUNCIL]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_card(app, pilot, example, "1.1")
        assert "hos-2024:5.5" not in screen.leaves
        await pilot.press("h")
        await until(pilot, lambda: isinstance(app.screen, ExtendScreen))
        assert "49 of its 73 provisions ask the same" in shown(app.screen.query_one(Static))
        await type_text(pilot, "1,250")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: app.screen is screen)
        assert "hos-2024:5.5" in screen.leaves
        assert "LGSCO 1.1 · HOS 1.1" in shown(screen.query_one("#card"))
        assert screen.check_action("answer_both", ()) is False  # asked once
        stored = app.workspace.load(example)
        assert stored.also.catalogue == "hos-2024"
        assert (stored.council.landlord, stored.council.homes) == (True, 1250)


async def test_extending_can_be_called_off(make_app, demo):
    example = demo[DEMO_COUNCIL]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_card(app, pilot, example, "1.1")
        await pilot.press("h")
        await until(pilot, lambda: isinstance(app.screen, ExtendScreen))
        await type_text(pilot, "lots")
        await pilot.press("ctrl+s")
        assert notifications(app)[-1].startswith("Homes owned: give a whole number")
        await pilot.press("escape")
        assert app.workspace.load(example).also is None


@pytest.mark.parametrize(("choice", "first", "second"), [
    ("both", "lgsco-2024", "hos-2024"),
    ("second", "hos-2024", None),
    ("first", "lgsco-2024", None),
])
async def test_a_new_assessment_chooses_its_codes(make_app, demo, choice, first, second):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        dialog = app.screen
        dialog.query_one("#council", Input).value = "Southmoor District Council"
        dialog.query_one("#authority_type", Select).value = AuthorityType.DISTRICT_COUNCIL
        dialog.query_one("#landlord", Checkbox).value = True
        await pilot.pause()
        dialog.query_one("#codes", Select).value = choice
        dialog.query_one("#homes", Input).value = "900"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, WalkthroughScreen))
        record = app.workspace.assessments("Southmoor District Council")[0]
        council = app.workspace.council("Southmoor District Council")
    assert (record.catalogue, record.also_catalogue) == (first, second)
    assert (council.landlord, council.homes) == (True, 900)


async def test_a_council_that_owns_no_homes_answers_the_lgsco_code(make_app, demo):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        dialog = app.screen
        assert not dialog.query_one("#housing").display  # until the box is ticked
        dialog.query_one("#council", Input).value = "Eastbury City Council"
        dialog.query_one("#authority_type", Select).value = AuthorityType.UNITARY_COUNCIL
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, WalkthroughScreen))
        record = app.workspace.assessments("Eastbury City Council")[0]
    assert (record.catalogue, record.also_catalogue) == ("lgsco-2024", None)


async def test_each_ombudsman_gets_its_own_published_form(make_app, demo, tmp_path,
                                                          monkeypatch):
    from tests.tui.test_tui_export_reports import export_as

    monkeypatch.chdir(tmp_path)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_export(demo[HOUSING_DEMO_COUNCIL])
        await pilot.pause()
        assert "ctrl+t for the HOS's" in shown(app.screen.query_one("#code"))
        await pilot.press("ctrl+t")
        await export_as(app, pilot, "template")
        path = app.screen.query_one("#path", Input)
        assert path.value == "northfield-district-council-2026-03-20-hos-2024.html"
        path.value = "housing-form.csv"
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.press("ctrl+t")
        app.screen.query_one("#path", Input).value = "lgsco-form.csv"
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
    housing = list(csv.reader(io.StringIO((tmp_path / "housing-form.csv").read_text())))
    lgsco = list(csv.reader(io.StringIO((tmp_path / "lgsco-form.csv").read_text())))
    hos_headings = app.catalogues["hos-2024"].published_form.columns
    assert hos_headings in housing and hos_headings not in lgsco
    assert any(row[0] == "Code section" for row in lgsco)


async def test_quick_mode_on_the_housing_code_alone_answers_one_by_one(
        make_app, workspace_path, catalogue):
    with Workspace(workspace_path) as workspace:
        assessment_id = workspace.add_assessment(Assessment(
            council=COUNCIL, catalogue="hos-2024", assessed_on=date(2026, 3, 31)), catalogue)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_card(app, pilot, assessment_id, "5.6")
        await pilot.press("r")
        assert app.screen is screen
        assert "has a row for each provision" in notifications(app)[-1]
        assert "MUST: required by the Code" in shown(screen.query_one("#card"))
        await pilot.press("m")
        assert app.workspace.load(assessment_id).answers["5.6"].status is Status.MET


async def test_search_names_a_housing_provision_by_its_number(make_app, demo):
    from code_check.tui.search_screen import SearchScreen

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_card(app, pilot, demo[HOUSING_DEMO_COUNCIL], "1.1")
        await pilot.press("slash")
        await until(pilot, lambda: isinstance(app.screen, SearchScreen))
        await type_text(pilot, "HOS 5.6")
        await pilot.press("down")
        assert shown(app.screen.query_one("#search-hint")).startswith("HOS 5.6: ")
        assert "hos-2024" not in str(app.screen.query_one("#results").get_option_at_index(0)
                                     .prompt)
        await pilot.press("enter")
        assert screen.current.id == "hos-2024:5.6"


async def test_home_names_both_codes_of_an_assessment_as_councils_know_them(make_app, demo):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        codes = {str(table.get_row(key)[0]): str(table.get_row(key)[3]) for key in table.rows}
        assert codes[str(demo[HOUSING_DEMO_COUNCIL])] == "LGSCO + HOS"
        assert set(codes.values()) == {"LGSCO", "LGSCO + HOS"}
