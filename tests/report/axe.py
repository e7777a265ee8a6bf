"""Run axe-core on an HTML page in Debian's headless Chromium, with no Python browser client.

The page is copied with axe.min.js and a few lines that run it inlined before ``</body>``;
Chromium's ``--dump-dom`` prints the DOM once the page settles, and the result is read back
from an element the script adds.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_NAMES = ("chromium", "chromium-browser")
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]

_SHOW = """
function show(data) {
  var out = document.createElement("pre");
  out.id = "axe-result";
  out.textContent = JSON.stringify(data);
  document.body.appendChild(out);
}
"""
# Chromium's window is never narrower than 500 px, so a narrower screen is a frame of that
# width: the page runs in it and posts its result to the window around it.
_SHOW_FROM_FRAME = """
function show(data) { parent.postMessage(JSON.stringify(data), "*"); }
"""
_FRAME = """<!DOCTYPE html><html lang="en"><head><title>frame</title></head><body>
<iframe src="%s" title="page" style="width: %dpx; height: 900px; border: 0"></iframe>
<script>
window.addEventListener("message", function (event) {
  var out = document.createElement("pre");
  out.id = "axe-result";
  out.textContent = event.data;
  document.body.appendChild(out);
});
</script></body></html>
"""
_RUNNER = """
<script>
axe.run(document, {runOnly: {type: "tag", values: %s}, resultTypes: ["violations"]})
  .then(function (result) { show({violations: result.violations.map(function (v) {
      return {id: v.id, impact: v.impact, help: v.help,
              nodes: v.nodes.map(function (n) { return n.html.slice(0, 200); })}; })}); })
  .catch(function (error) { show({error: String(error)}); });
</script>
"""
_MEASURE = """
<script>
var limit = document.documentElement.clientWidth;
function inScrollingBox(el) {
  for (var box = el.parentElement; box; box = box.parentElement) {
    if (getComputedStyle(box).overflowX !== "visible") { return true; }
  }
  return false;
}
var widest = Array.prototype.filter.call(document.querySelectorAll("body *"), function (el) {
  return el.getBoundingClientRect().right > limit + 0.5 && !inScrollingBox(el);
}).slice(0, 5).map(function (el) { return el.outerHTML.slice(0, 120); });
show({scroll_width: document.documentElement.scrollWidth, client_width: limit, widest: widest});
</script>
"""
# Every word of a table cell laid out on one line: a word whose box is split over two lines
# was broken mid-way ("Provi" / "sion"). Links and tokens with no natural break are left out.
_BROKEN_WORDS = """
<script>
var broken = [];
document.querySelectorAll("td, th").forEach(function (cell) {
  var walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
  for (var node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement.closest("a")) { continue; }
    var words = /[A-Za-z][A-Za-z']+/g, found;
    while ((found = words.exec(node.data))) {
      var range = document.createRange();
      range.setStart(node, found.index);
      range.setEnd(node, found.index + found[0].length);
      var tops = new Set(Array.prototype.map.call(range.getClientRects(),
                                                  function (r) { return Math.round(r.top); }));
      if (tops.size > 1) { broken.push(found[0]); }
    }
  }
});
show({broken: broken.slice(0, 20)});
</script>
"""


def chromium() -> str | None:
    return next((found for name in CHROMIUM_NAMES if (found := shutil.which(name))), None)


def run_axe(html: str, workdir: Path, *, width: int | None = None) -> dict:
    """axe-core's violations for ``html`` (``{"violations": [...]}``), on a screen ``width``
    CSS pixels wide when given."""
    runner = f"<script>{AXE.read_text(encoding='utf-8')}</script>" + _RUNNER % json.dumps(TAGS)
    return _run_in_page(html, runner, workdir, width)


def page_width(html: str, workdir: Path, *, width: int) -> dict:
    """How wide ``html`` lays out on a screen ``width`` CSS pixels wide:
    ``{"scroll_width": ..., "widest": [the elements that reach furthest right]}``."""
    return _run_in_page(html, _MEASURE, workdir, width)


def broken_words(html: str, workdir: Path, *, width: int) -> list[str]:
    """The words of table cells that ``html`` breaks over two lines on a ``width`` px screen."""
    return _run_in_page(html, _BROKEN_WORDS, workdir, width)["broken"]


def _run_in_page(html: str, script: str, workdir: Path, width: int | None) -> dict:
    """Run ``script`` at the end of ``html`` in headless Chromium (in a frame ``width`` px wide
    when given); the script reports by calling ``show``."""
    page = workdir / "axe-page.html"
    show = _SHOW_FROM_FRAME if width else _SHOW
    page.write_text(html.replace("</body>", f"<script>{show}</script>{script}</body>"),
                    encoding="utf-8")
    if width:
        page = workdir / "axe-frame.html"
        page.write_text(_FRAME % ("axe-page.html", width), encoding="utf-8")
    completed = subprocess.run(
        [chromium(), "--headless", "--no-sandbox", "--disable-gpu",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--no-first-run", "--disable-dev-shm-usage", f"--user-data-dir={workdir / 'profile'}",
         "--virtual-time-budget=10000", "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=120, check=False,
    )
    found = re.search(r'<pre id="axe-result">(.*?)</pre>', completed.stdout, re.S)
    if not found:
        raise AssertionError(f"the page gave no result; chromium said: {completed.stderr[-2000:]}")
    import html as html_module

    return json.loads(html_module.unescape(found.group(1)))
