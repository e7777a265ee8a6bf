"""Every bad catalogue is refused with one line naming file, line and field, and exit 1."""

from __future__ import annotations

import json

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

VALID = """\
id: test-code
title: Test Code
publisher: Test Ombudsman
version: "1"
issued: 2024-02-08
template_rows:
  - id: "1"
    title: First
    expects: We do the first thing.
sections:
  - id: "1"
    title: First section
    requirements:
      - id: "1.1"
        text: Do the first thing.
        obligation: should
        guidance: A policy that says so.
        template_rows: ["1"]
        timescale:
          limit: 5
          unit: working_days
          from: receipt
      - id: "1.2"
        text: Do the second thing.
        obligation: must
        guidance: Records that show it.
        template_rows: ["1"]
scoring:
  credit: {met: 1.0, partly_met: 0.5, not_met: 0.0}
  weight: {must: 2, should: 1}
  bands:
    - {name: Ready, min: 90, requires_all_must_met: true}
    - {name: Not ready, min: 0}
"""


def write(tmp_path, text: str | bytes, name: str = "cat.yaml"):
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def validate(run_cli, path):
    status, out, err = run_cli("rules", "validate", path)
    return status, err.strip()


def test_the_valid_fixture_passes(tmp_path, run_cli):
    status, out, err = run_cli("rules", "validate", write(tmp_path, VALID))
    assert (status, err) == (0, "")
    assert "test-code" in out


CASES = {
    "yaml syntax error": (
        VALID.replace("title: First section", "title: [First section"),
        "{path}:13: YAML syntax error: did not find expected ',' or ']'",
    ),
    "not a mapping": ("- just\n- a list\n",
                      "{path}:1: expected a mapping of fields at the top level, found a list"),
    "unknown key": (
        VALID.replace("    title: First section\n", "    title: First section\n    colour: red\n"),
        "{path}:13: sections[0].colour: is not a known field (check the spelling)",
    ),
    "missing required field": (
        VALID.replace("        guidance: Records that show it.\n", ""),
        "{path}:23: sections[0].requirements[1].guidance: is required but missing",
    ),
    "wrong type": (
        VALID.replace("limit: 5", "limit: five"),
        "{path}:20: sections[0].requirements[0].timescale.limit: expected a whole number, "
        "found 'five'",
    ),
    "duplicate provision id": (
        VALID.replace('id: "1.2"', 'id: "1.1"'),
        "{path}:23: sections[0].requirements[1].id: duplicate requirement id '1.1' "
        "(already in section 1)",
    ),
    "unknown obligation": (
        VALID.replace("obligation: must", "obligation: shall"),
        "{path}:25: sections[0].requirements[1].obligation: input should be 'must' or 'should'",
    ),
    "timescale without a unit": (
        VALID.replace("          unit: working_days\n", ""),
        "{path}:19: sections[0].requirements[0].timescale.unit: is required but missing",
    ),
    "negative days": (
        VALID.replace("limit: 5", "limit: -3"),
        "{path}:20: sections[0].requirements[0].timescale.limit: input should be greater "
        "than or equal to 1",
    ),
    "python object tag": (
        VALID.replace("title: Test Code", "title: !!python/object/apply:os.system [echo hi]"),
        "{path}:2: the tag tag:yaml.org,2002:python/object/apply:os.system is not allowed "
        "(only plain YAML data is read)",
    ),
    "duplicate key": (
        VALID.replace('version: "1"\n', 'version: "1"\nversion: "2"\n'),
        "{path}:5: version: appears twice in the same mapping",
    ),
    "infinite weight": (
        VALID.replace("must: 2", "must: .inf"),
        "{path}:30: scoring.weight.must: expected an ordinary number, found inf",
    ),
    "weight of 1e400": (
        VALID.replace("must: 2", "must: 1.0e+400"),
        "{path}:30: scoring.weight.must: expected an ordinary number, found inf",
    ),
    "weight out of range": (
        VALID.replace("should: 1", "should: 1000"),
        "{path}:30: scoring.weight.should: input should be less than or equal to 100",
    ),
    "weight true": (
        VALID.replace("must: 2", "must: true"),
        "{path}:30: scoring.weight.must: expected a number, found true",
    ),
    "credit nan": (
        VALID.replace("met: 1.0,", "met: .nan,"),
        "{path}:29: scoring.credit.met: expected an ordinary number, found nan",
    ),
    "band min infinite": (
        VALID.replace("min: 90", "min: -.inf"),
        "{path}:32: scoring.bands[0].min: expected an ordinary number, found -inf",
    ),
    "days true": (
        VALID.replace("limit: 5", "limit: true"),
        "{path}:20: sections[0].requirements[0].timescale.limit: expected a whole number, "
        "found true",
    ),
    "a row form without template rows": (
        VALID.replace("template_rows:\n  - id: \"1\"\n    title: First\n"
                      "    expects: We do the first thing.\n", ""),
        "{path}:1: template_rows: is required, at least one row, unless published_form has "
        "one_row_per: provision",
    ),
    "a requirement in no row of a row form": (
        VALID.replace('        template_rows: ["1"]\nscoring', "scoring"),
        "{path}:23: sections[0].requirements[1].template_rows: is required, at least one row, "
        "unless published_form has one_row_per: provision",
    ),
    "a form of four columns": (
        VALID.replace("issued: 2024-02-08\n", "issued: 2024-02-08\npublished_form:\n"
                      "  columns: [Section, Expects, Answer, Evidence]\n"),
        "{path}:7: published_form.columns: list should have at least 5 items after validation, "
        "not 4",
    ),
    "an unknown kind of form row": (
        VALID.replace("issued: 2024-02-08\n",
                      "issued: 2024-02-08\npublished_form: {one_row_per: section}\n"),
        "{path}:6: published_form.one_row_per: input should be 'template_row' or 'provision'",
    ),
    "unknown template row": (
        VALID.replace('template_rows: ["1"]\n        timescale', 'template_rows: ["6a"]\n'
                      "        timescale"),
        "{path}:18: sections[0].requirements[0].template_rows: unknown template row '6a' "
        "(not in template_rows)",
    ),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_bad_catalogue(tmp_path, run_cli, case):
    text, expected = CASES[case]
    path = write(tmp_path, text)
    assert validate(run_cli, path) == (1, "code-check: " + expected.format(path=path))


def test_empty_file(tmp_path, run_cli):
    path = write(tmp_path, "# only a comment\n")
    assert validate(run_cli, path) == (1, f"code-check: {path}:1: the file is empty")


def test_non_utf8_bytes(tmp_path, run_cli):
    path = write(tmp_path, VALID.encode().replace(b"Test Ombudsman", b"Test Ombudsm\xe9n"))
    assert validate(run_cli, path) == (
        1, f"code-check: {path}:3: is not UTF-8 text (byte 0xe9); save it as UTF-8")


def test_missing_file(tmp_path, run_cli):
    path = tmp_path / "nowhere.yaml"
    assert validate(run_cli, path) == (1, f"code-check: {path}: file not found")


def test_two_catalogues_with_the_same_id(tmp_path, run_cli):
    write(tmp_path, VALID, "a.yaml")
    second = write(tmp_path, VALID, "b.yaml")
    assert validate(run_cli, tmp_path) == (
        1, f"code-check: {second}: id: catalogue id 'test-code' is also used by "
        f"{tmp_path / 'a.yaml'}")


def test_folder_without_catalogues(tmp_path, run_cli):
    assert validate(run_cli, tmp_path) == (
        1, f"code-check: {tmp_path}: no catalogue files (*.yaml) in this folder")


def test_the_python_tag_is_never_constructed(tmp_path, run_cli):
    marker = tmp_path / "constructed"
    text = VALID.replace(
        "title: Test Code",
        f"title: !!python/object/apply:pathlib.Path.touch [!!python/object/apply:pathlib.Path "
        f"['{marker}']]",
    )
    status, _ = validate(run_cli, write(tmp_path, text))
    assert status == 1
    assert not marker.exists()


def test_bands_must_reach_zero(tmp_path, run_cli):
    path = write(tmp_path, VALID.replace("{name: Not ready, min: 0}", "{name: Not ready, min: 10}"))
    assert validate(run_cli, path) == (
        1, f"code-check: {path}:31: scoring.bands: the last band must start at min 0")


def test_list_with_a_user_catalogue(tmp_path, run_cli):
    path = write(tmp_path, VALID)
    status, out, _ = run_cli("rules", "list", "--rules", path, "--format", "json")
    assert status == 0
    assert '"id": "1.2"' in out


def test_list_an_unknown_catalogue(run_cli):
    status, _, err = run_cli("rules", "list", "--catalogue", "nope")
    assert status == 1
    assert err.strip() == "code-check: no catalogue with id 'nope' (known: hos-2024, lgsco-2024)"


ASSESSMENT = """\
council: {name: Test Council, authority_type: district_council}
catalogue: test-code
assessed_on: 2026-03-31
answers:
  "1.1": {status: partly_met}
  "1.2": {status: met}
"""

# Numbers a catalogue's scoring might hold: ordinary, absurd, and not numbers at all.
scoring_numbers = st.one_of(
    st.floats(0, 1), st.floats(0, 100), st.floats(), st.integers(-5, 10**6), st.booleans(),
).map(lambda value: yaml.safe_dump(value).removesuffix("...\n").strip()) | st.sampled_from(
    ["1e400", "1.0e+400", "-.inf", "5.0e-324", "1.7e+308", "0", "'2'"])


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(place=st.sampled_from([("must: 2", "must: {}"), ("should: 1", "should: {}"),
                               ("met: 1.0,", "met: {},"), ("not_met: 0.0", "not_met: {}"),
                               ("min: 90", "min: {}")]),
       number=scoring_numbers)
def test_rules_validate_refuses_whatever_score_would_fail_on(tmp_path, run_cli, place, number):
    written, replacement = place
    path = write(tmp_path, VALID.replace(written, replacement.format(number)))
    status, err = validate(run_cli, path)
    if status != 0:
        assert status == 1 and err.startswith(f"code-check: {path}:") and "\n" not in err
        return
    assessment = write(tmp_path, ASSESSMENT, "a.yaml")
    status, out, err = run_cli("score", assessment, "--rules", path, "--format", "json")
    assert (status, err) == (0, "")
    assert 0 <= json.loads(out)["overall"]["score"] <= 100
