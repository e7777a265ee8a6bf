"""The paste parser on the Ombudsman's sentence forms of 2022-23, 2023-24 and 2024-25.

The sample texts in ``statistics_samples/`` are written in the Ombudsman's style with the
figures of the reference's worked examples (Kent, Camden, Croydon 2022-23; Norwich 2024-25),
plus a fictional 2023-24 letter and a fictional district with nothing upheld or due.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from code_check.errors import InputError
from code_check.statistics.against_averages import against_averages
from code_check.statistics.model import as_json
from code_check.statistics.pasted_text import parse_statistics_text

SAMPLES = Path(__file__).parent / "statistics_samples"


def parse(name: str):
    return parse_statistics_text((SAMPLES / name).read_text(encoding="utf-8"))


def test_2022_23_page_kent():
    parsed = parse("kent-2022-23-page.txt")
    assert parsed.year == "2022-23"
    assert parsed.values == {
        "investigated": 61, "upheld": 53, "satisfactory_remedy": 4,
        "compliance_outcomes": 51, "compliance_pct": 100, "upheld_per_100k": 3.4,
        "average_upheld_pct": 80, "average_upheld_per_100k": 3.4,
        "average_compliance_pct": 100, "average_satisfactory_remedy_pct": 6,
        "published_upheld_pct": 87, "published_satisfactory_remedy_pct": 8,
    }
    assert parsed.missing == []
    assert parsed.notes == []
    stats = parsed.to_statistics("Kent County Council", "county_council")
    assert [c.shown_value for c in against_averages(stats)] == \
        ["87%", "3.4 per 100,000", "100%", "8%"]
    assert stats.warnings == []


def test_2022_23_letter_camden_with_zero_remedies():
    parsed = parse("camden-2022-23-letter.txt")
    assert parsed.year == "2022-23"
    assert parsed.values["satisfactory_remedy"] == 0
    assert parsed.values["published_satisfactory_remedy_pct"] == 0
    assert parsed.values["average_satisfactory_remedy_pct"] == 15
    assert parsed.values["average_compliance_pct"] == 99
    assert parsed.values["average_upheld_per_100k"] == 8.3
    stats = parsed.to_statistics("London Borough of Camden", "london_borough")
    assert as_json(stats)["satisfactory_remedy_pct"] == 0.0  # 0 of 14: a real 0%
    assert [c.shown_value for c in against_averages(stats)] == \
        ["70%", "6.7 per 100,000", "100%", "0%"]


def test_2022_23_page_croydon_with_sentences_on_one_line():
    parsed = parse("croydon-2022-23-page.txt")
    stats = parsed.to_statistics("London Borough of Croydon", "london_borough")
    assert (stats.investigated, stats.upheld, stats.satisfactory_remedy) == (69, 57, 9)
    assert (stats.compliance_outcomes, stats.compliance_pct) == (45, 98)
    assert (stats.average_upheld_pct, stats.average_compliance_pct,
            stats.average_satisfactory_remedy_pct) == (77, 99, 15)
    assert [c.shown_value for c in against_averages(stats)] == \
        ["83%", "14.6 per 100,000", "98%", "16%"]


def test_2023_24_letter():
    parsed = parse("example-2023-24-letter.txt")
    assert parsed.year == "2023-24"
    assert parsed.missing == []
    stats = parsed.to_statistics("Example Borough Council", "metropolitan_borough")
    assert (stats.investigated, stats.upheld, stats.upheld_per_100k) == (14, 11, 7.3)
    assert (stats.compliance_outcomes, stats.compliance_pct) == (9, 89)
    assert stats.warnings == []


def test_2023_24_none_due_and_did_not_uphold_any():
    parsed = parse("district-none-2023-24-page.txt")
    assert parsed.values["compliance_outcomes"] == 0
    assert parsed.values["upheld"] == 0
    assert "compliance_pct" not in parsed.values
    assert parsed.missing == []  # nothing due and nothing upheld: not "missing"
    stats = parsed.to_statistics("Little Marsh District Council", "district_council")
    figures = as_json(stats)
    assert figures["upheld_pct"] == 0.0
    assert figures["compliance_pct"] is None
    assert figures["satisfactory_remedy_pct"] is None
    assert against_averages(stats)[3].in_words == "not applicable: no complaints were upheld"


def test_did_not_uphold_any_is_enough_on_its_own():
    parsed = parse_statistics_text(
        "Satisfactory remedy provided by the authority. We did not uphold any complaints "
        "against this council in the period between 1 April 2023 to 31 March 2024.")
    assert parsed.values == {"upheld": 0}
    assert parsed.year == "2023-24"
    assert "investigated" in parsed.missing
    assert "satisfactory_remedy" not in parsed.missing


def test_2024_25_page_norwich_new_format_and_stray_percent():
    parsed = parse("norwich-2024-25-page.txt")
    assert parsed.year == "2024-25"
    assert {k: parsed.values[k] for k in ("dealt_with", "not_for_us", "assessed_and_closed",
                                          "investigated", "upheld")} == {
        "dealt_with": 38, "not_for_us": 19, "assessed_and_closed": 17, "investigated": 2,
        "upheld": 2}
    assert parsed.values["upheld_per_100k"] == 1.4  # printed as "1.4% upheld decisions ..."
    assert parsed.values["average_upheld_pct"] == 66
    assert parsed.values["compliance_outcomes"] == 0
    assert parsed.missing_labels == ["Average upheld per 100,000 residents",
                                     "Average satisfactory remedy (%)"]
    stats = parsed.to_statistics("Norwich City Council", "district_council")
    assert stats.warnings == []
    assert as_json(stats)["upheld_pct"] == 100.0


def test_2024_25_sentence_form_of_how_complaints_were_dealt_with():
    parsed = parse_statistics_text(
        "We dealt with 38 complaints and enquiries about the council. 19 were not for us. "
        "17 were assessed and closed. 2 were investigated. 2.5% upheld decisions per 100,000 "
        "residents. Adjusted for the council's population, this is 2.5% upheld decisions per "
        "100,000 residents.")
    assert {k: parsed.values[k] for k in ("dealt_with", "not_for_us", "assessed_and_closed",
                                          "investigated", "upheld_per_100k")} == {
        "dealt_with": 38, "not_for_us": 19, "assessed_and_closed": 17, "investigated": 2,
        "upheld_per_100k": 2.5}
    assert "upheld" in parsed.missing  # "2.5% upheld decisions" is a rate, not a count


def test_each_average_belongs_to_its_own_part():
    parsed = parse_statistics_text(
        "Compliance with Ombudsman recommendations. In 90% of cases we were satisfied the "
        "council had successfully implemented our recommendations. This compares to an average "
        "of 99% in similar authorities. Complaints upheld. 75% of complaints we investigated "
        "were upheld. This compares to an average of 72% in similar authorities.")
    assert parsed.values["average_compliance_pct"] == 99
    assert parsed.values["average_upheld_pct"] == 72


def test_what_could_not_be_found_is_listed():
    parsed = parse_statistics_text("87% of complaints we investigated were upheld.")
    assert parsed.values == {"published_upheld_pct": 87}
    assert parsed.year is None
    assert "Investigated" in parsed.missing_labels
    assert "Compliance outcomes" in parsed.missing_labels
    with pytest.raises(InputError, match="could not tell which year"):
        parsed.to_statistics("Kent County Council", "county_council")
    assert parsed.to_statistics("Kent County Council", "county_council", "2022-23").year == \
        "2022-23"


def test_contradictions_and_stray_averages_are_reported():
    parsed = parse_statistics_text(
        "This compares to an average of 50% in similar authorities. "
        "Statistics are based on a total of 53 upheld decisions. 54 upheld decisions.")
    assert parsed.values["upheld"] == 53
    assert parsed.notes == [
        "Upheld: the text gives both 53 and 54; using 53. Check the figure before saving.",
        "Found an average (50%) on line 1 but not which figure it belongs to: \u201cThis "
        "compares to an average of 50% in similar authorities.\u201d",
    ]


def test_two_years_in_one_text_need_the_year_said():
    parsed = parse_statistics_text(
        "for the period between 1 April 2022 to 31 March 2023. "
        "for the period between 1 April 2023 to 31 March 2024.")
    assert parsed.year is None
    assert parsed.notes == ["The text mentions more than one year (2022-23, 2023-24); say "
                            "which year the figures are for."]


def test_year_from_a_named_year_when_no_dates():
    assert parse_statistics_text("Annual review letter 2023/24. 12 upheld decisions").year == \
        "2023-24"


def test_counts_with_thousands_separators():
    parsed = parse_statistics_text("We dealt with 1,203 complaints and enquiries.")
    assert parsed.values == {"dealt_with": 1203}


def test_words_show_where_each_figure_came_from():
    parsed = parse("kent-2022-23-page.txt")
    words = {f.column: f.words for f in parsed.found}
    assert words["published_upheld_pct"] == "87% of complaints we investigated were upheld."
    assert words["upheld"] == "53 upheld decisions"  # two lines on the page, quoted as one
    assert words["average_upheld_pct"] == ("This compares to an average of 80% in similar "
                                           "authorities.")


def test_singular_forms_and_no_investigations():
    parsed = parse_statistics_text(
        "100% of complaints we investigated were upheld. 1 upheld decision. Statistics are "
        "based on a total of 1 detailed investigation. Statistics are based on a total of 1 "
        "compliance outcome. 1 satisfactory remedy decision.")
    assert parsed.values == {"investigated": 1, "upheld": 1, "published_upheld_pct": 100,
                             "compliance_outcomes": 1, "satisfactory_remedy": 1}
    nothing = parse_statistics_text("We did not investigate any complaints about the council "
                                    "in 2023-24. We did not uphold any complaints.")
    assert nothing.values == {"investigated": 0, "upheld": 0}
    stats = nothing.to_statistics("Little Marsh District Council", "district_council")
    assert as_json(stats)["upheld_pct"] is None  # nothing investigated: not applicable


@given(before=st.text(), upheld=st.integers(0, 10**12), after=st.text())
def test_a_figure_in_any_text_is_found_on_its_line(before, upheld, after):
    """Whatever surrounds it, a figure's own line is read for its value, quoted, and named
    by its line number as an editor counts lines. (The text around it may give figures of
    its own: "not for us" ending the line before reads as "not for us: 0".)"""
    assume(not parse_statistics_text(before).found and not parse_statistics_text(after).found)
    sentence = f"{upheld} upheld decisions."
    parsed = parse_statistics_text(f"{before}\n{sentence}\n{after}")
    assert parsed.values["upheld"] == upheld
    [figure] = [found for found in parsed.found if found.column == "upheld"]
    assert figure.words == sentence
    assert figure.line == len(re.findall(r"\r\n?|\n", f"{before}\n")) + 1


def test_quoted_words_are_trimmed_around_long_runs():
    parsed = parse_statistics_text("x" * 200 + " 53 upheld decisions " + "y" * 200)
    [figure] = parsed.found
    assert figure.words == "…53 upheld decisions…"  # whole words only: the runs are dropped
    parsed = parse_statistics_text("x" * 200 + "53 upheld decisions" + "y" * 200)
    assert parsed.values == {}  # glued to other characters: not a figure


def test_the_ombudsman_page_wording_without_a_leading_in():
    parsed = parse_statistics_text(
        "Compliance with Ombudsman recommendations\n100% of cases we were satisfied the Council "
        "had successfully implemented our recommendations.\nThis compares to an average of 99% "
        "in similar authorities.\nSatisfactory remedy provided by the authority\n20% of upheld "
        "cases we found the Council had provided a satisfactory remedy.")
    assert parsed.values == {"compliance_pct": 100, "average_compliance_pct": 99,
                             "published_satisfactory_remedy_pct": 20}
    assert parsed.found[0].words == ("100% of cases we were satisfied the Council had "
                                     "successfully implemented our recommendations.")


def test_each_figure_knows_its_line():
    parsed = parse("kent-2022-23-page.txt")
    lines = (SAMPLES / "kent-2022-23-page.txt").read_text(encoding="utf-8").splitlines()
    for figure in parsed.found:
        assert figure.words.split()[0].lstrip("…") in lines[figure.line - 1], figure


def test_errors_name_the_source_and_the_line_of_the_figure():
    text = "Annual review 2022-23\r\n\r\n61 investigated.\f Then\n70 upheld decisions."
    parsed = parse_statistics_text(text, source="letter.txt")
    with pytest.raises(InputError) as error:
        parsed.to_statistics("Kent County Council", "county_council")
    assert str(error.value) == "letter.txt:4: upheld: 70 upheld is more than the 61 investigated"
    undated = parse_statistics_text("61 investigated.", source="letter.txt")
    with pytest.raises(InputError, match="^letter.txt: year: could not tell which year"):
        undated.to_statistics("Kent County Council", "county_council")


def test_the_paste_box_is_named_pasted_text():
    with pytest.raises(InputError, match="^pasted text: year: "):
        parse_statistics_text("61 investigated.").year_for()


def test_nothing_found_is_refused_with_the_notes_it_made():
    parse_statistics_text("53 upheld decisions.", source="letter.txt").require_figures()
    parsed = parse_statistics_text(
        "Dear Chief Executive,\nThis compares to an average of 50% in similar authorities.\n"
        "1 April 2022 to 31 March 2023; 1 April 2023 to 31 March 2024.", source="letter.txt")
    with pytest.raises(InputError) as error:
        parsed.require_figures()
    assert str(error.value) == (
        "letter.txt: found none of the Ombudsman's figures in the text; paste the whole of the "
        "council's page or annual letter. Check: Found an average (50%) on line 2 but not which "
        "figure it belongs to: \u201cThis compares to an average of 50% in similar "
        "authorities.\u201d. Check: The text mentions more than one year (2022-23, 2023-24); "
        "say which year the figures are for.")


@pytest.mark.parametrize("text", [
    "9" * 5000 + " upheld decisions",
    "1," + "000," * 2000 + "000 upheld decisions",
    "1" + "0" * 400 + ".5% of complaints we investigated were upheld",
    "Statistics are based on a total of " + "7" * 16 + " detailed investigations",
])
def test_a_run_of_digits_longer_than_any_figure_is_not_read(text):
    assert parse_statistics_text(text).values == {}
