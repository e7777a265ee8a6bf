"""How long `code-check rules list --format json` takes, against importing its two libraries.

Target (issue 2): at most 1.5 times `python -c "from pydantic import BaseModel; import yaml"`.
Both are measured here, in the same run, interleaved, as the median CPU time of several
fresh processes.
Run: .venv/bin/python benchmarks/bench_startup.py
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile

RUNS = 15
TARGET = 1.5


def seconds(argv: list[str], env: dict[str, str]) -> float:
    """CPU seconds (user + system) of one fresh process: steadier than wall time on a busy
    machine, and the same measure for both sides."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, env=env)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> int:
    env = {**os.environ, "CODE_CHECK_CACHE_DIR": tempfile.mkdtemp(prefix="code-check-cache-")}
    bare = [sys.executable, "-c", "from pydantic import BaseModel; import yaml"]
    command = [sys.executable, "-m", "code_check", "rules", "list", "--format", "json"]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)  # fill the cache
    pairs = [(seconds(bare, env), seconds(command, env)) for _ in range(RUNS)]  # interleaved
    baseline = statistics.median(p[0] for p in pairs)
    ours = statistics.median(p[1] for p in pairs)
    ratio = ours / baseline
    print(f"baseline (import pydantic + yaml): {baseline * 1000:.0f} ms")
    print(f"code-check rules list --format json: {ours * 1000:.0f} ms")
    print(f"ratio: {ratio:.2f} (target at most {TARGET})")
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
