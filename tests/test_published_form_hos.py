"""Importing the Housing Ombudsman's published form (one row per provision, answered Yes or No),
recognising it by its headings, finding a provision shown by its section, and refusing the
2020 and 2022 forms, numbered differently, in one line rather than mis-reading them."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
import yaml

from code_check.assessment.model import Council, Status
from code_check.assessment.published_form import form_catalogue, parse_published_form
from code_check.catalogue.files import load_catalogue
from code_check.errors import InputError

HOS_COLUMNS = ["Code provision", "Code requirement", "Comply: Yes/No", "Evidence",
               "Commentary / explanation"]
COUNCIL = Council(name="Northfield District Council", authority_type="district_council")


@pytest.fixture(scope="module")
def hos():
    return load_catalogue("hos-2024")


def parse(rows, catalogue):
    return parse_published_form(rows, catalogue, council=COUNCIL, assessed_on=date(2026, 3, 31),
                                source="form.csv")


def write_csv(path, rows):
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def test_a_hos_form_answers_its_provisions(hos):
    rows = [HOS_COLUMNS,
            ["Section 1 - Definition of a complaint", "", "", "", ""],
            ["1.2", "Complaint definition", "Yes", "Policy s2; Leaflet", ""],
            ["1.4", "Service requests", "Partial", "", ""],
            ["5.6", "Complaint definition at each stage", "No", "", "Being drafted"],
            ["5.4", "Third parties", "N/A", "", ""],
            ["6.2", "Stage 1 acknowledgement", "", "", ""]]
    assessment = parse(rows, hos)
    assert assessment.catalogue == "hos-2024"
    assert {rid: a.status for rid, a in assessment.answers.items()} == {
        "1.2": Status.MET, "1.4": Status.PARTLY_MET, "5.6": Status.NOT_MET,
        "5.4": Status.NOT_APPLICABLE}
    assert assessment.answer("1.2").evidence == ["Policy s2", "Leaflet"]
    assert assessment.answer("5.6").commentary == "Being drafted"


@pytest.mark.parametrize(("commentary", "status"), [
    ("Partly in place. Repairs letters do; lettings letters do not.", Status.PARTLY_MET),
    ("Partially compliant: training is under way", Status.PARTLY_MET),
    ("Not yet in place.", Status.NOT_MET),
    ("", Status.NOT_MET),
])
def test_a_no_explained_as_partly_in_place_is_partly_met(hos, commentary, status):
    rows = [HOS_COLUMNS, ["5.6", "Complaint definition", "No", "", commentary]]
    assert parse(rows, hos).status("5.6") is status


def test_a_provision_shown_by_its_section_is_found_by_its_requirement_text(hos, catalogue):
    unconfirmed = hos.requirement("5.7")
    assert not unconfirmed.verified
    rows = [HOS_COLUMNS, ["Section 5", f"  {unconfirmed.text.upper()} ", "Yes", "", ""]]
    assert parse(rows, hos).status("5.7") is Status.MET
    authority = catalogue.requirement("4.x-authority")
    lgsco = [["Code section", "What the Code expects", "Do we follow the Code?"],
             ["Section 4", authority.text, "No"], ["Section 4", "Anything else", "Yes"]]
    answers = parse(lgsco, catalogue).answers
    assert answers["4.x-authority"].status is Status.NOT_MET
    assert answers["4.x-authority"].via_row is None
    assert answers["4.1"].status is Status.MET and answers["4.1"].via_row == "4"


def test_a_section_answered_on_a_provision_form_is_refused(hos):
    rows = [HOS_COLUMNS, ["Section 5", "The complaint handling process", "Yes", "", ""]]
    with pytest.raises(InputError) as error:
        parse(rows, hos)
    assert str(error.value) == ("form.csv:2: Code provision: 'Section 5' names no provision "
                                "(the hos-2024 form has one row per provision, such as 1.1)")


OLD_2022_FORM = [
    ["Section 1 - Definition of a complaint"],
    ["Code section", "Code requirement", "Comply: yes/no",
     "Evidence, commentary and any explanations"],
    ["Mandatory 'must' requirements", "", "", ""],
    ["1.2", "A complaint must be defined as ...", "Yes", "Complaints leaflet"],
    ["Best practice ‘should’ requirements", "", "", ""],
    ["1.4", "Landlords should recognise ...", "Yes", ""],
]


@pytest.mark.parametrize(("rows", "expected"), [
    (OLD_2022_FORM, "form.csv:3: \"Mandatory 'must' requirements\" splits the form into "
                    "\"must\" and \"should\" rows, as the Housing Ombudsman's 2020 and 2022 "
                    "forms did"),
    ([["Code section", "Code requirement", "Comply: yes/no", "Evidence"],
      ["Section 5 - Complaint stages - Stage 1", "", "", ""],
      ["5.1", "Respond within 10 working days of logging", "Yes", ""]],
     "form.csv:2: 'Section 5 - Complaint stages - Stage 1' puts the complaint stages in "
     "section 5 (in hos-2024 section 5 is 'The complaint handling process'), as the Housing "
     "Ombudsman's 2020 and 2022 forms did"),
    ([["Code section", "Code requirement", "Comply: yes/no", "Evidence"],
      ["1.2", "A complaint must be defined as ...", "Yes", ""],
      ["Should", "", "", ""]],
     "form.csv:3: 'Should' splits the form"),
], ids=["must and should rows", "stages in section 5", "a bare should"])
def test_an_older_hos_form_is_refused_naming_the_row_that_shows_it(hos, rows, expected):
    with pytest.raises(InputError) as error:
        parse(rows, hos)
    message = str(error.value)
    assert message.startswith(expected)
    assert message.endswith("copy the answers into the current form (one row per provision) "
                            "and import that")
    assert "\n" not in message


def test_an_older_form_is_refused_on_the_command_line_in_one_line(tmp_path, run_cli):
    path = write_csv(tmp_path / "hos-2022.csv", OLD_2022_FORM)
    for catalogue in (["--catalogue", "hos-2024"], []):
        status, out, err = run_cli("assessment", "import", path, "--council", "Northfield",
                                   "--authority-type", "district_council", *catalogue)
        assert status == 1 and out == ""
        assert err.count("\n") == 1 and "Traceback" not in err
        assert "hos-2022.csv:3: \"Mandatory 'must' requirements\" splits the form" in err


def test_the_lgsco_stages_heading_is_not_taken_for_an_older_form(catalogue):
    rows = [["Code section", "Compliant"], ["6 Complaints stages - Stage 1", "Yes"]]
    assert parse(rows, catalogue).status("6.2") is Status.MET


def test_a_form_under_another_codes_headings_is_read_as_that_code(hos, catalogue):
    lgsco_form = [["Council", "Northfield"], list(catalogue.published_form.columns), ["1", "Yes"]]
    assert form_catalogue([[], HOS_COLUMNS], catalogue, [catalogue, hos]) is hos
    assert form_catalogue([[" code PROVISION", *HOS_COLUMNS[1:], ""]], catalogue,
                          [catalogue, hos]) is hos
    assert form_catalogue(lgsco_form, hos, [catalogue, hos]) is catalogue
    assert form_catalogue([HOS_COLUMNS[:3]], catalogue, [catalogue, hos]) is catalogue
    assert form_catalogue([HOS_COLUMNS], catalogue, [catalogue]) is catalogue


def test_importing_a_hos_form_without_naming_the_code_reads_it_as_hos(tmp_path, run_cli):
    path = write_csv(tmp_path / "form.csv", [HOS_COLUMNS, ["5.8", "Fairness", "Yes", "", ""],
                                             ["1.2", "Definition", "No", "", ""]])
    out_file = tmp_path / "out.yaml"
    status, _, err = run_cli("assessment", "import", path, "--council", "Northfield",
                             "--authority-type", "district_council", "-o", out_file)
    assert status == 0, err
    saved = yaml.safe_load(out_file.read_text(encoding="utf-8"))
    assert saved["catalogue"] == "hos-2024"
    assert {rid: a["status"] for rid, a in saved["answers"].items()} == {
        "1.2": "not_met", "5.8": "met"}
