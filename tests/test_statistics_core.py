"""Ombudsman statistics, pure core: the reference's worked examples, rates, checks, comparison."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from code_check.statistics.against_averages import against_averages
from code_check.statistics.changes import differences
from code_check.statistics.model import (
    COLUMN_LABELS,
    COLUMNS,
    REQUIRED_COLUMNS,
    OmbudsmanStats,
    as_json,
    financial_year,
    rounded,
)
from code_check.statistics.trend import COVID_CAVEAT, PROCESS_CHANGE_CAVEAT, trends
from code_check.statistics.year_table import year_cells


def kent() -> OmbudsmanStats:
    return OmbudsmanStats(
        council="Kent County Council", authority_type="county_council", year="2022-23",
        investigated=61, upheld=53, satisfactory_remedy=4, compliance_outcomes=51,
        compliance_pct=100, upheld_per_100k=3.4, average_upheld_pct=80,
        average_upheld_per_100k=3.4, average_compliance_pct=100,
        average_satisfactory_remedy_pct=6, published_upheld_pct=87,
        published_satisfactory_remedy_pct=8)


def camden() -> OmbudsmanStats:
    return OmbudsmanStats(
        council="London Borough of Camden", authority_type="london_borough", year="2022-23",
        investigated=20, upheld=14, satisfactory_remedy=0, compliance_outcomes=13,
        compliance_pct=100, upheld_per_100k=6.7, average_upheld_pct=77,
        average_upheld_per_100k=8.3, average_compliance_pct=99,
        average_satisfactory_remedy_pct=15, published_upheld_pct=70,
        published_satisfactory_remedy_pct=0)


def croydon() -> OmbudsmanStats:
    return OmbudsmanStats(
        council="London Borough of Croydon", authority_type="london_borough", year="2022-23",
        investigated=69, upheld=57, satisfactory_remedy=9, compliance_outcomes=45,
        compliance_pct=98, upheld_per_100k=14.6, average_upheld_pct=77,
        average_upheld_per_100k=8.3, average_compliance_pct=99,
        average_satisfactory_remedy_pct=15, published_upheld_pct=83,
        published_satisfactory_remedy_pct=16)


def norwich() -> OmbudsmanStats:
    return OmbudsmanStats(
        council="Norwich City Council", authority_type="district_council", year="2024-25",
        dealt_with=38, not_for_us=19, assessed_and_closed=17, investigated=2, upheld=2,
        upheld_per_100k="1.4%", average_upheld_pct=66, published_upheld_pct=100)


@pytest.mark.parametrize(("stats", "shown"), [
    (kent(), ["87%", "3.4 per 100,000", "100%", "8%"]),
    (camden(), ["70%", "6.7 per 100,000", "100%", "0%"]),
    (croydon(), ["83%", "14.6 per 100,000", "98%", "16%"]),
    (norwich(), ["100%", "1.4 per 100,000", "not published", "not published"]),
])
def test_worked_examples_come_out_at_the_published_rounding(stats, shown):
    assert [c.shown_value for c in against_averages(stats)] == shown
    assert stats.warnings == []


def test_worked_example_rates_unrounded():
    assert as_json(kent())["upheld_pct"] == pytest.approx(53 / 61 * 100)
    assert as_json(kent())["satisfactory_remedy_pct"] == pytest.approx(4 / 53 * 100)
    assert as_json(croydon())["satisfactory_remedy_pct"] == pytest.approx(9 / 57 * 100)
    assert as_json(camden())["satisfactory_remedy_pct"] == 0.0
    assert as_json(norwich())["upheld_pct"] == 100.0


def test_comparison_with_similar_authorities_in_words():
    upheld, per_100k, compliance, remedy = against_averages(kent())
    assert upheld.direction == "above"
    assert upheld.in_words == "7 percentage points above the average (80%)"
    assert upheld.rests_on_text == "61 investigations"
    assert per_100k.direction == "same"
    assert remedy.rests_on == 53  # upheld cases, not all investigations
    camden_upheld = against_averages(camden())[0]
    assert camden_upheld.direction == "below"
    assert camden_upheld.mark == "▼"
    assert camden_upheld.in_words == "7 percentage points below the average (77%)"
    assert against_averages(croydon())[2].in_words == "1 percentage point below the average (99%)"


def test_small_numbers_are_flagged_with_the_cases_they_rest_on():
    note = against_averages(norwich())[0].small_numbers
    assert note == ("Complaints upheld rests on only 2 investigations: one case more or less "
                    "moves it by about 50 percentage points.")
    assert against_averages(kent())[0].small_numbers is None


def test_halves_round_up_as_the_ombudsman_prints_them():
    assert rounded(86.5, 0) == "87"
    assert rounded(2.25, 1) == "2.3"
    assert rounded(0.5, 0) == "1"


def test_zero_denominators_are_not_applicable_never_zero():
    none_upheld = OmbudsmanStats(council="A", authority_type="district_council",
                                 year="2023-24", investigated=3, upheld=0, satisfactory_remedy=0,
                                 compliance_outcomes=0)
    figures = as_json(none_upheld)
    assert figures["upheld_pct"] == 0.0
    assert figures["satisfactory_remedy_pct"] is None
    assert figures["compliance_pct"] is None
    upheld, _, compliance, remedy = against_averages(none_upheld)
    assert remedy.shown_value == "not applicable"
    assert remedy.in_words == "not applicable: no complaints were upheld"
    assert compliance.in_words == "not applicable: no recommendations were due"
    nothing = OmbudsmanStats(council="A", authority_type="district_council", year="2023-24",
                             investigated=0, upheld=0)
    assert as_json(nothing)["upheld_pct"] is None
    assert against_averages(nothing)[0].shown_value == "not applicable"
    printed = OmbudsmanStats(council="A", authority_type="district_council", year="2023-24",
                             investigated=0, published_upheld_pct=50)
    assert as_json(printed)["upheld_pct"] is None
    assert printed.warnings == ["2023-24: a published upheld rate of 50% is given but nothing "
                                "was investigated, so the rate is not applicable."]


def test_compliance_is_the_published_figure_only_when_outcomes_were_recorded():
    assert as_json(croydon())["compliance_pct"] == 98.0
    blank = OmbudsmanStats(council="A", authority_type="county_council", year="2022-23",
                           compliance_pct=100)
    assert as_json(blank)["compliance_pct"] is None
    assert blank.warnings == ["2022-23: compliance of 100% is given without the number of "
                              "compliance outcomes, so it is not shown; add compliance_outcomes."]
    zero = OmbudsmanStats(council="A", authority_type="county_council", year="2022-23",
                          compliance_outcomes=0, compliance_pct=100)
    assert as_json(zero)["compliance_pct"] is None
    assert "no compliance outcomes were recorded" in zero.warnings[0]


def test_impossible_compliance_percentage_is_reported():
    odd = croydon().model_copy(update={"compliance_outcomes": 3, "compliance_pct": 50.0})
    assert odd.warnings == ["2022-23: compliance of 50% cannot come from 3 compliance outcomes "
                            "(no whole number of them gives that percentage)."]


def test_published_figure_that_disagrees_is_reported_with_both_figures():
    wrong = kent().model_copy(update={"published_upheld_pct": 78.0})
    assert wrong.warnings == ["2022-23: the published upheld rate of 78% differs from 86.9% "
                              "worked out from 53 of 61 investigated; the worked-out figure is "
                              "used."]
    assert as_json(wrong)["upheld_pct"] == pytest.approx(53 / 61 * 100)


def test_published_percentage_is_used_only_when_counts_are_missing():
    printed = OmbudsmanStats(council="A", authority_type="county_council", year="2023-24",
                             published_upheld_pct=87, published_satisfactory_remedy_pct=8)
    assert as_json(printed)["upheld_pct"] == 87.0
    assert as_json(printed)["satisfactory_remedy_pct"] == 8.0


def test_dealt_with_must_be_the_sum_of_its_parts():
    wrong = norwich().model_copy(update={"dealt_with": 40})
    assert wrong.warnings == ["2024-25: complaints dealt with (40) should equal not for us (19) "
                              "+ assessed and closed (17) + investigated (2) = 38."]


def test_per_100k_from_population_else_published():
    with_population = kent().model_copy(update={"population": 1_589_100})
    assert as_json(with_population)["upheld_per_100k"] == pytest.approx(53 / 1_589_100 * 1e5)
    assert with_population.warnings == []  # 3.34 against the printed 3.4: within 0.15
    far = kent().model_copy(update={"population": 1_000_000})
    assert far.warnings == ["2022-23: the published 3.4 upheld per 100,000 residents differs "
                            "from 5.3 worked out from 53 upheld and a population of 1,000,000; "
                            "this figure uses the population given."]
    assert as_json(kent())["upheld_per_100k"] == 3.4


@pytest.mark.parametrize("printed", ["2.5%", "2.5 %", " 2.5% "])
def test_stray_percent_after_per_100k_is_stripped(printed):
    stats = OmbudsmanStats(council="A", authority_type="unitary_council", year="2024-25",
                           upheld_per_100k=printed, average_upheld_per_100k="5.3%")
    assert stats.upheld_per_100k == 2.5
    assert stats.average_upheld_per_100k == 5.3


@pytest.mark.parametrize(("given", "year"), [
    ("2023-24", "2023-24"), ("2023/24", "2023-24"), ("2023-2024", "2023-24"),
    (" 1999-00 ", "1999-00"),
])
def test_financial_year_forms(given, year):
    assert financial_year(given) == year


@pytest.mark.parametrize("given", ["2023", "2023-25", "2023-2025", "23-24", "last year"])
def test_financial_year_refuses_other_forms(given):
    with pytest.raises(ValueError):
        financial_year(given)


@pytest.mark.parametrize(("update", "message"), [
    ({"upheld": 70}, "70 upheld is more than the 69 investigated"),
    ({"satisfactory_remedy": 58}, "58 satisfactory remedies is more than the 57 upheld"),
])
def test_counts_must_nest(update, message):
    data = {**croydon().model_dump(), **update}
    with pytest.raises(ValidationError, match=message):
        OmbudsmanStats.model_validate(data)


def test_trend_table_and_caveats():
    rows = [
        kent().model_copy(update={"year": "2023-24"}),
        kent().model_copy(update={"year": "2020-21", "investigated": 30, "upheld": 15}),
        kent(),
        camden(),
    ]
    by_council = trends(rows)
    assert [t.council for t in by_council] == ["Kent County Council", "London Borough of Camden"]
    kent_trend = by_council[0]
    assert [s.year for s in kent_trend.years] == ["2020-21", "2022-23", "2023-24"]
    assert kent_trend.caveats == [PROCESS_CHANGE_CAVEAT, COVID_CAVEAT]
    assert as_json(kent_trend.years[0])["upheld_pct"] == 50.0
    assert year_cells(kent()) == ["2022-23", "61", "53", "87% (above 80%)",
                                  "3.4 (same as 3.4)", "100% (same as 100%)", "8% (above 6%)"]
    later = trends([kent().model_copy(update={"year": "2024-25"})])[0]
    assert later.caveats == []
    assert later.notes == []
    small = trends([norwich().model_copy(update={"population": 143_000}),
                    norwich().model_copy(update={"population": 143_000, "year": "2023-24"}),
                    norwich().model_copy(update={"population": 142_000, "year": "2022-23"})])[0]
    assert small.notes == [
        against_averages(norwich())[0].small_numbers,
        "Upheld per 100,000 residents for 2022-23 is worked out from a population of 142,000; "
        "the Ombudsman's own figure may differ by about 0.1.",
        "Upheld per 100,000 residents for 2023-24, 2024-25 is worked out from a population of "
        "143,000; the Ombudsman's own figure may differ by about 0.1.",
        PROCESS_CHANGE_CAVEAT]


def test_differences_name_each_changed_column():
    changed = kent().model_copy(update={"upheld": 54, "population": 1_589_100})
    assert [c.describe() for c in differences(kent(), changed)] == [
        "upheld: 53 -> 54", "population: blank -> 1589100"]
    assert differences(kent(), kent()) == []


def test_file_columns_include_every_contract_column():
    contract = {
        "council", "authority_type", "year", "dealt_with", "not_for_us", "assessed_and_closed",
        "investigated", "upheld", "satisfactory_remedy", "compliance_outcomes",
        "compliance_pct", "population", "upheld_per_100k", "average_upheld_pct",
        "average_upheld_per_100k", "average_compliance_pct", "average_satisfactory_remedy_pct",
    }
    assert contract <= set(COLUMNS)
    assert set(COLUMN_LABELS) == set(COLUMNS)
    assert REQUIRED_COLUMNS == ("council", "authority_type", "year")


@st.composite
def council_years(draw):
    """Any consistent set of counts, with published figures that may or may not agree."""
    investigated = draw(st.none() | st.integers(0, 500))
    upheld = draw(st.none() | st.integers(0, investigated if investigated is not None else 500))
    remedied = draw(st.none() | st.integers(0, upheld if upheld is not None else 500))
    maybe_pct = st.none() | st.floats(0, 100, allow_nan=False)
    return OmbudsmanStats(
        council="Any Council", authority_type="unitary_council", year="2023-24",
        dealt_with=draw(st.none() | st.integers(0, 2000)),
        not_for_us=draw(st.none() | st.integers(0, 1000)),
        assessed_and_closed=draw(st.none() | st.integers(0, 1000)),
        investigated=investigated, upheld=upheld, satisfactory_remedy=remedied,
        compliance_outcomes=draw(st.none() | st.integers(0, 200)),
        compliance_pct=draw(maybe_pct),
        population=draw(st.none() | st.integers(1, 2_000_000)),
        upheld_per_100k=draw(st.none() | st.floats(0, 50, allow_nan=False)),
        average_upheld_pct=draw(maybe_pct), average_compliance_pct=draw(maybe_pct),
        average_satisfactory_remedy_pct=draw(maybe_pct),
        published_upheld_pct=draw(maybe_pct), published_satisfactory_remedy_pct=draw(maybe_pct),
    )


@given(council_years())
def test_any_consistent_figures_give_rates_in_range_or_not_applicable(stats):
    figures = as_json(stats)
    for key in ("upheld_pct", "satisfactory_remedy_pct", "compliance_pct"):
        assert figures[key] is None or 0 <= figures[key] <= 100
    if stats.investigated == 0:
        assert figures["upheld_pct"] is None
        assert against_averages(stats)[0].shown_value == "not applicable"
    if stats.upheld == 0:
        assert figures["satisfactory_remedy_pct"] is None
    if not stats.compliance_outcomes:
        assert figures["compliance_pct"] is None
    assert all(isinstance(w, str) and w.endswith(".") for w in stats.warnings)
    assert len(year_cells(stats)) == 7
    assert all(c.in_words for c in against_averages(stats))
