"""One self-assessment, two Codes (issue 14): answered once where the Codes agree, carried and
marked where they are close, scored for each Code on its own."""

from __future__ import annotations

from datetime import date

import pytest

from code_check.assessment.codes import (
    codes_of,
    follow_first_code,
    from_stored,
    seed_second_code,
    stored_answers,
    view,
    where_stored,
    with_stored_answer,
)
from code_check.assessment.lint import lint
from code_check.assessment.model import Answer, Status
from code_check.assessment.scoring import score
from code_check.errors import InputError
from tests.assessment import dual
from tests.assessment.dual import FIRST, SECOND, answers, first_only


@pytest.fixture
def worked():
    """The worked example: the first Code answered, then the second added and seeded."""
    given = answers(_1_1="met", _1_2="partly_met", _1_3="not_met", _2_1="met")
    return seed_second_code(first_only(given), dual.second(), dual.equivalence())


def hos_view(assessment):
    return view(assessment, SECOND, dual.equivalence())


def test_seeding_carries_close_answers_worst_first_marked_to_confirm(worked):
    assert codes_of(worked) == [FIRST, SECOND]
    assert worked.also.answers == {
        "1.2": Answer(status=Status.NOT_MET, carried_over=True),  # worse of partly and not met
        "2.2": Answer(status=Status.MET, carried_over=True),
    }


def test_a_same_pair_is_answered_once_and_counts_in_both_codes(worked):
    assert "1.1" not in worked.also.answers  # never held twice
    changed = worked.with_answer("1.1", Answer(status=Status.NOT_MET, commentary="No policy"))
    assert hos_view(changed).answer("1.1") == Answer(status=Status.NOT_MET,
                                                     commentary="No policy")
    assert score(dual.first(), view(changed, FIRST, None)).overall.musts_blocking == ["1.1"]
    assert score(dual.second(), hos_view(changed)).overall.musts_blocking == ["1.1", "1.2"]


def test_scores_per_code_match_the_worked_example(worked):
    # First Code: 1.1 must met 2x1 + 1.2 should partly 1x0.5 + 1.3 should not met 0
    # + 2.1 must met 2x1 = 4.5 of 2+1+1+2 = 6 weighted points: 75%.
    first = score(dual.first(), view(worked, FIRST, dual.equivalence())).overall
    assert (first.earned, first.possible, first.score, first.band) == (
        4.5, 6, 75.0, "Nearly ready")
    # Second Code, with its own 2.3 (should) met: 1.1 must met (same) 2 + 1.2 must not met
    # (carried, the worse partner) 0 + 2.1 must met (same) 2 + 2.2 must met (carried) 2
    # + 2.3 should met 1 = 7 of 2+2+2+2+1 = 9: 77.8%, and its must 1.2 blocks Ready.
    dual_answers = with_stored_answer(worked, f"{SECOND}:2.3", Answer(status=Status.MET))
    second = score(dual.second(), hos_view(dual_answers)).overall
    assert (second.earned, second.possible, round(second.score, 1)) == (7, 9, 77.8)
    assert second.musts_blocking == ["1.2"]
    # Housing confirms 1.2 as partly met: 8 of 9, 88.9%, still not Ready (a must partly met).
    confirmed = with_stored_answer(dual_answers, f"{SECOND}:1.2",
                                   Answer(status=Status.PARTLY_MET))
    second = score(dual.second(), hos_view(confirmed)).overall
    assert (second.earned, round(second.score, 1), second.band) == (8, 88.9, "Nearly ready")
    assert score(dual.first(), view(confirmed, FIRST, None)).overall.score == 75.0


def test_carried_answers_follow_the_first_code_until_confirmed(worked):
    better = worked.with_answer("1.3", Answer(status=Status.MET))
    assert follow_first_code(better, ["1.3"], dual.equivalence()) == {
        f"{SECOND}:1.2": Answer(status=Status.PARTLY_MET, carried_over=True)}
    cleared = worked.with_answer("2.1", Answer())
    assert follow_first_code(cleared, ["2.1"], dual.equivalence()) == {
        f"{SECOND}:2.2": Answer()}  # nothing left to carry: the carried answer goes
    confirmed = with_stored_answer(worked, f"{SECOND}:1.2", Answer(status=Status.NOT_MET))
    assert follow_first_code(confirmed.with_answer("1.3", Answer(status=Status.MET)), ["1.3"],
                             dual.equivalence()) == {}
    unchanged = worked.with_answer("1.1", Answer(status=Status.PARTLY_MET))
    assert follow_first_code(unchanged, ["1.1"], dual.equivalence()) == {}  # a same pair


def test_a_provision_not_yet_answered_is_carried_when_its_partner_is_answered():
    seeded = seed_second_code(first_only({}), dual.second(), dual.equivalence())
    assert seeded.also.answers == {}
    answered = seeded.with_answer("2.1", Answer(status=Status.PARTLY_MET))
    assert follow_first_code(answered, ["2.1"], dual.equivalence()) == {
        f"{SECOND}:2.2": Answer(status=Status.PARTLY_MET, carried_over=True)}


def test_the_first_code_alone_is_seen_through_the_map():
    lgsco_only = first_only(answers(_1_1="met", _1_2="met", _1_3="partly_met", _2_1="not_met"))
    assert hos_view(lgsco_only).answers == {
        "1.1": Answer(status=Status.MET),
        "1.2": Answer(status=Status.PARTLY_MET, carried_over=True),
        "2.1": Answer(status=Status.NOT_MET),
        "2.2": Answer(status=Status.NOT_MET, carried_over=True),
    }
    assert hos_view(lgsco_only).catalogue == SECOND
    assert view(lgsco_only, FIRST, None) == lgsco_only


def test_the_first_codes_view_leaves_the_second_code_out(worked):
    first = view(worked, FIRST, None)
    assert first.also is None and first.answers == worked.answers


def test_a_row_of_the_first_codes_form_is_not_carried_into_the_second():
    by_row = first_only({"1.1": Answer(status=Status.MET, via_row="1"),
                         "1.2": Answer(status=Status.MET, via_row="1")})
    seen = hos_view(by_row)
    assert seen.answer("1.1").via_row is None and seen.answer("1.2").via_row is None


def test_where_an_answer_is_stored(worked):
    equivalence = dual.equivalence()
    assert where_stored(worked, FIRST, "1.2", equivalence) == "1.2"
    assert where_stored(worked, SECOND, "1.1", equivalence) == "1.1"  # same: the first Code's
    assert where_stored(worked, SECOND, "1.2", equivalence) == f"{SECOND}:1.2"
    with pytest.raises(InputError, match="does not answer third-code"):
        where_stored(worked, "third-code", "1.1", equivalence)


def test_workspace_keys_round_trip_and_a_code_not_answered_is_refused(worked):
    stored = stored_answers(worked)
    assert set(stored) == {"1.1", "1.2", "1.3", "2.1", f"{SECOND}:1.2", f"{SECOND}:2.2"}
    assert from_stored(worked, stored) == worked
    with pytest.raises(ValueError, match="third-code"):
        from_stored(worked, {"third-code:1.1": Answer(status=Status.MET)})


def test_a_view_no_map_leads_to_is_refused_in_words(worked):
    with pytest.raises(InputError, match="no map from first-code to third-code"):
        view(worked, "third-code", dual.equivalence())
    with pytest.raises(InputError, match="no map from first-code to second-code"):
        view(first_only({}), SECOND, None)


def test_a_second_code_is_added_once(worked):
    with pytest.raises(InputError, match="already answers second-code"):
        seed_second_code(worked, dual.second(), dual.equivalence())


def test_lint_says_which_close_provisions_a_carried_answer_came_from(worked):
    """A carried answer of the second Code came from the first Code's close provisions, not
    from a previous assessment; one of its own carried over still says so."""
    also = worked.also.model_copy(update={"answers": {
        **worked.also.answers, "2.3": Answer(status=Status.MET, carried_over=True)}})
    own = worked.model_copy(update={"also": also})
    found = {f.requirement_id: f.message for f in lint(dual.second(), hos_view(own),
                                                       as_of=date(2026, 4, 1))
             if f.check == "carried-over"}
    assert found == {
        "1.2": "answer carried from first-code 1.2 and 1.3, the other Code's close provision; "
               "confirm it holds for this Code",
        "2.2": "answer carried from first-code 2.1, the other Code's close provision; "
               "confirm it holds for this Code",
        "2.3": "answer carried over from the previous assessment; confirm it is still true"}
    assert "carried_from" not in hos_view(own).model_dump()  # never stored or exported
