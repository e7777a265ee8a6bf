"""``code-check rules``: list, schema, help, and the catalogue cache."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from code_check.catalogue.files import bundled_rules_dir, load_catalogue_file
from code_check.catalogue.model import json_schema
from code_check.cli import build_parser

CONTRACT_KEYS = {"id", "section", "obligation", "text", "verified", "template_rows", "timescale"}


def test_list_json_contract(run_cli):
    status, out, _ = run_cli("rules", "list", "--format", "json")
    assert status == 0
    rows = json.loads(out)
    assert len(rows) == 67
    assert all(CONTRACT_KEYS <= row.keys() for row in rows)
    by_id = {row["id"]: row for row in rows}
    assert by_id["6.2"]["section"] == "6"
    assert by_id["6.2"]["timescale"] == {
        "limit": 5, "unit": "working_days", "from": "receipt",
        "measure": "stage1.acknowledgement", "extension": False}
    assert by_id["1.1"]["timescale"] is None
    assert by_id["6.x-s2-response"]["verified"] is False


def test_list_table_marks_provisional_ids(run_cli):
    status, out, _ = run_cli("rules", "list")
    assert status == 0
    assert "6.x-s2-acknowledge" in out
    assert "provisional id" in out
    assert "5 working days from receipt" in out


def test_committed_schema_is_current():
    committed = json.loads((bundled_rules_dir() / "catalogue.schema.json").read_text())
    assert committed == json_schema()


def test_schema_command_prints_it(run_cli):
    status, out, _ = run_cli("rules", "schema")
    assert status == 0
    assert json.loads(out) == json_schema()


def test_bundled_catalogue_points_editors_at_the_schema():
    first = (bundled_rules_dir() / "lgsco-2024.yaml").read_text().splitlines()[0]
    assert first == "# yaml-language-server: $schema=catalogue.schema.json"


def _all_commands(parser, prefix=()):
    """(command words, its parser, the line the command list gives it), every command."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            purposes = {listed.dest: listed.help for listed in action._choices_actions}
            for name, sub in action.choices.items():
                yield pytest.param((*prefix, name), sub, purposes[name],
                                   id=" ".join((*prefix, name)))
                yield from _all_commands(sub, (*prefix, name))


def _explained(parser) -> list[argparse.Action]:
    """The options and arguments a command's help must explain (all but --help)."""
    return [action for action in parser._actions
            if not isinstance(action, argparse._HelpAction | argparse._SubParsersAction)]


def _subcommands(parser) -> list[str]:
    return [name for action in parser._actions
            if isinstance(action, argparse._SubParsersAction) for name in action.choices]


@pytest.mark.parametrize(("command", "parser", "purpose"), _all_commands(build_parser()))
def test_every_command_has_help(command, parser, purpose, run_cli, capsys):
    """A command's --help says what it is for (the line the command list shows), and names
    and explains each of its options and arguments, or its subcommands."""
    with pytest.raises(SystemExit) as exit_info:
        run_cli(*command, "--help")
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    words = " ".join(out.split())  # as wrapped for the terminal's width
    assert out.startswith(f"usage: code-check {' '.join(command)}")
    assert purpose and " ".join(purpose.split()) in words
    for action in _explained(parser):
        assert action.help and " ".join(action.help.split()) in words, action
        assert all(option in out for option in action.option_strings), action
    assert all(f" {name} " in words for name in _subcommands(parser))
    assert _explained(parser) or _subcommands(parser) or command == ("rules", "schema")  # bare


def test_cache_never_serves_a_changed_file(tmp_path):
    source = (bundled_rules_dir() / "lgsco-2024.yaml").read_text()
    path = tmp_path / "lgsco-2024.yaml"
    path.write_text(source)
    assert load_catalogue_file(path).title == "Complaint Handling Code"
    assert load_catalogue_file(path).title == "Complaint Handling Code"  # from the cache
    path.write_text(source.replace("title: Complaint Handling Code", "title: Edited Code", 1))
    assert load_catalogue_file(path).title == "Edited Code"


def test_a_damaged_cache_entry_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("CODE_CHECK_CACHE_DIR", str(tmp_path / "cache"))
    path = bundled_rules_dir() / "lgsco-2024.yaml"
    load_catalogue_file(path)
    for entry in Path(tmp_path / "cache").rglob("*.json"):
        entry.write_text("{broken")
    assert len(load_catalogue_file(path).requirements) == 67


def test_listing_from_the_cache_equals_the_validated_one(run_cli):
    first = run_cli("rules", "list", "--format", "json")  # validates and fills the cache
    second = run_cli("rules", "list", "--format", "json")  # answered from the cache
    assert first == second


def test_a_warm_listing_never_loads_pydantic(tmp_path):
    import os
    import subprocess
    import sys

    script = ("import sys, io, contextlib\n"
              "from code_check.cli import main\n"
              "with contextlib.redirect_stdout(io.StringIO()):\n"
              "    main(['rules', 'list', '--format', 'json'])\n"
              "print('pydantic' in sys.modules)\n")
    env = {**os.environ, "CODE_CHECK_CACHE_DIR": str(tmp_path)}
    runs = [subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                           text=True, check=True).stdout.strip() for _ in range(2)]
    assert runs == ["True", "False"]
