"""`code-check serve` in a real browser: headless Chromium, driven over the DevTools protocol,
types into the app as two people at once, and the workspace is checked afterwards.

Needs Debian's chromium (.ci/run installs it). Without it the tests skip on a developer's
machine, but under CI (``CI`` set) they run and fail, so CI can never pass them by accident.
"""

from __future__ import annotations

import asyncio
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from code_check.assessment.model import Status
from code_check.catalogue.files import load_catalogue
from code_check.demo import DEMO_COUNCIL
from code_check.store.workspace import Workspace
from code_check.tui.export_formats import EXPORT_FORMATS
from tests.serve.browser import Chromium, Tab, chromium
from tests.tools import unless_installed

pytestmark = unless_installed([] if chromium() else ["chromium"], "apt-get install chromium")

STATUS_KEYS = {Status.MET: "m", Status.PARTLY_MET: "p", Status.NOT_MET: "n"}


class Serving:
    """`code-check serve` in a process of its own, as a person would start it."""

    def __init__(self, workspace: Path, *options: str) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.workspace = workspace
        self.process = subprocess.Popen(
            [sys.executable, "-m", "code_check", "serve", "--port", str(self.port),
             "--workspace", str(workspace), *options],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=workspace.parent)
        self.lines: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()
        self.opened = self.until_said("Open ")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))

    def until_said(self, start: str, seconds: float = 20) -> str:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            found = [line for line in self.lines if line.startswith(start)]
            if found:
                return found[-1]
            time.sleep(0.05)
        raise AssertionError(f"code-check serve never said {start!r}: {self.lines}")

    def apps(self) -> list[int]:
        """The app processes running now: one per open tab, and the spare kept ready."""
        found = []
        for task in Path(f"/proc/{self.process.pid}/task").iterdir():
            found += [int(pid) for pid in (task / "children").read_text().split()]
        return found

    def stop(self) -> int:
        """ctrl+c, as at the terminal."""
        self.process.send_signal(signal.SIGINT)
        return self.process.wait(timeout=30)


@pytest.fixture
async def browser(tmp_path):
    launched = await Chromium.launch(tmp_path / "profile")
    yield launched
    await launched.close()


@pytest.fixture
def serving(tmp_path):
    started = []

    def start(*options: str) -> Serving:
        folder = tmp_path / "server"  # its working folder too: nothing else may appear here
        folder.mkdir()
        started.append(Serving(folder / "workspace.sqlite3", *options))
        return started[-1]

    yield start
    for server in started:
        if server.process.poll() is None:
            server.process.kill()
            server.process.wait()


async def sign_in(tab: Tab, url: str, name: str) -> None:
    """Open code-check, give a name in the form it asks with, and wait for the app."""
    await tab.open(url)
    await tab.until("document.getElementById('name') !== null")
    await tab.evaluate("document.getElementById('name').focus()")
    await tab.type(name)
    await tab.press("enter")
    await tab.focus_terminal()
    await tab.until_drawn(f"code-check · {name}")


async def open_demo(tab: Tab) -> None:
    await tab.press("t")
    await tab.until_drawn("Commentary (saved as you type)")


async def until(condition, seconds: float = 20) -> None:
    for _ in range(int(seconds / 0.1)):
        if condition():
            return
        await asyncio.sleep(0.1)
    raise AssertionError("never reached the expected state")


def demo_answers(workspace: Path):
    with Workspace(workspace) as opened:
        latest = opened.assessments(DEMO_COUNCIL)[0].id
        return latest, opened.load(latest), opened.history(latest)


def another_status(status: Status | None) -> Status:
    return Status.NOT_MET if status is Status.MET else Status.MET


async def test_two_people_answer_at_once_and_their_names_are_in_the_audit_trail(
        serving, browser, tmp_path, run_cli):
    server = serving()
    alice = await browser.tab(downloads=tmp_path / "downloads")
    bob = await browser.tab()
    await sign_in(alice, server.url, "Alice Smith")
    await open_demo(alice)
    await sign_in(bob, server.url, "Bob Jones")
    await open_demo(bob)
    await until(lambda: len(server.apps()) == 2 + 1)
    assessment_id, before, _ = demo_answers(server.workspace)
    first, second = (requirement.id for requirement in load_catalogue().requirements[:2])
    alices = another_status(before.answer(first).status)
    bobs = another_status(before.answer(second).status)

    async def alice_answers() -> None:
        await alice.press(STATUS_KEYS[alices])
        await alice.press_and_settle("e", "tab")  # to the commentary
        await alice.type("Checked with legal")

    async def bob_answers() -> None:
        await bob.press("right", STATUS_KEYS[bobs])

    await asyncio.gather(alice_answers(), bob_answers())

    def stored() -> bool:
        answers = demo_answers(server.workspace)[1]
        commentary = answers.answer(first).commentary or ""
        return (answers.answer(first).status, commentary.startswith("Checked with legal"),
                answers.answer(second).status) == (alices, True, bobs)

    await until(stored)
    trail = demo_answers(server.workspace)[2]
    assert {(c.requirement_id, c.author) for c in trail if c.author in ("Alice Smith",
                                                                        "Bob Jones")} == {
        (first, "Alice Smith"), (second, "Bob Jones")}
    await bob.press("left")  # Bob looks at what Alice answered
    await bob.until_drawn("Last changed by Alice Smith")

    # Closing a tab ends its app, and what was typed there but not yet entered is kept.
    await bob.press_and_settle("e", "tab", "tab")  # to the action
    await bob.type("Publish the policy")
    await bob.until_drawn("Publish the policy")
    await bob.close()
    server.until_said("Bob Jones closed code-check (1 of 20 in use)")
    await until(lambda: len(server.apps()) == 1 + 1)
    assert demo_answers(server.workspace)[1].answer(first).action.description == \
        "Publish the policy"

    # Export in the browser: the download is what `code-check report` writes.
    await alice.press("ctrl+o", "x")  # Home, where the demo's latest is selected; Export
    await alice.until_drawn("File name (your browser downloads it")
    await alice.press(*["down"] * [f.id for f in EXPORT_FORMATS].index("csv"), "tab", "enter")
    download = await downloaded(browser, tmp_path / "downloads")
    expected = tmp_path / "report.csv"
    assert run_cli("report", assessment_id, "--workspace", server.workspace, "--format", "csv",
                   "-o", expected)[0] == 0
    assert download.read_bytes() == expected.read_bytes()
    assert {path.name for path in server.workspace.parent.iterdir()} <= {
        "workspace.sqlite3", "workspace.sqlite3-wal", "workspace.sqlite3-shm",
        "workspace-demo-complaint-log.csv"}  # nothing written but the workspace (and demo)

    # ctrl+c: every app is asked to quit, and code-check stops.
    assert server.stop() == 0
    assert server.lines[-2:] == [
        "Alice Smith closed code-check (0 of 20 in use)",
        f"Stopped. Every answer given is saved in {server.workspace}"]


async def downloaded(browser: Chromium, folder: Path, seconds: float = 20) -> Path:
    for _ in range(int(seconds / 0.1)):
        for event in browser.events:
            if event["method"] == "Browser.downloadProgress" and \
                    event["params"]["state"] == "completed":
                return folder / event["params"]["guid"]
        await asyncio.sleep(0.1)
    raise AssertionError("no download completed")


async def test_away_from_this_computer_only_the_access_link_opens_it(serving, browser,
                                                                     monkeypatch):
    monkeypatch.delenv("CODE_CHECK_TOKEN", raising=False)
    server = serving("--host", "0.0.0.0", "--max-sessions", "1")
    token = re.search(r"\?token=(\S+)$", server.opened).group(1)
    visitor = await browser.tab()
    await visitor.open(server.url)
    assert "opens only from its access link" in await visitor.text()
    assert len(server.apps()) == 1 and not any("opened" in line for line in server.lines)

    await sign_in(visitor, f"{server.url}?token={token}", "Alice Smith")
    assert await visitor.evaluate("location.search") == ""  # the token is out of sight
    second = await browser.tab()
    await second.open(f"{server.url}?token={token}")
    await second.until("document.getElementById('name') !== null")
    await second.evaluate("document.getElementById('name').focus()")
    await second.type("Bob Jones")
    await second.press("enter")
    await second.until("document.body.innerText.includes('the most it allows at once')")
    assert len(server.apps()) == 1 + 1
    assert server.stop() == 0
