"""``code-check score``, ``lint`` and ``compare``: readiness, consistency and progress."""

from __future__ import annotations

from code_check.cli.options import (
    add_as_of,
    add_catalogue_view,
    add_format,
    add_rules,
    add_workspace,
    command,
)
from code_check.cli.sources import add_assessment_source, load_source


def register(subparsers) -> None:
    scoring = command(subparsers, "score", run_score,
                      "readiness per section and overall, and the gaps worst first")
    add_assessment_source(scoring)
    add_catalogue_view(scoring, "each Code the assessment answers, side by side")
    add_rules(scoring)
    add_workspace(scoring)
    add_format(scoring)

    linting = command(subparsers, "lint", run_lint,
                      "consistency checks: evidence, actions, overdue dates, reasons")
    add_assessment_source(linting)
    add_as_of(linting, "judge due dates and the assessment's age")
    add_catalogue_view(linting, "each Code the assessment answers")
    add_rules(linting)
    add_workspace(linting)
    add_format(linting)

    comparing = command(subparsers, "compare", run_compare,
                        "what improved and what regressed between two assessments")
    for name in ("old", "new"):
        comparing.add_argument(name, metavar=name.upper(),
                               help=f"the {name}er assessment: a YAML file or workspace number")
    add_catalogue_view(comparing, "each assessment's first Code")
    add_rules(comparing)
    add_workspace(comparing)
    add_format(comparing)


def _views(args) -> list:
    """The assessment under the Code asked for, else under each Code it answers."""
    loaded = load_source(args)
    return [loaded.under(args.catalogue)] if args.catalogue else loaded.each_code()


def run_score(args) -> int:
    from code_check.assessment.scoring import score
    from code_check.wording import bar, percent

    views = _views(args)
    if len(views) > 1:
        return _scores_side_by_side(args, views)
    loaded = views[0]
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


def _scores_side_by_side(args, views) -> int:
    """A dual assessment's readiness under each Code: the first Code's keys as ever, and
    every Code's under ``codes``."""
    from code_check.assessment.scoring import score

    results = {view.catalogue.id: score(view.catalogue, view.assessment) for view in views}
    names = [view.catalogue.initials for view in views]
    if args.format == "json":
        from code_check.cli.output import print_json

        first = results[views[0].catalogue.id].model_dump(mode="json")
        print_json({**first, "codes": {code: result.model_dump(mode="json")
                                       for code, result in results.items()}})
        return 0
    from code_check.cli.output import console, escape, table
    from code_check.wording import percent

    assessment = views[0].assessment
    out = console()
    out.print(f"[bold]{escape(assessment.council.name)}[/bold], assessed "
              f"{assessment.assessed_on:%d %B %Y} against the {' and '.join(names)} Codes")
    grid = table("Readiness under each Code", "", *(f"{name} Code" for name in names))
    overall = [result.overall for result in results.values()]
    carried = [sum(view.assessment.answer(r.id).carried_over for r in view.catalogue.requirements)
               for view in views]
    rows = [
        ("Readiness", [f"{percent(o.score)}, {escape(o.band)}" for o in overall]),
        ("Points", [o.points() for o in overall]),
        ("Answered", [f"{o.assessed} of {o.applicable}" for o in overall]),
        ("Legal duties (must) not yet met", [str(len(o.musts_blocking)) for o in overall]),
        ("Gaps", [str(len(result.gaps)) for result in results.values()]),
        ("Carried over, to confirm", [str(count) for count in carried]),
    ]
    for label, values in rows:
        grid.add_row(label, *values)
    out.print(grid)
    named = args.assessment or f"--assessment {args.assessment_id}"
    out.print(f"Sections and gaps of one Code: code-check score {escape(named)} "
              f"--catalogue {views[-1].catalogue.id}")
    return 0


def run_lint(args) -> int:
    from datetime import date

    from code_check.assessment.lint import lint

    as_of = args.as_of or date.today()
    views = _views(args)
    found = [(view.catalogue.id, finding) for view in views
             for finding in lint(view.catalogue, view.assessment, as_of=as_of)]
    if views[0].workspace_id is not None:  # the council's registers: not any one Code's
        from code_check.cli.registers import register_findings_for

        council = views[0].assessment.council.name
        found += [(None, finding) for finding in register_findings_for(args, council, as_of)]
    if args.format == "json":
        from code_check.cli.output import print_json

        print_json([{**finding.model_dump(mode="json"),
                     **({"catalogue": code} if len(views) > 1 else {})}
                    for code, finding in found])
        return 0
    from code_check.cli.output import console, escape, table

    if not found:
        console().print("No findings: the answers are consistent.")
        return 0
    codes = ["Code"] if len(views) > 1 else []
    grid = table(f"Findings ({len(found)})", *codes, "Severity", "Id", "Finding")
    for code, finding in found:
        grid.add_row(*([code] if codes else []), finding.severity.value,
                     finding.requirement_id or "-", escape(finding.message))
    console().print(grid)
    return 0


def run_compare(args) -> int:
    from argparse import Namespace

    from code_check.assessment.progress import compare
    from code_check.wording import percent

    def source(value: str):
        return load_source(Namespace(**{**vars(args), "assessment": value,
                                        "assessment_id": None})).under(args.catalogue)

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

