"""The complaint log's profile (issue 15 (b)): what its counters add up to, worked by hand."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from code_check.complaint_log.columns import ColumnMap
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

from .test_parallel import in_ranges, line_starts, one_process

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
    for received in [
        (APRIL, "upheld", "Repairs", "Housing", ""),
        (APRIL, "not_upheld", "Repairs", "Housing", ""),
        (APRIL, "partly_upheld", "Noise", "Housing", ""),
        (APRIL, "not_upheld", "", "Waste", ""),
        (APRIL, "", "Staff conduct", "", ""),
        (APRIL, "", "Repairs", "Housing", "Over 12 months"),
        (MAY, "withdrawn", "Noise", "Waste", ""),
        (MAY, "", "Repairs", "Planning", "Legal proceedings"),
    ]:
        counts.count_received(*received)
    counts.escalated.update({APRIL: 2})
    counts.escalations.update({(APRIL, "not_upheld"): 1, (APRIL, ""): 1, (MAY, "upheld"): 1})
    return counts


# Date keys as the reader's tally gives them (any whole numbers will do), and their days.
RECEIVED, ESCALATED, EMPTY = 1, 2, 99
DAYS = {RECEIVED: date(2025, 4, 28), ESCALATED: date(2025, 5, 6)}
POSITIONS = {"category": 4, "stage1_outcome": 1, "stage2_outcome": 2, "refused": 3,
             "service": 0}


def received(*complaints: tuple[int, str, str, str, str], escalated: dict | None = None,
             escalations: dict | None = None) -> ProfileCounts:
    """The counts of these complaints (month, stage 1 outcome, category, service, reason)."""
    counts = ProfileCounts()
    for complaint in complaints:
        counts.count_received(*complaint)
    counts.escalated.update(escalated or {})
    counts.escalations.update(escalations or {})
    return counts


def _profiler() -> RowProfiler:
    return RowProfiler(POSITIONS, DAYS)


def test_a_row_is_counted_by_its_cells_its_month_and_its_escalation():
    profiler = _profiler()
    profiler.count([" Housing ", "Partly upheld", "Not upheld", "", "Repairs"], RECEIVED,
                   ESCALATED, True, True)
    profiler.count(["Housing", "", "", "Over 12 months", "Repairs"], RECEIVED, ESCALATED,
                   True, True)
    profiler.count(["Waste", "upheld"], RECEIVED, EMPTY, True, False)  # a short row
    assert profiler.counts == received(
        (APRIL, "partly_upheld", "Repairs", "Housing", ""),
        (APRIL, "", "Repairs", "Housing", "Over 12 months"),
        (APRIL, "upheld", "", "Waste", ""), escalated={APRIL: 1},
        escalations={(MAY, "not_upheld"): 1, (MAY, ""): 1})
    # (a refused complaint escalated is not taken on, so April has 1 escalated, not 2)


def test_a_row_received_or_escalated_after_the_as_of_date_is_read_but_not_counted():
    profiler = _profiler()
    profiler.count(["Housing", "upheld", "upheld", "", "Noise"], RECEIVED, ESCALATED, True,
                   False)
    profiler.count(["Housing", "upheld", "", "", "Noise"], RECEIVED, EMPTY, False, False)
    assert profiler.counts == received((APRIL, "upheld", "Noise", "Housing", ""))
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
    assert profiler.counts == received((APRIL, "", "", "z" * 300, ""))


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
            counts.count_received(*key)
            counts.escalated[key[0]] += 1
            counts.escalations[key[0], key[1]] += 1
    first.add(second)
    assert log_profile(first, []) == log_profile(whole, [])


# read from a log file -----------------------------------------------------------------------

PROFILED_HEADER = ("reference,received,acknowledged,stage1_response,stage1_extended,escalated,"
                   "stage2_acknowledged,stage2_response,stage2_extended,Service Area,Type,"
                   "stage1_outcome,stage2_outcome,refused")
PROFILED_ROWS = [
    "P1,2025-06-02,2025-06-03,2025-06-10,no,,,,,Housing,Repairs,Upheld,,",
    'P2,2025-06-02,2025-06-04,2025-06-30,yes,2025-07-01,2025-07-02,2025-07-20,no,Waste,'
    '"Missed\nbin",Not upheld,Partly upheld,',
    "P3,2025-06-05,2025-06-05,2025-06-06,no,,,,,Housing,Repairs,,,Over 12 months",
    "P4,2025-07-01,2025-07-02,2025-07-09,no,,,,,Housing,Noise,maybe,,",
    "P5,2025-07-03,2025-07-04,2025-07-10,no,,,,,Waste,Repairs,upheld,upheld,",
    "P6,2025-07-07,2025-07-08,,,,,,,Planning,,,,",
    "P7,2026-02-01,,,,,,,,Housing,Noise,,,",
]
MAPPED = ["--map", "service=Service Area", "--map", "category=Type"]


@pytest.fixture
def profiled(tmp_path) -> Path:
    path = tmp_path / "profiled.csv"
    path.write_text("\n".join([PROFILED_HEADER, *PROFILED_ROWS]) + "\n", encoding="utf-8")
    return path


def _analysed(run_cli, path: Path, *options: str) -> dict:
    status, out, err = run_cli("log", "analyse", path, "--as-of", "2025-12-31", "--format",
                               "json", *options)
    assert status == 0, err
    return json.loads(out)


def test_log_analyse_gives_the_profile_with_its_columns_mapped_and_bad_rows_named(
        run_cli, profiled):
    analysis = _analysed(run_cli, profiled, *MAPPED)
    assert analysis["rejected_rows"] == [
        {"row": 5, "error": "stage1_outcome: is not one of upheld, partly upheld, not upheld, "
                            "withdrawn or empty"},
        {"row": 6, "error": "stage2_outcome: is filled in but escalated is empty"}]
    assert analysis["cases"] == 7 and analysis["stage1"]["acknowledgement"]["measured"] == 4
    profile = analysis["profile"]
    assert profile["columns"] == ["category", "stage1_outcome", "stage2_outcome", "refused",
                                  "service"]
    totals = profile["totals"]  # P7 was received after the as-of date: not counted
    assert (totals["received"], totals["refused"], totals["stage1"]) == (4, 1, 3)
    assert (totals["escalated"], totals["escalation_pct"], totals["stage2"]) == (1, 33.3, 1)
    assert [(s["label"], s["count"]) for s in totals["categories"]] == [
        ("Repairs", 2), ("(not recorded)", 1), ("Missed\nbin", 1)]
    assert [m["month"] for m in profile["by_month"]] == ["2025-06", "2025-07"]
    assert analysis["columns"]["category"] == "Type"


def test_a_log_without_the_new_columns_says_which_analyses_need_them(run_cli, tmp_path):
    path = tmp_path / "plain.csv"
    path.write_text("\n".join(",".join(line.split(",")[:10]) for line in
                              [PROFILED_HEADER.replace("Service Area", "service"),
                               PROFILED_ROWS[0], PROFILED_ROWS[2]]) + "\n", encoding="utf-8")
    profile = _analysed(run_cli, path)["profile"]
    assert [n["columns"] for n in profile["needs"] if not n["available"]] == [
        ["stage1_outcome"], ["stage2_outcome"], ["category"], ["refused"]]
    assert (profile["totals"]["received"], profile["totals"]["refused"]) == (2, 0)
    status, out, _ = run_cli("log", "analyse", path, "--as-of", "2025-12-31")
    assert status == 0
    assert "Not in this log: outcomes at stage 1 (needs a stage1_outcome column);" in \
        " ".join(out.split())


def test_the_profile_read_in_ranges_is_the_one_process_profile(profiled, in_process,
                                                               used_ranges):
    """A range edge at every line break, the new columns' bad rows among them."""
    column_map = ColumnMap(service="Service Area", category="Type")
    expected = one_process(profiled, column_map=column_map)
    for edge in line_starts(profiled)[1:-1]:
        in_process[:] = [edge]
        assert in_ranges(profiled, used_ranges, column_map=column_map) == expected, edge


def test_a_log_without_the_new_columns_counts_every_complaint_received(tmp_path):
    """Its profile comes from what timeliness counts, open complaints included: one never
    acknowledged, one acknowledged late with its reply still to come, one answered."""
    from code_check.complaint_log.reader import analyse_file

    path = tmp_path / "plain.csv"
    path.write_text(
        "reference,received,acknowledged,stage1_response,stage1_extended,escalated,"
        "stage2_acknowledged,stage2_response,stage2_extended\n"
        "A,2025-06-02,,,,,,,\nB,2025-06-03,2025-06-20,,no,,,,\n"
        "C,2025-06-04,2025-06-05,2025-06-10,no,,,,\n", encoding="utf-8")
    analysis = analyse_file(path, as_of=date(2025, 6, 30), progress=False, jobs=1)
    assert analysis.cases == analysis.profile.totals.received == 3
    assert analysis.profile.by_month[0].received == 3
