"""The terminal app's Export screen offers every report format and says where it wrote."""

from __future__ import annotations

import pytest

from code_check.report.formats import FORMATS
from code_check.tui.export_formats import EXPORT_FORMATS
from tests.report.readers import docx_text


async def export_from_home(app, pilot, format_id: str) -> None:
    """From Home: x, choose the format, accept the suggested path, wait for the writer."""
    await pilot.pause()
    await pilot.press("x")
    await pilot.pause()
    await export_as(app, pilot, format_id)


async def export_as(app, pilot, format_id: str) -> None:
    """On the Export screen: choose the format, accept the suggested path, wait for the writer."""
    await pilot.press(*["down"] * [f.id for f in EXPORT_FORMATS].index(format_id))
    await pilot.press("tab", "enter")
    await app.workers.wait_for_complete()
    await pilot.pause()


def test_every_report_format_is_offered():
    offered = {f.id: f for f in EXPORT_FORMATS}
    assert set(FORMATS) <= set(offered)
    assert offered["docx"].suffix == ".docx" and offered["template"].suffix == ".html"


@pytest.mark.parametrize(("format_id", "file_name"), [
    ("html", "example-borough-council-2026-03-15.html"),
    ("docx", "example-borough-council-2026-03-15.docx"),
])
async def test_export_screen_writes_a_report(make_app, council_ids, tmp_path, monkeypatch,
                                            format_id, file_name):
    monkeypatch.chdir(tmp_path)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await export_from_home(app, pilot, format_id)
        written = tmp_path / file_name
        assert f"Written to {written}" in str(app.screen.query_one("#result").render())
    text = (written.read_text(encoding="utf-8") if format_id == "html"
            else "\n".join(docx_text(written.read_bytes())))
    assert "Example Borough Council" in text and "Gaps, worst first" in text


async def test_export_brings_what_the_workspace_holds_beside_the_assessment(
        make_app, council_ids, workspace_path, tmp_path, monkeypatch):
    """Like `code-check report` on a workspace assessment: progress since the previous one,
    the council's Ombudsman figures, and overdue actions judged as of the app's today."""
    from code_check.statistics.files import read_statistics
    from code_check.store.statistics import StatisticsStore
    from code_check.store.workspace import Workspace

    figures = tmp_path / "figures.csv"
    figures.write_text("council,authority_type,year,investigated,upheld\n"
                       "Example Borough Council,london_borough,2024-25,20,14\n")
    with Workspace(workspace_path) as workspace:
        StatisticsStore(workspace).save(read_statistics(figures), source="test")
    monkeypatch.chdir(tmp_path)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await export_from_home(app, pilot, "md")
    text = (tmp_path / "example-borough-council-2026-03-15.md").read_text(encoding="utf-8")
    assert "Change since the previous assessment" in text
    assert "2024-25" in text and "70%" in text
    assert "| Position as at | 31 March 2026 |" in text


async def test_export_asks_before_writing_over_a_file(make_app, council_ids, tmp_path,
                                                      monkeypatch):
    from code_check.tui.confirm_screen import ConfirmScreen

    monkeypatch.chdir(tmp_path)
    existing = tmp_path / "example-borough-council-2026-03-15.md"
    existing.write_text("the committee's own notes", encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await export_from_home(app, pilot, "md")
        assert isinstance(app.screen, ConfirmScreen)
        assert f"{existing} already exists" in app.screen.question
        await pilot.press("n")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert existing.read_text(encoding="utf-8") == "the committee's own notes"
        await pilot.press("ctrl+s", "y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert f"Written to {existing}" in str(app.screen.query_one("#result").render())
    assert "Gaps, worst first" in existing.read_text(encoding="utf-8")


async def test_export_judges_a_chosen_complaint_log_as_at_its_latest_date(
        make_app, council_ids, tmp_path, monkeypatch):
    """A log last brought up to date on 25 November 2025, exported on the app's today (31 March
    2026): its open complaint is not yet due, and page 1 says which dates judged what."""
    from tests.test_complaint_log_for_report import write_log

    log = write_log(tmp_path)
    monkeypatch.chdir(tmp_path)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("x")
        await pilot.pause()
        assert "Complaint log: none" in str(app.screen.query_one("#log").render())
        await pilot.press("ctrl+l")
        await pilot.pause()
        app.screen.query_one("Input").value = str(log)
        await pilot.press("enter")
        await pilot.pause()
        assert "Complaint log: log.csv" in str(app.screen.query_one("#log").render())
        await export_as(app, pilot, "md")
    text = (tmp_path / "example-borough-council-2026-03-15.md").read_text(encoding="utf-8")
    assert "Actions are judged overdue as at 31 March 2026 (the day the report was made)." in text
    assert ("Open complaints in the log are judged as at 25 November 2025 (the latest date in "
            "the log).") in text
    assert "past their limit" not in text  # at today, the open reply would be 85 days late
