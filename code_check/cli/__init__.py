"""The ``code-check`` command line: thin shells over the core, one module per command group.

Each command module has ``register(subparsers)``; handlers import what they need when run,
so ``code-check rules list`` starts quickly and never loads the terminal UI.
"""

from __future__ import annotations

import argparse
import os
import sys
from importlib import import_module

# code-check is an application, not a library: pydantic's plugin discovery (which reads every
# installed package's metadata) only slows its start-up, so it is off unless a user asks for it.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

from code_check import __version__  # noqa: E402
from code_check.cli.output import one_line  # noqa: E402
from code_check.errors import InputError  # noqa: E402

COMMAND_MODULES = ("rules", "readiness", "assessment", "demo", "stats", "log", "report",
                   "registers", "annual_report", "serve")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="code-check",
        description="Check a council's readiness for the Ombudsman's Complaint Handling Code. "
        "With no command, opens the terminal app.",
    )
    parser.add_argument("--version", action="version", version=f"code-check {__version__}")
    parser.add_argument("--workspace", type=_path,
                        help="workspace file (default: your data folder)")
    subparsers = parser.add_subparsers(title="commands", metavar="COMMAND")
    for name in COMMAND_MODULES:
        import_module(f"code_check.cli.{name}").register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    try:
        if handler is None:
            from code_check.cli.app import open_app

            return open_app(args)
        return handler(args) or 0
    except InputError as error:
        print(f"code-check: {one_line(str(error))}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as error:  # the last guard: a bug must still read as one plain line
        if os.environ.get("CODE_CHECK_DEBUG"):
            raise
        print(f"code-check: unexpected problem ({type(error).__name__}: {one_line(str(error))}); "
              "set CODE_CHECK_DEBUG=1 to see the details", file=sys.stderr)
        return 2


def _path(value: str):
    from pathlib import Path

    return Path(value).expanduser()
