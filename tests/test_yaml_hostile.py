"""Hostile YAML in every reader: one line naming file and line, exit 1, and never a hang."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from code_check.errors import VALUE_LIMIT, InputError, quoted
from code_check.readers.yaml_source import compose

DEMO = Path(__file__).parents[1] / "code_check" / "demo"
ASSESSMENT = (DEMO / "example-borough-2026-03-31.yaml").read_text(encoding="utf-8")
LOG = DEMO / "example-complaint-log.csv"
STATISTICS = ("- council: Kent County Council\n"
              "  authority_type: county_council\n"
              "  year: 2022-23\n"
              "  investigated: 61\n")


def alias_bomb(levels: int = 12) -> str:
    """Nine references per level: 9**12 (282 billion) strings once expanded."""
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, levels):
        lines.append(f"a{level}: &a{level} [{','.join([f'*a{level - 1}'] * 9)}]")
    return "\n".join(lines) + "\n"


def test_the_bomb_is_small():
    assert len(alias_bomb().encode()) < 600


# Each YAML reader, as a user reaches it: (file name, the command run on it).
READERS = {
    "catalogue": ("cat.yaml", lambda path: ("rules", "validate", path)),
    "assessment": ("a.yaml", lambda path: ("score", path)),
    "statistics": ("stats.yaml", lambda path: ("stats", "show", path)),
    "map file": ("map.yaml", lambda path: ("log", "analyse", LOG, "--map-file", path)),
}


def run_reader(run_cli, tmp_path: Path, reader: str, text: str) -> tuple[int, str, Path]:
    name, command = READERS[reader]
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    status, out, err = run_cli(*command(path))
    assert status == 0 or out == ""
    return status, err, path


@pytest.mark.parametrize("reader", READERS)
def test_an_alias_bomb_is_refused_at_once(tmp_path, reader):
    """In a child process with a deadline: unrefused, the bomb runs for hours."""
    name, command = READERS[reader]
    path = tmp_path / name
    path.write_text(alias_bomb(), encoding="utf-8")
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "code_check", *map(str, command(path))],
                          capture_output=True, text=True, timeout=20)
    assert time.perf_counter() - started < 10
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == (f"code-check: {path}:1: uses the YAML anchor or alias '&a0': "
                           "they are not allowed here, so write each value out in full\n")


def test_an_alias_is_named_at_its_own_line(run_cli, tmp_path):
    text = ASSESSMENT.replace("assessor: Jane Officer", "assessor: *someone")
    status, err, path = run_reader(run_cli, tmp_path, "assessment", text)
    line = text[: text.index("*someone")].count("\n") + 1
    assert (status, err) == (1, f"code-check: {path}:{line}: uses the YAML anchor or alias "
                                "'*someone': they are not allowed here, so write each value "
                                "out in full\n")


def test_ampersands_and_asterisks_in_text_are_fine(run_cli, tmp_path):
    text = ASSESSMENT.replace("assessor: Jane Officer",
                              'assessor: Health & Safety *lead* "&x *y"')
    status, err, _ = run_reader(run_cli, tmp_path, "assessment", text)
    assert (status, err) == (0, "")


# Values PyYAML itself cannot build: each is the field at fault, on its line.
UNBUILDABLE = {
    "impossible date": ("assessed_on: 2026-03-31", "assessed_on: 2026-02-30",
                        "assessed_on: '2026-02-30' is not a real date (day is out of range "
                        "for month)"),
    "explicit timestamp": ("assessed_on: 2026-03-31", "assessed_on: !!timestamp 2026-02-30",
                           "assessed_on: '2026-02-30' is not a real date (day is out of range "
                           "for month)"),
    "timestamp of words": ("assessed_on: 2026-03-31", "assessed_on: !!timestamp soon",
                           "assessed_on: 'soon' is not a real date"),
    "float of words": ("population: 150000", 'population: !!float "x"',
                       "council.population: 'x' is not a number"),
    "empty int": ("population: 150000", 'population: !!int ""',
                  "council.population: '' is not a whole number"),
    "bool of words": ("landlord: false", "landlord: !!bool maybe",
                      "council.landlord: 'maybe' is not true or false"),
    "over 4,300 digits": ("population: 150000", "population: " + "9" * 5000,
                          f"council.population: '{'9' * (VALUE_LIMIT - 3)}…' is too long to be "
                          "a number (more than 4,300 digits)"),
}


@pytest.mark.parametrize("case", UNBUILDABLE, ids=list(UNBUILDABLE))
def test_a_value_yaml_cannot_build_is_located(run_cli, tmp_path, case):
    old, new, expected = UNBUILDABLE[case]
    text = ASSESSMENT.replace(old, new, 1)
    status, err, path = run_reader(run_cli, tmp_path, "assessment", text)
    line = text[: text.index(new)].count("\n") + 1
    assert (status, err) == (1, f"code-check: {path}:{line}: {expected}\n")


def test_an_impossible_date_in_a_sequence_names_its_place(tmp_path):
    with pytest.raises(InputError) as error:
        compose("dates:\n  - 2026-01-01\n  - 2026-13-01\n", "list.yaml")
    assert str(error.value) == ("list.yaml:3: dates[1]: '2026-13-01' is not a real date "
                                "(month must be in 1..12)")


IMPOSSIBLE_DATES = {
    "catalogue": ("id: x\nissued: 2024-02-30\n", "2: issued"),
    "assessment": (ASSESSMENT.replace("assessed_on: 2026-03-31", "assessed_on: 2024-02-30"),
                   "7: assessed_on"),
    "statistics": (STATISTICS.replace("year: 2022-23", "year: 2024-02-30"), "3: [0].year"),
    "map file": ("received: 2024-02-30\n", "1: received"),
}


@pytest.mark.parametrize("reader", READERS)
def test_an_impossible_date_in_any_reader(run_cli, tmp_path, reader):
    text, where = IMPOSSIBLE_DATES[reader]
    status, err, path = run_reader(run_cli, tmp_path, reader, text)
    assert (status, err) == (1, f"code-check: {path}:{where}: '2024-02-30' is not a real date "
                                "(day is out of range for month)\n")


@pytest.mark.parametrize("reader", READERS)
def test_a_control_character_names_its_line(run_cli, tmp_path, reader):
    text = "# café, naïve: multi-byte text before the fault\nfirst: ok\nsecond: bell\x07\n"
    status, err, path = run_reader(run_cli, tmp_path, reader, text)
    assert (status, err) == (1, f"code-check: {path}:3: contains a control character (code 7), "
                                "which YAML does not allow; delete it\n")


def test_population_true_is_not_1(run_cli, tmp_path):
    text = ASSESSMENT.replace("population: 150000", "population: true")
    status, err, path = run_reader(run_cli, tmp_path, "assessment", text)
    assert (status, err) == (1, f"code-check: {path}:4: council.population: expected a whole "
                                "number, found true\n")


# Error lines quote values, never whole: a 50 MB value once made a 52 MB line. -------------

HUGE = "x" * 5_000_000


def test_a_huge_value_is_cut_in_the_error(run_cli, tmp_path):
    text = ASSESSMENT.replace("    status: met\n", f"    status: met\n    via_row: {HUGE}\n", 1)
    status, err, path = run_reader(run_cli, tmp_path, "assessment", text)
    assert (status, err) == (1, f"code-check: {path}:12: answers.1.1.via_row: {quoted(HUGE)} "
                                "is not in the expected form (pattern ^\\d+[a-z]?$)\n")


def test_a_huge_value_in_statistics_is_cut(run_cli, tmp_path):
    text = STATISTICS.replace("county_council", HUGE)
    status, err, path = run_reader(run_cli, tmp_path, "statistics", text)
    assert (status, err) == (1, f"code-check: {path}:2: authority_type: expected one of "
                                "county_council, district_council, metropolitan_borough, "
                                f"unitary_council, london_borough; found {quoted(HUGE)}\n")


@pytest.mark.parametrize(("value", "shown"), [
    ("short", "'short'"),
    ("y" * (VALUE_LIMIT - 2), "'" + "y" * (VALUE_LIMIT - 2) + "'"),
    ("y" * (VALUE_LIMIT - 1), "'" + "y" * (VALUE_LIMIT - 3) + "…'"),
    (HUGE, "'" + "x" * (VALUE_LIMIT - 3) + "…'"),
    (12.5, "12.5"),
    (True, "true"),
    (10**100, "a number of more than 50 digits"),
    (["z"] * 100, repr(["z"] * 100)[: VALUE_LIMIT - 1] + "…"),
])
def test_quoted_values_stay_readable(value, shown):
    assert quoted(value) == shown
    assert len(quoted(value)) <= VALUE_LIMIT


def test_every_error_line_is_cut_whoever_wrote_it():
    error = InputError(f"no column headed {HUGE!r}; rename it", source="log.csv",
                       field="answers." + HUGE)
    text = str(error)
    assert len(text) < 600
    assert text.startswith("log.csv: answers.xxx")
    assert text.endswith("xxx'; rename it")  # the advice at the end survives
