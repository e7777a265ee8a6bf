"""The command line for councils that answer two Codes (issue 14): assessment new --codes,
assessment extend, and score, lint, compare and report under --catalogue or side by side."""

from __future__ import annotations

import json

import pytest

from code_check.assessment.codes import seed_second_code
from code_check.assessment.files import dump_assessment_yaml, load_assessment_for
from code_check.assessment.model import Answer, Status
from code_check.store.workspace import Workspace
from tests.assessment import dual
from tests.assessment.dual import FIRST, SECOND, answers, first_only

NEW = ("assessment", "new", "--council", "Northfield District Council", "--authority-type",
       "district_council", "--date", "2026-03-31")


@pytest.fixture
def rules(tmp_path):
    return dual.write_rules(tmp_path / "rules")


@pytest.fixture
def files(tmp_path):
    """The worked example: the first Code alone, and then both with 2.3 of its own met."""
    given = first_only(answers(_1_1="met", _1_2="partly_met", _1_3="not_met", _2_1="met"))
    both = seed_second_code(given, dual.second(), dual.equivalence())
    both = both.model_copy(update={"also": both.also.model_copy(update={"answers": {
        **both.also.answers, "2.3": Answer(status=Status.MET)}})})
    paths = {"first": tmp_path / "first.yaml", "both": tmp_path / "both.yaml"}
    paths["first"].write_text(dump_assessment_yaml(given, dual.first()))
    paths["both"].write_text(dump_assessment_yaml(both, dual.first(), dual.second()))
    return paths


def json_of(run_cli, *argv):
    status, out, err = run_cli(*argv, "--format", "json")
    assert status == 0, err
    return json.loads(out)


def test_both_codes_are_started_together_and_the_homes_kept(run_cli):
    made = json_of(run_cli, *NEW, "--codes", "both", "--homes", "4200")
    listed = json_of(run_cli, "assessment", "list")
    assert listed[0]["catalogues"] == ["lgsco-2024", "hos-2024"]
    with Workspace() as workspace:
        council = workspace.load(made["id"]).council
    assert (council.homes, council.landlord) == (4200, True)


def test_the_housing_code_alone(run_cli):
    json_of(run_cli, *NEW, "--codes", "hos")
    assert json_of(run_cli, "assessment", "list")[0]["catalogues"] == ["hos-2024"]


def test_an_lgsco_only_list_keeps_its_catalogue_and_says_it_once(run_cli):
    json_of(run_cli, *NEW)
    record = json_of(run_cli, "assessment", "list")[0]
    assert (record["catalogue"], record["catalogues"]) == ("lgsco-2024", ["lgsco-2024"])


def test_homes_are_asked_for_once_when_the_housing_code_is_answered(run_cli):
    status, out, _ = run_cli(*NEW, "--codes", "both")
    assert status == 0 and "give it once with --homes N" in " ".join(out.split())
    status, out, _ = run_cli(*NEW, "--homes", "950", "--codes", "hos")
    assert status == 0 and "--homes" not in out


@pytest.mark.parametrize(("argv", "error"), [
    (("--codes", "both", "--catalogue", "lgsco-2024"),
     "code-check: --codes: give --codes or --catalogue, not both\n"),
    (("--homes", "-1"),
     "code-check: --homes: must be a whole number from 0 to 10,000,000\n"),
])
def test_mistakes_are_one_line(run_cli, argv, error):
    status, _, err = run_cli(*NEW, *argv)
    assert (status, err) == (1, error)


def test_extending_seeds_the_second_code_from_the_shared_answers(run_cli, rules, files):
    imported = json_of(run_cli, "assessment", "import", files["first"], "--rules", rules)
    extended = json_of(run_cli, "assessment", "extend", str(imported["id"]), "--with", SECOND,
                       "--homes", "4200", "--rules", rules)
    assert extended == {"id": imported["id"], "catalogues": [FIRST, SECOND],
                        "answered_once": 2, "carried_over": 2, "to_answer": 1}
    with Workspace() as workspace:
        stored = workspace.load(imported["id"])
    assert stored.also.answers["1.2"] == Answer(status=Status.NOT_MET, carried_over=True)
    assert stored.council.homes == 4200


def test_score_shows_each_code_and_keeps_the_first_codes_keys(run_cli, rules, files):
    result = json_of(run_cli, "score", files["both"], "--rules", rules)
    assert result["catalogue"] == FIRST and result["overall"]["score"] == 75.0
    assert set(result["codes"]) == {FIRST, SECOND}
    assert round(result["codes"][SECOND]["overall"]["score"], 2) == 77.78  # 7 of 9
    status, out, _ = run_cli("score", files["both"], "--rules", rules)
    assert status == 0 and "Readiness under each Code" in out
    assert "75.0%, Nearly ready" in out and "77.8%, Nearly ready" in out
    named = [f"{dual.first().initials} Code", f"{dual.second().initials} Code"]
    assert all(name in out for name in named) and FIRST not in out.split("Sections and gaps")[0]


def test_score_under_one_code_is_the_plain_score(run_cli, rules, files):
    second = json_of(run_cli, "score", files["both"], "--catalogue", SECOND, "--rules", rules)
    assert second["catalogue"] == SECOND and "codes" not in second
    assert second["overall"]["musts_blocking"] == ["1.2"]
    derived = json_of(run_cli, "score", files["first"], "--catalogue", SECOND, "--rules", rules)
    assert (derived["overall"]["earned"], derived["overall"]["possible"]) == (6, 9)


def test_lint_names_the_code_of_each_finding_of_a_dual_assessment(run_cli, rules, files):
    both = json_of(run_cli, "lint", files["both"], "--rules", rules, "--as-of", "2026-06-01")
    assert {finding["catalogue"] for finding in both} == {FIRST, SECOND}
    one = json_of(run_cli, "lint", files["both"], "--catalogue", FIRST, "--rules", rules,
                  "--as-of", "2026-06-01")
    assert one and all("catalogue" not in finding for finding in one)


def test_compare_sees_an_older_first_code_assessment_through_the_map(run_cli, rules, files):
    result = json_of(run_cli, "compare", files["first"], files["both"], "--catalogue", SECOND,
                     "--rules", rules)
    assert result["old"]["earned"] == 6 and result["new"]["earned"] == 7
    assert [(c["id"], c["old_status"], c["new_status"]) for c in result["changes"]] == [
        ("2.3", "not_assessed", "met")]


def test_a_report_under_one_code_gives_the_others_readiness_on_page_1(run_cli, rules, files,
                                                                      tmp_path):
    out = tmp_path / "report.md"
    status, _, err = run_cli("report", files["both"], "--format", "md", "-o", out,
                             "--rules", rules)
    assert status == 0, err
    assert (f"The same assessment under the Test Ombudsman's The {SECOND} ({SECOND}): "
            "readiness 77.8%, Nearly ready.") in out.read_text()
    status, _, err = run_cli("report", files["both"], "--format", "md", "-o", out,
                             "--catalogue", SECOND, "--rules", rules)
    assert status == 0, err
    assert f"The same assessment under the Test Ombudsman's The {FIRST} ({FIRST}): " \
        "readiness 75.0%, Nearly ready." in out.read_text()


def test_a_code_the_assessment_cannot_be_seen_under_is_one_line(run_cli, rules, files):
    status, _, err = run_cli("score", files["both"], "--catalogue", "hos-2024", "--rules", rules)
    assert status == 1 and err.count("\n") == 1
    assert "no catalogue with id 'hos-2024'" in err


def test_a_dual_assessment_exports_and_imports_whole(run_cli, rules, files, tmp_path):
    imported = json_of(run_cli, "assessment", "import", files["both"], "--rules", rules)
    out = tmp_path / "exported.yaml"
    status, _, err = run_cli("assessment", "export", str(imported["id"]), "-o", out,
                             "--rules", rules)
    assert status == 0, err
    catalogues = {FIRST: dual.first(), SECOND: dual.second()}
    map_for = lambda *_: dual.equivalence()  # noqa: E731
    assert load_assessment_for(out, catalogues, map_for)[0] == load_assessment_for(
        files["both"], catalogues, map_for)[0]


def test_a_housing_ombudsman_form_imports_under_its_own_catalogue(run_cli, tmp_path):
    from code_check.demo import housing_demo_assessment
    from code_check.demo.dating import ANCHOR

    demo = tmp_path / "northfield.yaml"
    demo.write_text(dump_assessment_yaml(housing_demo_assessment(today=ANCHOR)))
    form = tmp_path / "hos-form.csv"
    status, _, err = run_cli("report", demo, "--format", "template", "--catalogue", "hos-2024",
                             "-o", form)
    assert status == 0, err
    imported = json_of(run_cli, "assessment", "import", form, "--catalogue", "hos-2024",
                       "--council", "Northfield District Council", "--authority-type",
                       "district_council", "--homes", "4200")
    record = json_of(run_cli, "assessment", "show", str(imported["id"]))
    assert record["catalogues"] == ["hos-2024"]
    assert record["council_details"]["homes"] == 4200
    assert imported["answers"] == 69  # every HOS provision the demo answers, one a row
