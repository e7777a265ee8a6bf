"""The web side of ``code-check serve``: textual-serve's server, made safe for a council.

- A browser must bring the access token when there is one: in the link once, then a cookie.
- Listening on this computer only, a request must be addressed to it by a local name, so no
  other web site can reach the app through the browser (nor by DNS rebinding), and the app's
  websocket and the name form accept only pages of code-check's own.
- The person's name is asked once and kept by the browser in a cookie, or comes from the
  council's sign-in in a request header (``--user-header``); no app starts without one.
- At most ``max_sessions`` apps run at once; a closed tab ends its app; stopping the server
  asks every app to quit, which saves whatever is typed and not yet saved.
"""

from __future__ import annotations

import asyncio
import hmac
import html
import json
import socket
import unicodedata
from asyncio.subprocess import PIPE, Process
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import quote, unquote, urlsplit

from aiohttp import WSCloseCode, web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

from code_check.cli.serve import is_local

TOKEN_COOKIE = "code_check_token"
NAME_COOKIE = "code_check_name"
NAME_LIMIT = 60
A_YEAR = 365 * 24 * 3600
STOP_SECONDS = 10  # an app that has not quit by then is ended
SAFE_HEADERS = {"X-Frame-Options": "DENY", "Referrer-Policy": "same-origin",
                "X-Content-Type-Options": "nosniff"}


@dataclass(frozen=True)
class Options:
    host: str
    port: int
    workspace: Path
    files: Path | None
    max_sessions: int
    user_header: str | None
    token: str | None
    python: str  # the interpreter each tab's app runs in

    @property
    def session_command(self) -> list[str]:
        """What runs each tab's app: the same workspace, folder for files and naming."""
        command = [self.python, "-m", "code_check.cli.serve", "--session",
                   "--workspace", str(self.workspace)]
        if self.files is not None:
            command += ["--files", str(self.files)]
        if self.user_header is not None:
            command += ["--user-header", self.user_header]
        return command


def person_name(text: str) -> str:
    """A name for the audit trail, as typed or as the sign-in sent it; ValueError says what
    is wrong with it in words."""
    name = " ".join(text.split())
    if not name:
        raise ValueError("type your name")
    if len(name) > NAME_LIMIT:
        raise ValueError(f"a name of at most {NAME_LIMIT} characters, please")
    if any(unicodedata.category(character).startswith("C") for character in name):
        raise ValueError("letters, spaces and punctuation only, please")
    return name


class Spares:
    """An app process kept started ahead of need, so a tab that opens takes one whose Python
    and modules are already loaded (longer to load than the page itself) and only has to be
    told whose tab it is (``serve.wait_for_tab``)."""

    def __init__(self, command: list[str]) -> None:
        self.command = command
        self.next: asyncio.Task[Process] | None = None

    def start(self) -> None:
        self.next = asyncio.ensure_future(asyncio.create_subprocess_exec(
            *self.command, stdin=PIPE, stdout=PIPE, stderr=PIPE,
            env=AppService._build_environment(SimpleNamespace(debug=False))))  # type: ignore

    async def take(self) -> Process:
        """The spare (a fresh one if it has died), and the next one starting."""
        if self.next is None:
            self.start()
        assert self.next is not None
        spare = await self.next
        self.start()
        if spare.returncode is not None:
            return await self.take()
        return spare

    async def close(self) -> None:
        """The spare has no tab and no workspace open: it simply ends."""
        if self.next is not None:
            spare = await self.next
            if spare.returncode is None:
                spare.kill()
            await spare.wait()


class SessionApp(AppService):
    """One browser tab's app: a spare process of its own, told its user and its size."""

    def __init__(self, spares: Spares, author: str, **kwargs) -> None:
        super().__init__("code-check", **kwargs)
        self.spares = spares
        self.author = author

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Process:
        self._process = process = await self.spares.take()
        assert process.stdin is not None
        self._stdin = process.stdin
        tab = {"author": self.author, "width": width, "height": height}
        process.stdin.write(json.dumps(tab).encode() + b"\n")
        await process.stdin.drain()
        return process

    async def stop(self) -> None:
        """Ask the app to quit (it saves what is typed first); end it if it has not."""
        try:
            await asyncio.wait_for(self._quit(), STOP_SECONDS)
        except TimeoutError:
            if self._process is not None:
                self._process.kill()

    async def _quit(self) -> None:
        await super().stop()
        if self._process is not None:
            await self._process.wait()


class TeamServer(Server):
    """textual-serve's server with code-check's rules (see the module's docstring)."""

    def __init__(self, options: Options) -> None:
        super().__init__("code-check", host=options.host, port=options.port, title="code-check")
        self.options = options
        self.sessions: dict[SessionApp, web.WebSocketResponse] = {}
        self.spares = Spares(options.session_command)

    # the rules for every request ------------------------------------------------------------

    async def _make_app(self) -> web.Application:
        app = web.Application(middlewares=[self.guard])
        app.add_routes([
            web.get("/", self.app_page),
            web.get("/name", self.name_page),
            web.post("/name", self.take_name),
            web.get("/ws", self.session),
            web.get("/download/{key}", self.handle_download),
            web.static("/static", self.statics_path),
        ])
        app.on_response_prepare.append(self._safe_headers)
        app.on_startup.append(self.on_startup)
        app.on_shutdown.append(self.on_shutdown)
        return app

    @web.middleware
    async def guard(self, request: web.Request, handler) -> web.StreamResponse:
        refused = self.refusal(request)
        if refused is not None:
            return refused
        if self.options.token is not None and "token" in request.query:
            return self._keep_token(request)
        return await handler(request)

    def refusal(self, request: web.Request) -> web.Response | None:
        """A page saying why a request may not go on, or None when it may."""
        if self.options.token is not None and not self._brings_token(request):
            return page(403, "The access link is needed",
                        "This code-check opens only from its access link, the one with "
                        "?token= that was printed when it started. Ask whoever runs it.")
        if self._local_only and not is_local(request.url.host or ""):
            return page(403, "Open code-check by its local address",
                        f"Open code-check at http://127.0.0.1:{self.options.port}/ on the "
                        "computer running it.")
        if (request.method != "GET" or request.path == "/ws") and not self._same_site(request):
            return page(403, "Refused", "This request came from another web site, so "
                        "code-check refused it.")
        if self.options.user_header is not None and self.name_of(request) is None:
            return page(403, "Open code-check through the council's sign-in",
                        f"No name came from the sign-in (the {self.options.user_header} "
                        "header), so code-check cannot say who is answering.")
        return None

    @property
    def _local_only(self) -> bool:
        """Listening on this computer only, and not behind a sign-in proxy (whose public
        name the requests carry)."""
        return is_local(self.options.host) and self.options.user_header is None

    def _brings_token(self, request: web.Request) -> bool:
        assert self.options.token is not None
        brought = request.query.get("token") or request.cookies.get(TOKEN_COOKIE, "")
        return hmac.compare_digest(brought.encode(), self.options.token.encode())

    def _keep_token(self, request: web.Request) -> web.Response:
        """The token from the link goes into a cookie, and out of the address bar."""
        response = see_other(str(request.rel_url.without_query_params("token")))
        response.set_cookie(TOKEN_COOKIE, request.query["token"], path="/", httponly=True,
                            samesite="Strict")
        return response

    def _same_site(self, request: web.Request) -> bool:
        """Whether the page that sent the request is code-check's own (browsers always say,
        in Origin, for a websocket or a form; a request with none is not from a web page)."""
        origin = request.headers.get("Origin")
        if origin is None:
            return True
        hosts = {request.host.lower()}
        if self.options.user_header is not None:  # a trusted proxy may say what it was asked
            hosts.add(request.headers.get("X-Forwarded-Host", "").lower())
        return urlsplit(origin).netloc.lower() in hosts

    def name_of(self, request: web.Request) -> str | None:
        """Who is using this browser: the sign-in's header, else the name it gave before."""
        if self.options.user_header is not None:
            given = request.headers.get(self.options.user_header, "")
        else:
            given = unquote(request.cookies.get(NAME_COOKIE, ""))
        try:
            return person_name(given)
        except ValueError:
            return None

    @staticmethod
    async def _safe_headers(request: web.Request, response: web.StreamResponse) -> None:
        response.headers.update(SAFE_HEADERS)

    # pages ------------------------------------------------------------------------------------

    async def app_page(self, request: web.Request) -> web.Response:
        if self.name_of(request) is None:
            return see_other("/name")
        if self.full:
            return self.full_page()
        return web.Response(text=APP_PAGE, content_type="text/html")

    async def name_page(self, request: web.Request) -> web.Response:
        if self.options.user_header is not None:
            return see_other("/")
        return name_form(self.name_of(request) or "")

    async def take_name(self, request: web.Request) -> web.Response:
        if self.options.user_header is not None:
            return see_other("/")
        typed = str((await request.post()).get("name", ""))
        try:
            name = person_name(typed)
        except ValueError as problem:
            return name_form(typed, problem=str(problem))
        response = see_other("/")
        response.set_cookie(NAME_COOKIE, quote(name, safe=""), path="/", max_age=A_YEAR,
                            httponly=True, samesite="Strict")
        return response

    @property
    def full(self) -> bool:
        return len(self.sessions) >= self.options.max_sessions

    def full_page(self) -> web.Response:
        most = self.options.max_sessions
        response = page(503, "code-check is full just now",
                        f"code-check is open in {most} browser tab{'s' * (most != 1)} already, "
                        "the most it allows at once, so it cannot open another just now. Try "
                        "again in a few minutes, or ask whoever runs it to allow more "
                        "(--max-sessions).")
        response.headers["Retry-After"] = "60"
        return response

    # the apps ---------------------------------------------------------------------------------

    async def session(self, request: web.Request) -> web.StreamResponse:
        """One tab, one app: it starts when the page connects and ends when the tab closes."""
        author = self.name_of(request)
        if author is None:
            return page(403, "Who is answering?", "Give your name first: open code-check's "
                        "address again.")
        if self.full:
            return self.full_page()
        websocket = web.WebSocketResponse(heartbeat=15)
        session = SessionApp(self.spares, author,
                             write_bytes=websocket.send_bytes, write_str=websocket.send_str,
                             close=websocket.close, download_manager=self.download_manager)
        self.sessions[session] = websocket
        self._say(f"{author} opened code-check ({self._in_use})")
        try:
            await websocket.prepare(request)
            await session.start(to_int(request.query.get("width", "80"), 80),
                                to_int(request.query.get("height", "24"), 24))
            await self._process_messages(websocket, session)
        finally:
            await session.stop()
            del self.sessions[session]
            self._say(f"{author} closed code-check ({self._in_use})")
        return websocket

    @property
    def _in_use(self) -> str:
        return f"{len(self.sessions)} of {self.options.max_sessions} in use"

    async def on_shutdown(self, app: web.Application) -> None:
        """Stopping: every tab's app is asked to quit (saving what is typed) and ends."""
        await asyncio.gather(self.spares.close(), *(
            websocket.close(code=WSCloseCode.GOING_AWAY, message=b"code-check has stopped")
            for websocket in list(self.sessions.values())))

    # the console ------------------------------------------------------------------------------

    def initialize_logging(self) -> None:
        """Only problems: each request is not news."""
        import logging

        logging.basicConfig(level="WARNING", format="%(message)s")

    async def on_startup(self, app: web.Application) -> None:
        self.spares.start()  # the first tab to open need not wait for it
        options = self.options
        self._say(f"code-check is serving the workspace {options.workspace}")
        self._say(f"Open {self.address}")
        self._say(f"Files are read from {options.files}" if options.files else
                  "No folder for files (--files): imports and complaint logs are not read")
        self._say(f"Names come from the {options.user_header} header" if options.user_header
                  else "Each browser is asked for its user's name")
        self._say(f"At most {options.max_sessions} at once. Press ctrl+c to stop.")

    @property
    def address(self) -> str:
        host = self.options.host
        if host in ("0.0.0.0", "::"):
            host = socket.gethostname()
        elif ":" in host:
            host = f"[{host}]"
        token = f"?token={self.options.token}" if self.options.token else ""
        return f"http://{host}:{self.options.port}/{token}"

    def serve(self, debug: bool = False) -> None:
        super().serve(debug)
        self._say(f"Stopped. Every answer given is saved in {self.options.workspace}")

    @staticmethod
    def _say(line: str) -> None:
        print(line, flush=True)


def see_other(location: str) -> web.Response:
    return web.Response(status=303, headers={"Location": location})


def page(status: int, title: str, words: str, body: str = "") -> web.Response:
    """A plain page in code-check's words (nothing in it is markup but what code-check wrote)."""
    text = PAGE.format(title=html.escape(title), words=html.escape(words), body=body)
    return web.Response(status=status, text=text, content_type="text/html")


def name_form(value: str, problem: str | None = None) -> web.Response:
    """Asks who is answering; the browser keeps the name for next time."""
    said = f'<p class="problem" id="problem">{html.escape(problem)}</p>' if problem else ""
    form = NAME_FORM.format(value=html.escape(value, quote=True), problem=said,
                            described='aria-describedby="problem" ' if problem else "",
                            limit=NAME_LIMIT)
    return page(400 if problem else 200, "Who is answering?",
                "Your name goes into the audit trail beside every answer, undo and import "
                "you make, so the team can see who changed what. This browser remembers it.",
                form)


STYLE = """
body { margin: 0; background: #0c181f; color: #f0f0f0; font: 18px/1.5 system-ui, sans-serif; }
main { max-width: 38em; margin: 12vh auto; padding: 0 1em; }
input, button { font: inherit; padding: .4em .6em; }
button { background: #5e0ba7; color: #fff; border: 0; cursor: pointer; margin-top: .6em; }
.problem { color: #ffb3b3; font-weight: bold; }
"""

PAGE = """<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} - code-check</title><style>""" + STYLE.replace("{", "{{").replace("}", "}}") + \
    """</style></head>
<body><main><h1>{title}</h1><p>{words}</p>{body}</main></body></html>
"""

NAME_FORM = """<form method="post" action="/name">{problem}
<label for="name">Your name</label><br>
<input id="name" name="name" value="{value}" maxlength="{limit}" autocomplete="name" required
 autofocus {described}size="30"><br>
<button type="submit">Start</button></form>
"""

# The app itself: textual-serve's terminal (its script and styles, served from this computer:
# no font or script from the internet), connected to this address however it was reached
# (directly, or through the council's HTTPS sign-in).
APP_PAGE = """<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8">
<title>code-check</title>
<link rel="stylesheet" href="/static/css/xterm.css">
<style>
@font-face { font-family: "Roboto Mono";
  src: url("/static/fonts/RobotoMono-VariableFont_wght.ttf"); }
body { margin: 0; background: #0c181f; color: #f0f0f0; font: 18px/1.5 system-ui, sans-serif; }
.notice { position: absolute; inset: 0; display: flex; align-items: center;
  justify-content: center; flex-direction: column; }
body.-first-byte .starting, .ended { display: none; }
body.-closed .ended { display: flex; background: #0c181f; z-index: 10; }
button { font: inherit; padding: .4em .8em; background: #5e0ba7; color: #fff; border: 0; }
</style>
<script src="/static/js/textual.js"></script>
</head><body>
<div class="notice starting"><p>Starting code-check…</p></div>
<div class="notice ended" role="alert"><p>This session has ended. Every answer given is
saved.</p><button type="button" onclick="location.reload()">Start again</button></div>
<div id="terminal" class="textual-terminal" data-font-size="16"></div>
<script>
document.getElementById("terminal").dataset.sessionWebsocketUrl =
  (location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/ws";
</script>
</body></html>
"""
