"""`code-check serve`'s web rules, request by request (no browser, no app started): names,
the access token, other web sites, the sign-in header, the session limit, and the command."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer

from code_check.cli.serve import access_token, is_local
from code_check.cli.serve_web import NAME_COOKIE, Options, Spares, TeamServer, person_name
from code_check.errors import InputError

TOKEN = "a-long-enough-access-token"


def options(tmp_path: Path, **changes) -> Options:
    chosen = {"host": "127.0.0.1", "port": 8000, "workspace": tmp_path / "workspace.sqlite3",
              "files": None, "max_sessions": 2, "user_header": None, "token": None,
              "python": sys.executable}
    return Options(**{**chosen, **changes})


@pytest.fixture
async def serving(tmp_path, monkeypatch):
    """A client of a TeamServer with the options given (its apps are never started here)."""
    monkeypatch.setattr(Spares, "start", lambda spares: None)
    clients = []

    async def start(**changes) -> tuple[TestClient, TeamServer]:
        server = TeamServer(options(tmp_path, **changes))
        client = TestClient(TestServer(await server._make_app()))
        await client.start_server()
        clients.append(client)
        return client, server

    yield start
    for client in clients:
        await client.close()


def origin_of(client: TestClient) -> dict[str, str]:
    return {"Origin": str(client.make_url("")).rstrip("/")}


async def test_a_browser_is_asked_for_a_name_once_and_keeps_it(serving):
    client, _ = await serving()
    response = await client.get("/", allow_redirects=False)
    assert (response.status, response.headers["Location"]) == (303, "/name")
    form = await (await client.get("/name")).text()
    assert 'name="name"' in form and "This browser remembers it." in form
    response = await client.post("/name", data={"name": "  Alice   Smith "},
                                 headers=origin_of(client), allow_redirects=False)
    assert (response.status, response.headers["Location"]) == (303, "/")
    assert response.cookies[NAME_COOKIE].value == "Alice%20Smith"
    assert response.cookies[NAME_COOKIE]["httponly"] and response.cookies[NAME_COOKIE][
        "samesite"] == "Strict"
    page = await client.get("/")
    assert page.status == 200 and "/static/js/textual.js" in await page.text()
    assert 'value="Alice Smith"' in await (await client.get("/name")).text()  # to change it


@pytest.mark.parametrize(("typed", "problem"), [
    ("   ", "type your name"),
    ("<script>" + "x" * 60, "at most 60 characters"),
    ("Alice\x1b[31m", "letters, spaces and punctuation only"),
])
async def test_a_name_that_will_not_do_is_asked_again_in_words(serving, typed, problem):
    client, _ = await serving()
    response = await client.post("/name", data={"name": typed}, headers=origin_of(client))
    text = await response.text()
    assert response.status == 400 and problem in text
    assert "<script>" not in text and NAME_COOKIE not in response.cookies


def test_names_are_tidied_and_checked():
    assert person_name(" Sam\t Patel ") == "Sam Patel"
    assert person_name("Siân O'Neill-Ng (Legal)") == "Siân O'Neill-Ng (Legal)"
    for bad in ("", "x" * 61, "Sam\u202ePatel"):
        with pytest.raises(ValueError):
            person_name(bad)


async def test_other_web_sites_are_refused(serving):
    """Listening on this computer only: a request must name it, and the websocket and the
    name form take only code-check's own pages (no DNS rebinding, no cross-site socket)."""
    client, server = await serving()
    response = await client.get("/", headers={"Host": "evil.example:8000"})
    assert response.status == 403 and "Open code-check at http://127.0.0.1:8000/" in \
        await response.text()
    response = await client.post("/name", data={"name": "Mallory"},
                                 headers={"Origin": "http://evil.example"})
    assert response.status == 403 and "another web site" in await response.text()
    client.session.cookie_jar.update_cookies({NAME_COOKIE: "Alice"})
    response = await client.get("/ws", headers={"Origin": "http://evil.example"})
    assert response.status == 403 and server.sessions == {}


async def test_away_from_this_computer_the_access_token_is_needed_then_kept(serving):
    client, server = await serving(host="0.0.0.0", token=TOKEN)
    for path in ("/", f"/?token={TOKEN[:-1]}x", "/static/js/textual.js", "/ws"):
        response = await client.get(path, allow_redirects=False)
        assert response.status == 403, path
        assert "opens only from its access link" in await response.text()
    response = await client.get(f"/?token={TOKEN}", allow_redirects=False)
    assert (response.status, response.headers["Location"]) == (303, "/")  # out of sight
    assert response.cookies["code_check_token"].value == TOKEN
    response = await client.get("/", headers={"Host": "council-pc:8000"}, allow_redirects=False)
    assert (response.status, response.headers["Location"]) == (303, "/name")
    assert server.sessions == {}


async def test_the_sign_in_header_names_the_user_and_is_required(serving):
    client, _ = await serving(user_header="X-Remote-User")
    response = await client.get("/")
    assert response.status == 403 and "No name came from the sign-in (the X-Remote-User " \
        "header)" in await response.text()
    signed_in = {"X-Remote-User": "jane.officer@example.gov.uk"}
    response = await client.get("/", headers=signed_in)
    assert response.status == 200 and "textual.js" in await response.text()
    response = await client.get("/name", headers=signed_in, allow_redirects=False)
    assert (response.status, response.headers["Location"]) == (303, "/")


async def test_beyond_the_session_limit_the_page_says_so(serving):
    client, server = await serving(max_sessions=2)
    server.sessions.update({object(): None, object(): None})  # two tabs open
    client.session.cookie_jar.update_cookies({NAME_COOKIE: "Alice"})
    for path in ("/", "/ws"):
        response = await client.get(path)
        assert response.status == 503, path
        assert "open in 2 browser tabs already, the most it allows" in await response.text()
        assert response.headers["Retry-After"] == "60"
    server.sessions.clear()


async def test_pages_cannot_be_framed_nor_leak_the_address(serving):
    client, _ = await serving()
    response = await client.get("/name")
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"  # never to another site


def test_each_tab_runs_the_app_on_the_same_workspace_folder_and_naming(tmp_path):
    chosen = options(tmp_path, files=tmp_path / "shared", user_header="X-Remote-User")
    assert chosen.session_command == [
        sys.executable, "-m", "code_check.cli.serve", "--session",
        "--workspace", str(tmp_path / "workspace.sqlite3"),
        "--files", str(tmp_path / "shared"), "--user-header", "X-Remote-User"]


def test_a_token_is_needed_only_away_from_this_computer(monkeypatch):
    monkeypatch.delenv("CODE_CHECK_TOKEN", raising=False)
    assert [is_local(host) for host in ("127.0.0.1", "::1", "[::1]", "localhost", "127.0.0.2",
                                        "0.0.0.0", "192.168.1.20", "council-pc")] == \
        [True, True, True, True, True, False, False, False]
    assert access_token("127.0.0.1") is None
    generated = {access_token("0.0.0.0") for _ in range(2)}
    assert len(generated) == 2 and all(len(token) >= 16 for token in generated)
    monkeypatch.setenv("CODE_CHECK_TOKEN", TOKEN)
    assert access_token("127.0.0.1") == access_token("0.0.0.0") == TOKEN
    monkeypatch.setenv("CODE_CHECK_TOKEN", "short")
    with pytest.raises(InputError, match="CODE_CHECK_TOKEN: too short"):
        access_token("0.0.0.0")


def test_a_missing_folder_for_files_is_one_line(run_cli, tmp_path):
    status, _, error = run_cli("serve", "--files", tmp_path / "missing",
                               "--workspace", tmp_path / "workspace.sqlite3")
    assert status == 1
    assert error == f"code-check: {tmp_path / 'missing'}: --files: no such folder\n"


def test_without_the_serve_extra_it_says_what_to_install(run_cli, monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "textual_serve.server", None)
    monkeypatch.delitem(sys.modules, "code_check.cli.serve_web", raising=False)
    status, _, error = run_cli("serve", "--workspace", tmp_path / "workspace.sqlite3")
    assert status == 1 and "pip install 'code-check[serve]'" in error


def test_a_port_in_use_is_one_line(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        completed = subprocess.run(
            [sys.executable, "-m", "code_check", "serve", "--port", str(port),
             "--workspace", str(tmp_path / "workspace.sqlite3")],
            capture_output=True, text=True, timeout=60, check=False)
    assert completed.returncode == 1
    assert completed.stderr.startswith(f"code-check: --port: cannot listen on 127.0.0.1 port "
                                       f"{port} (")
    assert completed.stderr.count("\n") == 1
