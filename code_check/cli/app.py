"""Opening the terminal app from the command line (the only place the CLI meets Textual)."""

from __future__ import annotations


def open_app(args, *, demo: bool = False) -> int:
    from code_check.cli.rules import run_list

    args.catalogue = None
    args.rules = None
    args.format = "table"
    return run_list(args)
