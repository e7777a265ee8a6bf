"""Reading statistics files: good CSV and YAML, and every malformed input as one line, exit 1."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from code_check.statistics.files import read_statistics

DEMO = Path(__file__).parents[1] / "code_check" / "demo" / "example-statistics.csv"
HEADER = "council,authority_type,year,investigated,upheld,satisfactory_remedy\n"
GOOD_ROW = "Kent County Council,county_council,2022-23,61,53,4\n"


def write(tmp_path: Path, text: str, name: str = "stats.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_demo_file_reads_and_checks_clean():
    rows = read_statistics(DEMO)
    assert [r.year for r in rows] == ["2021-22", "2022-23", "2023-24", "2024-25"]
    assert {r.council for r in rows} == {"Example Borough Council"}
    assert {r.authority_type.value for r in rows} == {"metropolitan_borough"}
    assert [w for r in rows for w in r.warnings] == []
    by_year = {r.year: r for r in rows}
    assert by_year["2022-23"].average_upheld_pct == 77  # the reference's metropolitan average
    assert by_year["2024-25"].average_upheld_pct == 81


def test_csv_with_spreadsheet_forms(tmp_path):
    path = write(tmp_path, "Council, Authority_Type ,Year,population,upheld_per_100k,"
                           "compliance_outcomes,compliance_pct\n"
                           "Kent County Council,county_council,2022/23,\"1,589,100\",3.4%,51,"
                           "100%\n\n")
    [row] = read_statistics(path)
    assert row.year == "2022-23"
    assert row.population == 1_589_100
    assert row.upheld_per_100k == 3.4
    assert row.compliance_pct == 100


def test_yaml_file(tmp_path):
    path = write(tmp_path, "- council: Kent County Council\n"
                           "  authority_type: county_council\n"
                           "  year: 2022-23\n"
                           "  investigated: 61\n"
                           "  upheld: 53\n"
                           "  upheld_per_100k: 3.4%\n", "stats.yaml")
    [row] = read_statistics(path)
    assert (row.investigated, row.upheld, row.upheld_per_100k) == (61, 53, 3.4)


MALFORMED = [
    ("stats.csv", "", "stats.csv:1: the file is empty: expected a header row of column names"),
    ("stats.csv", HEADER, "stats.csv: has a header but no rows of figures"),
    ("stats.csv", "council,year\n" + "Kent,2022-23\n",
     "stats.csv:1: authority_type: is a required column but the header lacks it"),
    ("stats.csv", "council,authority_type,year,upheld_rate\n",
     "stats.csv:1: upheld_rate: is not a known column (check the spelling; see the README)"),
    ("stats.csv", "council,authority_type,year,upheld_pct\n",
     "stats.csv:1: upheld_pct: rates are worked out from the counts; put the Ombudsman's "
     "printed figure in a column called published_upheld_pct"),
    ("stats.csv", "council,authority_type,year,upheld,upheld\n",
     "stats.csv:1: upheld: appears twice in the header"),
    ("stats.csv", HEADER + GOOD_ROW + "Kent County Council,county_council,2022-23,61,53,4,9\n",
     "stats.csv:3: has 7 cells but the header names 6 columns"),
    ("stats.csv", HEADER + GOOD_ROW + ",county_council,2023-24,61,53,4\n",
     "stats.csv:3: council: is required but blank"),
    ("stats.csv", HEADER + "Kent County Council,parish_council,2022-23,61,53,4\n",
     "stats.csv:2: authority_type: expected one of county_council, district_council, "
     "metropolitan_borough, unitary_council, london_borough; found 'parish_council'"),
    ("stats.csv", HEADER + "Kent County Council,county_council,2022,61,53,4\n",
     "stats.csv:2: year: expected a financial year such as 2023-24, found '2022'"),
    ("stats.csv", HEADER + "Kent County Council,county_council,2022-24,61,53,4\n",
     "stats.csv:2: year: '2022-24' is not a financial year: the second year must follow "
     "the first"),
    ("stats.csv", HEADER + "Kent County Council,county_council,2022-23,sixty,53,4\n",
     "stats.csv:2: investigated: expected a whole number of cases, found 'sixty'"),
    ("stats.csv", HEADER + "Kent County Council,county_council,2022-23,61,-1,4\n",
     "stats.csv:2: upheld: expected a whole number of cases, found '-1'"),
    ("stats.csv", HEADER + "Kent County Council,county_council,2022-23,61,53.5,4\n",
     "stats.csv:2: upheld: expected a whole number of cases, found '53.5'"),
    ("stats.csv", HEADER + "Kent County Council,county_council,2022-23,61,62,4\n",
     "stats.csv:2: upheld: 62 upheld is more than the 61 investigated"),
    ("stats.csv", HEADER + "Kent County Council,county_council,2022-23,61,53,54\n",
     "stats.csv:2: satisfactory_remedy: 54 satisfactory remedies is more than the 53 upheld"),
    ("stats.csv", "council,authority_type,year,compliance_pct\n"
                  "Kent County Council,county_council,2022-23,101\n",
     "stats.csv:2: compliance_pct: expected 0 to 100, found 101.0"),
    ("stats.csv", "council,authority_type,year,upheld_per_100k\n"
                  "Kent County Council,county_council,2022-23,about 3\n",
     "stats.csv:2: upheld_per_100k: expected a number, found 'about 3'"),
    ("stats.csv", "council,authority_type,year,population\n"
                  "Kent County Council,county_council,2022-23,0\n",
     "stats.csv:2: population: expected at least 1, found 0"),
    ("stats.csv", HEADER + GOOD_ROW + "kent county council,county_council,2022/23,61,53,4\n",
     "stats.csv:3: year: kent county council 2022-23 is already given on line 2"),
    ("stats.txt", "anything", "stats.txt: expected a .csv, .yaml or .yml statistics file"),
    ("stats.yaml", "council: Kent\n", "stats.yaml:1: expected a list of rows, one per council "
     "and year (each starting with '- council: ...')"),
    ("stats.yaml", "- just a line\n", "stats.yaml:1: expected the fields of one council and "
     "year (council: ..., year: ...)"),
    ("stats.yaml", "- council: Kent\n  authority_type: county_council\n  year: 2022-23\n"
                   "  upheld: 5\n  upheld: 6\n",
     "stats.yaml:5: upheld: appears twice in the same mapping"),
    ("stats.yaml", "- council: Kent\n  authority_type: county_council\n  year: 2022-23\n"
                   "  investigated: 4\n  upheld: 5\n",
     "stats.yaml:5: upheld: 5 upheld is more than the 4 investigated"),
    ("stats.yaml", "- council: Kent\n  authority_type: county_council\n  year: 2022-23\n"
                   "  uphled: 5\n",
     "stats.yaml:4: uphled: is not a known column (check the spelling)"),
    ("stats.yaml", "- council: Kent\n  authority_type: county_council\n  year: 2022-23\n"
                   "  satisfactory_remedy_pct: 5\n",
     "stats.yaml:1: satisfactory_remedy_pct: rates are worked out from the counts; give the "
     "Ombudsman's printed figure as published_satisfactory_remedy_pct"),
    ("stats.yaml", "- council: Kent\n  year: [2022\n",
     "stats.yaml:3: YAML syntax error: did not find expected ',' or ']'"),
    ("stats.csv", HEADER + "Kent County Council,county_council,2022-23," + "9" * 90 + ",53,4\n",
     "stats.csv:2: investigated: expected at most 1,000,000, found a number of more than 50 "
     "digits"),
    ("stats.csv", HEADER + "Kent County Council,county_council,2022-23," + "9" * 5000 + ",53,4\n",
     "stats.csv:2: investigated: '" + "9" * 57 + "…' is far too large a number"),
    ("stats.csv", "council,authority_type,year,compliance_outcomes,compliance_pct\n"
                  "Kent County Council,county_council,2022-23,99999999999999999999,100\n",
     "stats.csv:2: compliance_outcomes: expected at most 1,000,000, found 99999999999999999999"),
    ("stats.csv", "council,authority_type,year,population\n"
                  "Kent County Council,county_council,2022-23,100000001\n",
     "stats.csv:2: population: expected at most 100,000,000, found 100000001"),
    ("stats.csv", "council,authority_type,year,average_upheld_per_100k\n"
                  "Kent County Council,county_council,2022-23,1e400\n",
     "stats.csv:2: average_upheld_per_100k: expected an ordinary number, found '1e400'"),
    ("stats.csv", "council,authority_type,year,upheld_per_100k\n"
                  "Kent County Council,county_council,2022-23,100001\n",
     "stats.csv:2: upheld_per_100k: expected at most 100,000, found 100001.0"),
    ("stats.csv", HEADER + "Kent County Council,county_council,2022-23,61,53,\"" + "4" * 140_000
     + "\"\n", "stats.csv:2: a cell on this row is longer than 131,072 characters; is a quote "
     '(") left open?'),
    ("stats.csv", "council" + "x" * 140_000 + "\n", "stats.csv:1: a cell on this row is longer "
     'than 131,072 characters; is a quote (") left open?'),
    ("stats.csv", HEADER + GOOD_ROW + 'Kent County Council,"county_council,2023-24,1,1,0\n',
     'stats.csv:3: a quoted cell opened on this row is never closed (a " is missing), so the '
     "rest of the file cannot be read"),
    ("stats.yaml", "- council: Kent\n  authority_type: county_council\n  year: 2022-23\n"
                   "  average_upheld_pct: 1e400\n",
     "stats.yaml:4: average_upheld_pct: expected an ordinary number, found '1e400'"),
    ("stats.yaml", "- council: Kent\n  authority_type: county_council\n  year: 2022-23\n"
                   "  average_upheld_per_100k: .inf\n",
     "stats.yaml:4: average_upheld_per_100k: expected an ordinary number, found inf"),
    ("stats.yaml", "- council: Kent\n  authority_type: county_council\n  year: 2022-23\n"
                   "  investigated: true\n",
     "stats.yaml:4: investigated: expected a whole number, found true"),
    ("stats.yaml", "- council: Kent\n  authority_type: county_council\n  year: 2022-23\n"
                   "  investigated: " + "1" * 90 + "\n",
     "stats.yaml:4: investigated: expected at most 1,000,000, found a number of more than 50 "
     "digits"),
    ("stats.yaml", "- council: Kent\n  authority_type: county_council\n  year: 2022-23\n"
                   "  investigated: !!float x\n",
     "stats.yaml:4: [0].investigated: 'x' is not a number"),
]


@pytest.mark.parametrize(("name", "text", "message"), MALFORMED,
                         ids=[m[2].split(": ", 1)[1][:40] for m in MALFORMED])
def test_malformed_file_is_one_line_and_exit_1(tmp_path, run_cli, name, text, message):
    path = write(tmp_path, text, name)
    for command in (("stats", "show", path), ("stats", "import", path, "--yes")):
        status, out, err = run_cli(*command)
        assert status == 1
        assert err == f"code-check: {tmp_path}/{message}\n"
    status, out, _ = run_cli("stats", "show", "--format", "json")  # nothing half-imported
    assert status == 1


def test_bad_row_after_good_ones_imports_nothing(tmp_path, run_cli):
    path = write(tmp_path, HEADER + GOOD_ROW + "Kent County Council,county_council,2023-24,5,9,0\n")
    status, _, err = run_cli("stats", "import", path, "--yes")
    assert status == 1
    assert err == f"code-check: {path}:3: upheld: 9 upheld is more than the 5 investigated\n"
    status, _, err = run_cli("stats", "show")
    assert status == 1
    assert "no Ombudsman statistics for any council in the workspace" in err


def test_missing_and_unreadable_files(tmp_path, run_cli):
    status, _, err = run_cli("stats", "import", tmp_path / "absent.csv")
    assert (status, err) == (1, f"code-check: {tmp_path}/absent.csv: file not found\n")
    windows = tmp_path / "windows.csv"
    windows.write_bytes(HEADER.encode() + "Caf\xe9 Council,county_council,2022-23,1,1,0\n"
                        .encode("cp1252"))
    assert [row.council for row in read_statistics(windows)] == ["Caf\xe9 Council"]
    garbled = tmp_path / "garbled.csv"
    garbled.write_bytes(HEADER.encode() + b"Caf\x81 Council,county_council,2022-23,1,1,0\n")
    status, _, err = run_cli("stats", "show", garbled)
    assert status == 1
    assert err.startswith(f"code-check: {garbled}:2: is not UTF-8 text (byte 0x81)")


def test_json_output_of_a_file(tmp_path, run_cli):
    status, out, _ = run_cli("stats", "show", DEMO, "--year", "2024/25", "--format", "json")
    assert status == 0
    [row] = json.loads(out)
    assert row["dealt_with"] == 52
    assert row["upheld_pct"] == pytest.approx(13 / 16 * 100)

