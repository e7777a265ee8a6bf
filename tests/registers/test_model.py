"""The two registers' model: what an entry may hold, and what the registers say for a year."""

from __future__ import annotations

from datetime import date

import pytest

from code_check.catalogue.files import load_catalogue
from code_check.errors import InputError
from code_check.registers.model import (
    Decision,
    LearningEntry,
    Ombudsman,
    OmbudsmanDecision,
    RemedyCompliance,
    Report,
    by_year,
    evidence_lines,
    financial_year_of,
    non_compliance_findings,
    overdue_remedies,
    remedy_figures,
    validated,
    year_bounds,
    years_between,
)
from tests.registers.samples import decision, learning

CATALOGUES = [load_catalogue("lgsco-2024"), load_catalogue("hos-2024")]


def problem(model, data, **options) -> str:
    with pytest.raises(InputError) as raised:
        validated(model, data, source="register.csv", line=4, **options)
    return str(raised.value)


def learning_data(**changes):
    return {**learning().model_dump(), **changes}


def decision_data(**changes):
    return {**decision().model_dump(), **changes}


# financial years ------------------------------------------------------------------------------

@pytest.mark.parametrize(("day", "year"), [
    (date(2025, 4, 1), "2025-26"), (date(2026, 3, 31), "2025-26"), (date(2026, 4, 1), "2026-27"),
    (date(1999, 12, 31), "1999-00"),
])
def test_a_day_falls_in_the_financial_year_from_1_april_to_31_march(day, year):
    assert financial_year_of(day) == year
    first, last = year_bounds(year)
    assert first <= day <= last and (first.month, first.day, last.month, last.day) == (4, 1, 3, 31)


def test_years_between_counts_both_ends():
    assert years_between("2023-24", "2025-26") == ["2023-24", "2024-25", "2025-26"]
    assert years_between("2025-26", "2024-25") == []


def test_an_entry_is_in_the_year_of_its_date():
    assert learning(changed_on=date(2026, 3, 31)).year == "2025-26"
    assert decision(decided_on=date(2026, 4, 1), remedy_due=None, remedy=None,
                    remedy_complied=None).year == "2026-27"


# text ---------------------------------------------------------------------------------------

def test_text_is_kept_as_any_file_can_hold_it():
    entry = learning(learned="  Two lines\r\nand a soft\u00adhyphen\rpasted  ",
                     service="Repairs\u200b")
    assert entry.learned == "Two lines\nand a softhyphen\npasted"
    assert entry.service == "Repairs"


@pytest.mark.parametrize(("field", "value", "message"), [
    ("learned", "   ", "register.csv:4: learned: is blank"),
    ("service", "Repairs\nand voids", "register.csv:4: service: must be one line"),
    ("changed", "Bell \x07 rang", "register.csv:4: changed: holds a control character "
     "(U+0007): delete it"),
    ("changed", "right-to-left \u202e override", "register.csv:4: changed: holds a control "
     "character (U+202E): delete it"),
    ("owner", "x" * 201, "register.csv:4: owner: is 201 characters long: keep it to 200"),
    ("council", None, "register.csv:4: council: "),
])
def test_unreadable_or_misplaced_text_is_refused_naming_the_row_and_field(field, value, message):
    assert problem(LearningEntry, learning_data(**{field: value})).startswith(message)


@pytest.mark.parametrize("text", [
    "jane.officer@example.gov.uk", "Contact j.bloggs+complaints@council.org",
    "07700 900123", "call 07700-900-123 after 5", "+44 7700 900123", "+44 (0)20 7946 0018",
    "(020) 7946 0018", "01632 960123", "0044 1632 960123", "02079460018",
])
@pytest.mark.parametrize("field", ["learned", "owner", "service", "complaints", "council"])
def test_an_email_address_or_uk_phone_number_is_refused_in_any_field(text, field):
    value = [text] if field == "complaints" else text
    message = problem(LearningEntry, learning_data(**{field: value}))
    assert message.startswith(f"register.csv:4: {field}: looks like ")
    assert "never personal details" in message


@pytest.mark.parametrize("field", ["reference", "remedy", "note", "council"])
def test_a_decision_refuses_contact_details_too(field):
    message = problem(OmbudsmanDecision, decision_data(**{field: "ring 07700 900123"}))
    assert message.startswith(f"register.csv:4: {field}: looks like a telephone number")


@pytest.mark.parametrize("text", [
    "24 001 234", "202312345", "EBC-2505-014", "01/04/2026", "2025-04-01", "0001234567",
    "Ombudsman case 23 017 911", "Tenancy ref 12345678901", "paid £1,500 on 01-04-2026",
])
def test_references_dates_and_sums_are_not_mistaken_for_phone_numbers(text):
    assert learning(complaints=[text], learned=text).complaints == [text]


def test_references_come_from_one_cell_separated_by_semicolons():
    assert learning(complaints="EBC-1; EBC-2 ;; ").complaints == ["EBC-1", "EBC-2"]
    assert learning(complaints="").complaints == []


def test_a_reference_listed_twice_or_holding_a_semicolon_is_refused():
    assert problem(LearningEntry, learning_data(complaints=["A-1", "A-2", "A-1"])) == (
        "register.csv:4: complaints: 'A-1' is listed twice")
    assert problem(LearningEntry, learning_data(complaints=["A-1;A-2"])).startswith(
        "register.csv:4: complaints: holds a ';', which separates one reference")


# provisions -----------------------------------------------------------------------------------

def test_provisions_are_checked_against_the_codes_given():
    entry = validated(LearningEntry, learning_data(provisions="9.1; 9.3"), source="f",
                      catalogues=CATALOGUES)
    assert entry.provisions == ["9.1", "9.3"]
    assert problem(LearningEntry, learning_data(provisions=["9.1", "9.99"]),
                   catalogues=CATALOGUES) == ("register.csv:4: provisions: '9.99' is not a "
                                              "provision of the Code (lgsco-2024 or hos-2024)")
    assert problem(LearningEntry, learning_data(provisions=["nine"])) == (
        "register.csv:4: provisions: is not a provision number such as 9.1")


def test_provisions_read_back_from_the_workspace_need_no_catalogue():
    assert learning(provisions=["9.99"]).provisions == ["9.99"]


# decisions ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("ombudsman", "made"), [
    (Ombudsman.LGSCO, {"upheld_fault_and_injustice", "upheld_fault_no_injustice",
                       "upheld_already_remedied", "not_upheld",
                       "closed_after_initial_enquiries", "premature", "outside_jurisdiction",
                       "withdrawn"}),
    (Ombudsman.HOS, {"severe_maladministration", "maladministration", "service_failure",
                     "reasonable_redress", "no_maladministration", "premature",
                     "outside_jurisdiction", "withdrawn"}),
])
def test_each_ombudsman_makes_its_own_kinds_of_decision(ombudsman, made):
    assert {d.value for d in Decision if ombudsman in d.ombudsmen} == made
    other = next(d for d in Decision if ombudsman not in d.ombudsmen)
    message = problem(OmbudsmanDecision, decision_data(ombudsman=ombudsman, decision=other,
                                                       remedy=None, remedy_due=None,
                                                       remedy_complied=None))
    assert message.startswith(f"register.csv:4: decision: {other.label!r} is not a decision "
                              f"the {ombudsman.label} makes; its decisions are: ")


def test_upheld_is_counted_as_each_ombudsman_counts_it():
    assert {d.value for d in Decision if d.upheld} == {
        "upheld_fault_and_injustice", "upheld_fault_no_injustice", "upheld_already_remedied",
        "severe_maladministration", "maladministration", "service_failure"}


@pytest.mark.parametrize(("written", "read"), [
    ("Upheld: fault and injustice", Decision.UPHELD_FAULT_AND_INJUSTICE),
    ("upheld: maladministration and injustice", Decision.UPHELD_FAULT_AND_INJUSTICE),
    ("UPHELD - FAULT, NO INJUSTICE", Decision.UPHELD_FAULT_NO_INJUSTICE),
    ("Referred back for local resolution", Decision.PREMATURE),
    ("closed_after_initial_enquiries", Decision.CLOSED_AFTER_INITIAL_ENQUIRIES),
])
def test_a_decision_is_read_from_its_words_as_well_as_its_value(written, read):
    assert decision(decision=written).decision is read


def test_the_ombudsman_and_the_choices_are_read_from_words():
    entry = decision(ombudsman="Housing Ombudsman Service", decision="Severe maladministration",
                     remedy_complied="Complied with", report="Special report")
    assert (entry.ombudsman, entry.decision, entry.remedy_complied, entry.report) == (
        Ombudsman.HOS, Decision.SEVERE_MALADMINISTRATION, RemedyCompliance.YES,
        Report.SPECIAL_REPORT)


def test_an_unknown_choice_lists_the_choices_in_words():
    message = problem(OmbudsmanDecision, decision_data(report="a stern letter"))
    assert message == ("register.csv:4: report: expected one of: none; public interest report; "
                       "special report; other report; found 'a stern letter'")
    assert "upheld: fault, no injustice;" in problem(OmbudsmanDecision,
                                                     decision_data(decision="guilty"))


def test_a_remedy_starts_pending_and_nothing_says_how_a_missing_remedy_went():
    assert decision(remedy_complied=None).remedy_complied is RemedyCompliance.PENDING
    assert decision(remedy_complied="").remedy_complied is RemedyCompliance.PENDING
    bare = decision(remedy=None, remedy_due=None, remedy_complied=None)
    assert bare.remedy_complied is None and bare.report is Report.NONE
    assert problem(OmbudsmanDecision, decision_data(remedy=None, remedy_complied=None)) == (
        "register.csv:4: remedy_due: a due date is given but no remedy: say what the council "
        "agreed to do in remedy")
    assert problem(OmbudsmanDecision, decision_data(remedy=None, remedy_due=None)) == (
        "register.csv:4: remedy_complied: says whether a remedy was complied with, but no "
        "remedy is given")
    assert problem(OmbudsmanDecision, decision_data(remedy_due=date(2025, 6, 9))) == (
        "register.csv:4: remedy_due: is before the decision was made")


@pytest.mark.parametrize(("field", "value", "message"), [
    ("decided_on", "31/02/2025", "decided_on: '31/02/2025' is not a real date (check the day "
     "and the month)"),
    ("remedy_due", "next week", "remedy_due: 'next week' is not a date: write it like "
     "31/03/2026 or 2026-03-31"),
    ("decided_on", 20250610, "decided_on: '20250610' is not a date: write it like"),
    ("complaint_handling_fault", "perhaps", "complaint_handling_fault: expected yes or no"),
    ("outcome", "upheld", "outcome: is not a known field (check the spelling)"),
    ("reference", None, "reference: "),
])
def test_a_bad_decision_field_is_named_in_plain_words(field, value, message):
    assert problem(OmbudsmanDecision, decision_data(**{field: value})).startswith(
        f"register.csv:4: {message}")


# what the registers say -------------------------------------------------------------------------

def test_entries_are_grouped_by_year_oldest_first_each_year_in_date_order():
    late, early, next_year = (learning(changed_on=date(2026, 3, 1)),
                              learning(changed_on=date(2025, 4, 1)),
                              learning(changed_on=date(2026, 4, 1)))
    assert by_year([next_year, late, early]) == {"2025-26": [early, late],
                                                 "2026-27": [next_year]}


def test_a_remedy_is_overdue_the_day_after_it_was_due_unless_complied_with():
    pending = decision(reference="A", remedy_due=date(2025, 7, 10), remedy_complied="pending")
    refused = decision(reference="B", remedy_due=date(2025, 7, 1), remedy_complied="no")
    done = decision(reference="C", remedy_complied="yes")
    none = decision(reference="D", remedy=None, remedy_due=None, remedy_complied=None)
    everything = [pending, refused, done, none]
    assert overdue_remedies(everything, date(2025, 7, 10)) == [refused]
    assert overdue_remedies(everything, date(2025, 7, 11)) == [refused, pending]


def test_the_compliance_figure_is_remedies_complied_with_out_of_those_due_in_the_year():
    decisions = [
        decision(reference="1", decided_on=date(2025, 3, 1), remedy_due=date(2025, 4, 1)),
        decision(reference="2", remedy_due=date(2026, 3, 31), remedy_complied="yes"),
        decision(reference="3", remedy_due=date(2025, 9, 1), remedy_complied="no"),
        decision(reference="4", remedy_due=date(2025, 12, 1), remedy_complied="pending"),
        decision(reference="5", remedy_due=date(2026, 4, 1), remedy_complied="no"),
        decision(reference="6", decided_on=date(2025, 1, 5), remedy_due=date(2025, 3, 31)),
        decision(reference="7", remedy=None, remedy_due=None, remedy_complied=None),
    ]
    figures = remedy_figures(decisions, "2025-26")
    assert (figures.due, figures.complied, figures.not_complied, figures.pending) == (4, 2, 1, 1)
    assert figures.percent == 50.0
    assert remedy_figures(decisions, "2023-24").percent is None


def test_findings_of_non_compliance_are_the_years_decisions_with_a_complaint_handling_fault():
    found = decision(reference="1", decided_on=date(2025, 5, 1))
    cleared = decision(reference="2", complaint_handling_fault=False)
    earlier = decision(reference="3", decided_on=date(2025, 3, 1), remedy_due=None, remedy=None,
                       remedy_complied=None)
    assert non_compliance_findings([found, cleared, earlier], "2025-26") == [found]


def test_learning_shows_as_evidence_on_the_provisions_it_names_newest_first():
    older = learning(changed_on=date(2025, 5, 2), complaints=["EBC-1"], provisions=["9.1"])
    newer = learning(changed_on=date(2025, 11, 20), changed="Letters\nrewritten", complaints=[],
                     provisions=["9.1", "9.3"])
    elsewhere = learning(provisions=["9.2"])
    assert evidence_lines([older, newer, elsewhere], "9.1") == [
        "20 November 2025, Housing repairs: Letters rewritten (owner: Head of Repairs; from no "
        "complaint named)",
        "2 May 2025, Housing repairs: Appointments are now confirmed by text the day before. "
        "(owner: Head of Repairs; from 1 complaint: EBC-1)",
    ]
    assert evidence_lines([older, newer], "9.4") == []
