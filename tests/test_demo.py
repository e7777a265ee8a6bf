"""The demo council: what a newcomer sees first must be believable and install only once."""

from __future__ import annotations

import json
from datetime import date

import pytest

from code_check.assessment import Status
from code_check.cli import main
from code_check.demo import DEMO_COUNCIL, demo_assessments, install_demo
from code_check.lint import lint
from code_check.scoring import score
from code_check.store.workspace import Workspace


@pytest.fixture(scope="module")
def assessments(catalogue):
    return demo_assessments(catalogue)


@pytest.fixture
def workspace_path(tmp_path, monkeypatch):
    path = tmp_path / "workspace.sqlite3"
    monkeypatch.setenv("CODE_CHECK_WORKSPACE", str(path))
    return path


def test_two_assessments_a_quarter_apart_of_one_fictional_council(assessments):
    first, second = assessments
    assert first.council == second.council
    assert first.council.name == DEMO_COUNCIL
    assert first.council.authority_type == "metropolitan_borough"
    assert first.council.landlord is False
    assert (first.assessed_on, second.assessed_on) == (date(2025, 12, 31), date(2026, 3, 31))


def test_the_second_assessment_shows_clear_progress(catalogue, assessments):
    first, second = (score(catalogue, a).overall for a in assessments)
    assert 55 <= first.score <= 65
    assert 75 <= second.score <= 85
    assert first.band != second.band
    assert second.musts_blocking == [] and first.musts_blocking


def test_a_must_partly_met_first_is_met_second(catalogue, assessments):
    musts = [r.id for r in catalogue.requirements if r.obligation == "must"]
    first, second = assessments
    assert any(first.status(rid) is Status.PARTLY_MET and second.status(rid) is Status.MET
               for rid in musts)


def test_the_demo_has_gaps_reasons_and_actions_done_and_overdue(catalogue, assessments):
    second = assessments[1]
    answers = second.answers.values()
    assert score(catalogue, second).gaps
    not_applicable = [a for a in answers if a.status is Status.NOT_APPLICABLE]
    assert not_applicable and all(a.commentary for a in not_applicable)
    actions = [a.action for a in answers if a.action]
    assert any(action.done for action in actions)
    overdue = [action for action in actions if action.overdue(date(2026, 6, 30))]
    assert 1 <= len(overdue) <= 6
    assert all(a.evidence for a in answers if a.status is Status.MET)
    assert any("example.gov.uk" in item for a in answers for item in a.evidence)


def test_lint_on_the_current_demo_shows_a_few_findings_not_a_flood(catalogue, assessments):
    findings = lint(catalogue, assessments[1], as_of=date(2026, 6, 30))
    assert 1 <= len(findings) <= 10
    assert {f.check for f in findings} == {"action-overdue", "carried-over"}


def test_install_is_idempotent_and_links_the_second_to_the_first(tmp_path, catalogue):
    with Workspace(tmp_path / "w.sqlite3") as workspace:
        ids = install_demo(workspace, catalogue)
        again = install_demo(workspace, catalogue)
        records = {r.id: r for r in workspace.assessments()}
        assert ids == again and len(ids) == 2 and len(records) == 2
        first, second = ids
        assert records[second].based_on == first
        assert records[first].assessed_on < records[second].assessed_on
        assert workspace.load(second) == demo_assessments(catalogue)[1]


def test_install_leaves_an_edited_demo_council_alone(tmp_path, catalogue):
    from code_check.assessment import Answer

    with Workspace(tmp_path / "w.sqlite3") as workspace:
        first, second = install_demo(workspace, catalogue)
        workspace.set_answer(second, "9.5", Answer(status=Status.MET, evidence=["Council minute"]),
                             catalogue, author="Jane Officer")
        assert install_demo(workspace, catalogue) == [first, second]
        assert workspace.load(second).status("9.5") is Status.MET


def test_demo_command_installs_and_reports(workspace_path, capsys):
    assert main(["demo", "--no-open"]) == 0
    out = capsys.readouterr().out
    assert "Added the demo council" in out and "57.5%" in out and "83.6%" in out
    assert main(["demo", "--no-open"]) == 0
    assert "nothing was changed" in capsys.readouterr().out
    assert main(["assessment", "list", "--format", "json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 2


def test_demo_command_opens_the_app_on_the_demo(workspace_path, monkeypatch):
    opened = []
    monkeypatch.setattr("code_check.cli.app.open_app",
                        lambda args, demo=False: opened.append(demo) or 0)
    assert main(["demo"]) == 0
    assert opened == [True]
    with Workspace(workspace_path) as workspace:
        assert [r.council for r in workspace.assessments()] == [DEMO_COUNCIL] * 2


def test_score_of_the_demo_council(tmp_path, capsys):
    chosen = tmp_path / "chosen.sqlite3"
    assert main(["demo", "--no-open", "--workspace", str(chosen)]) == 0
    capsys.readouterr()
    assert main(["score", "2", "--workspace", str(chosen), "--format", "json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["overall"]["band"] == "Nearly ready"
    assert round(result["overall"]["score"], 1) == 83.6
    assert main(["score", "2", "--workspace", str(chosen)]) == 0
    assert "Readiness by section" in capsys.readouterr().out


def test_the_demo_brings_its_ombudsman_statistics(tmp_path, catalogue):
    from code_check.store.statistics import StatisticsStore
    from code_check.store.workspace import Workspace

    with Workspace(tmp_path / "w.sqlite3") as workspace:
        install_demo(workspace, catalogue)
        install_demo(workspace, catalogue)
        years = [row.year for row in StatisticsStore(workspace).rows(DEMO_COUNCIL)]
    assert sorted(years) == ["2021-22", "2022-23", "2023-24", "2024-25"]
