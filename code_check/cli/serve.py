"""``code-check serve``: the app in the browser for a whole complaints team, over one workspace
on this computer's own disk (where SQLite's WAL mode lets several people save at once).

Each browser tab runs the app in a process of its own (``serve --session``, started by the
server in ``code_check.cli.serve_web``); every change it saves carries the name of the
person using it.
"""

from __future__ import annotations

import argparse
import ipaddress
import json
import os
import secrets
import sys
from pathlib import Path

from code_check.cli.options import add_workspace, command
from code_check.errors import InputError

TOKEN_ENV = "CODE_CHECK_TOKEN"
TOKEN_MIN_LENGTH = 16
LOCAL_NAMES = ("localhost",)


def register(subparsers) -> None:
    parser = command(subparsers, "serve", run_serve,
                     "the app in the browser for a team, over one workspace "
                     "(needs code-check[serve])")
    parser.add_argument("--host", default="127.0.0.1",
                        help="the address to listen on (default 127.0.0.1: this computer "
                        "only); any other needs the access link printed at start")
    parser.add_argument("--port", type=_port, default=8000, help="default 8000")
    add_workspace(parser)
    parser.add_argument("--files", type=Path, metavar="DIR",
                        help="the only folder imports and complaint logs are read from "
                        "(default: none are read)")
    parser.add_argument("--max-sessions", type=_at_least_one, default=20, metavar="N",
                        help="browser tabs open at once (default 20)")
    parser.add_argument("--user-header", metavar="NAME",
                        help="take each person's name from this request header, which the "
                        "council's sign on in front of it sets (instead of asking)")
    parser.add_argument("--session", action="store_true",
                        help="run one browser tab's app (the server starts these itself)")


def run_serve(args) -> int:
    if args.session:
        return _run_session(args)
    try:
        from code_check.cli.serve_web import Options, TeamServer
    except ImportError as missing:
        raise InputError("code-check serve needs its extra part: pip install "
                         f"'code-check[serve]' ({missing.name} is missing)") from None
    options = Options(
        host=args.host, port=args.port, workspace=_checked_workspace(args),
        files=_checked_files(args.files), max_sessions=args.max_sessions,
        user_header=args.user_header, token=access_token(args.host),
        python=sys.executable,
    )
    try:
        TeamServer(options).serve()
    except OSError as error:
        why = error.strerror or str(error)
        raise InputError(f"cannot listen on {args.host} port {args.port} ({why}): is "
                         "code-check serve already running? Choose another with --port",
                         field="--port") from None
    return 0


def _run_session(args) -> int:
    """One browser tab's app, started by the server ahead of need: it loads the app, then
    waits to be told whose tab it is."""
    from code_check.cli.app import open_app
    from code_check.tui.app import Served

    wait_for_tab()
    return open_app(args, served=Served(files=args.files,
                                        named_by_sign_in=args.user_header is not None))


def wait_for_tab() -> None:
    """The server's one line of JSON on standard input: the tab's user and terminal size. It
    is read a byte at a time, so nothing after it (the tab's keys) is taken too."""
    from code_check.store.author import SERVED_AUTHOR_ENV

    line = b""
    while not line.endswith(b"\n"):
        byte = os.read(sys.stdin.fileno(), 1)
        if not byte:
            raise SystemExit(0)  # the server stopped before a tab came
        line += byte
    tab = json.loads(line)
    os.environ.update({SERVED_AUTHOR_ENV: tab["author"], "COLUMNS": str(tab["width"]),
                       "ROWS": str(tab["height"])})


def session_main(argv: list[str]) -> int:
    """``python -m code_check.cli.serve --session ...``, as the server starts each tab's app:
    only ``serve``'s options are read, since building every command's parser would hold up
    each tab's first paint."""
    from code_check.cli.output import one_line

    parser = argparse.ArgumentParser(prog="code-check")
    register(parser.add_subparsers())
    try:
        return run_serve(parser.parse_args(["serve", *argv]))
    except InputError as error:
        print(f"code-check: {one_line(str(error))}", file=sys.stderr)
        return 1



def access_token(host: str) -> str | None:
    """The token a browser must bring: ``$CODE_CHECK_TOKEN`` when set, else a new one unless
    listening only on this computer (127.0.0.1, ::1, localhost)."""
    given = os.environ.get(TOKEN_ENV)
    if given is not None:
        if len(given) < TOKEN_MIN_LENGTH:
            raise InputError(f"too short to protect the app: use at least "
                             f"{TOKEN_MIN_LENGTH} characters", field=TOKEN_ENV)
        return given
    return None if is_local(host) else secrets.token_urlsafe(18)


def is_local(host: str) -> bool:
    """Whether an address is reachable from this computer only."""
    if host.lower() in LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _checked_workspace(args) -> Path:
    """The workspace, opened once (and brought up to date) before anyone connects, so a
    problem with it is one line now rather than in every browser."""
    from code_check.store.workspace import Workspace, default_workspace_path

    path = (getattr(args, "workspace", None) or default_workspace_path()).absolute()
    Workspace(path).close()
    return path


def _checked_files(folder: Path | None) -> Path | None:
    if folder is None:
        return None
    if not folder.is_dir():
        raise InputError("no such folder", source=folder, field="--files")
    return folder.resolve()


def _port(value: str) -> int:
    number = _whole(value)
    if not 0 < number < 65536:
        raise argparse.ArgumentTypeError(f"{value!r} is not a port (1 to 65535)")
    return number


def _at_least_one(value: str) -> int:
    number = _whole(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value!r}: at least 1")
    return number


def _whole(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None


if __name__ == "__main__":
    raise SystemExit(session_main(sys.argv[1:]))
