"""``code-check rules``: check, list and describe the Code catalogues."""

from __future__ import annotations

from code_check.cli.options import add_format, add_rules, command, group

UNVERIFIED = "provisional"


def register(subparsers) -> None:
    rules = group(subparsers, "rules", "check, list and describe the Code catalogues")
    validate = command(rules, "validate", run_validate,
                       "check catalogue files and count their sections and requirements")
    validate.add_argument("path", nargs="?", type=_path, metavar="PATH",
                          help="a catalogue file or folder (default: the bundled catalogues)")
    add_format(validate)
    listing = command(rules, "list", run_list, "list a catalogue's requirements")
    listing.add_argument("--catalogue", metavar="ID", help="catalogue id (default: lgsco-2024)")
    add_rules(listing)
    add_format(listing)
    schema = command(rules, "schema", run_schema,
                     "print the JSON Schema of the catalogue format (or the map format)")
    schema.add_argument("--map", action="store_true",
                        help="the equivalence map format instead (FROM--TO.yaml files)")


def run_validate(args) -> int:
    from code_check.catalogue.files import load_catalogues

    catalogues = load_catalogues(args.path)
    summaries = [_counts(c) for c in catalogues.values()]
    if args.format == "json":
        from code_check.cli.output import print_json

        print_json(summaries)
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
    return 0


def _counts(catalogue) -> dict:
    def count(requirements) -> dict:
        requirements = list(requirements)
        return {
            "requirements": len(requirements),
            "must": sum(r.obligation == "must" for r in requirements),
            "unverified": sum(not r.verified for r in requirements),
        }

    return {
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
