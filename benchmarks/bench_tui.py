"""The terminal app's speed: launch to a ready Home screen, and a keypress to the next provision.

1. Launch: a fresh process that starts code-check's app on a workspace holding the demo
   council and stops once Home lists its assessments, against a fresh process that starts a
   bare Textual app showing one label and stops once it is shown. Both run headless through
   the same auto-pilot, interleaved, several times; the medians' ratio should be at most 2.0
   (judged on CPU time, steadier than wall time on a shared machine; both are printed).
2. Keypress: in one process, with the full catalogue, the time from pressing → in the
   walk-through until the screen has been redrawn with the next provision's card and answer
   (median of 50 presses): under 50 ms. The evidence, commentary and action fields under the
   card are filled in the frame after, so they are not in this figure.

Run: .venv/bin/python benchmarks/bench_tui.py
"""

from __future__ import annotations

import asyncio
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from textual import events

RUNS = 9
PRESSES = 50
LAUNCH_TARGET = 2.0
KEYPRESS_TARGET_MS = 50.0

BARE_APP = """
from textual.app import App
from textual.widgets import Label

class Bare(App):
    def compose(self):
        yield Label("code-check")

async def ready(pilot):
    await pilot.pause()
    assert str(pilot.app.query_one(Label).render()) == "code-check"
    pilot.app.exit()

Bare().run(headless=True, size=(80, 24), auto_pilot=ready)
"""

CODE_CHECK_APP = """
import sys
from pathlib import Path
from code_check.tui.app import create_app

async def ready(pilot):
    await pilot.pause()
    from code_check.tui.home_screen import HomeScreen
    from textual.widgets import DataTable
    assert isinstance(pilot.app.screen, HomeScreen)
    assert pilot.app.screen.query_one(DataTable).row_count > 0
    pilot.app.exit()

create_app(Path(sys.argv[1])).run(headless=True, size=(80, 24), auto_pilot=ready)
"""


def launch_seconds(script: str, *args: str) -> tuple[float, float]:
    """(wall, CPU) seconds of one fresh process. CPU time (user + system) is the steadier of
    the two on a shared machine, and the same measure for both sides."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", script, *args], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def demo_workspace(folder: Path) -> Path:
    from code_check.catalogue.files import load_catalogue
    from code_check.demo import install_demo
    from code_check.store.workspace import Workspace

    path = folder / "workspace.sqlite3"
    with Workspace(path) as workspace:
        install_demo(workspace, load_catalogue(), today=date.today())
    return path


async def shown_after(app, key: str, expected: str) -> tuple[float, float]:
    """Milliseconds from a key arriving (as the terminal driver delivers it) until the screen
    has been redrawn showing ``expected``. Pilot.press is not used for timing: it also waits
    for the process to look idle, which measures the test harness, not the app."""
    screen = app.screen
    loop = asyncio.get_running_loop()
    started, cpu_started = time.perf_counter(), time.process_time()
    event = events.Key(key, None)
    event.set_sender(app)
    app._driver.send_message(event)
    while screen.query_one("#card").shown_id != expected:
        await asyncio.sleep(0)
    redrawn = loop.create_future()
    screen.call_after_refresh(
        lambda: redrawn.set_result((time.perf_counter(), time.process_time())))
    wall, cpu = await redrawn
    return (wall - started) * 1000, (cpu - cpu_started) * 1000


async def keypress_milliseconds(workspace: Path) -> list[tuple[float, float]]:
    """Each → press until the next provision is shown, in Code order through the catalogue."""
    from code_check.tui.app import create_app
    from code_check.tui.walkthrough_screen import WalkthroughScreen

    app = create_app(workspace, cursor_blink=False)
    timings = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, WalkthroughScreen)
        order = [r.id for r in screen.session.catalogue.requirements]
        while len(timings) < PRESSES:
            position = order.index(screen.current.id)
            if position == len(order) - 1:
                screen.go_to(order[0])
                await pilot.pause()
                continue
            timings.append(await shown_after(app, "right", order[position + 1]))
            await pilot.pause()  # let the app settle before the next press
    return timings


def main() -> int:
    folder = Path(tempfile.mkdtemp(prefix="code-check-bench-"))
    os.environ["CODE_CHECK_CACHE_DIR"] = str(folder / "cache")
    os.environ["CODE_CHECK_WORKSPACE"] = str(folder / "unused.sqlite3")
    workspace = demo_workspace(folder)
    launch_seconds(CODE_CHECK_APP, str(workspace))  # warm the file cache for both sides
    launch_seconds(BARE_APP)
    pairs = [(launch_seconds(BARE_APP), launch_seconds(CODE_CHECK_APP, str(workspace)))
             for _ in range(RUNS)]  # interleaved, so a busy moment hits both sides
    ratios = {}
    for index, measure in enumerate(("CPU", "wall")):
        measure_index = 1 - index
        bare = statistics.median(p[0][measure_index] for p in pairs)
        ours = statistics.median(p[1][measure_index] for p in pairs)
        ratios[measure] = ours / bare
        print(f"launch, {measure} time (median of {RUNS}): bare Textual app showing one label "
              f"{bare * 1000:.0f} ms; code-check to Home ready on the demo council "
              f"{ours * 1000:.0f} ms; ratio {ours / bare:.2f} (target at most {LAUNCH_TARGET})")

    timings = asyncio.run(keypress_milliseconds(workspace))
    wall = statistics.median(t[0] for t in timings)
    cpu = statistics.median(t[1] for t in timings)
    print(f"keypress to next provision shown ({len(timings)} presses, full catalogue): "
          f"median {wall:.1f} ms wall, {cpu:.1f} ms CPU; slowest {max(t[0] for t in timings):.1f}"
          f" ms wall (target under {KEYPRESS_TARGET_MS:.0f} ms)")
    return 0 if ratios["CPU"] <= LAUNCH_TARGET and cpu < KEYPRESS_TARGET_MS else 1


if __name__ == "__main__":
    raise SystemExit(main())
