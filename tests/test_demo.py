"""The demo council: what a newcomer sees first must be believable and install only once."""

from __future__ import annotations

import json
from datetime import date

import pytest

from code_check.assessment.codes import carried_answer, codes_of, view
from code_check.assessment.lint import lint
from code_check.assessment.model import Status
from code_check.assessment.scoring import score
from code_check.catalogue.files import bundled_equivalence, load_catalogue
from code_check.cli import main
from code_check.demo import (
    DEMO_COUNCIL,
    HOUSING_DEMO_COUNCIL,
    demo_assessments,
    demo_complaint_log,
    demo_log_path,
    demo_statistics,
    housing_demo_assessment,
    install_demo,
)
from code_check.demo.dating import ANCHOR
from code_check.store.workspace import Workspace

LATER = date(2028, 2, 10)  # a day twenty months after the one the bundled files are dated for


@pytest.fixture(scope="module")
def assessments(catalogue):
    return demo_assessments(catalogue, today=ANCHOR)


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


def test_the_demo_is_dated_relative_to_the_day_it_is_installed(catalogue, assessments):
    first, second = demo_assessments(catalogue, today=LATER)
    assert (first.assessed_on, second.assessed_on) == (date(2027, 8, 31), date(2027, 11, 30))
    assert second.answers.keys() == assessments[1].answers.keys()
    assert [a.status for a in second.answers.values()] == \
        [a.status for a in assessments[1].answers.values()]
    assert score(catalogue, second).overall == score(catalogue, assessments[1]).overall


@pytest.mark.parametrize("today", [ANCHOR, date(2025, 11, 29), LATER, date(2031, 6, 30)])
def test_whenever_it_is_installed_a_few_actions_are_overdue_and_most_not_yet_due(
        catalogue, today):
    first, second = demo_assessments(catalogue, today=today)
    assert first.assessed_on < second.assessed_on < today
    assert (second.assessed_on - first.assessed_on).days in range(89, 93)  # a quarter
    actions = [a.action for a in second.answers.values() if a.action and not a.action.done]
    overdue = [action for action in actions if action.overdue(today)]
    assert 1 <= len(overdue) <= 6 and len(overdue) < len(actions) - len(overdue)
    assert all(action.due > second.assessed_on for action in actions)


def test_years_named_in_the_demo_text_move_with_it_but_never_past_its_dates(catalogue,
                                                                          assessments):
    moved = demo_assessments(catalogue, today=LATER)[1]
    evidence = [item for answer in moved.answers.values() for item in answer.evidence]
    bundled = [item for answer in assessments[1].answers.values() for item in answer.evidence]
    assert "Annual Complaints Report 2024/25, section 2" in " ".join(bundled)
    assert "Annual Complaints Report 2025/26, section 2" in " ".join(evidence)  # a year on
    assert "https://www.example.gov.uk/complaints/annual-report-2025-26" in evidence


def test_the_complaint_log_and_statistics_move_with_the_demo(catalogue):
    import csv
    import io

    bundled = list(csv.DictReader(io.StringIO(demo_complaint_log(today=ANCHOR))))
    moved = list(csv.DictReader(io.StringIO(demo_complaint_log(today=LATER))))
    assert bundled[-1]["received"] == "2026-03-26"
    last = date.fromisoformat(moved[-1]["received"])
    assert date(2027, 11, 1) <= last <= date(2027, 11, 30)  # just before the latest assessment
    assert last.weekday() == date(2026, 3, 26).weekday()
    assert moved[-1]["reference"] == f"EBC-{last:%y%m}-0300"
    assert [row["stage1_extended"] for row in moved] == \
        [row["stage1_extended"] for row in bundled]
    years = [row.year for row in demo_statistics(today=LATER)]
    assert years == ["2023-24", "2024-25", "2025-26", "2026-27"]  # 2026-27's letter: July 2027
    assert [row.year for row in demo_statistics(today=ANCHOR)][-1] == "2024-25"


def test_install_writes_the_dated_complaint_log_beside_the_workspace(tmp_path, catalogue):
    from code_check.complaint_log.reader import analyse_file

    with Workspace(tmp_path / "w.sqlite3") as workspace:
        install_demo(workspace, catalogue, today=LATER)
        log = demo_log_path(workspace.path)
    assert log.read_text(encoding="utf-8") == demo_complaint_log(today=LATER)
    analysis = analyse_file(log, as_of=LATER, progress=False)
    assert analysis.cases == 300 and not analysis.rejected_rows
    late = max((case.working_days - case.limit for case in analysis.overdue_cases), default=0)
    assert late < 80  # open cases a few weeks late, not a year


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
    overdue = [action for action in actions if action.overdue(ANCHOR)]
    assert 1 <= len(overdue) <= 6
    assert all(a.evidence for a in answers if a.status is Status.MET)
    assert any("example.gov.uk" in item for a in answers for item in a.evidence)


def test_lint_on_the_current_demo_shows_a_few_findings_not_a_flood(catalogue, assessments):
    findings = lint(catalogue, assessments[1], as_of=date(2026, 6, 30))
    assert 1 <= len(findings) <= 10
    assert {f.check for f in findings} == {"action-overdue", "carried-over"}


def test_install_is_idempotent_and_links_the_second_to_the_first(tmp_path, catalogue):
    with Workspace(tmp_path / "w.sqlite3") as workspace:
        ids = install_demo(workspace, catalogue, today=ANCHOR)
        again = install_demo(workspace, catalogue, today=LATER)
        records = {r.id: r for r in workspace.assessments(DEMO_COUNCIL)}
        assert ids == again and len(ids) == 2 and len(records) == 2
        assert len(workspace.assessments(HOUSING_DEMO_COUNCIL)) == 1
        first, second = ids
        assert records[second].based_on == first
        assert records[first].assessed_on < records[second].assessed_on
        assert workspace.load(second) == demo_assessments(catalogue, today=ANCHOR)[1]


def test_install_leaves_an_edited_demo_council_alone(tmp_path, catalogue):
    from code_check.assessment.model import Answer

    with Workspace(tmp_path / "w.sqlite3") as workspace:
        first, second = install_demo(workspace, catalogue, today=ANCHOR)
        workspace.set_answer(second, "9.5", Answer(status=Status.MET, evidence=["Council minute"]),
                             catalogue, author="Jane Officer")
        assert install_demo(workspace, catalogue, today=ANCHOR) == [first, second]
        assert workspace.load(second).status("9.5") is Status.MET


def test_demo_command_installs_and_reports(workspace_path, capsys):
    assert main(["demo", "--no-open"]) == 0
    out = capsys.readouterr().out
    assert "Added the demo council" in out and "57.5%" in out and "83.6%" in out
    assert f"Its complaint log: code-check log analyse {demo_log_path(workspace_path)}" in \
        " ".join(out.split())
    assert main(["demo", "--no-open"]) == 0
    assert "nothing was changed" in capsys.readouterr().out
    assert main(["assessment", "list", "--format", "json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 3


def test_demo_command_opens_the_app_on_the_demo(workspace_path, monkeypatch):
    opened = []
    monkeypatch.setattr("code_check.cli.app.open_app",
                        lambda args, demo=False: opened.append(demo) or 0)
    assert main(["demo"]) == 0
    assert opened == [True]
    with Workspace(workspace_path) as workspace:
        assert sorted(r.council for r in workspace.assessments()) == [
            DEMO_COUNCIL, DEMO_COUNCIL, HOUSING_DEMO_COUNCIL]


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
        install_demo(workspace, catalogue, today=ANCHOR)
        install_demo(workspace, catalogue, today=ANCHOR)
        years = [row.year for row in StatisticsStore(workspace).rows(DEMO_COUNCIL)]
    assert sorted(years) == ["2021-22", "2022-23", "2023-24", "2024-25"]


# the second council: a landlord answering both Codes -----------------------------------------

@pytest.fixture(scope="module")
def northfield():
    return housing_demo_assessment(today=ANCHOR)


def test_the_second_council_owns_homes_and_answers_both_codes(northfield):
    council = northfield.council
    assert (council.name, council.authority_type, council.landlord, council.homes,
            council.population) == (HOUSING_DEMO_COUNCIL, "district_council", True, 4200,
                                    95000)
    assert codes_of(northfield) == ["lgsco-2024", "hos-2024"]
    assert northfield.assessed_on == date(2026, 3, 20)  # before the first council's latest


def test_some_housing_answers_are_carried_some_confirmed_differently_some_its_own(northfield):
    hos = load_catalogue("hos-2024")
    equivalence = bundled_equivalence("lgsco-2024", "hos-2024")
    also = northfield.also.answers
    carried = [rid for rid, answer in also.items() if answer.carried_over]
    assert len(carried) >= 8
    differently = [rid for rid, answer in also.items() if not answer.carried_over
                   and (partner := carried_answer(northfield, rid, equivalence)) is not None
                   and partner.status != answer.status]
    assert differently == ["5.10", "9.5"]
    own = [rid for rid in also if not equivalence.close_to(rid)]
    assert own == ["5.3", "5.6", "5.7", "6.8"]
    assert not [r.id for r in hos.requirements if equivalence.same_as(r.id) and r.id in also]


def test_the_second_council_is_dated_relative_to_the_install_day_too(northfield):
    later = housing_demo_assessment(today=LATER)
    assert later.assessed_on == date(2027, 11, 20)
    moved = later.also.answers["5.7"].action.due
    assert moved == date(2028, 2, 29)  # from 30 June 2026, twenty months on; a month's end
    assert northfield.also.answers["5.7"].action.due == date(2026, 6, 30)


def test_each_code_scores_on_its_own_and_lint_gives_the_housing_year(catalogue, northfield):
    hos = load_catalogue("hos-2024")
    seen = view(northfield, "hos-2024", bundled_equivalence("lgsco-2024", "hos-2024"))
    lgsco_band, hos_band = score(catalogue, northfield).overall, score(hos, seen).overall
    assert lgsco_band.score > hos_band.score  # housing asks more
    checks = {f.check for f in lint(hos, seen, as_of=ANCHOR)}
    assert {"housing-self-assessment-due", "carried-over"} <= checks
    assert "housing-homes-unknown" not in checks
