"""Consistency findings and the comparison of two assessments."""

from __future__ import annotations

import json
from datetime import date

from code_check.assessment.files import save_assessment_file
from code_check.assessment.lint import Severity, lint
from code_check.assessment.model import Action, Answer, Assessment, Council, Status
from code_check.assessment.progress import ChangeKind, compare

COUNCIL = Council(name="Test Council", authority_type="unitary_council")


def make(answers: dict[str, Answer], on: date = date(2026, 3, 31)) -> Assessment:
    return Assessment(council=COUNCIL, catalogue="lgsco-2024", assessed_on=on, answers=answers)


def checks(findings):
    return [(f.severity.value, f.check, f.requirement_id) for f in findings]


def test_each_check(catalogue):
    answers = {
        "1.1": Answer(status=Status.MET),
        "1.2": Answer(status=Status.NOT_MET),
        "1.3": Answer(status=Status.PARTLY_MET, action=Action(
            description="Rewrite section 2", owner="Head of Customer Services",
            due=date(2026, 5, 1))),
        "1.4": Answer(status=Status.NOT_APPLICABLE),
        "1.5": Answer(status=Status.NOT_APPLICABLE, commentary="No housing stock."),
        "3.1": Answer(status=Status.NOT_MET, action=Action(description="Add a web form")),
        "5.6": Answer(status=Status.MET, evidence=["Adjustments register"], carried_over=True),
    }
    findings = lint(catalogue, make(answers), as_of=date(2026, 6, 1))
    assert checks(findings) == [
        ("error", "must-not-met-unexplained", "3.1"),
        ("warning", "met-without-evidence", "1.1"),
        ("warning", "gap-without-action", "1.2"),
        ("warning", "action-overdue", "1.3"),
        ("warning", "not-applicable-unexplained", "1.4"),
        ("info", "carried-over", "5.6"),
    ]
    overdue = findings[3]
    assert overdue.message == ("the action was due on 1 May 2026 and is not done "
                               "(owner: Head of Customer Services)")


def test_a_done_action_is_not_overdue(catalogue):
    answer = Answer(status=Status.PARTLY_MET, action=Action(
        description="x", due=date(2026, 1, 1), done=True))
    assert lint(catalogue, make({"1.3": answer}), as_of=date(2026, 6, 1)) == []


def test_an_old_assessment(catalogue):
    [finding] = lint(catalogue, make({}, on=date(2025, 1, 31)), as_of=date(2026, 6, 1))
    assert finding.severity is Severity.WARNING
    assert finding.requirement_id is None
    assert finding.message.startswith("this assessment is 16 months old (dated 31 January 2025);")


def test_lint_command(catalogue, tmp_path, run_cli):
    path = tmp_path / "a.yaml"
    save_assessment_file(make({"1.1": Answer(status=Status.MET)}), path, catalogue)
    status, out, _ = run_cli("lint", path, "--as-of", "2026-04-01", "--format", "json")
    assert status == 0
    assert json.loads(out) == [{"severity": "warning", "check": "met-without-evidence",
                                "requirement_id": "1.1",
                                "message": "marked met, but no evidence is recorded"}]


def test_compare_regressions_first(catalogue):
    old = make({"1.1": Answer(status=Status.MET), "1.2": Answer(status=Status.NOT_MET),
                "1.3": Answer(status=Status.PARTLY_MET), "1.4": Answer(status=Status.MET),
                "1.5": Answer(status=Status.MET)})
    new = make({"1.1": Answer(status=Status.PARTLY_MET), "1.2": Answer(status=Status.MET),
                "1.4": Answer(status=Status.MET), "1.5": Answer(status=Status.NOT_APPLICABLE),
                "2.1": Answer(status=Status.MET)})
    result = compare(catalogue, old, catalogue, new)
    assert [(c.kind, c.id) for c in result.changes] == [
        (ChangeKind.REGRESSED, "1.1"), (ChangeKind.IMPROVED, "1.2"),
        (ChangeKind.NEWLY_ASSESSED, "2.1"), (ChangeKind.NO_LONGER_ASSESSED, "1.3"),
        (ChangeKind.APPLICABILITY_CHANGED, "1.5")]
    assert result.unchanged == 62
    assert result.old.earned == 3.5 and result.new.earned == 3.5
    assert result.old.possible == 69 and result.new.possible == 68


def test_compare_across_catalogue_versions(catalogue):
    data = catalogue.model_dump(by_alias=True)
    section6 = next(s for s in data["sections"] if s["id"] == "6")
    renamed = next(r for r in section6["requirements"] if r["id"] == "6.x-s2-response")
    renamed.update(id="6.13", replaces=["6.x-s2-response"], verified=True)
    section6["requirements"].append({**renamed, "id": "6.22", "replaces": []})
    data["id"] = "lgsco-2026"
    newer = type(catalogue).model_validate(data)
    old = make({"6.x-s2-response": Answer(status=Status.NOT_MET)})
    new = make({"6.13": Answer(status=Status.MET)}).model_copy(update={"catalogue": newer.id})
    result = compare(catalogue, old, newer, new)
    assert [(c.kind, c.id) for c in result.changes] == [
        (ChangeKind.IMPROVED, "6.13"), (ChangeKind.NOT_COMPARABLE, "6.22")]


def test_compare_command(catalogue, tmp_path, run_cli):
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    save_assessment_file(make({"1.1": Answer(status=Status.NOT_MET)}), old, catalogue)
    save_assessment_file(make({"1.1": Answer(status=Status.MET)}), new, catalogue)
    status, out, _ = run_cli("compare", old, new, "--format", "json")
    assert status == 0
    data = json.loads(out)
    assert data["changes"] == [{"id": "1.1", "kind": "improved", "old_status": "not_met",
                                "new_status": "met"}]
    assert data["score_change"] == 100 / 69
    status, out, _ = run_cli("compare", old, new)
    assert "Improved" in out and "up 1.4 points" in out
