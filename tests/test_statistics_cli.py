"""``code-check stats import|from-text|show``: the workspace, re-import, JSON keys, the table."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from code_check.statistics.trend import PROCESS_CHANGE_CAVEAT
from code_check.store.statistics import StatisticsStore
from code_check.store.workspace import Workspace

SAMPLES = Path(__file__).parent / "statistics_samples"
DEMO = Path(__file__).parents[1] / "code_check" / "demo" / "example-statistics.csv"
CONTRACT_KEYS = {"council", "year", "investigated", "upheld", "upheld_pct",
                 "average_upheld_pct", "upheld_per_100k", "compliance_pct",
                 "satisfactory_remedy_pct"}
HEADER = ("council,authority_type,year,investigated,upheld,satisfactory_remedy,"
          "compliance_outcomes,compliance_pct,upheld_per_100k,average_upheld_pct\n")
KENT = "Kent County Council,county_council,2022-23,61,53,4,51,100,3.4,80\n"


def write(tmp_path: Path, text: str, name: str = "stats.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def held(council: str | None = None):
    with Workspace() as workspace:
        return StatisticsStore(workspace).rows(council)


@pytest.fixture
def not_a_terminal(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(""))


def test_import_then_show_json_keys(run_cli):
    status, out, _ = run_cli("stats", "import", DEMO)
    assert status == 0
    assert "4 new, 0 replaced, 0 unchanged" in out
    status, out, _ = run_cli("stats", "show", "--format", "json")
    assert status == 0
    rows = json.loads(out)
    assert [r["year"] for r in rows] == ["2021-22", "2022-23", "2023-24", "2024-25"]
    assert all(CONTRACT_KEYS <= row.keys() for row in rows)
    latest = rows[-1]
    assert latest["upheld_pct"] == pytest.approx(13 / 16 * 100)
    assert latest["upheld_per_100k"] == pytest.approx(13 / 150_000 * 100_000)
    assert latest["satisfactory_remedy_pct"] == pytest.approx(2 / 13 * 100)
    assert latest["compliance_pct"] == 100.0
    assert latest["average_upheld_pct"] == 81.0
    assert rows[0]["average_upheld_pct"] is None


def test_show_filters_by_council_and_year(run_cli, tmp_path):
    path = write(tmp_path, HEADER + KENT
                 + "London Borough of Camden,london_borough,2022-23,20,14,0,13,100,6.7,77\n")
    run_cli("stats", "import", path)
    status, out, _ = run_cli("stats", "show", "--council", "london borough of camden",
                             "--year", "2022/23", "--format", "json")
    assert status == 0
    [camden] = json.loads(out)
    assert camden["council"] == "London Borough of Camden"
    assert camden["upheld_pct"] == 70.0
    assert camden["satisfactory_remedy_pct"] == 0.0
    status, _, err = run_cli("stats", "show", "--council", "Camden", "--year", "2021-22")
    assert status == 1
    assert err.startswith("code-check: no Ombudsman statistics for Camden 2021-22 in the "
                          "workspace")
    status, _, err = run_cli("stats", "show", "--year", "2022")
    assert (status, err) == (1, "code-check: --year: expected a financial year such as "
                                "2023-24, found '2022'\n")


@pytest.fixture
def wide(monkeypatch):
    """A terminal wide enough that no table cell wraps."""
    monkeypatch.setenv("COLUMNS", "250")


def test_show_table_has_figures_beside_averages_in_words_and_caveats(run_cli, wide):
    status, out, _ = run_cli("stats", "show", DEMO)
    assert status == 0
    assert "Example Borough Council (Metropolitan borough), 2024-25" in out
    assert "= the same as the average (81%)" in out
    assert "16 investigations" in out
    assert "83% (above 77%)" in out  # 2022-23 in the year-by-year table
    assert "10% (same as 10%)" in out
    assert " ".join(PROCESS_CHANGE_CAVEAT.split()) in " ".join(out.split())


def test_show_table_flags_small_numbers_and_checks(run_cli, tmp_path, wide):
    path = write(tmp_path, HEADER + "Norwich City Council,district_council,2024-25,2,2,0,0,"
                                    "100,1.4%,66\n")
    status, out, _ = run_cli("stats", "show", path)
    assert status == 0
    flat = " ".join(out.split())
    assert "▲ 34 percentage points above the average (66%)" in flat
    assert "rests on only 2 investigations" in flat
    assert "not applicable: no recommendations were due" in flat
    assert "Check: 2024-25: compliance of 100% is given but no compliance outcomes" in flat


def test_reimport_unchanged_year_needs_no_confirmation(run_cli, tmp_path, not_a_terminal):
    path = write(tmp_path, HEADER + KENT)
    assert run_cli("stats", "import", path)[0] == 0
    status, out, _ = run_cli("stats", "import", path)
    assert status == 0
    assert "0 new, 0 replaced, 1 unchanged" in out


def test_reimport_refused_without_yes_when_not_a_terminal(run_cli, tmp_path, not_a_terminal):
    run_cli("stats", "import", write(tmp_path, HEADER + KENT))
    changed = write(tmp_path, HEADER + KENT.replace(",53,4,", ",54,4,"), "changed.csv")
    status, out, err = run_cli("stats", "import", changed)
    assert status == 1
    assert err == ("code-check: Kent County Council 2022-23 already held; saving would "
                   "replace it: run again with --yes to replace\n")
    assert "upheld" in out and "53" in out and "54" in out  # the differences were shown
    assert held("Kent County Council")[0].upheld == 53


def test_reimport_with_yes_replaces_the_year(run_cli, tmp_path, not_a_terminal):
    run_cli("stats", "import", write(tmp_path, HEADER + KENT))
    newer = KENT.replace(",53,4,", ",54,4,") + KENT.replace("2022-23", "2023-24")
    status, out, _ = run_cli("stats", "import", write(tmp_path, HEADER + newer, "new.csv"),
                             "--yes", "--format", "json")
    assert status == 0
    report = json.loads(out)
    assert [(s["year"], s["change"]) for s in report["saved"]] == [
        ("2022-23", "replaced"), ("2023-24", "new")]
    assert report["saved"][0]["changes"] == [{"column": "upheld", "before": 53, "after": 54}]
    rows = held("kent county council")
    assert [(r.year, r.upheld) for r in rows] == [("2022-23", 54), ("2023-24", 53)]


@pytest.mark.parametrize(("answer", "upheld"), [("y\n", 54), ("n\n", 53), ("", 53)])
def test_reimport_asks_at_a_terminal(run_cli, tmp_path, monkeypatch, answer, upheld):
    run_cli("stats", "import", write(tmp_path, HEADER + KENT))
    terminal = io.StringIO(answer)
    terminal.isatty = lambda: True
    monkeypatch.setattr("sys.stdin", terminal)
    status, out, _ = run_cli("stats", "import",
                             write(tmp_path, HEADER + KENT.replace(",53,4,", ",54,4,"), "b.csv"))
    assert status == 0
    assert "Replace the figures held for Kent County Council 2022-23? [y/N]" in out
    assert held()[0].upheld == upheld


def test_authority_type_choices_match_the_model():
    from code_check.assessment.model import AuthorityType
    from code_check.cli.options import AUTHORITY_TYPES

    assert AUTHORITY_TYPES == tuple(t.value for t in AuthorityType)


def test_from_text_shows_found_and_not_found_without_saving(run_cli):
    status, out, _ = run_cli("stats", "from-text", SAMPLES / "norwich-2024-25-page.txt",
                             "--council", "Norwich City Council")
    assert status == 0
    flat = " ".join(out.split())
    assert "Figures found for Norwich City Council (2024-25)" in flat
    assert "Not found in the text: Average upheld per 100,000 residents; Average satisfactory "\
           "remedy (%)." in flat
    assert "Not saved: add --save" in flat
    assert held() == []


def test_from_text_save_and_json(run_cli):
    status, out, _ = run_cli("stats", "from-text", SAMPLES / "kent-2022-23-page.txt",
                             "--council", "Kent County Council", "--authority-type",
                             "county_council", "--save", "--format", "json")
    assert status == 0
    report = json.loads(out)
    assert report["year"] == "2022-23"
    assert report["not_found"] == []
    assert report["saved"]["saved"][0]["change"] == "new"
    [kent] = held()
    assert (kent.investigated, kent.upheld, kent.published_upheld_pct) == (61, 53, 87)
    # the type is known now, so a later year needs no --authority-type
    status, out, _ = run_cli("stats", "from-text", SAMPLES / "example-2023-24-letter.txt",
                             "--council", "Kent County Council", "--save")
    assert status == 0
    assert [r.year for r in held()] == ["2022-23", "2023-24"]


def test_from_text_year_option_overrides(run_cli, tmp_path):
    text = write(tmp_path, "87% of complaints we investigated were upheld. 53 upheld "
                           "decisions. Statistics are based on a total of 61 detailed "
                           "investigations.", "kent.txt")
    status, _, err = run_cli("stats", "from-text", text, "--council", "Kent", "--authority-type",
                             "county_council", "--save")
    assert (status, err) == (1, f"code-check: {text}: year: could not tell which year the "
                                "figures are for; give the year (for example --year 2023-24)\n")
    status, _, _ = run_cli("stats", "from-text", text, "--council", "Kent", "--authority-type",
                           "county_council", "--save", "--year", "2022/23")
    assert status == 0
    assert held()[0].year == "2022-23"


@pytest.mark.parametrize(("args", "message"), [
    (("--council", "Nowhere Council", "--save"),
     "code-check: --authority-type: Nowhere Council is not yet in the workspace: say what kind "
     "of council it is (county_council, district_council, metropolitan_borough, "
     "unitary_council, london_borough)\n"),
    (("--council", "Kent", "--year", "2024"),
     "code-check: --year: expected a financial year such as 2023-24, found '2024'\n"),
])
def test_from_text_bad_options(run_cli, args, message):
    status, _, err = run_cli("stats", "from-text", SAMPLES / "kent-2022-23-page.txt", *args)
    assert (status, err) == (1, message)


def test_from_text_with_no_figures(run_cli, tmp_path):
    text = write(tmp_path, "Dear Chief Executive, thank you for your letter.", "letter.txt")
    status, _, err = run_cli("stats", "from-text", text, "--council", "Kent")
    assert (status, err) == (1, f"code-check: {text}: found none of the Ombudsman's figures in "
                                "the text; paste the whole of the council's page or annual "
                                "letter\n")


def test_from_text_with_no_figures_still_shows_what_it_noticed(run_cli, tmp_path):
    text = write(tmp_path, "Dear Chief Executive,\n\nThis compares to an average of 50% in "
                           "similar authorities.\nfor the period between 1 April 2022 to 31 "
                           "March 2023, and 1 April 2023 to 31 March 2024.", "letter.txt")
    status, _, err = run_cli("stats", "from-text", text, "--council", "Kent")
    assert status == 1
    assert err.startswith(f"code-check: {text}: found none of the Ombudsman's figures")
    assert "Check: Found an average (50%) on line 3 but not which figure it belongs to" in err
    assert "Check: The text mentions more than one year (2022-23, 2023-24)" in err
    assert err.count("\n") == 1


def test_from_text_error_names_the_file_and_the_figure_line(run_cli, tmp_path):
    text = write(tmp_path, "For the period between 1 April 2022 to 31 March 2023.\n\n"
                           "61 investigated.\n70\nupheld decisions.", "letter.txt")
    status, _, err = run_cli("stats", "from-text", text, "--council", "Kent",
                             "--authority-type", "county_council", "--save")
    assert (status, err) == (1, f"code-check: {text}:4: upheld: 70 upheld is more than the 61 "
                                "investigated\n")
    assert held() == []


def test_workspace_option_after_the_subcommand(run_cli, tmp_path):
    elsewhere = tmp_path / "other.sqlite3"
    assert run_cli("stats", "import", DEMO, "--workspace", elsewhere)[0] == 0
    assert held() == []
    status, out, _ = run_cli("stats", "show", "--workspace", elsewhere, "--format", "json")
    assert status == 0
    assert len(json.loads(out)) == 4


def test_from_text_replacing_a_year_keeps_what_the_text_lacks(run_cli, not_a_terminal):
    run_cli("stats", "import", DEMO)
    letter = SAMPLES / "example-2023-24-letter.txt"
    status, _, err = run_cli("stats", "from-text", letter, "--council",
                             "Example Borough Council", "--save")
    assert status == 1
    assert "run again with --yes to replace" in err
    status, out, _ = run_cli("stats", "from-text", letter, "--council",
                             "Example Borough Council", "--save", "--yes")
    assert status == 0
    assert "0 new, 1 replaced, 0 unchanged" in out
    year = {r.year: r for r in held()}["2023-24"]
    assert year.population == 150_000  # not in the letter: kept
    assert (year.upheld_per_100k, year.average_upheld_pct) == (7.3, 80)  # from the letter
