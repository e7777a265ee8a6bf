"""The dual assessment's file: ``also`` after the answers, read and written without loss, and
its mistakes named by file, line and field; the council's housing stock (``homes``)."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from code_check.assessment.codes import seed_second_code
from code_check.assessment.files import (
    dump_assessment_yaml,
    load_assessment_for,
    save_assessment_file,
)
from code_check.assessment.model import Action, Answer, Council, Status
from code_check.errors import InputError
from tests.assessment import dual
from tests.assessment.dual import FIRST, SECOND, answers, first_only

DUAL_FILE = f"""\
council:
  name: Northfield Test Council
  authority_type: district_council
  landlord: true
  homes: 4200
catalogue: {FIRST}
assessed_on: 2026-03-31
answers:
  '1.1':
    status: met
also:
  catalogue: {SECOND}
  answers:
    '2.3':
      status: met
    '1.2':
      status: not_met
      carried_over: true
"""


def catalogues():
    return {FIRST: dual.first(), SECOND: dual.second()}


def map_for(from_id, to_id):
    return dual.equivalence() if (from_id, to_id) == (FIRST, SECOND) else None


def load(tmp_path, text):
    path = tmp_path / "dual.yaml"
    path.write_text(text)
    return load_assessment_for(path, catalogues(), map_for)


def test_a_dual_assessment_round_trips_with_also_after_the_answers_in_code_order(tmp_path):
    assessment, catalogue = load(tmp_path, DUAL_FILE)
    assert catalogue.id == FIRST
    assert assessment.council.homes == 4200
    assert assessment.also.answers["1.2"] == Answer(status=Status.NOT_MET, carried_over=True)
    saved = tmp_path / "saved.yaml"
    save_assessment_file(assessment, saved, dual.first(), dual.second())
    text = saved.read_text()
    assert text.index("answers:") < text.index("also:")
    assert text.index("'1.2'") < text.index("'2.3'")  # the second Code's order
    again, _ = load_assessment_for(saved, catalogues(), map_for)
    assert again == assessment


def test_a_seeded_assessment_writes_and_reads_back_the_same(tmp_path):
    given = {"1.2": Answer(status=Status.MET, evidence=["Policy v2"]),
             "2.1": Answer(status=Status.NOT_MET, action=Action(
                 description="Keep a log", due=date(2026, 6, 30)))}
    seeded = seed_second_code(first_only(given), dual.second(), dual.equivalence())
    path = tmp_path / "seeded.yaml"
    path.write_text(dump_assessment_yaml(seeded, dual.first(), dual.second()))
    assert load_assessment_for(path, catalogues(), map_for)[0] == seeded


def test_an_assessment_of_one_code_writes_no_also(tmp_path):
    assert "also" not in dump_assessment_yaml(first_only(answers(_1_1="met")), dual.first())


def test_a_provision_answered_through_a_same_pair_is_refused_in_also(tmp_path):
    text = DUAL_FILE + "    '2.1':\n      status: met\n"
    with pytest.raises(InputError) as error:
        load(tmp_path, text)
    assert str(error.value) == (
        f"{tmp_path / 'dual.yaml'}:19: also.answers.2.1: 2.1 is answered once for both Codes, "
        f"through 2.1 of {FIRST} (the same provision): remove it here and answer 2.1")


def test_a_second_code_provision_it_does_not_have_is_refused(tmp_path):
    text = DUAL_FILE + "    '9.9':\n      status: met\n"
    with pytest.raises(InputError, match=r":19: also\.answers\.9\.9: unknown requirement "
                       rf"'9\.9' \(not in catalogue {SECOND}\)"):
        load(tmp_path, text)


@pytest.mark.parametrize(("also_catalogue", "expected"), [
    (FIRST, rf":12: also\.catalogue: {FIRST} is already the first Code"),
    ("nowhere", r":12: also\.catalogue: no catalogue with id 'nowhere'"),
])
def test_a_second_code_that_is_not_one_is_refused(tmp_path, also_catalogue, expected):
    with pytest.raises(InputError, match=expected):
        load(tmp_path, DUAL_FILE.replace(f"catalogue: {SECOND}", f"catalogue: {also_catalogue}"))


def test_two_codes_with_no_map_between_them_are_refused(tmp_path):
    path = tmp_path / "dual.yaml"
    path.write_text(DUAL_FILE)
    with pytest.raises(InputError, match=rf":12: also\.catalogue: code-check has no map from "
                       rf"{FIRST} to {SECOND}"):
        load_assessment_for(path, catalogues())


@pytest.mark.parametrize("homes", [0, 1000, 10_000_000])
def test_homes_are_a_whole_number_up_to_ten_million(homes):
    assert Council(name="A", authority_type="district_council", homes=homes).homes == homes


@pytest.mark.parametrize("homes", [-1, 10_000_001, True, "4200", 4200.0])
def test_anything_else_is_not_a_number_of_homes(homes):
    with pytest.raises(ValidationError):
        Council(name="A", authority_type="district_council", homes=homes)


def test_homes_in_a_file_are_checked_on_their_line(tmp_path):
    with pytest.raises(InputError, match=r":5: council\.homes: "):
        load(tmp_path, DUAL_FILE.replace("homes: 4200", "homes: '4200'"))


@pytest.mark.parametrize("text", ["just words\n", "- a list\n"])
def test_a_file_that_is_no_mapping_is_refused_in_words(tmp_path, text):
    with pytest.raises(InputError, match="dual.yaml:1: expected a mapping of fields"):
        load(tmp_path, text)
