"""``code-check report``: files and workspace assessments, the cohort, and bad input."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from code_check.assessment.files import save_assessment_file
from code_check.store.workspace import Workspace


@pytest.fixture
def files(tmp_path, catalogue, assessments):
    previous, current = assessments
    save_assessment_file(previous, tmp_path / "previous.yaml", catalogue)
    save_assessment_file(current, tmp_path / "current.yaml", catalogue)
    return tmp_path / "previous.yaml", tmp_path / "current.yaml"


@pytest.fixture
def workspace(tmp_path, catalogue, assessments):
    path = tmp_path / "workspace.sqlite3"
    previous, current = assessments
    other = current.model_copy(update={"council": current.council.model_copy(
        update={"name": "Ambridge District Council"})})
    with Workspace(path) as ws:
        old = ws.add_assessment(previous, catalogue)
        new = ws.add_assessment(current, catalogue)
        ws.add_assessment(other, catalogue)
    return path, old, new


@pytest.mark.parametrize("format_name", ["md", "html", "docx", "xlsx", "csv", "json",
                                         "template"])
def test_every_format_from_a_file(run_cli, files, tmp_path, format_name):
    out = tmp_path / f"out.{format_name}"
    status, stdout, stderr = run_cli("report", files[1], "--format", format_name, "-o", out,
                                     "--previous", files[0], "--as-of", "2026-06-01")
    assert (status, stderr) == (0, "")
    assert stdout == f"Wrote {out}\n" and out.stat().st_size > 0


def test_json_report_shows_change_since_previous_file(run_cli, files, tmp_path):
    out = tmp_path / "r.json"
    run_cli("report", files[1], "--format", "json", "-o", out, "--previous", files[0],
            "--as-of", "2026-06-01")
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["summary"]["change"]["previous_assessed_on"] == "2025-12-31"
    assert data["title"]["as_of"] == "2026-06-01"


def test_workspace_assessment_uses_the_councils_previous_one(run_cli, workspace, tmp_path):
    path, old, new = workspace
    out = tmp_path / "r.json"
    status, _, stderr = run_cli("report", str(new), "--workspace", path, "--format", "json",
                                "-o", out)
    assert (status, stderr) == (0, "")
    change = json.loads(out.read_text(encoding="utf-8"))["summary"]["change"]
    assert change["previous_assessed_on"] == "2025-12-31"
    run_cli("report", str(old), "--workspace", path, "--format", "json", "-o", out)
    assert json.loads(out.read_text(encoding="utf-8"))["summary"]["change"] is None


def test_cohort_from_the_workspace(run_cli, workspace, tmp_path):
    path = workspace[0]
    out = tmp_path / "cohort.md"
    status, _, stderr = run_cli("report", "--cohort", "--workspace", path, "--format", "md",
                                "-o", out)
    assert (status, stderr) == (0, "")
    text = out.read_text(encoding="utf-8")
    assert "Ambridge District Council" in text and "Example Borough Council" in text
    assert "up 26.1 points" in text
    status, _, _ = run_cli("report", "--cohort", "--councils", "Ambridge District Council",
                           "--workspace", path, "--format", "xlsx", "-o", tmp_path / "c.xlsx")
    assert status == 0


@pytest.mark.parametrize(("argv", "message"), [
    (["missing.yaml", "--format", "md"], "missing.yaml: file not found"),
    (["--cohort", "--format", "json"], "the cohort report comes as html, md, xlsx"),
    (["--cohort", "--councils", "Nowhere", "--format", "md"], "no council called 'Nowhere'"),
    (["1", "--cohort", "--format", "md"], "leave out ASSESSMENT"),
    (["--format", "md"], "name an assessment"),
    (["99", "--format", "md"], "no assessment 99"),
])
def test_bad_input_is_one_line(run_cli, workspace, tmp_path, argv, message):
    status, stdout, stderr = run_cli("report", *argv, "-o", tmp_path / "out",
                                     "--workspace", workspace[0])
    assert status == 1 and stdout == ""
    assert message in stderr and stderr.count("\n") == 1
    assert not (tmp_path / "out").exists()


def test_unwritable_output_is_one_line(run_cli, files, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    status, _, stderr = run_cli("report", files[1], "--format", "md", "-o", blocker / "r.md")
    assert status == 1 and "cannot be written" in stderr


def test_an_existing_report_is_replaced_whole(run_cli, files, tmp_path):
    out = tmp_path / "r.md"
    out.write_text("old contents " * 10_000)
    assert run_cli("report", files[1], "--format", "md", "-o", out)[0] == 0
    assert out.read_text(encoding="utf-8").startswith("# Example Borough Council: Complaint")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".r.md")] == []


def test_today_is_the_default_as_of(run_cli, files, tmp_path):
    out = tmp_path / "r.json"
    run_cli("report", files[1], "--format", "json", "-o", out)
    assert json.loads(out.read_text(encoding="utf-8"))["title"]["as_of"] == \
        date.today().isoformat()


@pytest.fixture
def stats_file(tmp_path, statistics):
    from code_check.statistics.model import COLUMNS, stored_fields

    path = tmp_path / "stats.csv"
    lines = [",".join(COLUMNS)]
    for row in statistics:
        fields = stored_fields(row)
        lines.append(",".join(str(fields.get(c, "")) for c in COLUMNS))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_stats_file_adds_the_ombudsman_section(run_cli, files, stats_file, tmp_path):
    out = tmp_path / "r.md"
    status, _, stderr = run_cli("report", files[1], "--format", "md", "-o", out,
                                "--stats", stats_file)
    assert (status, stderr) == (0, "")
    text = out.read_text(encoding="utf-8")
    assert "## The Ombudsman's statistics" in text and "2022-23" in text


def test_stats_file_without_the_council_is_one_line(run_cli, files, tmp_path):
    path = tmp_path / "other.csv"
    path.write_text("council,authority_type,year,investigated,upheld\n"
                    "Elsewhere Council,district_council,2023-24,4,2\n", encoding="utf-8")
    status, _, stderr = run_cli("report", files[1], "--format", "md", "-o", tmp_path / "r.md",
                                "--stats", path)
    assert status == 1
    assert "no figures for Example Borough Council (the file has: Elsewhere Council)" in stderr


def test_workspace_statistics_are_used_for_a_workspace_assessment(run_cli, workspace,
                                                                   statistics, tmp_path):
    from code_check.store.statistics import StatisticsStore

    path, _, new = workspace
    with Workspace(path) as ws:
        StatisticsStore(ws).save(statistics, "test")
    out = tmp_path / "r.json"
    run_cli("report", str(new), "--workspace", path, "--format", "json", "-o", out)
    assert json.loads(out.read_text(encoding="utf-8"))["statistics"]["latest_year"] == "2024-25"


def test_log_file_adds_complaint_handling_performance(run_cli, files, tmp_path):
    import code_check

    log = Path(code_check.__file__).parent / "demo" / "example-complaint-log.csv"
    out = tmp_path / "r.json"
    status, _, stderr = run_cli("report", files[1], "--format", "json", "-o", out,
                                "--log", log, "--as-of", "2026-06-01")
    assert (status, stderr) == (0, "")
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["complaint_log"]["cases"] == 300
    assert data["complaint_log"]["as_of_text"] == "1 June 2026"


def test_missing_log_file_is_one_line(run_cli, files, tmp_path):
    status, _, stderr = run_cli("report", files[1], "--format", "md", "-o", tmp_path / "r.md",
                                "--log", tmp_path / "nowhere.csv")
    assert status == 1 and "nowhere.csv" in stderr and stderr.count("\n") == 1
