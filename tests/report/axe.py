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

_RUNNER = """
<script>
axe.run(document, {runOnly: {type: "tag", values: %s}, resultTypes: ["violations"]})
  .then(function (result) { show({violations: result.violations.map(function (v) {
      return {id: v.id, impact: v.impact, help: v.help,
              nodes: v.nodes.map(function (n) { return n.html.slice(0, 200); })}; })}); })
  .catch(function (error) { show({error: String(error)}); });
function show(data) {
  var out = document.createElement("pre");
  out.id = "axe-result";
  out.textContent = JSON.stringify(data);
  document.body.appendChild(out);
}
</script>
"""


def chromium() -> str | None:
    return next((found for name in CHROMIUM_NAMES if (found := shutil.which(name))), None)


def run_axe(html: str, workdir: Path) -> dict:
    """axe-core's violations for ``html`` (``{"violations": [...]}``)."""
    runner = f"<script>{AXE.read_text(encoding='utf-8')}</script>" + _RUNNER % json.dumps(TAGS)
    page = workdir / "axe-page.html"
    page.write_text(html.replace("</body>", runner + "</body>"), encoding="utf-8")
    completed = subprocess.run(
        [chromium(), "--headless", "--no-sandbox", "--disable-gpu",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--no-first-run", "--disable-dev-shm-usage", f"--user-data-dir={workdir / 'profile'}",
         "--virtual-time-budget=10000", "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=120, check=False,
    )
    found = re.search(r'<pre id="axe-result">(.*?)</pre>', completed.stdout, re.S)
    if not found:
        raise AssertionError(f"axe-core gave no result; chromium said: {completed.stderr[-2000:]}")
    import html as html_module

    return json.loads(html_module.unescape(found.group(1)))
