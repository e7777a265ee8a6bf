"""``code-check assessment new|list|show|import|export|delete`` on a throwaway workspace."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from code_check.assessment.files import load_assessment_file
from code_check.catalogue.files import load_catalogue
from code_check.cli import main
from code_check.store.workspace import Workspace

FORM = """\
Code section,Action,Compliant,Evidence,Explanations and commentary
1,Definitions,Yes,Policy s2,
2,Exclusions,Yes,Policy s3,
3,Accessibility,"Yes, with further development",Web page; Leaflet,Easy-read guide due
4,Resources,Yes,,
5,Process,Yes,,
6a,Stage 1,No,,Often late
6b,Stage 2,Partial,,
7,Remedies,Yes,,
8,Reporting,N/A,,
9,Scrutiny,,,
"""


@pytest.fixture
def workspace_path(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "workspace.sqlite3"
    monkeypatch.setenv("CODE_CHECK_WORKSPACE", str(path))
    return path


@pytest.fixture
def form(tmp_path) -> Path:
    path = tmp_path / "published.csv"
    path.write_text(FORM, encoding="utf-8")
    return path


def run_json(capsys, *argv: str):
    assert main([*argv, "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def import_form(capsys, form: Path, *extra: str) -> dict:
    return run_json(capsys, "assessment", "import", str(form), "--council", "Northtown",
                    "--authority-type", "district_council", "--date", "2026-01-15", *extra)


# new ------------------------------------------------------------------------------------------

def test_new_blank_assessment(workspace_path, capsys):
    made = run_json(capsys, "assessment", "new", "--council", "Northtown",
                    "--authority-type", "district_council", "--population", "90000",
                    "--assessor", "Ann Lee", "--date", "2026-04-01")
    assert made == {"id": 1, "council": "Northtown", "assessed_on": "2026-04-01",
                    "based_on": None, "carried_over": 0}
    shown = run_json(capsys, "assessment", "show", "1")
    assert shown["council_details"] == {"name": "Northtown", "authority_type": "district_council",
                                        "population": 90000, "landlord": False,
                                        "homes": None}
    assert shown["assessor"] == "Ann Lee" and shown["answers"] == 0
    assert shown["score"] == 0 and shown["band"] == "Not ready"


def test_new_from_previous_carries_answers_over_and_flags_them(workspace_path, form, capsys):
    imported = import_form(capsys, form)
    made = run_json(capsys, "assessment", "new", "--council", "northtown", "--from-previous",
                    "--date", "2026-04-15", "--assessor", "Ann Lee")
    assert made["based_on"] == imported["id"]
    with Workspace(workspace_path) as workspace:
        old, new = workspace.load(imported["id"]), workspace.load(made["id"])
        council = workspace.council("Northtown")
    assert made["carried_over"] == len(old.answers) > 0
    assert all(answer.carried_over for answer in new.answers.values())
    assert {rid: a.model_copy(update={"carried_over": False}) for rid, a in new.answers.items()} \
        == old.answers
    assert council.authority_type == "district_council"  # kept from the workspace
    shown = run_json(capsys, "assessment", "show", str(made["id"]))
    assert shown["carried_over"] == len(old.answers)
    assert shown["based_on"] == imported["id"]


def test_new_from_previous_without_an_earlier_assessment(workspace_path, capsys):
    assert main(["assessment", "new", "--council", "Nowhere", "--authority-type",
                 "london_borough", "--from-previous"]) == 1
    assert "Nowhere has no earlier assessment" in capsys.readouterr().err
    assert main(["assessment", "list", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


@pytest.mark.parametrize(("argv", "message"), [
    ([], "Northtown is not in the workspace yet: give --authority-type"),
    (["--authority-type", "parish"], "--authority-type: 'parish' is not an authority type"),
    (["--authority-type", "district_council", "--population", "0"],
     "--population: must be a whole number above 0"),
])
def test_new_refuses_bad_council_details(workspace_path, capsys, argv, message):
    assert main(["assessment", "new", "--council", "Northtown", *argv]) == 1
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1
    assert not workspace_path.exists()


# list and show --------------------------------------------------------------------------------

def test_list_is_newest_first_with_readiness(workspace_path, form, capsys):
    first = import_form(capsys, form)
    later = run_json(capsys, "assessment", "new", "--council", "Northtown", "--from-previous",
                     "--date", "2026-04-15")
    other = run_json(capsys, "assessment", "new", "--council", "Southvale",
                     "--authority-type", "unitary_council", "--date", "2026-02-01")
    listed = run_json(capsys, "assessment", "list")
    assert [row["id"] for row in listed] == [later["id"], other["id"], first["id"]]
    assert listed[0]["score"] == pytest.approx(first["score"])
    assert listed[0]["coverage"] < 100
    assert {row["band"] for row in listed} <= {"Partly ready", "Not ready", "Nearly ready"}
    only = run_json(capsys, "assessment", "list", "--council", "Southvale")
    assert [row["id"] for row in only] == [other["id"]]
    assert main(["assessment", "list"]) == 0
    table = capsys.readouterr().out
    assert "Northtown" in table and "Southvale" in table


def test_list_of_an_empty_workspace_says_how_to_start(workspace_path, capsys):
    assert main(["assessment", "list"]) == 0
    assert "No assessments" in capsys.readouterr().out


def test_show_as_a_table_and_an_unknown_assessment(workspace_path, form, capsys):
    import_form(capsys, form, "--assessor", "Ann Lee")
    assert main(["assessment", "show", "1"]) == 0
    out = capsys.readouterr().out
    assert "Northtown" in out and "Ann Lee" in out and "15 January 2026" in out
    assert main(["assessment", "show", "7"]) == 1
    assert capsys.readouterr().err == (
        f"code-check: {workspace_path}: no assessment 7 in the workspace\n")


# import ---------------------------------------------------------------------------------------

def test_import_into_the_workspace_scores_as_the_form_says(workspace_path, form, capsys):
    result = import_form(capsys, form, "--assessor", "Ann Lee")
    catalogue = load_catalogue()
    with Workspace(workspace_path) as workspace:
        assessment = workspace.load(result["id"])
        history = workspace.history(result["id"])
    assert assessment.status("6.1") == "not_met"
    assert assessment.status("6.x-s2-response") == "partly_met"
    assert assessment.status("6.21") == "not_met"
    assert assessment.status("8.1") == "not_applicable"
    assert "9.1" not in assessment.answers
    assert assessment.answer("3.1").evidence == ["Web page", "Leaflet"]
    assert assessment.answer("3.1").commentary == "Easy-read guide due"
    assert result["answers"] == len(assessment.answers)
    assert len(assessment.answers) == len(catalogue.requirements) - len(
        catalogue.in_template_row("9"))
    assert {change.author for change in history} == {"Ann Lee"}


def test_import_to_a_yaml_file_leaves_the_workspace_alone(workspace_path, form, tmp_path,
                                                          capsys):
    out = tmp_path / "northtown.yaml"
    result = import_form(capsys, form, "-o", str(out))
    assert result["id"] is None and result["file"] == str(out)
    assessment = load_assessment_file(out, load_catalogue())
    assert assessment.council.name == "Northtown"
    assert assessment.answer("1.1").via_row == "1"
    assert not workspace_path.exists()


def test_import_of_an_assessment_file(workspace_path, form, tmp_path, capsys):
    out = tmp_path / "northtown.yaml"
    import_form(capsys, form, "-o", str(out))
    result = run_json(capsys, "assessment", "import", str(out), "--assessor", "Bo Ray")
    with Workspace(workspace_path) as workspace:
        stored = workspace.load(result["id"])
    original = load_assessment_file(out)
    assert stored.answers == original.answers
    assert stored.assessor == "Bo Ray" and stored.council == original.council
    renamed = run_json(capsys, "assessment", "import", str(out), "--council", "Northtown Borough",
                       "--authority-type", "metropolitan_borough", "--population", "120000",
                       "--date", "2026-02-02")
    with Workspace(workspace_path) as workspace:
        moved = workspace.load(renamed["id"])
    assert moved.council.model_dump(mode="json") == {
        "name": "Northtown Borough", "authority_type": "metropolitan_borough",
        "population": 120000, "landlord": False, "homes": None}
    assert moved.assessed_on.isoformat() == "2026-02-02" and moved.answers == original.answers


def test_import_of_a_csv_needs_the_council(workspace_path, form, capsys):
    assert main(["assessment", "import", str(form)]) == 1
    assert "--council" in capsys.readouterr().err
    assert not workspace_path.exists()


def test_import_of_a_bad_assessment_file_writes_nothing(workspace_path, tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("council: {name: X, authority_type: district_council}\n"
                   "catalogue: lgsco-2024\nassessed_on: 2026-01-01\n"
                   "answers:\n  '1.1': {status: done}\n", encoding="utf-8")
    assert main(["assessment", "import", str(bad)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"code-check: {bad}:5") and err.count("\n") == 1
    assert not workspace_path.exists()


# export ---------------------------------------------------------------------------------------

def test_export_round_trips_without_loss(workspace_path, form, tmp_path, capsys):
    result = import_form(capsys, form, "--assessor", "Ann Lee")
    out = tmp_path / "export" / "northtown.yaml"
    assert main(["assessment", "export", str(result["id"]), "-o", str(out)]) == 0
    assert "Wrote assessment 1" in capsys.readouterr().out
    with Workspace(workspace_path) as workspace:
        stored = workspace.load(result["id"])
    assert load_assessment_file(out, load_catalogue()) == stored


def test_export_of_an_unknown_assessment(workspace_path, tmp_path, capsys):
    out = tmp_path / "x.yaml"
    assert main(["assessment", "export", "3", "-o", str(out)]) == 1
    assert "no assessment 3" in capsys.readouterr().err
    assert not out.exists()


# delete ---------------------------------------------------------------------------------------

class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_delete_without_a_terminal_needs_yes(workspace_path, form, capsys, monkeypatch):
    import_form(capsys, form)
    monkeypatch.setattr("sys.stdin", io.StringIO("y\n"))
    assert main(["assessment", "delete", "1"]) == 1
    err = capsys.readouterr().err
    assert err == ("code-check: deleting needs confirmation: run it in a terminal to be asked, "
                   "or add --yes\n")
    assert len(run_json(capsys, "assessment", "list")) == 1
    assert main(["assessment", "delete", "1", "--yes"]) == 0
    assert "Deleted assessment 1" in capsys.readouterr().out
    assert run_json(capsys, "assessment", "list") == []


@pytest.mark.parametrize(("reply", "deleted"), [("y\n", True), ("yes\n", True), ("n\n", False),
                                                ("\n", False), ("", False)])
def test_delete_asks_first_on_a_terminal(workspace_path, form, capsys, monkeypatch, reply,
                                         deleted):
    import_form(capsys, form)
    monkeypatch.setattr("sys.stdin", _Terminal(reply))
    code = main(["assessment", "delete", "1"])
    out = capsys.readouterr().out
    assert "Delete assessment 1 (Northtown, 15 January 2026" in out
    assert code == (0 if deleted else 1)
    assert len(run_json(capsys, "assessment", "list")) == (0 if deleted else 1)


def test_delete_of_an_unknown_assessment(workspace_path, capsys):
    assert main(["assessment", "delete", "4", "--yes"]) == 1
    assert "no assessment 4" in capsys.readouterr().err


def test_every_assessment_command_accepts_a_workspace(tmp_path, monkeypatch, form, capsys):
    monkeypatch.setenv("CODE_CHECK_WORKSPACE", str(tmp_path / "default.sqlite3"))
    chosen = tmp_path / "chosen.sqlite3"
    import_form(capsys, form, "--workspace", str(chosen))
    assert run_json(capsys, "assessment", "list", "--workspace", str(chosen))[0]["id"] == 1
    assert run_json(capsys, "assessment", "show", "1", "--workspace", str(chosen))["id"] == 1
    out = tmp_path / "a.yaml"
    assert main(["assessment", "export", "1", "-o", str(out), "--workspace", str(chosen)]) == 0
    capsys.readouterr()
    made = run_json(capsys, "assessment", "new", "--council", "Northtown", "--workspace",
                    str(chosen))
    assert main(["assessment", "delete", str(made["id"]), "--yes", "--workspace",
                 str(chosen)]) == 0
    assert not (tmp_path / "default.sqlite3").exists()
