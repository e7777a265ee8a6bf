"""The registers as CSV and YAML files: anything the registers hold comes back exactly, no cell
can run in a spreadsheet, and a bad file is refused in one line naming the row and field."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from code_check.catalogue.files import load_catalogue
from code_check.errors import InputError
from code_check.registers.files import (
    csv_cell,
    dump_csv,
    read_cell,
    read_register,
    write_register,
)
from code_check.registers.model import (
    Decision,
    LearningEntry,
    Ombudsman,
    OmbudsmanDecision,
    RemedyCompliance,
    Report,
)
from code_check.report.inert import starts_like_formula
from tests.registers.samples import decision, learning

# Text with what spreadsheets, CSV and YAML find awkward: formula starts, quotes, separators,
# line breaks, YAML's special words and characters, and any printable Unicode.
AWKWARD = st.sampled_from(["=", "+", "-", "@", "'", '"', ";", ",", ":", "#", "|", ">", "&",
                           "*", "!", "%", "\n", "\r\n", "\t", " ", "yes", "null", "1", "0",
                           "2025-04-01", "é", "£", "😀", "a", "Z"])
TEXT = st.lists(AWKWARD | st.characters(exclude_categories=("Cc", "Cf", "Cs")),
                min_size=1, max_size=12).map("".join)
DATES = st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31))
PROVISIONS = st.lists(st.sampled_from(["9.1", "9.2", "9.3", "1.2", "6.x-s2-acknowledge"]),
                      unique=True, max_size=3)


def build(model, **fields):
    """The entry, or a rejected example when the text drawn is one the model refuses
    (blank, a phone number...)."""
    try:
        return model.model_validate(fields)
    except ValidationError:
        from hypothesis import reject

        reject()


@st.composite
def learning_entries(draw):
    return build(LearningEntry, council=draw(TEXT), learned=draw(TEXT),
                 complaints=draw(st.lists(TEXT, max_size=3)), service=draw(TEXT),
                 changed=draw(TEXT), changed_on=draw(DATES), owner=draw(TEXT),
                 provisions=draw(PROVISIONS))


@st.composite
def decisions(draw):
    ombudsman = draw(st.sampled_from(Ombudsman))
    decided_on = draw(DATES)
    remedy = draw(st.none() | TEXT)
    return build(
        OmbudsmanDecision, council=draw(TEXT), ombudsman=ombudsman, reference=draw(TEXT),
        decided_on=decided_on,
        decision=draw(st.sampled_from([d for d in Decision if ombudsman in d.ombudsmen])),
        complaint_handling_fault=draw(st.booleans()), remedy=remedy,
        remedy_due=draw(st.none() | st.dates(min_value=decided_on,
                                             max_value=date(2099, 12, 31)))
        if remedy else None,
        remedy_complied=draw(st.sampled_from(RemedyCompliance)) if remedy else None,
        report=draw(st.sampled_from(Report)), note=draw(st.none() | TEXT))


ROUND_TRIP = settings(max_examples=60, deadline=None,
                      suppress_health_check=[HealthCheck.function_scoped_fixture,
                                             HealthCheck.filter_too_much])


@ROUND_TRIP
@given(entries=st.lists(learning_entries(), max_size=4), suffix=st.sampled_from(
    [".csv", ".yaml", ".yml"]))
def test_any_learning_register_reads_back_exactly(tmp_path, entries, suffix):
    path = tmp_path / f"learning{suffix}"
    write_register(path, entries, LearningEntry)
    assert read_register(path, LearningEntry) == entries


@ROUND_TRIP
@given(entries=st.lists(decisions(), max_size=4,
                        unique_by=lambda d: (d.ombudsman, d.reference)),
       suffix=st.sampled_from([".csv", ".yaml"]))
def test_any_register_of_decisions_reads_back_exactly(tmp_path, entries, suffix):
    path = tmp_path / f"decisions{suffix}"
    write_register(path, entries, OmbudsmanDecision)
    assert read_register(path, OmbudsmanDecision) == entries


@given(text=st.text())
def test_no_cell_runs_as_a_formula(text):
    assert not starts_like_formula(csv_cell(text))


@given(text=st.lists(AWKWARD | st.characters(exclude_categories=("Cc", "Cf", "Cs")))
       .map("".join))
def test_every_cell_reads_back_as_written(text):
    """Any text the registers hold: they refuse control characters, which no cell keeps."""
    assert read_cell(csv_cell(text)) == text


@pytest.mark.parametrize(("text", "cell"), [
    ("=HYPERLINK(1)", "'=HYPERLINK(1)"), ("'=1", "''=1"), ("''+A1", "'''+A1"),
    ("'plain", "'plain"), ("-5", "-5"), ("@SUM", "'@SUM"), ("plain", "plain"),
])
def test_a_formula_gets_an_apostrophe_and_an_apostrophe_before_one_gets_another(text, cell):
    assert csv_cell(text) == cell and read_cell(cell) == text


def test_a_csv_register_lists_references_and_provisions_in_one_cell_and_choices_in_words():
    text = dump_csv([learning()], LearningEntry)
    assert text.splitlines()[0] == ("council,year,learned,complaints,service,changed,"
                                    "changed_on,owner,provisions")
    assert "2025-26" in text and "EBC-2505-014; EBC-2506-031" in text and "9.1; 9.2" in text
    row = dump_csv([decision(report="public interest report")],
                   OmbudsmanDecision).splitlines()[1]
    assert row.startswith("Example Borough Council,2025-26,Local Government and Social Care "
                          "Ombudsman,24 001 234,2025-06-10,upheld: fault and injustice,yes,")
    assert row.endswith(",2025-07-10,complied with,public interest report,")


def write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def refusal(tmp_path, name, text, kind) -> str:
    """The one line reading the file gives, from the file's name on."""
    with pytest.raises(InputError) as raised:
        read_register(write(tmp_path, name, text), kind)
    return str(raised.value).removeprefix(f"{tmp_path}/")


HEADER = "council,ombudsman,reference,decided_on,decision,remedy,remedy_due\n"


@pytest.mark.parametrize(("text", "message"), [
    (HEADER + "A,lgsco,1,2025-06-01,not upheld: no fault,,\n"
     "A,lgsco,2,2025-06-31,not upheld,,\n", "x.csv:3: decided_on: '2025-06-31' is not a real date"),
    (HEADER + "\n\nA,hos,1,2025-06-01,upheld: fault and injustice,,\n",
     "x.csv:4: decision: 'upheld: fault and injustice' is not a decision the Housing "
     "Ombudsman makes"),
    (HEADER + 'A,lgsco,1,2025-06-01,withdrawn,"Pay ""£50""\non 1 July",2025-05-01\n'
     "A,lgsco,1,2025-06-02,withdrawn,,\n", "x.csv:2: remedy_due: is before the decision"),
    (HEADER + "A,lgsco,1,2025-06-01,withdrawn,,\nB,lgsco,1,2025-07-01,withdrawn,,\n",
     "x.csv:3: reference: case 1 is already given on row 2"),
    (HEADER + "A,lgsco,1,2025-06-01,withdrawn,ring 01632 960123,\n",
     "x.csv:2: remedy: looks like a telephone number"),
    (HEADER + "A,lgsco,1,2025-06-01,withdrawn,,,extra\n",
     "x.csv:2: has 8 cells but the header names 7 columns"),
    (HEADER.replace("remedy_due", "outcome"), "x.csv:1: outcome: is not a column of the "
     "decisions register (its columns: council, year, ombudsman, reference"),
    (HEADER.replace("reference,", ""), "x.csv:1: reference: is a required column"),
    (HEADER.replace("remedy_due", "remedy"), "x.csv:1: remedy: appears twice in the header"),
    ("\n", "x.csv:1: the file is empty"),
    (HEADER + 'A,lgsco,"1,2025-06-01\n', "x.csv:2: a quoted cell opened on this row is never "
     "closed"),
    ("council,year,ombudsman,reference,decided_on,decision\n"
     "A,2024-25,lgsco,1,2025-06-01,withdrawn\n", "x.csv:2: year: 2024-25 is not the year of "
     "its date, which falls in 2025-26"),
    ("council,year,ombudsman,reference,decided_on,decision\n"
     "A,last year,lgsco,1,2025-06-01,withdrawn\n", "x.csv:2: year: expected a financial year"),
])
def test_a_bad_csv_register_is_refused_naming_the_row_and_field(tmp_path, text, message):
    assert refusal(tmp_path, "x.csv", text, OmbudsmanDecision).startswith(message)


def test_a_spreadsheets_csv_reads_as_any_other(tmp_path):
    """Windows-1252 with semicolons (Excel where the comma is the decimal mark), a header in
    capitals, a year given, choices in words and older terms, blank rows and columns."""
    text = ("Council;Year;Ombudsman;Reference;Decided_on;Decision;Complaint_handling_fault;"
            "Remedy;;Remedy_complied\r\n"
            "Example Borough Council;2025/26;LGO;24 001 234;10/06/2025;Upheld: maladministration "
            "and injustice;Yes;Pay £150;;\r\n;;;;;;;;;\r\n")
    path = write(tmp_path, "x.csv", text, "cp1252")
    assert read_register(path, OmbudsmanDecision) == [decision(
        remedy="Pay £150", remedy_due=None, remedy_complied="pending")]


def test_provisions_are_checked_against_the_codes_given(tmp_path):
    path = tmp_path / "learning.csv"
    write_register(path, [learning(provisions=["9.1", "4.99"])], LearningEntry)
    assert read_register(path, LearningEntry)[0].provisions == ["9.1", "4.99"]
    with pytest.raises(InputError, match=r"learning.csv:2: provisions: '4.99' is not a "
                       r"provision of the Code \(lgsco-2024\)"):
        read_register(path, LearningEntry, [load_catalogue("lgsco-2024")])


@pytest.mark.parametrize(("text", "message"), [
    ("decisions:\n- council: A\n", "x.yaml:1: expected the learning register: 'learning:' "
     "and under it a list"),
    ("learning:\n- council: A\n  learned: a\n  service: s\n  changed: c\n"
     "  changed_on: 2025-06-01\n  owner: Repairs Manager\n  provisions: ['9.1', '9.1']\n",
     "x.yaml:8: provisions: '9.1' is listed twice"),
    ("learning:\n- council: A\n  learned: a\n  service: s\n  changed: c\n"
     "  changed_on: 2025-06-01\n  owner: Repairs Manager\n  provisions: [9.1, 9.10]\n",
     "x.yaml:8: provisions: write provision numbers in quotes ('9.1')"),
    ("learning:\n- council: A\n  learned: a\n  service: s\n  changed: c\n"
     "  changed_on: 2025-06-31\n", "x.yaml:6: learning[0].changed_on: '2025-06-31' is not a real "
     "date"),
    ("learning:\n- council: A\n  learned: &x a\n  service: *x\n",
     "x.yaml:3: uses the YAML anchor or alias '&x'"),
    ("learning:\n- just text\n", "x.yaml:2: expected the fields of one entry"),
    ("learning:\n- council: A\n  learned: a\n  service: s\n  changed: c\n"
     "  changed_on: 2025-06-01\n  owner: jo@example.org\n",
     "x.yaml:7: owner: looks like an email address"),
])
def test_a_bad_yaml_register_is_refused_on_the_line_at_fault(tmp_path, text, message):
    assert refusal(tmp_path, "x.yaml", text, LearningEntry).startswith(message)


def test_a_file_of_another_kind_is_refused(tmp_path):
    with pytest.raises(InputError, match=r"x.xlsx: expected a .csv, .yaml or .yml file"):
        read_register(tmp_path / "x.xlsx", LearningEntry)


def test_a_yaml_register_is_written_as_people_read_it(tmp_path):
    path = tmp_path / "decisions.yaml"
    write_register(path, [decision(note="Line one\nline two")], OmbudsmanDecision)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("decisions:\n- council: Example Borough Council\n  year: 2025-26\n")
    assert "  decided_on: 2025-06-10\n" in text and "  complaint_handling_fault: true\n" in text
    assert "  note: |-\n    Line one\n    line two\n" in text
