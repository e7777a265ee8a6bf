"""Assessment YAML files: lossless round trips, short diffs, precise errors."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from code_check.assessment.files import (
    dump_assessment_yaml,
    load_assessment_file,
    save_assessment_file,
)
from code_check.assessment.model import (
    Action,
    Answer,
    Assessment,
    Council,
    ProgressNote,
    Status,
)
from code_check.errors import InputError

FULL = Assessment(
    council=Council(name="Example Borough Council", authority_type="metropolitan_borough",
                    population=150_000),
    catalogue="lgsco-2024",
    assessed_on=date(2026, 3, 31),
    assessor="Jane Officer",
    answers={
        "5.4": Answer(
            status=Status.MET,
            evidence=["Complaints policy v3 s4.1", "https://example.gov.uk/complaints"],
            commentary="Investigators sign a conflict-of-interest check.\nSee the handbook.",
            action=Action(description="Refresh training", owner="Complaints Manager",
                          due=date(2026, 6, 30)),
        ),
        "1.1": Answer(status=Status.PARTLY_MET, via_row="1", carried_over=True),
    },
)


def test_round_trip_without_loss(catalogue, tmp_path):
    path = tmp_path / "a.yaml"
    save_assessment_file(FULL, path, catalogue)
    loaded = load_assessment_file(path, catalogue)
    assert loaded == FULL
    save_assessment_file(loaded, path, catalogue)
    assert load_assessment_file(path, catalogue) == FULL


def test_saved_file_is_short_and_diffs_well(catalogue):
    text = dump_assessment_yaml(FULL, catalogue)
    assert text.index("'1.1'") < text.index("'5.4'")  # Code order
    assert "commentary: |-\n" in text  # multi-line text as a block
    assert "done" not in text and "landlord" not in text  # no defaults written
    assert "null" not in text
    assert "population: 150000" in text
    assert "assessed_on: 2026-03-31" in text


text_values = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\r"),
    min_size=1, max_size=40,
).filter(lambda s: s.strip() == s and s)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(evidence=st.lists(text_values, max_size=3),
       commentary=st.none() | text_values | st.just("two\nlines\n"),
       status=st.sampled_from(list(Status)))
def test_any_text_round_trips(catalogue, tmp_path_factory, evidence, commentary, status):
    path = tmp_path_factory.mktemp("rt") / "a.yaml"
    assessment = FULL.with_answer("2.1", Answer(status=status, evidence=evidence,
                                                commentary=commentary))
    save_assessment_file(assessment, path, catalogue)
    assert load_assessment_file(path, catalogue) == assessment


dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31))


@st.composite
def actions(draw) -> Action:
    """Any action a manager could record: revised, completed, with dated progress notes."""
    completed = draw(st.none() | dates)
    return Action(
        description=draw(text_values), owner=draw(st.none() | text_values),
        due=draw(st.none() | dates), revised_due=draw(st.none() | dates),
        done=completed is not None or draw(st.booleans()), completed=completed,
        progress=draw(st.lists(st.builds(ProgressNote, on=dates, note=text_values),
                               max_size=3)),
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(action=actions())
def test_any_action_round_trips(catalogue, tmp_path_factory, action):
    path = tmp_path_factory.mktemp("rt") / "a.yaml"
    assessment = FULL.with_answer("2.1", Answer(status=Status.NOT_MET, action=action))
    save_assessment_file(assessment, path, catalogue)
    assert load_assessment_file(path, catalogue) == assessment


MANAGED = """\
council: {name: Example Borough Council, authority_type: london_borough}
catalogue: lgsco-2024
assessed_on: 2026-03-31
answers:
  "5.4":
    status: partly_met
    action:
      description: Refresh training
      due: 2026-06-30
      revised_due: 2026-09-30
      progress:
        - on: 2026-04-14
          note: Trainer booked
"""


def test_a_hand_written_progress_note_reads_its_on_key(catalogue, tmp_path):
    """YAML 1.1 reads a bare ``on:`` as true; the note keeps its date all the same."""
    action = load_assessment_file(write(tmp_path, MANAGED), catalogue).answers["5.4"].action
    assert action.progress == [ProgressNote(on=date(2026, 4, 14), note="Trainer booked")]
    assert (action.due, action.revised_due, action.due_now) == (
        date(2026, 6, 30), date(2026, 9, 30), date(2026, 9, 30))


def test_a_completed_date_on_an_open_action_is_named(catalogue, tmp_path):
    path = write(tmp_path, MANAGED.replace("      revised_due", "      completed: 2026-05-01\n"
                                                                  "      revised_due"))
    with pytest.raises(InputError) as error:
        load_assessment_file(path, catalogue)
    assert str(error.value) == (f"{path}:10: answers.5.4.action.completed: a completed date is "
                                "given but done is false: set done: true, or remove the date")


def write(tmp_path, text):
    path = tmp_path / "a.yaml"
    path.write_text(text)
    return path


BASE = dump_assessment_yaml(FULL)


@pytest.mark.parametrize(("change", "expected"), [
    (("5.4", "5.40"), "{path}:9: answers.5.40: unknown requirement '5.40' "
                      "(not in catalogue lgsco-2024)"),
    (("status: met", "status: done"), "{path}:10: answers.5.4.status: input should be 'met', "
                                      "'partly_met', 'not_met' or 'not_applicable'"),
    (("due: 2026-06-30", "due: 31/06/2026"), "{path}:20: answers.5.4.action.due: is not a date: "
                                             "write it as YYYY-MM-DD, e.g. 2026-03-31"),
    (("metropolitan_borough", "parish"), "{path}:3: council.authority_type: input should be "
                                         "'county_council', 'district_council', "
                                         "'metropolitan_borough', 'unitary_council' or "
                                         "'london_borough'"),
])
def test_errors_are_named_precisely(catalogue, tmp_path, change, expected):
    path = write(tmp_path, BASE.replace(*change))
    with pytest.raises(InputError) as error:
        load_assessment_file(path, catalogue)
    assert str(error.value) == expected.format(path=path)


def test_score_names_the_bad_line(tmp_path, run_cli):
    path = write(tmp_path, BASE.replace("catalogue: lgsco-2024", "catalogue: lgsco-1999"))
    status, out, err = run_cli("score", path)
    assert status == 1 and out == ""
    assert err.strip() == (f"code-check: {path}:5: catalogue: no catalogue with id "
                           "'lgsco-1999' (known: hos-2024, lgsco-2024); use --rules to point at it")


@pytest.mark.parametrize(("change", "expected"), [
    (("due: 2026-06-30", "due: 2026-02-30"),
     "{path}:20: answers.5.4.action.due: '2026-02-30' is not a real date (day is out of range "
     "for month)"),
    (("assessed_on: 2026-03-31", "assessed_on: 2026-02-29"),
     "{path}:6: assessed_on: '2026-02-29' is not a real date (day is out of range for month)"),
    (("population: 150000", "population: true"),
     "{path}:4: council.population: expected a whole number, found true"),
    (("population: 150000", "population: '150000'"),
     "{path}:4: council.population: expected a whole number, found '150000'"),
    (("population: 150000", "population: 150000.5"),
     "{path}:4: council.population: expected a whole number, found 150000.5"),
    (("population: 150000", "population: 100000001"),
     "{path}:4: council.population: input should be less than or equal to 100000000"),
])
def test_impossible_values_are_one_line_through_the_command(tmp_path, run_cli, change, expected):
    path = write(tmp_path, BASE.replace(*change))
    status, out, err = run_cli("score", path)
    assert (status, out) == (1, "")
    assert err == f"code-check: {expected.format(path=path)}\n"
