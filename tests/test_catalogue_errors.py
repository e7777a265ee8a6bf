"""Every bad catalogue is refused with one line naming file, line and field, and exit 1."""

from __future__ import annotations

import pytest

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
        "{path}:20: sections[0].requirements[0].timescale.limit: input should be a valid "
        "integer, unable to parse string as an integer",
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
    assert err.strip() == "code-check: no catalogue with id 'nope' (known: lgsco-2024)"
