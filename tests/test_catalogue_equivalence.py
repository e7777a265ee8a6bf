"""The equivalence map between two catalogues: read, checked, asked which answers serve both,
checked by ``rules validate`` and shown by ``rules map``."""

from __future__ import annotations

import json

import pytest

from code_check.catalogue import files
from code_check.catalogue.equivalence import Match, json_schema
from code_check.catalogue.files import (
    bundled_equivalence,
    bundled_rules_dir,
    catalogue_paths,
    load_catalogue_file,
    load_catalogues,
    load_equivalence,
)
from code_check.errors import InputError

BUNDLED_MAP = bundled_rules_dir() / "lgsco-2024--hos-2024.yaml"

CODE = """\
id: {id}
title: {id}
publisher: Test Ombudsman
version: "1"
issued: 2024-02-08
published_form: {{one_row_per: provision}}
sections:
  - id: "1"
    title: First
    requirements:
{requirements}
scoring:
  credit: {{met: 1.0, partly_met: 0.5, not_met: 0.0}}
  weight: {{must: 2, should: 1}}
  bands: [{{name: Ready, min: 90}}, {{name: Not ready, min: 0}}]
"""


def code(catalogue_id: str, *ids: str) -> str:
    requirements = "".join(
        f'      - {{id: "{i}", text: Do {i} for {catalogue_id}., obligation: must, '
        f"guidance: Show {i}.}}\n" for i in ids)
    return CODE.format(id=catalogue_id, requirements=requirements.rstrip("\n"))


MAP = """\
id: code-a--code-b
title: Code A and Code B
from: code-a
to: code-b
pairs:
  - from: "1.1"
    to: "1.1"
    match: same
  - from: "1.2"
    to: "1.2"
    match: close
    note: Code B asks for a record too.
  - from: "1.3"
    to: "1.2"
    match: close
    note: Code B words it for housing.
"""


@pytest.fixture
def rules(tmp_path):
    """A folder with two small catalogues and the map between them."""
    (tmp_path / "code-a.yaml").write_text(code("code-a", "1.1", "1.2", "1.3", "1.4"))
    (tmp_path / "code-b.yaml").write_text(code("code-b", "1.1", "1.2", "1.5"))
    (tmp_path / "code-a--code-b.yaml").write_text(MAP)
    return tmp_path


def load(rules, text: str):
    path = rules / "code-a--code-b.yaml"
    path.write_text(text)
    return path, load_equivalence(path, load_catalogues(rules))


def refused(rules, text: str) -> str:
    with pytest.raises(InputError) as caught:
        load(rules, text)
    return str(caught.value)


def test_a_map_answers_which_provisions_serve_both(rules):
    _, equivalence = load(rules, MAP)
    assert equivalence.from_catalogue == "code-a" and equivalence.to_catalogue == "code-b"
    assert equivalence.same_as("1.1") == "1.1"
    assert equivalence.same_as("1.2") is None
    assert equivalence.close_to("1.2") == ["1.2", "1.3"]
    assert equivalence.close_to("1.1") == []
    assert [(p.to_id, p.match) for p in equivalence.partners_of("1.2")] == [("1.2", Match.CLOSE)]
    assert equivalence.partners_of("1.4") == []


def test_provisions_without_a_partner_on_each_side(rules):
    _, equivalence = load(rules, MAP)
    catalogues = load_catalogues(rules)
    assert equivalence.without_partner(catalogues["code-a"]) == ["1.4"]
    assert equivalence.without_partner(catalogues["code-b"]) == ["1.5"]


def test_a_folder_of_catalogues_leaves_its_maps_out(rules):
    assert [p.name for p in catalogue_paths(rules)] == ["code-a.yaml", "code-b.yaml"]
    assert sorted(load_catalogues(rules)) == ["code-a", "code-b"]


SAME_TWICE = MAP.replace('"1.2"\n    match: close\n    note: Code B asks for a record too.',
                         '"1.1"\n    match: same')

BAD_MAPS = {
    "an unknown id in the first Code": (
        MAP.replace('from: "1.3"', 'from: "9.9"'),
        "{path}:13: pairs[2].from: '9.9' is not a provision of code-a"),
    "an unknown id in the second Code": (
        MAP.replace('to: "1.1"', 'to: "1.7"'),
        "{path}:7: pairs[0].to: '1.7' is not a provision of code-b"),
    "an unknown catalogue": (
        MAP.replace("to: code-b", "to: code-c").replace("code-a--code-b", "code-a--code-c"),
        "{path}:4: to: no catalogue with id 'code-c' (known: code-a, code-b)"),
    "a same pair listed twice": (
        SAME_TWICE.replace('from: "1.2"', 'from: "1.1"'),
        "{path}:10: pairs[1].to: '1.1' and '1.1' are already paired in pairs[0] (same)"),
    "a second Code provision same as two": (
        SAME_TWICE,
        "{path}:10: pairs[1].to: '1.1' is already in a same pair (pairs[0]); one answer serves "
        "two provisions at most"),
    "a first Code provision same as two": (
        MAP.replace('to: "1.2"\n    match: close\n    note: Code B asks for a record too.',
                    'to: "1.2"\n    match: same').replace('from: "1.2"', 'from: "1.1"')
        .replace('from: "1.3"\n    to: "1.2"', 'from: "1.3"\n    to: "1.5"'),
        "{path}:9: pairs[1].from: '1.1' is already in a same pair (pairs[0]); one answer serves "
        "two provisions at most"),
    "a pair listed twice with different matches": (
        MAP + '  - from: "1.1"\n    to: "1.1"\n    match: close\n    note: Says it twice.\n',
        "{path}:18: pairs[3].to: '1.1' and '1.1' are already paired in pairs[0] (same)"),
    "same after close for one provision": (
        MAP + '  - from: "1.4"\n    to: "1.2"\n    match: same\n',
        "{path}:19: pairs[3].match: '1.2' is already close to a provision (pairs[1]); it "
        "cannot be both same as one and close to another"),
    "close after same for one provision": (
        MAP + '  - from: "1.4"\n    to: "1.1"\n    match: close\n    note: More.\n',
        "{path}:19: pairs[3].match: '1.1' is already same to a provision (pairs[0]); it "
        "cannot be both same as one and close to another"),
    "a close pair without a note": (
        MAP.replace("    note: Code B words it for housing.\n", ""),
        "{path}:13: pairs[2].note: a close pair needs a note saying what the second Code adds"),
    "an unknown match": (
        MAP.replace("match: same", "match: similar"),
        "{path}:8: pairs[0].match: input should be 'same' or 'close'"),
    "an id not named after its catalogues": (
        MAP.replace("id: code-a--code-b", "id: a-to-b"),
        "{path}:1: id: must be 'code-a--code-b' (the from and to catalogue ids joined by --)"),
    "an alias": (
        MAP.replace('  - from: "1.1"', '  - &first\n    from: "1.1"') + "  - *first\n",
        "{path}:6: uses the YAML anchor or alias '&first': they are not allowed here, so "
        "write each value out in full"),
}


@pytest.mark.parametrize("case", BAD_MAPS, ids=list(BAD_MAPS))
def test_a_bad_map_is_refused_in_one_line(rules, case):
    text, expected = BAD_MAPS[case]
    assert refused(rules, text) == expected.format(path=rules / "code-a--code-b.yaml")


def test_the_bundled_map_is_found_by_its_two_catalogues():
    equivalence = bundled_equivalence("lgsco-2024", "hos-2024")
    assert equivalence is not None and equivalence.id == BUNDLED_MAP.stem
    assert bundled_equivalence("hos-2024", "lgsco-2024") is None


def test_the_bundled_map_follows_the_reference():
    equivalence = bundled_equivalence("lgsco-2024", "hos-2024")
    assert equivalence.same_as("5.4") == "6.21"  # a contractor inside the two stages
    assert equivalence.same_as("4.2") == "4.x-authority"
    assert equivalence.close_to("1.4") == ["1.6", "1.8"]
    assert equivalence.close_to("6.18") == ["6.x-s2-answer"]
    assert {(p.to_id, p.match) for p in equivalence.partners_of("6.21")} == {
        ("5.4", Match.SAME), ("5.5", Match.CLOSE)}
    assert "disabilit" in next(p.note for p in equivalence.partners_of("5.6"))
    assert all(p.note for p in equivalence.pairs if p.match is Match.CLOSE)


def test_every_id_in_the_bundled_map_is_a_provision_of_its_code():
    catalogues = load_catalogues()
    equivalence = load_equivalence(BUNDLED_MAP, catalogues)  # refuses an unknown id
    lgsco, hos = catalogues["lgsco-2024"], catalogues["hos-2024"]
    assert all(lgsco.requirement(p.from_id) and hos.requirement(p.to_id)
               for p in equivalence.pairs)
    assert equivalence.without_partner(lgsco) == ["1.2", "1.3", "5.3", "7.4"]


def test_committed_map_schema_is_current(run_cli):
    committed = json.loads((bundled_rules_dir() / "equivalence.schema.json").read_text())
    assert committed == json_schema()
    status, out, _ = run_cli("rules", "schema", "--map")
    assert status == 0 and json.loads(out) == committed


def test_the_bundled_map_points_editors_at_its_schema():
    first = BUNDLED_MAP.read_text().splitlines()[0]
    assert first == "# yaml-language-server: $schema=equivalence.schema.json"


def json_of(run_cli, *argv):
    status, out, err = run_cli(*argv, "--format", "json")
    assert (status, err) == (0, "")
    return json.loads(out)


def test_validate_reports_the_provisions_without_a_partner(rules, run_cli):
    summaries = json_of(run_cli, "rules", "validate", rules)
    assert [(s["kind"], s["id"]) for s in summaries] == [
        ("catalogue", "code-a"), ("catalogue", "code-b"), ("map", "code-a--code-b")]
    mapping = summaries[-1]
    assert (mapping["pairs"], mapping["same"], mapping["close"]) == (3, 1, 2)
    assert mapping["without_partner"] == {
        "code-a": {"provisions": 4, "count": 1, "ids": ["1.4"]},
        "code-b": {"provisions": 3, "count": 1, "ids": ["1.5"]}}


def test_validate_table_names_the_map_and_the_unpaired(rules, run_cli):
    status, out, _ = run_cli("rules", "validate", rules)
    assert status == 0
    assert ("code-a--code-b: Code A and Code B is valid: 3 pairs (1 same, 2 close)"
            in " ".join(out.split()))
    assert any("code-b" in line and "1.5" in line for line in out.splitlines())


@pytest.mark.parametrize("case", ["an unknown id in the second Code",
                                  "a second Code provision same as two"])
def test_validate_refuses_a_bad_map_in_one_line(rules, run_cli, case):
    text, expected = BAD_MAPS[case]
    path = rules / "code-a--code-b.yaml"
    path.write_text(text)
    status, out, err = run_cli("rules", "validate", rules)
    assert (status, out, err.strip()) == (1, "", "code-check: " + expected.format(path=path))


def test_a_map_file_alone_is_checked_against_the_bundled_catalogues(tmp_path, run_cli):
    bundled = (bundled_rules_dir() / "lgsco-2024--hos-2024.yaml").read_text()
    path = tmp_path / "lgsco-2024--hos-2024.yaml"
    path.write_text(bundled.replace('to: "9.6"', 'to: "9.16"'))
    status, _, err = run_cli("rules", "validate", path)
    assert status == 1
    assert err.startswith(f"code-check: {path}:") and "\n" not in err.strip()
    assert err.strip().endswith("to: '9.16' is not a provision of hos-2024")


def test_the_bundled_map_validates_over_both_codes(run_cli):
    summaries = {s["id"]: s for s in json_of(run_cli, "rules", "validate")}
    mapping = summaries["lgsco-2024--hos-2024"]
    assert mapping["kind"] == "map" and mapping["pairs"] == mapping["same"] + mapping["close"]
    unpaired = mapping["without_partner"]
    assert unpaired["lgsco-2024"]["ids"] == ["1.2", "1.3", "5.3", "7.4"]
    assert unpaired["hos-2024"]["ids"] == ["5.3", "5.6", "5.7", "6.8", "8.4", "8.5", "9.8"]
    assert unpaired["hos-2024"]["provisions"] == summaries["hos-2024"]["requirements"]


def test_map_json_gives_each_pair_with_both_texts(rules, run_cli):
    shown = json_of(run_cli, "rules", "map", rules / "code-a--code-b.yaml", "--rules", rules)
    assert (shown["id"], shown["from"], shown["to"]) == ("code-a--code-b", "code-a", "code-b")
    assert shown["pairs"][1] == {
        "from": "1.2", "to": "1.2", "match": "close", "note": "Code B asks for a record too.",
        "from_text": "Do 1.2 for code-a.", "to_text": "Do 1.2 for code-b."}
    assert shown["without_partner"]["code-b"]["ids"] == ["1.5"]


def test_map_shows_the_bundled_map_by_default(run_cli):
    shown = json_of(run_cli, "rules", "map")
    assert shown["id"] == "lgsco-2024--hos-2024"
    by_to = {pair["to"]: pair for pair in shown["pairs"]}
    assert by_to["5.4"]["from"] == "6.21" and by_to["5.4"]["match"] == "same"
    assert all(pair["from_text"] and pair["to_text"] for pair in shown["pairs"])


def test_map_table_fits_80_columns(run_cli, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    status, out, _ = run_cli("rules", "map")
    assert status == 0
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert any("5.x-unreasonable-behaviour" in line and "same" in line for line in lines)
    last_column = " ".join(line.split("│")[-2].strip() for line in lines if "│" in line)
    assert "also asks for a record of any disability the resident discloses" in last_column
    assert "No partner in lgsco-2024: 4 (1.2, 1.3, 5.3, 7.4)" in " ".join(out.split())


def test_list_the_housing_ombudsman_catalogue(run_cli):
    rows = json_of(run_cli, "rules", "list", "--catalogue", "hos-2024")
    assert rows[0]["id"] == "1.1"
    assert {row["id"] for row in rows} >= {"5.6", "9.8"}
    status, out, _ = run_cli("rules", "list", "--catalogue", "hos-2024")
    assert status == 0 and "hos-2024" in out


def test_a_bundled_catalogue_is_read_alone(tmp_path, monkeypatch):
    """Asked for by id, the bundled catalogue's own file is read, not its neighbours."""
    (tmp_path / "lgsco-2024.yaml").write_text(
        (bundled_rules_dir() / "lgsco-2024.yaml").read_text())
    (tmp_path / "broken.yaml").write_text("id: [\n")
    monkeypatch.setattr(files, "bundled_rules_dir", lambda: tmp_path)
    assert files.load_catalogue("lgsco-2024").id == "lgsco-2024"
    assert files.load_catalogue().id == "lgsco-2024"


def test_every_bundled_catalogue_file_is_named_after_its_id():
    for path in catalogue_paths():
        assert load_catalogue_file(path).id == path.stem
