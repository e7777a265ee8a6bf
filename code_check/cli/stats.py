"""``code-check stats``: the Ombudsman's yearly figures, beside similar authorities."""

from __future__ import annotations

import sys
from pathlib import Path

from code_check.cli.options import AUTHORITY_TYPES, add_format, add_workspace, command, group
from code_check.cli.output import escape, one_line


def register(subparsers) -> None:
    stats = group(subparsers, "stats",
                  "the Ombudsman's yearly figures for a council, beside similar authorities")
    importing = command(stats, "import", run_import,
                        "bring a CSV or YAML file of the Ombudsman's figures into the workspace")
    importing.add_argument("file", type=Path, metavar="FILE", help="a .csv, .yaml or .yml file")
    _add_yes(importing)
    add_workspace(importing)
    add_format(importing)

    from_text = command(stats, "from-text", run_from_text,
                        "read the figures from the text of the Ombudsman's council page or "
                        "annual letter")
    from_text.add_argument("file", type=Path, metavar="FILE",
                           help="a text file holding the pasted page or letter")
    from_text.add_argument("--council", required=True, metavar="NAME", help="the council's name")
    from_text.add_argument("--authority-type", choices=AUTHORITY_TYPES,
                           help="the kind of council (needed to save a council not yet held)")
    from_text.add_argument("--year", metavar="YEAR",
                           help="the financial year, such as 2023-24 (default: from the text)")
    from_text.add_argument("--save", action="store_true",
                           help="keep the figures in the workspace (default: only show them)")
    _add_yes(from_text)
    add_workspace(from_text)
    add_format(from_text)

    show = command(stats, "show", run_show,
                   "the figures against similar authorities, year by year, with the caveats")
    show.add_argument("stats_file", nargs="?", type=Path, metavar="STATS_FILE",
                      help="a .csv or .yaml statistics file (default: the workspace)")
    show.add_argument("--council", metavar="NAME", help="only this council")
    show.add_argument("--year", metavar="YEAR", help="only this financial year, such as 2023-24")
    add_format(show)
    add_workspace(show)


def _add_yes(parser) -> None:
    parser.add_argument("--yes", action="store_true",
                        help="replace years already held without asking")


# import ------------------------------------------------------------------------------------


def run_import(args) -> int:
    from code_check.statistics.files import read_statistics

    rows = read_statistics(args.file)
    saved = _save(args, rows, source=str(args.file))
    if saved is None:
        return 0
    plan, path = saved
    if args.format == "json":
        from code_check.cli.output import print_json

        print_json(_saved_json(plan, path))
    else:
        _print_saved(plan, path)
    return 0


def _save(args, rows, source: str):
    """Add new years, and replace held ones once the user has seen what changes.

    Returns what was saved and where, or None when the user chose not to replace.
    """
    from code_check.store.statistics import StatisticsStore
    from code_check.store.workspace import Workspace

    with Workspace(getattr(args, "workspace", None)) as workspace:
        store = StatisticsStore(workspace)
        plan = store.plan(rows)
        replaced = [p for p in plan if p.kind == "replaced"]
        if replaced and args.format == "table":
            _print_replacements(replaced)
        if replaced and not _replace_agreed(args, replaced):
            print("Nothing saved: the figures already held are unchanged.", file=sys.stderr)
            return None
        store.save([p.new for p in plan if p.kind != "unchanged"], source)
        return plan, workspace.path


def _saved_json(plan, path) -> dict:
    from code_check.statistics.model import as_json

    return {
        "workspace": str(path),
        "saved": [{"council": p.new.council, "year": p.new.year, "change": p.kind,
                   "changes": [vars(c) for c in p.changes]} for p in plan],
        "statistics": [as_json(p.new) for p in plan],
    }


def _print_replacements(replaced) -> None:
    from code_check.cli.output import console, table

    grid = table("Years already held that this replaces", "Council and year", "Column",
                 "Held now", "Replaced by")
    for planned in replaced:
        for change in planned.changes:
            grid.add_row(escape(planned.title), change.column, _shown(change.before),
                         _shown(change.after))
    console().print(grid)


def _replace_agreed(args, replaced) -> bool:
    from code_check.errors import InputError

    if args.yes:
        return True
    titles = ", ".join(p.title for p in replaced)
    if not sys.stdin.isatty():
        raise InputError(
            f"{titles} already held; saving would replace "
            f"{'it' if len(replaced) == 1 else 'them'}: run again with --yes to replace")
    try:
        answer = input(one_line(f"Replace the figures held for {titles}? [y/N] "))
    except EOFError:
        return False
    return answer.strip().lower() in ("y", "yes")


def _print_saved(plan, path) -> None:
    from code_check.cli.output import console

    out = console()
    counts = {kind: sum(p.kind == kind for p in plan) for kind in ("new", "replaced",
                                                                   "unchanged")}
    out.print(f"Saved {len(plan)} council year{'s' if len(plan) != 1 else ''} in "
              f"{escape(str(path))}: {counts['new']} new, {counts['replaced']} replaced, "
              f"{counts['unchanged']} unchanged.", soft_wrap=True)
    for planned in plan:
        out.print(f"  {escape(planned.title)}: {planned.kind}", soft_wrap=True)
        for warning in planned.new.warnings:
            out.print(f"    Check: {escape(warning)}", soft_wrap=True)


def _shown(value) -> str:
    return "blank" if value is None else escape(str(value))


# from-text ---------------------------------------------------------------------------------


def run_from_text(args) -> int:
    from code_check.readers.yaml_source import read_text
    from code_check.statistics.model import typed_financial_year
    from code_check.statistics.pasted_text import parse_statistics_text

    if args.year is not None:
        args.year = typed_financial_year(args.year, "--year")
    parsed = parse_statistics_text(read_text(args.file), source=str(args.file))
    parsed.require_figures()
    if args.format == "table":
        _print_parsed(parsed, args)
    if not args.save:
        if args.format == "json":
            _print_parsed_json(parsed, saved=None)
        else:
            print("Not saved: add --save to keep these figures in the workspace.")
        return 0
    stats = _pasted_statistics(args, parsed)
    saved = _save(args, [stats], source=f"text of {args.file}")
    if saved is None:
        return 0
    plan, path = saved
    if args.format == "json":
        _print_parsed_json(parsed, saved=_saved_json(plan, path))
    else:
        _print_saved(plan, path)
    return 0


def _pasted_statistics(args, parsed):
    """The pasted figures as the council's year, keeping held columns the text lacks."""
    from code_check.errors import InputError
    from code_check.store.statistics import StatisticsStore
    from code_check.store.workspace import Workspace

    year = parsed.year_for(args.year)
    with Workspace(getattr(args, "workspace", None)) as workspace:
        store = StatisticsStore(workspace)
        authority_type = args.authority_type or store.authority_type(args.council)
        held = store.held(args.council, year)
    if authority_type is None:
        raise InputError(f"{args.council} is not yet in the workspace: say what kind of council "
                         f"it is ({', '.join(AUTHORITY_TYPES)})", field="--authority-type")
    return parsed.to_statistics(args.council, authority_type, year, held)


def _print_parsed(parsed, args) -> None:
    from code_check.cli.output import console, table

    out = console()
    year = args.year or parsed.year or "year not found"
    grid = table(f"Figures found for {escape(args.council)} ({year})", "Figure", "Value",
                 "Read from")
    for figure in parsed.found:
        grid.add_row(figure.label, str(figure.value), escape(figure.words))
    out.print(grid)
    if parsed.missing:
        out.print("Not found in the text: " + "; ".join(parsed.missing_labels) + ".",
                  soft_wrap=True)
    else:
        out.print("Every figure looked for was found.", soft_wrap=True)
    if parsed.year is None and args.year is None:
        out.print("Not found in the text: which year the figures are for (give --year).",
                  soft_wrap=True)
    for note in parsed.notes:
        out.print(f"Check: {escape(note)}", soft_wrap=True)


def _print_parsed_json(parsed, *, saved: dict | None) -> None:
    from code_check.cli.output import print_json

    print_json({
        "year": parsed.year,
        "found": [{"column": f.column, "label": f.label, "value": f.value, "words": f.words}
                  for f in parsed.found],
        "not_found": [{"column": c, "label": label}
                      for c, label in zip(parsed.missing, parsed.missing_labels, strict=True)],
        "notes": parsed.notes,
        "saved": saved,
    })


# show --------------------------------------------------------------------------------------


def run_show(args) -> int:
    from code_check.errors import InputError
    from code_check.statistics.model import typed_financial_year

    year = None if args.year is None else typed_financial_year(args.year, "--year")
    rows, where = _rows_to_show(args)
    if args.council:
        rows = [r for r in rows if r.council.casefold() == args.council.strip().casefold()]
    if year:
        rows = [r for r in rows if r.year == year]
    if not rows:
        wanted = " ".join(part for part in (args.council, year) if part) or "any council"
        hint = "" if args.stats_file else "; add them with: code-check stats import FILE"
        raise InputError(f"no Ombudsman statistics for {wanted} in {where}{hint}")
    if args.format == "json":
        from code_check.cli.output import print_json
        from code_check.statistics.against_averages import against_averages_json
        from code_check.statistics.model import as_json

        print_json([{**as_json(r), "comparison": against_averages_json(r)} for r in rows])
        return 0
    _print_trends(rows)
    return 0


def _rows_to_show(args):
    if args.stats_file is not None:
        from code_check.statistics.files import read_statistics

        return read_statistics(args.stats_file), str(args.stats_file)
    from code_check.store.statistics import StatisticsStore
    from code_check.store.workspace import Workspace

    with Workspace(getattr(args, "workspace", None)) as workspace:
        return StatisticsStore(workspace).rows(), f"the workspace {workspace.path}"


def _print_trends(rows) -> None:
    from code_check.cli.output import console, table
    from code_check.statistics.against_averages import against_averages
    from code_check.statistics.trend import trends
    from code_check.statistics.year_table import YEAR_TABLE_HEADINGS, year_cells

    out = console()
    for trend in trends(rows):
        latest = trend.years[-1]
        name = escape(trend.council)
        grid = table(f"{name} ({latest.authority_type.label}), {latest.year}: against the "
                     "average for similar authorities",
                     "Figure", "This council", "Average", "Compared", "Rests on")
        for c in against_averages(latest):
            grid.add_row(c.figure, c.shown_value, c.show(c.average),
                         f"{c.mark} {c.in_words}" if c.direction else c.in_words,
                         c.rests_on_text)
        out.print(grid)
        years = table(f"{name}: year by year (each rate beside the average for similar "
                      "authorities)", *YEAR_TABLE_HEADINGS)
        for stats in trend.years:
            years.add_row(*year_cells(stats))
        out.print(years)
        for note in trend.notes:
            out.print(f"Note: {note}", soft_wrap=True)
        for stats in trend.years:
            for warning in stats.warnings:
                out.print(f"Check: {escape(warning)}", soft_wrap=True)
        out.print()
