"""``code-check rules``: check, list and describe the Code catalogues."""

from __future__ import annotations

from code_check.cli.options import add_format, add_rules, command, group

UNVERIFIED = "provisional"


def register(subparsers) -> None:
    rules = group(subparsers, "rules", "check, list and describe the Code catalogues")
    validate = command(rules, "validate", run_validate,
                       "check catalogue and map files, count their requirements and pairs, "
                       "and list the provisions each map leaves without a partner")
    validate.add_argument("path", nargs="?", type=_path, metavar="PATH",
                          help="a catalogue or map file, or a folder of them (default: the "
                          "bundled ones); a map may name the bundled catalogues")
    add_format(validate)
    listing = command(rules, "list", run_list, "list a catalogue's requirements")
    listing.add_argument("--catalogue", metavar="ID", help="catalogue id (default: lgsco-2024)")
    add_rules(listing)
    add_format(listing)
    mapping = command(rules, "map", run_map,
                      "show an equivalence map: which provisions of two Codes one answer serves")
    mapping.add_argument("path", nargs="?", type=_path, metavar="MAP",
                         help="a map file, FROM--TO.yaml (default: the bundled map, lgsco-2024 "
                         "to hos-2024)")
    add_rules(mapping)
    add_format(mapping)
    schema = command(rules, "schema", run_schema,
                     "print the JSON Schema of the catalogue format (or the map format)")
    schema.add_argument("--map", action="store_true",
                        help="the equivalence map format instead (FROM--TO.yaml files)")


def run_validate(args) -> int:
    from code_check.catalogue.files import load_catalogues

    catalogues = load_catalogues(args.path)
    summaries = [_counts(c) for c in catalogues.values()]
    map_summaries = _checked_maps(args.path)
    if args.format == "json":
        from code_check.cli.output import print_json

        print_json(summaries + map_summaries)
        return 0
    from code_check.cli.output import console, escape, table

    out = console()
    for summary in summaries:
        grid = table(
            escape(f"{summary['id']}: {summary['title']} ({summary['version']}) is valid"),
            "Section", "Title", "Requirements", "Must", "Provisional",
        )
        for section in summary["sections"]:
            grid.add_row(section["id"], escape(section["title"]), str(section["requirements"]),
                         str(section["must"]), str(section["unverified"]))
        grid.add_row("", "All sections", str(summary["requirements"]), str(summary["must"]),
                     str(summary["unverified"]), style="bold")
        out.print(grid)
    for summary in map_summaries:
        out.print(_map_grid(summary))
    return 0


def _checked_maps(path) -> list[dict]:
    """Each map under ``path`` checked against the catalogues it names, summarised."""
    from code_check.catalogue.files import known_catalogues, load_equivalence, map_paths

    files = map_paths(path)
    if not files:
        return []
    catalogues = known_catalogues(path)
    return [_map_counts(load_equivalence(file, catalogues), catalogues) for file in files]


def _map_counts(equivalence, catalogues) -> dict:
    matches = [pair.match.value for pair in equivalence.pairs]
    return {
        "kind": "map",
        "id": equivalence.id,
        "title": equivalence.title,
        "from": equivalence.from_catalogue,
        "to": equivalence.to_catalogue,
        "pairs": len(matches),
        "same": matches.count("same"),
        "close": matches.count("close"),
        "without_partner": _without_partner(equivalence, catalogues),
    }


def _without_partner(equivalence, catalogues) -> dict:
    """For each of the two Codes: how many provisions it has, and which no pair names."""
    unpaired = {}
    for catalogue_id in (equivalence.from_catalogue, equivalence.to_catalogue):
        catalogue = catalogues[catalogue_id]
        ids = equivalence.without_partner(catalogue)
        unpaired[catalogue_id] = {
            "provisions": len(catalogue.requirements), "count": len(ids), "ids": ids}
    return unpaired


def _map_grid(summary: dict):
    from code_check.cli.output import escape, table

    grid = table(
        escape(f"{summary['id']}: {summary['title']} is valid: {summary['pairs']} pairs "
               f"({summary['same']} same, {summary['close']} close)"),
        "Code", "Provisions", "No partner", "Provisions with no partner",
    )
    for catalogue_id, unpaired in summary["without_partner"].items():
        grid.add_row(catalogue_id, str(unpaired["provisions"]), str(unpaired["count"]),
                     ", ".join(unpaired["ids"]) or "none")
    return grid


def _counts(catalogue) -> dict:
    def count(requirements) -> dict:
        requirements = list(requirements)
        return {
            "requirements": len(requirements),
            "must": sum(r.obligation == "must" for r in requirements),
            "unverified": sum(not r.verified for r in requirements),
        }

    return {
        "kind": "catalogue",
        "id": catalogue.id,
        "title": catalogue.title,
        "version": catalogue.version,
        **count(catalogue.requirements),
        "sections": [
            {"id": s.id, "title": s.title, **count(s.requirements)} for s in catalogue.sections
        ],
    }


def run_list(args) -> int:
    from code_check.catalogue.files import cached_requirement_listing, load_catalogue

    if args.format == "json":
        from code_check.cli.output import print_json

        rows = cached_requirement_listing(args.rules, args.catalogue)
        if rows is None:
            from code_check.catalogue.model import requirement_summary

            catalogue = load_catalogue(args.catalogue, args.rules)
            rows = [requirement_summary(catalogue, r) for r in catalogue.requirements]
        print_json(rows)
        return 0
    catalogue = load_catalogue(args.catalogue, args.rules)
    from code_check.cli.output import console, escape, table

    grid = table(escape(f"{catalogue.title} ({catalogue.id})"), "Id", "Must/should", "Requirement",
                 "Timescale", show_lines=False)
    for requirement in catalogue.requirements:
        mark = "" if requirement.verified else f"\n[italic]{UNVERIFIED} id[/italic]"
        timescale = requirement.timescale.describe() if requirement.timescale else ""
        grid.add_row(requirement.id + mark, requirement.obligation.value,
                     escape(requirement.text), timescale)
    console().print(grid)
    console().print(f"[italic]{UNVERIFIED} id[/italic]: the paragraph number is not yet "
                    "confirmed against the published Code.")
    return 0


def run_map(args) -> int:
    from code_check.catalogue.files import (
        DEFAULT_MAP,
        bundled_rules_dir,
        known_catalogues,
        load_equivalence,
    )

    catalogues = known_catalogues(args.rules)
    equivalence = load_equivalence(
        args.path or bundled_rules_dir() / f"{DEFAULT_MAP}.yaml", catalogues)
    first, second = (catalogues[equivalence.from_catalogue],
                     catalogues[equivalence.to_catalogue])
    pairs = [_pair_row(pair, first, second) for pair in equivalence.pairs]
    unpaired = _without_partner(equivalence, catalogues)
    if args.format == "json":
        from code_check.cli.output import print_json

        print_json({"id": equivalence.id, "title": equivalence.title, "from": first.id,
                    "to": second.id, "pairs": pairs, "without_partner": unpaired})
        return 0
    _print_map(equivalence, pairs, unpaired)
    return 0


def _pair_row(pair, first, second) -> dict:
    return {"from": pair.from_id, "to": pair.to_id, "match": pair.match.value,
            "note": pair.note, "from_text": first.requirement(pair.from_id).text,
            "to_text": second.requirement(pair.to_id).text}


def _print_map(equivalence, pairs: list[dict], unpaired: dict) -> None:
    """One row a pair: the two ids stacked, the match, each text cut to a line, the note."""
    from rich.console import Group
    from rich.text import Text

    from code_check.cli.output import console, escape, table

    grid = table(escape(f"{equivalence.title} ({equivalence.id})"), show_lines=True)
    grid.add_column(f"{equivalence.from_catalogue}\n{equivalence.to_catalogue}", no_wrap=True)
    grid.add_column("Match", no_wrap=True)
    grid.add_column(f"What each asks; what {equivalence.to_catalogue} adds")
    for pair in pairs:
        lines = [Text(pair[text], no_wrap=True, overflow="ellipsis")
                 for text in ("from_text", "to_text")]
        if pair["note"]:
            lines.append(Text(pair["note"], style="italic"))
        grid.add_row(f"{pair['from']}\n{pair['to']}", pair["match"], Group(*lines))
    out = console()
    out.print(grid)
    out.print("same: one answer serves both; close: the first answer is a starting point, "
              "to confirm for the second Code.")
    for catalogue_id, found in unpaired.items():
        out.print(f"No partner in {catalogue_id}: {found['count']} "
                  f"({', '.join(found['ids']) or 'none'})")


def run_schema(args) -> int:
    from code_check.cli.output import print_json

    if args.map:
        from code_check.catalogue.equivalence import json_schema
    else:
        from code_check.catalogue.model import json_schema
    print_json(json_schema())
    return 0


def _path(value: str):
    from pathlib import Path

    return Path(value)
