"""``code-check learning`` and ``code-check decisions``, and what lint says of the registers."""

from __future__ import annotations

import json
from datetime import date

import pytest

from code_check.assessment.model import Assessment, AuthorityType, Council
from code_check.registers.files import columns
from code_check.registers.model import Decision, LearningEntry, OmbudsmanDecision
from code_check.store.registers import RegistersStore
from code_check.store.workspace import Workspace
from tests.registers.samples import COUNCIL, decision, learning

LEARNING_OPTIONS = ("--council", COUNCIL, "--learned", "Letters were hard to follow",
                    "--complaint", "EBC-2505-014", "--complaint", "EBC-2506-031",
                    "--service", "Council tax", "--changed", "Letters rewritten in plain English",
                    "--changed-on", "14/11/2025", "--owner", "Revenues Manager",
                    "--provision", "9.1", "--provision", "9.3")
DECISION_OPTIONS = ("--council", COUNCIL, "--ombudsman", "lgsco", "--reference", "24 001 234",
                    "--decided-on", "2025-06-10", "--decision", "Upheld: fault and injustice",
                    "--complaint-handling-fault", "--remedy", "Apologise and pay £150",
                    "--remedy-due", "2025-07-10")


@pytest.fixture
def workspace(tmp_path):
    return tmp_path / "workspace.sqlite3"


def json_of(run_cli, *argv):
    status, out, err = run_cli(*argv, "--format", "json")
    assert status == 0, err
    return json.loads(out)


def test_an_entry_added_is_listed_with_its_number_and_year(run_cli, workspace):
    added = json_of(run_cli, "learning", "add", *LEARNING_OPTIONS, "--workspace", workspace)
    assert added["id"] == 1 and added["year"] == "2025-26"
    listed = json_of(run_cli, "learning", "list", "--workspace", workspace)
    assert listed == [added]
    assert listed[0]["complaints"] == ["EBC-2505-014", "EBC-2506-031"]
    assert listed[0]["changed_on"] == "2025-11-14" and listed[0]["provisions"] == ["9.1", "9.3"]
    status, out, _ = run_cli("learning", "add", *LEARNING_OPTIONS, "--workspace", workspace)
    assert status == 0 and out.startswith("Added learning entry No. 2 for Example Borough "
                                          "Council (2025-26).")


def test_a_decision_is_added_in_the_ombudsmans_words(run_cli, workspace):
    added = json_of(run_cli, "decisions", "add", *DECISION_OPTIONS, "--report",
                    "public interest report", "--workspace", workspace)
    assert (added["decision"], added["remedy_complied"], added["report"]) == (
        "upheld_fault_and_injustice", "pending", "public_interest_report")
    assert added["complaint_handling_fault"] is True


@pytest.mark.parametrize(("change", "message"), [
    (("--owner", "jane.officer@example.gov.uk"), "--owner: looks like an email address"),
    (("--complaint", "call 07700 900123"), "--complaint: looks like a telephone number"),
    (("--provision", "9.99"), "--provision: '9.99' is not a provision of the Code "
     "(hos-2024 or lgsco-2024)"),
    (("--changed-on", "31/02/2026"), "--changed-on: '31/02/2026' is not a real date"),
])
def test_a_bad_option_is_one_line_naming_it(run_cli, workspace, change, message):
    status, out, err = run_cli("learning", "add", *LEARNING_OPTIONS, *change,
                               "--workspace", workspace)
    assert (status, out) == (1, "") and err.startswith(f"code-check: {message}")
    assert len(err.splitlines()) == 1
    with Workspace(workspace) as held:
        assert RegistersStore(held).learning() == []


def test_a_decision_of_the_other_ombudsman_and_a_case_held_already_are_refused(run_cli,
                                                                              workspace):
    status, _, err = run_cli("decisions", "add", *DECISION_OPTIONS, "--ombudsman", "hos",
                             "--workspace", workspace)
    assert status == 1 and err.startswith("code-check: --decision: 'upheld: fault and "
                                          "injustice' is not a decision the Housing Ombudsman")
    assert run_cli("decisions", "add", *DECISION_OPTIONS, "--workspace", workspace)[0] == 0
    status, _, err = run_cli("decisions", "add", *DECISION_OPTIONS, "--workspace", workspace)
    assert status == 1 and "case 24 001 234 is already in the register as No. 1" in err


def fill(workspace):
    with Workspace(workspace) as held:
        store = RegistersStore(held)
        for entry in (learning(changed_on=date(2025, 5, 1)), learning(changed_on=date(2026, 4, 2)),
                      learning(council="Northfield District Council"),
                      decision(remedy_complied="pending"),
                      decision(reference="24 009 876", decided_on=date(2026, 3, 1),
                               remedy_due=date(2026, 4, 15), remedy_complied="yes",
                               complaint_handling_fault=False),
                      decision(reference="HOS-1", ombudsman="hos", decision="service failure",
                               remedy=None, remedy_due=None, remedy_complied=None)):
            store.add(entry)


def test_lists_are_filtered_by_council_and_financial_year(run_cli, workspace):
    fill(workspace)
    ours = json_of(run_cli, "learning", "list", "--council", "example borough council",
                   "--workspace", workspace)
    assert [entry["changed_on"] for entry in ours] == ["2025-05-01", "2026-04-02"]
    in_year = json_of(run_cli, "learning", "list", "--year", "2025/26", "--workspace", workspace)
    assert {entry["council"] for entry in in_year} == {COUNCIL, "Northfield District Council"}
    status, _, err = run_cli("learning", "list", "--year", "2025", "--workspace", workspace)
    assert status == 1 and err.startswith("code-check: --year: expected a financial year")


def test_the_list_of_decisions_marks_overdue_remedies_and_gives_the_compliance_figure(
        run_cli, workspace):
    fill(workspace)
    status, out, _ = run_cli("decisions", "list", "--year", "2025-26", "--as-of", "2025-08-01",
                             "--workspace", workspace)
    text = " ".join(out.split())
    assert status == 0 and "Ombudsman decisions in 2025-26 (3)" in text
    assert "(overdue)" in text and "24 009 876" in text and "HOS-1" in text
    assert ("Example Borough Council, 2025-26: remedies due 1, complied with 0 (0.0%), 1 "
            "pending; findings of fault in complaint handling: 2.") in text
    assert "Example Borough Council, 2026-27" not in text


def test_an_empty_register_says_how_to_fill_it(run_cli, workspace):
    status, out, _ = run_cli("decisions", "list", "--council", "Nowhere", "--workspace",
                             workspace)
    assert status == 0 and "No Ombudsman decisions for Nowhere" in " ".join(out.split())


@pytest.mark.parametrize("suffix", [".csv", ".yaml"])
def test_an_exported_register_imports_into_another_workspace_unchanged(run_cli, workspace,
                                                                       tmp_path, suffix):
    fill(workspace)
    for register, words in (("learning", "learning entries"),
                            ("decisions", "Ombudsman decisions")):
        path = tmp_path / f"{register}{suffix}"
        status, out, _ = run_cli(register, "export", "-o", path, "--workspace", workspace)
        assert status == 0 and out.startswith(f"Wrote 3 {words} to ")
        other = tmp_path / f"other-{register}.sqlite3"
        assert json_of(run_cli, register, "import", path, "--workspace", other) == {
            "workspace": str(other), "added": 3, "changed": 0, "unchanged": 0}
        assert without_numbers(json_of(run_cli, register, "list", "--workspace", other)) == \
            without_numbers(json_of(run_cli, register, "list", "--workspace", workspace))
        again = json_of(run_cli, register, "import", path, "--workspace", other)
        assert (again["added"], again["unchanged"]) == (0, 3)


def without_numbers(entries):
    return [{key: value for key, value in entry.items() if key != "id"} for entry in entries]


def test_importing_a_case_again_changes_the_entry_held(run_cli, workspace, tmp_path):
    fill(workspace)
    path = tmp_path / "decisions.csv"
    run_cli("decisions", "export", "-o", path, "--council", COUNCIL, "--year", "2025-26",
            "--workspace", workspace)
    path.write_text(path.read_text().replace("pending", "complied with"))
    status, out, _ = run_cli("decisions", "import", path, "--workspace", workspace)
    assert status == 0 and " ".join(out.split()).endswith(
        "0 added, 1 changed (cases held under the same reference), 2 already held.")
    held = json_of(run_cli, "decisions", "list", "--workspace", workspace)
    assert [entry["remedy_complied"] for entry in held][:1] == ["yes"]


def test_an_empty_export_is_the_columns_to_fill_in(run_cli, workspace, tmp_path):
    path = tmp_path / "learning.csv"
    status, out, _ = run_cli("learning", "export", "-o", path, "--workspace", workspace)
    assert status == 0 and "no entries: the columns alone, to fill in" in out
    assert path.read_text().strip() == ",".join(columns(LearningEntry))


def test_a_bad_import_is_one_line_and_changes_nothing(run_cli, workspace, tmp_path):
    path = tmp_path / "learning.csv"
    path.write_text("council,learned,service,changed,changed_on,owner,provisions\n"
                    "A,a,s,c,2025-06-01,Repairs Manager,9.1\n"
                    "A,a,s,c,2025-06-02,Repairs Manager,4.99\n")
    status, _, err = run_cli("learning", "import", path, "--workspace", workspace)
    assert status == 1 and err == (f"code-check: {path}:3: provisions: '4.99' is not a "
                                   "provision of the Code (hos-2024 or lgsco-2024)\n")
    with Workspace(workspace) as held:
        assert RegistersStore(held).learning() == []


def test_the_audit_trail_names_who_added_an_entry(run_cli, workspace, monkeypatch):
    monkeypatch.setenv("CODE_CHECK_SERVED_AUTHOR", "Sam Patel")
    run_cli("decisions", "add", *DECISION_OPTIONS, "--workspace", workspace)
    with Workspace(workspace) as held:
        assert [c.author for c in RegistersStore(held).changes(OmbudsmanDecision)] == [
            "Sam Patel"]


def test_the_help_lists_every_decision_in_words_and_every_column(run_cli, capsys):
    with pytest.raises(SystemExit):
        run_cli("decisions", "add", "--help")
    words = " ".join(capsys.readouterr().out.split())
    assert all(decision.label in words for decision in Decision)
    with pytest.raises(SystemExit):
        run_cli("learning", "import", "--help")
    lines = capsys.readouterr().out.split("columns (", 1)[1].splitlines()[1:]
    assert [line.split(":")[0].strip() for line in lines] == [
        name for name in columns(LearningEntry) if name != "year"]
    assert "complaints: a complaint it came from: a reference, not a name; several" in lines[2]


# lint -----------------------------------------------------------------------------------------

def test_lint_on_a_workspace_assessment_reports_its_councils_registers(run_cli, workspace,
                                                                      catalogue, tmp_path):
    fill(workspace)
    assessment = Assessment(council=Council(name=COUNCIL,
                                            authority_type=AuthorityType.LONDON_BOROUGH),
                            catalogue="lgsco-2024", assessed_on=date(2026, 3, 31))
    with Workspace(workspace) as held:
        number = held.add_assessment(assessment, catalogue)
    found = json_of(run_cli, "lint", str(number), "--as-of", "2028-05-01", "--workspace",
                    workspace)
    checks = [(f["check"], f["message"].split(" (")[0]) for f in found
              if f["check"] in ("ombudsman-remedy-overdue", "learning-year-empty")]
    assert checks == [
        ("ombudsman-remedy-overdue", "the Local Government and Social Care Ombudsman's remedy "
         "in case 24 001 234 was due on 10 July 2025 and is not recorded as complied with as "
         "at 1 May 2028: Apologise and pay £150 for the distress caused."),
        ("learning-year-empty", "no learning from complaints is recorded for 2027-28"),
    ]
    status, out, _ = run_cli("lint", str(number), "--as-of", "2028-05-01", "--workspace",
                             workspace)
    assert status == 0 and "ombudsman-remedy-overdue" not in out and "24 001 234" in out
    path = tmp_path / "assessment.yaml"
    path.write_text(f"council: {{name: {COUNCIL}, authority_type: london_borough}}\n"
                    "catalogue: lgsco-2024\nassessed_on: 2026-03-31\n")
    from_file = json_of(run_cli, "lint", path, "--as-of", "2028-05-01", "--workspace", workspace)
    assert not [f for f in from_file if f["check"].startswith(("learning", "ombudsman"))]
