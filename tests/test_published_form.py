"""Importing the self-assessment councils publish (CSV), both the LGSCO and the Housing
Ombudsman forms, and every way such a file can be wrong."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest

from code_check.assessment.model import Council, Status
from code_check.assessment.published_form import parse_published_form, read_published_form
from code_check.assessment.scoring import score
from code_check.cli import main
from code_check.errors import InputError

LGSCO_HEADER = ["Code section", "Action", "Do we follow the Code", "Evidence",
                "Explanations and commentary"]
COUNCIL = Council(name="Northtown District Council", authority_type="district_council")


@pytest.fixture(autouse=True)
def workspace_in_tmp_path(tmp_path, monkeypatch):
    """The default workspace beside the test's files, so a test can see it was not created."""
    monkeypatch.setenv("CODE_CHECK_WORKSPACE", str(tmp_path / "workspace.sqlite3"))


def council_form(**answers: str) -> list[list[str]]:
    """An LGSCO form as a council publishes it; every row Yes unless given (keys: row ids)."""
    cells = {"1": "1", "2": "Section 2 - Exclusions", "3": "3", "4": "4", "5": "5",
             "6a": "6 Complaints stages - Stage 1", "6b": "Stage 2", "7": "7", "8": "8",
             "9": "9"}
    return [list(LGSCO_HEADER)] + [
        [cell, "What the Code expects", answers.get(row, "Yes"), f"Evidence for {row}", ""]
        for row, cell in cells.items()
    ]


def parse(rows, catalogue, source="form.csv"):
    return parse_published_form(rows, catalogue, council=COUNCIL, assessed_on=date(2026, 3, 31),
                                source=source)


def write_csv(path: Path, rows, encoding="utf-8", delimiter=",") -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def ids_in(catalogue, *rows: str) -> set[str]:
    return {r.id for row in rows for r in catalogue.in_template_row(row)}


# a council's section-level form ---------------------------------------------------------------

def test_no_on_both_stages_makes_every_stage_provision_a_gap(catalogue):
    assessment = parse(council_form(**{"6a": "No", "6b": "No"}), catalogue)
    result = score(catalogue, assessment)
    stage_ids = ids_in(catalogue, "6a", "6b")
    assert {gap.id for gap in result.gaps} == stage_ids
    assert all(gap.status == "not_met" for gap in result.gaps)
    must_weight = sum(r.obligation == "must" for r in catalogue.requirements)
    possible = len(catalogue.requirements) + must_weight
    assert result.overall.score == pytest.approx(100 * (possible - len(stage_ids)) / possible)


def test_a_row_answer_covers_every_requirement_of_the_row_and_says_so(catalogue):
    assessment = parse(council_form(**{"3": "Partial"}), catalogue)
    for requirement in catalogue.in_template_row("3"):
        answer = assessment.answer(requirement.id)
        assert answer.status is Status.PARTLY_MET
        assert answer.via_row == "3"
        assert answer.evidence == ["Evidence for 3"]
    assert len(assessment.answers) == len(catalogue.requirements)


@pytest.mark.parametrize(("stage1", "stage2", "expected"), [
    ("Yes", "Partial", Status.PARTLY_MET),
    ("No", "Yes", Status.NOT_MET),
    ("N/A", "Yes", Status.MET),
    ("", "Partial", Status.PARTLY_MET),
])
def test_a_provision_in_two_rows_takes_the_worse_answer(catalogue, stage1, stage2, expected):
    assert catalogue.requirement("6.21").template_rows == ["6a", "6b"]
    assessment = parse(council_form(**{"6a": stage1, "6b": stage2}), catalogue)
    assert assessment.status("6.21") is expected


@pytest.mark.parametrize(("cell", "status"), [
    ("Yes", Status.MET), ("yes", Status.MET), ("No", Status.NOT_MET), ("NO.", Status.NOT_MET),
    ("Partial", Status.PARTLY_MET), ("Partly", Status.PARTLY_MET),
    ("Partially", Status.PARTLY_MET), ("Yes, with further development", Status.PARTLY_MET),
    ("Yes with some exceptions", Status.PARTLY_MET), ("N/A", Status.NOT_APPLICABLE),
    ("n/a", Status.NOT_APPLICABLE), ("", None),
])
def test_answers_in_the_words_councils_use(catalogue, cell, status):
    assessment = parse(council_form(**{"7": cell}), catalogue)
    assert assessment.status("7.1") is status


def test_an_empty_answer_row_leaves_its_requirements_not_assessed(catalogue):
    rows = council_form()
    rows[9][2:] = ["", "", ""]  # row 8, nothing filled in
    assessment = parse(rows, catalogue)
    assert all(r.id not in assessment.answers for r in catalogue.in_template_row("8"))


@pytest.mark.parametrize("header", [
    "Do we follow the Code", "Compliant", "Comply: Yes/No", "COMPLIANT?", "Are we compliant",
    "  do we FOLLOW the code  ",
])
def test_answer_header_variants(catalogue, header):
    rows = council_form(**{"1": "No"})
    rows[0][2] = header
    assert parse(rows, catalogue).status("1.1") is Status.NOT_MET


@pytest.mark.parametrize(("evidence_header", "commentary_header"), [
    ("Evidence", "Explanations and commentary"),
    ("Evidence (documents)", "Commentary / explanation"),
    ("EVIDENCE", "Comments"),
    ("Supporting evidence", "Explanation"),
])
def test_evidence_and_commentary_header_variants(catalogue, evidence_header, commentary_header):
    rows = [["Section", "Compliant", evidence_header, commentary_header],
            ["1", "Yes", "Policy s2; Web page\nTraining slides", "  Reviewed in March  "]]
    answer = parse(rows, catalogue).answer("1.1")
    assert answer.evidence == ["Policy s2", "Web page", "Training slides"]
    assert answer.commentary == "Reviewed in March"


def test_evidence_and_commentary_columns_are_optional(catalogue):
    answer = parse([["Section", "Compliant"], ["2", "Yes"]], catalogue).answer("2.1")
    assert answer.status is Status.MET and answer.evidence == [] and answer.commentary is None


@pytest.mark.parametrize(("cell", "rows"), [
    ("1", {"1"}), ("1.", {"1"}), ("Section 1 - Definition of a service request", {"1"}),
    ("section 9: Scrutiny & oversight", {"9"}), ("6a", {"6a"}), ("6B", {"6b"}),
    ("6 (a)", {"6a"}), ("6 b - Stage 2", {"6b"}), ("6 Complaints stages - Stage 1", {"6a"}),
    ("Section 6 - Complaints stages: stage two", {"6b"}), ("Stage 1", {"6a"}),
    ("Stage 2", {"6b"}), ("6", {"6a", "6b"}), ("6 Complaints stages", {"6a", "6b"}),
    ("3 A fair and accessible process", {"3"}),
])
def test_section_cells_in_the_forms_councils_write_them(catalogue, cell, rows):
    assessment = parse([["Code section", "Compliant"], [cell, "No"]], catalogue)
    assert set(assessment.answers) == ids_in(catalogue, *rows)
    assert {answer.via_row for answer in assessment.answers.values()} <= rows


def test_a_heading_row_above_the_two_stages_answers_nothing(catalogue):
    rows = [["Code section", "Compliant"], ["5", "Yes"], ["6 Complaints stages", ""],
            ["Stage 1", "Yes"], ["Stage 2", "No"]]
    assessment = parse(rows, catalogue)
    assert assessment.status("6.2") is Status.MET
    assert assessment.status("6.x-s2-response") is Status.NOT_MET


# the Housing Ombudsman's provision-level form ----------------------------------------------

def test_provision_level_form(catalogue):
    rows = [["Code provision", "Code requirement", "Comply: Yes/No", "Evidence",
             "Commentary / explanation"],
            ["5.4", "Fair investigation", "Yes", "Investigation guide s2", ""],
            ["6.x-s2-acknowledge", "Stage 2 acknowledgement", "No", "",
             "Often late in winter"],
            ["3.1", "Accessibility", "Partial", "", ""]]
    assessment = parse(rows, catalogue)
    assert set(assessment.answers) == {"3.1", "5.4", "6.x-s2-acknowledge"}
    assert assessment.answer("5.4").evidence == ["Investigation guide s2"]
    assert assessment.answer("5.4").via_row is None
    assert assessment.answer("6.x-s2-acknowledge").commentary == "Often late in winter"
    assert list(assessment.answers) == ["3.1", "5.4", "6.x-s2-acknowledge"]  # Code order


def test_a_provision_row_overrides_its_section_row(catalogue):
    rows = council_form(**{"5": "Yes"}) + [["5.4", "", "No", "", "Not yet"]]
    assessment = parse(rows, catalogue)
    assert assessment.status("5.4") is Status.NOT_MET
    assert assessment.answer("5.4").via_row is None
    assert assessment.status("5.3") is Status.MET


def test_reading_a_file_with_a_byte_order_mark(tmp_path, catalogue):
    path = write_csv(tmp_path / "form.csv", council_form(**{"4": "No"}), encoding="utf-8-sig")
    assessment = read_published_form(path, catalogue, council=COUNCIL,
                                      assessed_on=date(2026, 3, 31))
    assert assessment.status("4.1") is Status.NOT_MET


def test_reading_an_excel_windows_csv(tmp_path, catalogue):
    rows = council_form()
    rows[1][3] = "Budget £12,000 – see the council’s plan"
    path = write_csv(tmp_path / "form.csv", rows, encoding="cp1252")
    assessment = read_published_form(path, catalogue, council=COUNCIL,
                                      assessed_on=date(2026, 3, 31))
    assert assessment.answer("1.1").evidence == ["Budget £12,000 – see the council’s plan"]


@pytest.mark.parametrize(("encoding", "delimiter"), [("utf-16", "\t"), ("utf-16", ","),
                                                    ("utf-32", ",")])
def test_reading_utf16_as_excel_saves_unicode_text_and_utf32(
        tmp_path, catalogue, encoding, delimiter):
    rows = council_form(**{"4": "No"})
    rows[1][3] = "Budget £12,000 – see the council’s plan"
    path = write_csv(tmp_path / "form.csv", rows, encoding=encoding, delimiter=delimiter)
    assessment = read_published_form(path, catalogue, council=COUNCIL,
                                      assessed_on=date(2026, 3, 31))
    assert assessment.status("4.1") is Status.NOT_MET
    assert assessment.answer("1.1").evidence == ["Budget £12,000 – see the council’s plan"]


def test_reading_a_semicolon_separated_csv(tmp_path, catalogue):
    path = tmp_path / "form.csv"
    path.write_text("Section;Compliant;Evidence\n1;No;Policy, section 2\n", encoding="utf-8")
    assessment = read_published_form(path, catalogue, council=COUNCIL,
                                      assessed_on=date(2026, 3, 31))
    assert assessment.answer("1.1").evidence == ["Policy, section 2"]


# malformed input: one line, exit 1, the workspace unchanged ---------------------------------

def _with(rows_change):
    rows = council_form()
    rows_change(rows)
    return rows


MALFORMED = {
    "unknown section": (
        _with(lambda rows: rows.__setitem__(4, ["12", "", "Yes", "", ""])),
        "form.csv:5: Code section: unknown section '12'"),
    "unknown row letter": (
        _with(lambda rows: rows.__setitem__(4, ["4c", "", "Yes", "", ""])),
        "form.csv:5: Code section: unknown section '4c'"),
    "unknown provision": (
        _with(lambda rows: rows.append(["5.99", "", "Yes", "", ""])),
        "form.csv:12: Code section: unknown provision '5.99'"),
    "words instead of a section": (
        _with(lambda rows: rows.append(["Notes", "", "Yes", "", ""])),
        "form.csv:12: Code section: 'Notes' names no section"),
    "unreadable answer": (
        _with(lambda rows: rows[3].__setitem__(2, "Mostly")),
        "form.csv:4: Do we follow the Code: 'Mostly' is not an answer"),
    "a single letter for an answer": (
        _with(lambda rows: rows[7].__setitem__(2, "Y")),
        "form.csv:8: Do we follow the Code: 'Y' is not an answer"),
    "answer without a section": (
        _with(lambda rows: rows.append(["", "", "Yes", "", ""])),
        "form.csv:12: Code section: no section or provision named"),
    "row answered twice": (
        _with(lambda rows: rows.append(["Section 3", "", "No", "", ""])),
        "form.csv:12: row 3 is answered twice (also on row 4)"),
    "missing answer column": (
        [["Code section", "Action", "Evidence"], ["1", "", ""]],
        "form.csv:1: no answer column"),
    "header only": ([LGSCO_HEADER], "form.csv:1: has a header but no rows"),
}


@pytest.mark.parametrize("case", MALFORMED)
def test_malformed_form_is_one_line_naming_row_and_column(tmp_path, capsys, case):
    rows, expected = MALFORMED[case]
    path = write_csv(tmp_path / "form.csv", rows)
    _assert_refused(tmp_path, capsys, path, expected)


@pytest.mark.parametrize(("content", "expected"), [
    (b"", "form.csv: the file is empty"),
    (b"\n\n  \n", "form.csv: the file is empty"),
    (b"Section,Compliant\n1,Yes\x81\n", "form.csv:2: is not UTF-8 text (byte 0x81)"),
    (b"Section,Compliant\n1,Yes\x00\n", "form.csv:2: is not a text file (an Excel workbook?)"),
    (b"PK\x03\x04\x14\x00\x06\x00", "form.csv:1: is not a text file (an Excel workbook?)"),
    ("Section,Compliant\n".encode("utf-16-le"),
     "form.csv:1: is UTF-16 text without a byte-order mark"),
    ("Section,Compliant\n1,Yes\n".encode("utf-16") + b"\x00",
     "form.csv:3: is not UTF-16 text (byte 0x00)"),
    (b'Section,Compliant\n1,"Yes\n2,No\n', "form.csv:2: a quoted cell opened on this row is "
     'never closed (a " is missing)'),
    (b'Section,Compliant,Evidence\n1,Yes,"Policy\nand plan"\n2,Yes,"Yes"!\n',
     "form.csv:3: a quoted cell on this row goes on after its closing quote"),
], ids=["empty", "blank lines", "not UTF-8", "NUL byte", "zip file", "UTF-16 without its mark",
        "damaged UTF-16", "quote never closed", "text after a closing quote"])
def test_unreadable_files_are_refused(tmp_path, capsys, content, expected):
    path = tmp_path / "form.csv"
    path.write_bytes(content)
    _assert_refused(tmp_path, capsys, path, expected)


def test_a_missing_file_is_refused(tmp_path, capsys):
    _assert_refused(tmp_path, capsys, tmp_path / "form.csv", "form.csv: file not found")


def _assert_refused(tmp_path, capsys, path, expected):
    workspace = tmp_path / "workspace.sqlite3"
    output = tmp_path / "out.yaml"
    for extra in ([], ["-o", str(output)]):
        code = main(["assessment", "import", str(path), "--council", "Northtown",
                     "--authority-type", "district_council", *extra])
        err = capsys.readouterr().err
        assert code == 1
        assert err.count("\n") == 1 and "Traceback" not in err
        assert err.startswith("code-check: ")
        assert expected in err.replace(str(tmp_path) + "/", "")
    assert not workspace.exists()
    assert not output.exists()


def test_a_failed_import_leaves_an_existing_workspace_as_it_was(tmp_path, capsys):
    good = write_csv(tmp_path / "good.csv", council_form())
    assert main(["assessment", "import", str(good), "--council", "Northtown",
                 "--authority-type", "district_council"]) == 0
    workspace = tmp_path / "workspace.sqlite3"
    capsys.readouterr()
    main(["assessment", "list", "--format", "json"])
    before = capsys.readouterr().out
    bad = write_csv(tmp_path / "bad.csv", _with(lambda rows: rows[10].__setitem__(2, "Soon")))
    assert main(["assessment", "import", str(bad), "--council", "Northtown"]) == 1
    assert "bad.csv:11: Do we follow the Code: 'Soon'" in capsys.readouterr().err
    main(["assessment", "list", "--format", "json"])
    assert capsys.readouterr().out == before
    assert workspace.exists()


def test_parse_error_names_the_source_given(catalogue):
    with pytest.raises(InputError) as error:
        parse([["Section", "Compliant"], ["10", "Yes"]], catalogue, source="web.csv")
    assert str(error.value).startswith("web.csv:2: Section: unknown section '10'")
