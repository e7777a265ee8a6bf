"""The complaint log's profile (issue 15 (b)): what its counters add up to, worked by hand."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from code_check.complaint_log.profile import (
    LABEL_LIMIT,
    NOT_RECORDED,
    ProfileCounts,
    RowProfiler,
    figures_of,
    log_profile,
    read_label,
    read_outcome,
)

APRIL, MAY = 2025 * 12 + 3, 2025 * 12 + 4


@pytest.mark.parametrize(("cell", "outcome"), [
    ("Upheld", "upheld"), (" fully upheld ", "upheld"), ("Justified", "upheld"),
    ("Partly Upheld", "partly_upheld"), ("partially-upheld", "partly_upheld"),
    ("Upheld in part", "partly_upheld"), ("PARTIAL", "partly_upheld"),
    ("Not upheld", "not_upheld"), ("not_upheld", "not_upheld"), ("Unfounded", "not_upheld"),
    ("Withdrawn", "withdrawn"), ("withdrawn by complainant", "withdrawn"),
    ("", ""), ("  ", ""),
])
def test_outcomes_are_read_in_their_common_spellings(cell, outcome):
    assert read_outcome(cell) == outcome


def test_an_unknown_outcome_is_refused_without_echoing_the_cell():
    with pytest.raises(ValueError) as raised:
        read_outcome("Mrs Smith was upset")
    assert str(raised.value) == ("is not one of upheld, partly upheld, not upheld, withdrawn "
                                 "or empty")


def test_a_label_is_trimmed_and_a_long_one_refused():
    assert read_label("  Repairs ") == "Repairs"
    assert read_label("x" * LABEL_LIMIT) == "x" * LABEL_LIMIT
    with pytest.raises(ValueError, match=rf"is 101 characters long: .*\(at most {LABEL_LIMIT}\)"):
        read_label("x" * (LABEL_LIMIT + 1))


def _counts() -> ProfileCounts:
    """April: 6 complaints, 1 refused (out of time), 2 of the 5 taken on escalated; May: 2
    complaints, 1 refused (legal proceedings); 3 escalations, 2 in April and 1 in May."""
    counts = ProfileCounts()
    counts.received.update([
        (APRIL, "upheld", "Repairs", "Housing", ""),
        (APRIL, "not_upheld", "Repairs", "Housing", ""),
        (APRIL, "partly_upheld", "Noise", "Housing", ""),
        (APRIL, "not_upheld", "", "Waste", ""),
        (APRIL, "", "Staff conduct", "", ""),
        (APRIL, "", "Repairs", "Housing", "Over 12 months"),
        (MAY, "withdrawn", "Noise", "Waste", ""),
        (MAY, "", "Repairs", "Planning", "Legal proceedings"),
    ])
    counts.escalated.update({APRIL: 2})
    counts.escalations.update({(APRIL, "not_upheld"): 1, (APRIL, ""): 1, (MAY, "upheld"): 1})
    return counts


# Date keys as the reader's tally gives them (any whole numbers will do), and their days.
RECEIVED, ESCALATED, EMPTY = 1, 2, 99
DAYS = {RECEIVED: date(2025, 4, 28), ESCALATED: date(2025, 5, 6)}
POSITIONS = {"category": 4, "stage1_outcome": 1, "stage2_outcome": 2, "refused": 3,
             "service": 0}


def _profiler() -> RowProfiler:
    return RowProfiler(POSITIONS, DAYS)


def test_a_row_is_counted_by_its_cells_its_month_and_its_escalation():
    profiler = _profiler()
    profiler.count([" Housing ", "Partly upheld", "Not upheld", "", "Repairs"], RECEIVED,
                   ESCALATED, True, True)
    profiler.count(["Housing", "", "", "Over 12 months", "Repairs"], RECEIVED, ESCALATED,
                   True, True)
    profiler.count(["Waste", "upheld"], RECEIVED, EMPTY, True, False)  # a short row
    counts = profiler.counts
    assert counts.received == {(APRIL, "partly_upheld", "Repairs", "Housing", ""): 1,
                               (APRIL, "", "Repairs", "Housing", "Over 12 months"): 1,
                               (APRIL, "upheld", "", "Waste", ""): 1}
    assert counts.escalated == {APRIL: 1}  # a refused complaint escalated is not taken on
    assert counts.escalations == {(MAY, "not_upheld"): 1, (MAY, ""): 1}


def test_a_row_received_or_escalated_after_the_as_of_date_is_read_but_not_counted():
    profiler = _profiler()
    profiler.count(["Housing", "upheld", "upheld", "", "Noise"], RECEIVED, ESCALATED, True,
                   False)
    profiler.count(["Housing", "upheld", "", "", "Noise"], RECEIVED, EMPTY, False, False)
    assert profiler.counts.received == {(APRIL, "upheld", "Noise", "Housing", ""): 1}
    assert not profiler.counts.escalated and not profiler.counts.escalations
    with pytest.raises(ValueError, match="^stage1_outcome: is not one of"):
        profiler.count(["Housing", "maybe"], RECEIVED, EMPTY, False, False)


@pytest.mark.parametrize(("row", "problem"), [
    (["", "", "upheld"], "stage2_outcome: is filled in but escalated is empty"),
    (["", "", "", "x" * (LABEL_LIMIT + 1)], "refused: is 101 characters long"),
    (["", "", "", "", "y" * (LABEL_LIMIT + 1)], "category: is 101 characters long"),
    (["", "so-so"], "stage1_outcome: is not one of"),
])
def test_a_cell_that_cannot_be_read_counts_nothing(row, problem):
    profiler = _profiler()
    with pytest.raises(ValueError, match=f"^{problem}"):
        profiler.count(row, RECEIVED, EMPTY, True, False)
    assert profiler.counts == ProfileCounts()


def test_a_service_is_read_as_timeliness_reads_it_whatever_its_length():
    profiler = _profiler()
    profiler.count(["z" * 300], RECEIVED, EMPTY, True, False)
    assert profiler.counts.received == {(APRIL, "", "", "z" * 300, ""): 1}


def _shares(shares) -> list[tuple[str, int, float | None]]:
    return [(share.label, share.count, share.pct) for share in shares]


def test_a_whole_log_in_figures():
    profile = log_profile(_counts(), ["reference", "service", "category", "stage1_outcome",
                                      "stage2_outcome", "refused"])
    totals = profile.totals
    assert (totals.received, totals.refused, totals.stage1) == (8, 2, 6)
    assert (totals.escalated, totals.escalation_pct, totals.stage2) == (2, 33.3, 3)
    assert totals.stage1_outcomes_recorded == 5
    assert _shares(totals.stage1_outcomes) == [
        ("Upheld", 1, 20.0), ("Partly upheld", 1, 20.0), ("Not upheld", 2, 40.0),
        ("Withdrawn", 1, 20.0)]
    assert totals.stage2_outcomes_recorded == 2
    assert _shares(totals.stage2_outcomes) == [
        ("Upheld", 1, 50.0), ("Partly upheld", 0, 0.0), ("Not upheld", 1, 50.0),
        ("Withdrawn", 0, 0.0)]
    assert _shares(totals.categories) == [
        ("Repairs", 4, 50.0), ("Noise", 2, 25.0), (NOT_RECORDED, 1, 12.5),
        ("Staff conduct", 1, 12.5)]
    assert _shares(totals.services) == [
        ("Housing", 4, 50.0), ("Waste", 2, 25.0), (NOT_RECORDED, 1, 12.5),
        ("Planning", 1, 12.5)]
    assert _shares(totals.refused_reasons) == [
        ("Legal proceedings", 1, 50.0), ("Over 12 months", 1, 50.0)]
    assert all(need.available for need in profile.needs)


def test_month_by_month_and_a_run_of_months():
    profile = log_profile(_counts(), [])
    april, may = profile.by_month
    assert (april.month, april.received, april.escalated, april.stage2) == ("2025-04", 6, 2, 2)
    assert april.refused == {"Over 12 months": 1}
    assert april.stage1_outcomes == {"not_upheld": 2, "partly_upheld": 1, "upheld": 1}
    assert april.stage2_outcomes == {"not_upheld": 1}
    assert (may.month, may.received, may.escalated, may.stage2) == ("2025-05", 2, 0, 1)
    may_alone = figures_of([may])
    assert (may_alone.received, may_alone.refused, may_alone.stage1) == (2, 1, 1)
    assert may_alone.escalation_pct == 0.0
    assert figures_of(profile.by_month) == profile.totals


def test_nothing_to_count_gives_no_shares_rather_than_zero_per_cent():
    empty = figures_of([])
    assert (empty.received, empty.escalation_pct) == (0, None)
    assert {share.pct for share in empty.stage1_outcomes} == {None}
    assert empty.categories == empty.services == empty.refused_reasons == []


def test_a_log_without_the_optional_columns_says_which_analyses_need_them():
    profile = log_profile(ProfileCounts(), ["reference", "received", "service"])
    assert profile.columns == ["service"]
    missing = {need.analysis: need.columns for need in profile.needs if not need.available}
    assert missing == {
        "outcomes at stage 1": ["stage1_outcome"], "outcomes at stage 2": ["stage2_outcome"],
        "the top categories": ["category"], "complaints refused, by reason": ["refused"]}


_KEYS = st.tuples(st.sampled_from([APRIL, MAY]), st.sampled_from(["", "upheld", "withdrawn"]),
                  st.sampled_from(["", "A", "B"]), st.sampled_from(["", "Housing"]),
                  st.sampled_from(["", "Out of time"]))


@given(st.lists(_KEYS, max_size=30), st.integers(min_value=0, max_value=30))
def test_parts_of_a_log_add_up_to_the_whole(keys, cut):
    """What the parallel reader relies on: counting a log in two parts and adding them gives
    the figures of one pass."""
    whole, first, second = ProfileCounts(), ProfileCounts(), ProfileCounts()
    for number, key in enumerate(keys):
        for counts in (whole, first if number < cut else second):
            counts.received[key] += 1
            counts.escalated[key[0]] += 1
            counts.escalations[key[0], key[1]] += 1
    first.add(second)
    assert log_profile(first, []) == log_profile(whole, [])
