"""``code-check log analyse``: a complaint log's timeliness against the Code, in working days."""

from __future__ import annotations

import argparse
from pathlib import Path

from code_check.cli.options import add_as_of, add_format, add_rules, command, group

LISTED = 20  # rows of overdue cases and rejected rows shown in the table; JSON has them all


def register(subparsers) -> None:
    log = group(subparsers, "log", "complaint-log evidence: timeliness in working days")
    analyse = command(log, "analyse", run_analyse,
                      "measure a complaint log (CSV) against the Code's timescales")
    analyse.add_argument("file", type=Path, metavar="FILE", help="the complaint log, a CSV file")
    add_as_of(analyse, "judge open cases")
    analyse.add_argument("--map", action="append", default=[], metavar="COLUMN=HEADING",
                         help='your log\'s heading for one of our columns, e.g. '
                         'received="Date Logged" (repeat as needed)')
    analyse.add_argument("--map-file", type=Path, metavar="FILE",
                         help="a YAML file mapping our column names to your log's headings")
    analyse.add_argument("--threshold", type=_percentage, default=None, metavar="PERCENT",
                         help="with --assessment: on-time percentage below which an answer of "
                         "met is contradicted (default 95)")
    analyse.add_argument("--assessment", type=Path, metavar="FILE",
                         help="an assessment YAML file to check against the log")
    analyse.add_argument("--jobs", type=_at_least_one, default=None, metavar="N",
                         help="processes reading a large log at once (default: one per usable "
                         "core; 1: one process)")
    add_rules(analyse)
    add_format(analyse)


def run_analyse(args) -> int:
    from code_check.complaint_log.columns import ColumnMap, parse_map_option
    from code_check.complaint_log.reader import analyse_file, load_map_file

    column_map = load_map_file(args.map_file) if args.map_file else ColumnMap()
    if args.map:
        column_map = column_map.merged(ColumnMap(**dict(map(parse_map_option, args.map))))
    loaded = _load_assessment(args) if args.assessment else None
    analysis = analyse_file(args.file, as_of=args.as_of, column_map=column_map,
                            jobs=args.jobs)
    findings = None
    if loaded is not None:
        from code_check.complaint_log.crosscheck import DEFAULT_THRESHOLD, crosscheck

        assessment, catalogue = loaded
        threshold = DEFAULT_THRESHOLD if args.threshold is None else args.threshold
        findings = crosscheck(catalogue, assessment, analysis, threshold=threshold)
    if args.format == "json":
        from code_check.cli.output import print_json

        data = analysis.model_dump(mode="json")
        data["findings"] = None if findings is None else [
            finding.model_dump(mode="json") for finding in findings]
        print_json(data)
        return 0
    _print_tables(args.file, analysis, findings)
    return 0


def _load_assessment(args):
    from code_check.assessment.files import load_assessment_for
    from code_check.catalogue.files import load_catalogues

    return load_assessment_for(args.assessment, load_catalogues(args.rules))


def _print_tables(path: Path, analysis, findings) -> None:
    from code_check.cli.output import console, escape, table
    from code_check.complaint_log.timeliness import STEPS
    from code_check.wording import bar, percent, step_label

    out = console()
    out.print(f"[bold]Complaint log {escape(str(path))}[/bold], as of {analysis.as_of:%d %B %Y}")
    period = f", received {analysis.period}" if analysis.period else ""
    out.print(f"{analysis.cases:,} cases{period}; {len(analysis.rejected_rows):,} rows rejected"
              + (f"; {analysis.not_yet_received:,} received after the as-of date"
                 if analysis.not_yet_received else ""))
    grid = table("Timeliness in working days", "Step", "Limit", "Measured", "On time",
                 "Extended", "Median", "90th pct", "Overdue")
    for step in STEPS:
        figures = analysis.step(step)
        limit = str(figures.limit) if figures.limit == figures.extended_limit else \
            f"{figures.limit}/{figures.extended_limit}"
        grid.add_row(step_label(step), limit, f"{figures.measured:,}",
                     f"{percent(figures.on_time_pct, missing='-')} {bar(figures.on_time_pct)}",
                     _count(figures.extensions_used),
                     _count(figures.median_working_days), _count(figures.p90_working_days),
                     f"{figures.overdue_open:,}")
    out.print(grid)
    out.print("Limit: working days allowed (with an extension after the slash). Overdue: open "
              "cases past their limit, counted as late.")
    if analysis.profile is not None:
        _print_profile(out, table, analysis.profile)
    _print_groups(out, table, "By month of receipt (on time)", "Month",
                  [(m.month, m) for m in analysis.by_month])
    if analysis.by_service is not None:
        _print_groups(out, table, "By service area (on time)", "Service",
                      [(escape(s.service), s) for s in analysis.by_service])
    if analysis.overdue_cases:
        overdue = table(f"Open cases past their limit ({analysis.overdue_total:,})",
                        "Reference", "Step", "Working days", "Limit")
        for case in analysis.overdue_cases[:LISTED]:
            overdue.add_row(escape(case.reference), step_label(case.step),
                            str(case.working_days), str(case.limit))
        out.print(overdue)
        _more(out, analysis.overdue_total, LISTED)
    if analysis.rejected_rows:
        rejected = table("Rows rejected (not counted anywhere else)", "Row", "Problem")
        for row in analysis.rejected_rows[:LISTED]:
            rejected.add_row(str(row.row), escape(row.error))
        out.print(rejected)
        _more(out, len(analysis.rejected_rows), LISTED)
    if findings is not None:
        if not findings:
            out.print("The log bears out the assessment's answers on timescales.")
            return
        checked = table("The log contradicts these answers", "Requirement", "Severity",
                        "Finding")
        for finding in findings:
            checked.add_row(finding.requirement_id or "", finding.severity.value,
                            escape(finding.message))
        out.print(checked)


def _print_profile(out, table, profile) -> None:
    """Complaints at each stage, outcomes, categories and refusals (issue 15), and what the
    log lacks for any of them."""
    from code_check.cli.output import escape
    from code_check.wording import percent

    t = profile.totals
    out.print(f"{t.received:,} complaints received: {t.refused:,} refused, {t.stage1:,} taken "
              f"on at stage 1, {t.escalated:,} of those escalated to stage 2 "
              f"({percent(t.escalation_pct, missing='-')}); {t.stage2:,} escalations in all.")
    held = {need.analysis for need in profile.needs if need.available}
    parts = [("Stage 1 outcome", "outcomes at stage 1", t.stage1_outcomes),
             ("Stage 2 outcome", "outcomes at stage 2", t.stage2_outcomes),
             ("Category", "the top categories", t.categories[:LISTED]),
             ("Refused", "complaints refused, by reason", t.refused_reasons)]
    shares = table("Outcomes, categories and refusals", "Of", "", "Complaints", "Share")
    for heading, analysis, rows in parts:
        for share in rows if analysis in held else []:
            shares.add_row(heading, escape(share.label), f"{share.count:,}",
                           percent(share.pct, missing="-"))
    if shares.row_count:
        out.print(shares)
    missing = [need for need in profile.needs if not need.available]
    if missing:
        out.print("Not in this log: " + "; ".join(
            f"{need.analysis} (needs a {', '.join(need.columns)} column)" for need in missing)
            + ".")


def _print_groups(out, table, title: str, heading: str, groups: list) -> None:
    from code_check.complaint_log.timeliness import STEPS
    from code_check.wording import percent, step_label

    grid = table(title, heading, "Cases", *(step_label(step) for step in STEPS))
    for label, figures in groups:
        grid.add_row(label, f"{figures.cases:,}", *(
            percent(figures.step(step).on_time_pct, missing="-") for step in STEPS))
    out.print(grid)


def _count(value) -> str:
    if value is None:
        return "-"
    return f"{value:g}" if isinstance(value, float) else f"{value:,}"


def _more(out, total: int, shown: int) -> None:
    if total > shown:
        out.print(f"... and {total - shown:,} more; --format json lists them all.")


def _percentage(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not 0 < value <= 100:
        raise argparse.ArgumentTypeError("must be a percentage above 0 and at most 100")
    return value


def _at_least_one(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value
