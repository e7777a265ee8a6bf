"""``code-check demo``: install the fictional demo council and open the app on it."""

from __future__ import annotations

from code_check.cli.options import add_workspace, command


def register(subparsers) -> None:
    demo = command(subparsers, "demo", run_demo,
                   "add the demo councils (Example Borough Council, and Northfield District "
                   "Council, which owns homes) and open the app")
    demo.add_argument("--no-open", action="store_true",
                      help="only add the demo council and say what was added")
    add_workspace(demo)


def run_demo(args) -> int:
    from datetime import date

    from code_check.catalogue.files import load_catalogue
    from code_check.demo import DEMO_COUNCIL, HOUSING_DEMO_COUNCIL, demo_log_path, install_demo
    from code_check.store.workspace import Workspace

    catalogue = load_catalogue()
    with Workspace(args.workspace) as workspace:
        before = {record.id for record in workspace.assessments(DEMO_COUNCIL)}
        ids = install_demo(workspace, catalogue, today=date.today())
        records = {record.id: record for record in workspace.assessments(DEMO_COUNCIL)}
        housing = workspace.assessments(HOUSING_DEMO_COUNCIL)[0]
        path = workspace.path
    if not args.no_open:
        from code_check.cli.app import open_app

        return open_app(args, demo=True)
    from code_check.cli.output import console, escape, table
    from code_check.wording import percent

    added = [i for i in ids if i not in before]
    out = console()
    if added:
        out.print(f"Added the demo council, {DEMO_COUNCIL}, to {escape(str(path))}.")
    else:
        out.print(f"{DEMO_COUNCIL} is already in {escape(str(path))}; nothing was changed.")
    grid = table(None, "No.", "Assessed on", "Assessor", "Readiness", "Band")
    for assessment_id in ids:
        record = records[assessment_id]
        grid.add_row(str(record.id), f"{record.assessed_on:%d %B %Y}",
                     escape(record.assessor or "-"), percent(record.score),
                     escape(record.band or "-"))
    out.print(grid)
    out.print(f"Try: code-check score {ids[-1]}   code-check compare {ids[0]} {ids[-1]}")
    log = demo_log_path(path)
    if log.is_file():
        out.print(f"Its complaint log: code-check log analyse {escape(str(log))}")
    out.print(f"{HOUSING_DEMO_COUNCIL} owns homes, so assessment {housing.id} answers the "
              f"Housing Ombudsman's Code as well as the LGSCO's: code-check score {housing.id}   "
              f"code-check lint {housing.id} --catalogue hos-2024")
    return 0
