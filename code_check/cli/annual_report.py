"""``code-check annual-report``: the annual complaints performance and service improvement
report (Code 8.1) for one council and year, and ``annual-report respond``, which records the
governing body's response to it (8.2) for the published version to carry.
"""

from __future__ import annotations

from pathlib import Path

from code_check.cli.options import (
    add_log_as_of,
    add_paper,
    add_rules,
    add_workspace,
    command,
    iso_date,
)
from code_check.errors import InputError


def register(subparsers) -> None:
    parser = command(
        subparsers, "annual-report", run_annual_report,
        "the annual complaints performance and service improvement report for one council "
        "and year (Code 8.1): Word, web page or Markdown, as the file name of -o says")
    _add_council_and_year(parser)
    parser.add_argument("-o", "--output", type=Path, metavar="OUT",
                        help="the file to write: .docx (committee paper), .html or .md")
    parser.add_argument("--log", type=Path, metavar="COMPLAINTS.csv",
                        help="the council's complaint log: the figures of section (b)")
    parser.add_argument("--letter", type=Path, metavar="FILE.txt",
                        help="the LGSCO's annual letter for the year, pasted as text")
    parser.add_argument("--hos-letter", type=Path, metavar="FILE.txt",
                        help="the Housing Ombudsman's annual letter, pasted as text (a council "
                        "that owns homes)")
    add_paper(parser)
    add_log_as_of(parser, "overdue remedies")
    add_rules(parser)
    add_workspace(parser)
    actions = parser.add_subparsers(title="commands", metavar="COMMAND")
    respond = command(actions, "respond", run_respond,
                      "record the governing body's response to a year's report (Code 8.2)")
    _add_council_and_year(respond)
    respond.add_argument("--text", type=Path, metavar="FILE",
                         help="a text file holding the response, as it is to be published")
    respond.add_argument("--approved-by", metavar="WHO",
                         help="who approved it: a committee, the cabinet, a member")
    respond.add_argument("--on", type=iso_date, metavar="DATE",
                         help="the date of the response (YYYY-MM-DD; default: today)")
    add_workspace(respond)


def _add_council_and_year(parser) -> None:
    parser.add_argument("--council", metavar="NAME", help="the council, as in the workspace")
    parser.add_argument("--year", metavar="YEAR",
                        help="the financial year the report covers, such as 2025-26")


def _required(args, *names: str) -> None:
    """argparse cannot require these of ``annual-report`` without requiring them of
    ``annual-report respond`` before its name, so they are checked here."""
    for name in names:
        if getattr(args, name) is None:
            raise InputError("is required", field=f"--{name.replace('_', '-')}")


def run_annual_report(args) -> int:
    from datetime import UTC, date, datetime

    from code_check.cli.output import one_line
    from code_check.report.annual_formats import annual_format, export_annual
    from code_check.statistics.model import typed_financial_year

    _required(args, "council", "year", "output")
    year = typed_financial_year(args.year, "--year")
    annual_format(args.output)  # a file type it cannot write is said before any work
    generated_at = datetime.now(UTC).replace(microsecond=0)
    report = _build(args, year, generated_at, args.as_of or date.today())
    export_annual(report, args.output)
    print(f"Wrote {one_line(str(args.output))}")
    return 0


def _build(args, year: str, generated_at, as_of):
    from code_check.annual_sources import AnnualFiles, annual_inputs
    from code_check.catalogue.files import load_catalogues
    from code_check.cli.sources import map_finder
    from code_check.registers.model import Ombudsman
    from code_check.report.annual_model import build_annual_report
    from code_check.store.workspace import Workspace

    catalogues = load_catalogues(args.rules)
    letters = {ombudsman: path for ombudsman, path in (
        (Ombudsman.LGSCO, args.letter), (Ombudsman.HOS, args.hos_letter)) if path is not None}
    files = AnnualFiles(log=args.log, letters=letters, paper=_paper(args.paper))
    with Workspace(getattr(args, "workspace", None)) as workspace:
        inputs = annual_inputs(workspace, args.council, year, catalogues, files,
                               generated_at=generated_at, as_of=as_of,
                               as_of_asked=args.as_of is not None,
                               map_for=map_finder(args.rules, catalogues))
    return build_annual_report(inputs, generated_at=generated_at, as_of=as_of)


def _paper(path: Path | None):
    from code_check.report.paper import PaperDetails

    if path is None:
        return PaperDetails()
    from code_check.readers.yaml_source import load_model

    return load_model(path, PaperDetails)


# respond --------------------------------------------------------------------------------------

def run_respond(args) -> int:
    from datetime import date

    from pydantic import ValidationError

    from code_check.cli.output import console, escape
    from code_check.readers.yaml_source import read_text
    from code_check.registers.model import first_problem
    from code_check.registers.response import GoverningBodyResponse
    from code_check.store.annual_responses import ResponsesStore
    from code_check.store.author import author_name
    from code_check.store.workspace import Workspace

    _required(args, "council", "year", "text")
    with Workspace(getattr(args, "workspace", None)) as workspace:
        council = workspace.council(args.council).name
        try:
            response = GoverningBodyResponse.model_validate({
                "council": council, "year": args.year, "text": read_text(args.text),
                "approved_by": args.approved_by, "responded_on": args.on or date.today()})
        except ValidationError as exc:
            field, problem = first_problem(exc)
            raise InputError(problem, field=_OPTIONS.get(field or "", field)) from None
        replaced = ResponsesStore(workspace).record(response, author=author_name())
    console().print(f"Recorded the governing body's response to {escape(council)}'s "
                    f"{response.year} annual complaints report"
                    f"{', replacing the one held' if replaced else ''}.", soft_wrap=True)
    return 0


_OPTIONS = {"year": "--year", "text": "--text", "approved_by": "--approved-by",
            "responded_on": "--on"}
