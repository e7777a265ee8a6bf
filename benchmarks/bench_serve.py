"""`code-check serve`: first paint in the browser, against a bare Textual app served the same way.

Two servers run side by side: `code-check serve` on a workspace holding the demo council, and
the same server (code_check.cli.serve_web, so the same page, checks and process per tab)
whose tabs run a bare Textual app showing one label (each side's next app process started
ahead of need, as the server does). Headless Chromium opens a fresh tab (its
own browser context, its name already given) on each in turn, several times, and times from
asking for the page until the app has drawn what says it is ready: Home listing the demo
council, or the bare app's label. The medians' ratio should be at most 1.5.

Needs Chromium and code-check[serve]. Run: .venv/bin/python benchmarks/bench_serve.py
"""

from __future__ import annotations

import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.bench_tui import demo_workspace  # noqa: E402
from tests.serve.browser import Chromium  # noqa: E402

RUNS = 9
TARGET = 1.5
HOME_READY = "Example Borough"  # the demo council in Home's list (wider names wrap)

BARE_SERVER = """
import sys
from pathlib import Path
from code_check.cli.serve_web import Options, TeamServer

BARE_APP = '''
from textual.app import App
from textual.widgets import Label
from code_check.cli.serve import wait_for_tab

class Bare(App):
    def compose(self):
        yield Label("bare Textual app")

wait_for_tab()
Bare().run()
'''

class BareApp(Options):
    @property
    def session_command(self):
        return [self.python, "-c", BARE_APP]

TeamServer(BareApp(host="127.0.0.1", port=int(sys.argv[1]), workspace=Path(sys.argv[2]),
                   files=None, max_sessions=20, user_header=None, token=None,
                   python=sys.executable)).serve()
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start(command: list[str]) -> subprocess.Popen:
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    for line in server.stdout:
        if line.startswith("Open "):
            return server
    raise SystemExit(f"the server did not start: {command}")


async def first_paint(browser: Chromium, url: str, ready: str) -> float:
    """Seconds from asking for the page until the app has drawn ``ready``."""
    tab = await browser.tab()
    await tab.send("Network.setCookie", name="code_check_name", value="Bench", url=url)
    started = time.perf_counter()
    await tab.send("Page.navigate", url=url)
    while ready not in await tab.screen():
        if time.perf_counter() - started > 60:
            raise SystemExit(f"{url} never showed {ready!r}")
        await asyncio.sleep(0.02)
    painted = time.perf_counter() - started
    await tab.close()
    await asyncio.sleep(2)  # its app ends, and the next spare is ready, before the next run
    return painted


async def measure(folder: Path, ours: str, bare: str) -> list[tuple[float, float]]:
    browser = await Chromium.launch(folder / "profile")
    try:
        await first_paint(browser, ours, HOME_READY)  # warm the file cache
        await first_paint(browser, bare, "bare Textual app")
        return [(await first_paint(browser, bare, "bare Textual app"),
                 await first_paint(browser, ours, HOME_READY))
                for _ in range(RUNS)]  # interleaved, so a busy moment hits both sides
    finally:
        await browser.close()


def main() -> int:
    folder = Path(tempfile.mkdtemp(prefix="code-check-bench-serve-"))
    os.environ["CODE_CHECK_CACHE_DIR"] = str(folder / "cache")
    workspace = demo_workspace(folder)
    ours_port, bare_port = free_port(), free_port()
    servers = [
        start([sys.executable, "-m", "code_check", "serve", "--port", str(ours_port),
               "--workspace", str(workspace)]),
        start([sys.executable, "-c", BARE_SERVER, str(bare_port), str(workspace)]),
    ]
    try:
        pairs = asyncio.run(measure(folder, f"http://127.0.0.1:{ours_port}/",
                                    f"http://127.0.0.1:{bare_port}/"))
    finally:
        for server in servers:
            server.terminate()
            server.wait()
    bare = statistics.median(pair[0] for pair in pairs)
    ours = statistics.median(pair[1] for pair in pairs)
    print(f"first paint in the browser (median of {RUNS}, wall time): bare Textual app "
          f"{bare * 1000:.0f} ms; code-check to Home listing the demo council "
          f"{ours * 1000:.0f} ms; ratio {ours / bare:.2f} (target at most {TARGET})")
    return 0 if ours / bare <= TARGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
