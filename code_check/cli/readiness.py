"""``code-check score``, ``lint`` and ``compare``: readiness, consistency and progress."""

from __future__ import annotations

from code_check.cli.options import add_as_of, add_format, add_rules, add_workspace, command
from code_check.cli.sources import add_assessment_source, load_source


def register(subparsers) -> None:
    scoring = command(subparsers, "score", run_score,
                      "readiness per section and overall, and the gaps worst first")
    add_assessment_source(scoring)
    add_rules(scoring)
    add_workspace(scoring)
    add_format(scoring)

    linting = command(subparsers, "lint", run_lint,
                      "consistency checks: evidence, actions, overdue dates, reasons")
    add_assessment_source(linting)
    add_as_of(linting, "judge due dates and the assessment's age")
    add_rules(linting)
    add_workspace(linting)
    add_format(linting)

    comparing = command(subparsers, "compare", run_compare,
                        "what improved and what regressed between two assessments")
    for name in ("old", "new"):
        comparing.add_argument(name, metavar=name.upper(),
                               help=f"the {name}er assessment: a YAML file or workspace number")
    add_rules(comparing)
    add_workspace(comparing)
    add_format(comparing)


def run_score(args) -> int:
    from code_check.assessment.scoring import score
    from code_check.wording import bar, percent

    loaded = load_source(args)
    result = score(loaded.catalogue, loaded.assessment)
    if args.format == "json":
        from code_check.cli.output import print_json

        print_json(result.model_dump(mode="json"))
        return 0
    from code_check.cli.output import console, escape, table

    out = console()
    overall = result.overall
    out.print(f"[bold]{escape(loaded.assessment.council.name)}[/bold], assessed "
              f"{loaded.assessment.assessed_on:%d %B %Y} against {loaded.catalogue.id}")
    out.print(f"Readiness: [bold]{percent(overall.score)}[/bold], {escape(overall.band)} "
              f"({overall.points()})")
    out.print(f"Coverage: {percent(overall.coverage)} ({overall.assessed} of "
              f"{overall.applicable} applicable requirements answered; "
              f"{overall.not_applicable} not applicable)")
    if overall.musts_blocking:
        out.print("Not Ready while these legal duties (must) are not met: "
                  + ", ".join(overall.musts_blocking))
    sections = table("Readiness by section", "Section", "Title", "Readiness", "",
                     "Points", "Answered")
    for section in result.sections:
        sections.add_row(section.id, escape(section.title), percent(section.score),
                         bar(section.score), section.points().removesuffix(" weighted points"),
                         f"{section.assessed} of {section.applicable}")
    out.print(sections)
    gaps = table(f"Gaps, worst first ({len(result.gaps)})", "Id", "Must/should", "Status",
                 "Requirement")
    for gap in result.gaps:
        gaps.add_row(gap.id + ("" if gap.verified else " (provisional id)"), gap.obligation,
                     gap.status.replace("_", " "), escape(gap.text))
    out.print(gaps)
    return 0


def run_lint(args) -> int:
    from datetime import date

    from code_check.assessment.lint import lint

    loaded = load_source(args)
    findings = lint(loaded.catalogue, loaded.assessment, as_of=args.as_of or date.today())
    if args.format == "json":
        from code_check.cli.output import print_json

        print_json([f.model_dump(mode="json") for f in findings])
        return 0
    from code_check.cli.output import console, escape, table

    if not findings:
        console().print("No findings: the answers are consistent.")
        return 0
    grid = table(f"Findings ({len(findings)})", "Severity", "Id", "Finding")
    for finding in findings:
        grid.add_row(finding.severity.value, finding.requirement_id or "-",
                     escape(finding.message))
    console().print(grid)
    return 0


def run_compare(args) -> int:
    from argparse import Namespace

    from code_check.assessment.progress import compare
    from code_check.wording import percent

    def source(value: str):
        return load_source(Namespace(**{**vars(args), "assessment": value,
                                        "assessment_id": None}))

    old, new = source(args.old), source(args.new)
    result = compare(old.catalogue, old.assessment, new.catalogue, new.assessment)
    if args.format == "json":
        from code_check.cli.output import print_json

        print_json({
            "old": result.old.model_dump(mode="json"),
            "new": result.new.model_dump(mode="json"),
            "score_change": result.score_change,
            "unchanged": result.unchanged,
            "changes": [c.model_dump(mode="json") for c in result.changes],
        })
        return 0
    from code_check.cli.output import console, table

    out = console()
    change = result.score_change
    direction = "no change" if not change else f"{'up' if change > 0 else 'down'} "\
        f"{abs(change):.1f} points"
    out.print(f"Readiness {percent(result.old.score)} ({result.old.points()}) -> "
              f"{percent(result.new.score)} ({result.new.points()}): {direction}")
    grid = table(f"Changes ({len(result.changes)}; {result.unchanged} unchanged)",
                 "Change", "Id", "Before", "Now")
    for item in result.changes:
        grid.add_row(item.kind.label, item.id, item.old_status.replace("_", " "),
                     item.new_status.replace("_", " "))
    out.print(grid)
    return 0

