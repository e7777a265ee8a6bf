"""Headless Chromium driven over the DevTools protocol, with no browser library: plain CDP
messages over aiohttp's websocket client (aiohttp comes with code-check[serve]).

Each ``Tab`` lives in a browser context of its own, so two tabs are two people: separate
cookies, separate names. What the app draws is read from the bytes its websocket brings (a
script added to every page records them), with the terminal's control sequences removed.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import re
import shutil
from pathlib import Path

import aiohttp

CHROMIUM_NAMES = ("chromium", "chromium-browser")
KEY_GAP = 0.15  # seconds between keys, about a quick typist's
CONTROL = 2  # the DevTools protocol's modifier bit for ctrl
REDRAW_BYTES = 100  # more than a blinking cursor draws

# Records what the app sends to the page's terminal, as text.
_RECORD_SCREEN = """
(() => {
  const Native = window.WebSocket;
  const decoder = new TextDecoder();
  window.__screen = "";
  window.WebSocket = function (url, protocols) {
    const socket = new Native(url, protocols);
    socket.addEventListener("message", (event) => {
      if (typeof event.data !== "string") {
        window.__screen += decoder.decode(event.data, {stream: true});
      }
    });
    return socket;
  };
  window.WebSocket.prototype = Native.prototype;
})();
"""
_CONTROL_SEQUENCE = re.compile(r"\x1b\[[0-9;?<>=!]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"
                               r"|\x1b[()][0-9A-Za-z]|\x1b[=>78]")
# key name: (DOM key, Windows key code, text typed)
_KEYS = {"enter": ("Enter", 13, "\r"), "tab": ("Tab", 9, ""), "escape": ("Escape", 27, ""),
         "left": ("ArrowLeft", 37, ""), "right": ("ArrowRight", 39, ""),
         "down": ("ArrowDown", 40, "")}


def chromium() -> str | None:
    return next((found for name in CHROMIUM_NAMES if (found := shutil.which(name))), None)


def without_control_sequences(output: str) -> str:
    return _CONTROL_SEQUENCE.sub("", output)


class Chromium:
    """One headless Chromium; ``tab()`` opens a tab in a fresh browser context."""

    def __init__(self, process, http: aiohttp.ClientSession,
                 socket: aiohttp.ClientWebSocketResponse) -> None:
        self.process = process
        self.http = http
        self.socket = socket
        self.ids = itertools.count(1)
        self.waiting: dict[int, asyncio.Future] = {}
        self.events: list[dict] = []
        self.reader = asyncio.create_task(self._read())

    @classmethod
    async def launch(cls, profile: Path) -> Chromium:
        process = await asyncio.create_subprocess_exec(
            chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-dev-shm-usage", "--disable-popup-blocking", "--window-size=1280,800",
            f"--user-data-dir={profile}", "--remote-debugging-port=0", "about:blank",
            stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE)
        while True:
            line = (await asyncio.wait_for(process.stderr.readline(), 30)).decode()
            if not line:
                raise AssertionError("Chromium ended before it listened for DevTools")
            if found := re.search(r"DevTools listening on (ws://\S+)", line):
                break
        http = aiohttp.ClientSession()
        return cls(process, http, await http.ws_connect(found.group(1), max_msg_size=0))

    async def _read(self) -> None:
        async for message in self.socket:
            data = json.loads(message.data)
            if "id" in data:
                self.waiting.pop(data["id"]).set_result(data)
            else:
                self.events.append(data)

    async def send(self, method: str, session: str | None = None, **params) -> dict:
        number = next(self.ids)
        self.waiting[number] = asyncio.get_running_loop().create_future()
        message = {"id": number, "method": method, "params": params}
        if session is not None:
            message["sessionId"] = session
        await self.socket.send_json(message)
        reply = await asyncio.wait_for(self.waiting[number], 30)
        if "error" in reply:
            raise AssertionError(f"{method}: {reply['error']}")
        return reply["result"]

    async def tab(self, downloads: Path | None = None) -> Tab:
        context = (await self.send("Target.createBrowserContext"))["browserContextId"]
        if downloads is not None:
            await self.send("Browser.setDownloadBehavior", behavior="allowAndName",
                            browserContextId=context, downloadPath=str(downloads),
                            eventsEnabled=True)
        target = (await self.send("Target.createTarget", url="about:blank",
                                  browserContextId=context))["targetId"]
        session = (await self.send("Target.attachToTarget", targetId=target,
                                   flatten=True))["sessionId"]
        await self.send("Page.enable", session)
        # Every tab behaves as the one in front, so two people can type at once.
        await self.send("Emulation.setFocusEmulationEnabled", session, enabled=True)
        await self.send("Page.addScriptToEvaluateOnNewDocument", session, source=_RECORD_SCREEN)
        return Tab(self, session, target)

    async def close(self) -> None:
        await self.socket.close()
        await self.http.close()
        self.reader.cancel()
        self.process.kill()
        await self.process.wait()


class Tab:
    def __init__(self, browser: Chromium, session: str, target: str) -> None:
        self.browser = browser
        self.session = session
        self.target = target

    async def send(self, method: str, **params) -> dict:
        return await self.browser.send(method, self.session, **params)

    async def open(self, url: str) -> None:
        await self.send("Page.navigate", url=url)
        await self.until("document.readyState === 'complete' && location.href !== 'about:blank'")

    async def evaluate(self, expression: str):
        result = await self.send("Runtime.evaluate", expression=expression, returnByValue=True)
        return result["result"].get("value")

    async def until(self, expression: str, seconds: float = 20) -> None:
        for _ in range(int(seconds / 0.05)):
            if await self.evaluate(expression):
                return
            await asyncio.sleep(KEY_GAP)
        raise AssertionError(f"the page never reached: {expression}")

    async def text(self) -> str:
        return await self.evaluate("document.body ? document.body.innerText : ''")

    async def screen(self) -> str:
        """Everything the app has drawn so far, as text."""
        return without_control_sequences(await self.evaluate("window.__screen || ''"))

    async def until_drawn(self, text: str, seconds: float = 20) -> None:
        for _ in range(int(seconds / 0.1)):
            if text in await self.screen():
                return
            await asyncio.sleep(0.1)
        raise AssertionError(f"the app never showed {text!r}")

    async def forget_screen(self) -> None:
        await self.evaluate("window.__screen = ''")

    async def type(self, text: str) -> None:
        await self.send("Input.insertText", text=text)

    async def press(self, *keys: str) -> None:
        """Keys as a person presses them (a name from _KEYS or one character, either after
        "ctrl+" or not), a moment
        apart: a key that moves the focus has done so before the next arrives."""
        for key in keys:
            control = key.startswith("ctrl+")
            key = key.removeprefix("ctrl+")
            name, code, text = _KEYS[key] if key in _KEYS else (key, ord(key.upper()), key)
            for kind in ("keyDown", "keyUp"):
                await self.send("Input.dispatchKeyEvent", type=kind, key=name,
                                windowsVirtualKeyCode=code, modifiers=CONTROL if control else 0,
                                text=text if kind == "keyDown" and not control else "")
            await asyncio.sleep(KEY_GAP)

    async def press_and_settle(self, *keys: str, seconds: float = 20) -> None:
        """Each key, then wait until the app has redrawn and gone quiet again (a blinking
        cursor aside): the next key then lands where this one moved the focus."""
        for key in keys:
            before = await self._drawn_bytes()
            await self.press(key)
            quiet_since = None
            for _ in range(int(seconds / 0.1)):
                await asyncio.sleep(0.1)
                now = await self._drawn_bytes()
                if now - before > REDRAW_BYTES:
                    quiet_since, before = 0.0, now
                elif quiet_since is not None:
                    quiet_since += 0.1
                    if quiet_since >= 0.3:
                        break
            else:
                raise AssertionError(f"the app did not settle after {key!r}")

    async def _drawn_bytes(self) -> int:
        return await self.evaluate("(window.__screen || '').length")

    async def focus_terminal(self) -> None:
        await self.until("document.querySelector('.xterm-helper-textarea') !== null")
        await self.evaluate("document.querySelector('.xterm-helper-textarea').focus()")

    async def close(self) -> None:
        await self.browser.send("Target.closeTarget", targetId=self.target)
