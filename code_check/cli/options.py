"""Options shared by several commands, declared once."""

from __future__ import annotations

import argparse
from pathlib import Path

# The values of code_check.assessment.model.AuthorityType, spelt out so that building the parser
# never loads pydantic (a test keeps the two equal).
AUTHORITY_TYPES = ("county_council", "district_council", "metropolitan_borough",
                   "unitary_council", "london_borough")


# The two Codes by the names a council knows them, and their catalogues.
CODES = {"lgsco": "lgsco-2024", "hos": "hos-2024"}


def add_format(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format", choices=("table", "json"), default="table",
        help="table for people (default), json for scripts",
    )


def add_rules(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--rules", type=Path, metavar="PATH",
        help="a catalogue file or folder (default: the bundled catalogues)",
    )


def add_workspace(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--workspace", type=Path, metavar="PATH", default=argparse.SUPPRESS,
        help="workspace file (default: code-check's file in your data folder)",
    )


def command(subparsers, name: str, handler, help: str, **kwargs) -> argparse.ArgumentParser:
    """A subcommand whose ``--help`` shows the same line as the command list."""
    parser = subparsers.add_parser(name, help=help, description=help, **kwargs)
    parser.set_defaults(handler=handler)
    return parser


def group(subparsers, name: str, help: str):
    """A command group such as ``rules``: its own subcommands, help when called bare."""
    parser = subparsers.add_parser(name, help=help, description=help)
    parser.set_defaults(handler=lambda args: parser.print_help())
    return parser.add_subparsers(title="commands", metavar="COMMAND")


def iso_date(value: str):
    """An argparse type: a date as YYYY-MM-DD."""
    from datetime import date

    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date like 2026-03-31") from None


def add_as_of(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument("--as-of", type=iso_date, metavar="DATE",
                        help=f"{what} as of this date (YYYY-MM-DD; default: today)")


def add_paper(parser: argparse.ArgumentParser, formats: str = "") -> None:
    """``--paper``: the committee paper's details, for the gap report and the annual report."""
    parser.add_argument("--paper", type=Path, metavar="DETAILS.yaml",
                        help=f"{formats}the committee paper's details (meeting, date, author, "
                        "contact, status, financial implications, extra recommendations, "
                        "background papers); any left out are marked to complete")


def add_log_as_of(parser: argparse.ArgumentParser, what: str) -> None:
    """``--as-of`` for a report that may read a complaint log."""
    parser.add_argument("--as-of", type=iso_date, metavar="DATE",
                        help=f"judge {what} and open complaints as of this date (YYYY-MM-DD; "
                        "default: today, and for the complaint log the latest date it holds)")


def add_catalogue_view(parser: argparse.ArgumentParser, default: str) -> None:
    """``--catalogue ID``: which Code's view of an assessment that answers two Codes."""
    parser.add_argument(
        "--catalogue", metavar="ID",
        help=f"the Code to see the assessment under: {' or '.join(CODES.values())}; an "
        "assessment of the LGSCO's Code alone is seen under the Housing Ombudsman's through "
        f"the map (default: {default})")
