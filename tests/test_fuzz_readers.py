"""Hostile input through every reader: one plain line naming the file, exit 1, nothing written.

Each test takes a known-good file (the demo council's, or one built from it), breaks it in a few
places (flipped bytes, a cut, control characters, huge or impossible values, other encodings,
YAML anchors and tags, stray quotes) and runs the real command line in-process. Whatever the
input, the command must answer within the time bound with exit 0, or with exit 1 and one line
that names the file, leaving the workspace and the output folder exactly as they were.
Derandomized and database-less, so a failure found in CI is found again on any machine.
"""

from __future__ import annotations

import csv
import io
import shutil
import signal
import tempfile
import time
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import code_check
from code_check.cli import main

DEMO = Path(code_check.__file__).parent / "demo"
SAMPLES = Path(__file__).parent / "statistics_samples"
BUNDLED_CATALOGUE = Path(code_check.__file__).parent.parent / "code_rules" / "lgsco-2024.yaml"
AS_OF = "2026-06-01"
COUNCIL = "Example Borough Council"

TIME_LIMIT = 2.0  # seconds a single run may take, hostile input or not
HARD_STOP = 10  # seconds: a hang becomes a failure instead of stalling the suite

FUZZ = settings(
    max_examples=40,
    deadline=None,  # timed by run() itself, which can also stop a hang
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                           HealthCheck.data_too_large],
)

NESTED_ALIASES = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 10)}]\n" for n in range(1, 13))
HOSTILE_VALUES = [
    "", "9" * 4400, "1e400", "-1", ".inf", ".nan", "2026-02-30", "31/02/2026", "true", "~",
    "[", "{", "'", '"', '"unclosed', "\x00", "\x1b[31m", "\x1b]8;;http://x\x07link", "\x07",
    "\u202e", "\r", "\t", "&anchor", "*alias", "!!float x", "!!timestamp 2026-02-30",
    "!!python/object/apply:os.system [echo]", "x" * 140_000, "=1+1", "１２３", ",", ";", ":",
    "- ", "#", "? ", "<<: *a", "0x1F", "1_000", "-0", "99999999999999999999999999999999999999",
]
PREFIXES = [
    NESTED_ALIASES, "\ufeff", "%YAML 1.1\n---\n", "--- !!python/object:object {}\n",
    "sep=;\n", "\n\n\n", '"', "PK\x03\x04\x14\x00\x06\x00", "SQLite format 3\x00",
]
ENCODINGS = ["utf-16", "utf-16-le", "utf-32", "utf-8-sig", "latin-1", "cp1252"]
SEPARATORS = set(" \t,:;\n\r\"'[]{}")


# --- mutations ---------------------------------------------------------------------------

Mutation = tuple


def mutations(*, text: bool = True) -> st.SearchStrategy[list[Mutation]]:
    """One to three changes to a file; byte-level only when ``text`` is False."""
    position = st.integers(0, 1 << 20)
    byte_changes = [
        st.tuples(st.just("flip"), position, st.integers(0, 255)),
        st.tuples(st.just("cut"), position),
        st.tuples(st.just("insert"), position, st.binary(min_size=1, max_size=8)),
    ]
    text_changes = [
        st.tuples(st.just("value"), position, st.sampled_from(HOSTILE_VALUES)),
        st.tuples(st.just("line"), position, st.sampled_from(["delete", "repeat"])),
        st.tuples(st.just("prefix"), st.sampled_from(PREFIXES)),
        st.tuples(st.just("encode"), st.sampled_from(ENCODINGS)),
    ]
    changes = byte_changes + text_changes if text else [
        *byte_changes, st.tuples(st.just("flip"), st.integers(0, 99), st.integers(0, 255))]
    return st.lists(st.one_of(changes), min_size=1, max_size=3)


def mutated(seed: bytes, changes: list[Mutation]) -> bytes:
    data = seed
    for change in changes:
        data = MUTATE[change[0]](data, *change[1:])
    return data


def _flip(data: bytes, position: int, value: int) -> bytes:
    if not data:
        return bytes([value])
    at = position % len(data)
    return data[:at] + bytes([value]) + data[at + 1:]


def _cut(data: bytes, position: int) -> bytes:
    return data[:position % (len(data) + 1)]


def _insert(data: bytes, position: int, inserted: bytes) -> bytes:
    at = position % (len(data) + 1)
    return data[:at] + inserted + data[at:]


def _value(data: bytes, position: int, value: str) -> bytes:
    """Replace the word around ``position`` (a YAML value, a CSV cell, a number in text)."""
    text = data.decode("utf-8", errors="surrogateescape")
    start = end = position % (len(text) + 1)
    while start > 0 and text[start - 1] not in SEPARATORS:
        start -= 1
    while end < len(text) and text[end] not in SEPARATORS:
        end += 1
    return (text[:start] + value + text[end:]).encode("utf-8", errors="surrogateescape")


def _line(data: bytes, position: int, how: str) -> bytes:
    lines = data.splitlines(keepends=True)
    if not lines:
        return data
    at = position % len(lines)
    repeat = [lines[at]] * (2 if how == "repeat" else 0)
    return b"".join(lines[:at] + repeat + lines[at + 1:])


def _prefix(data: bytes, prefix: str) -> bytes:
    return prefix.encode() + data


def _encode(data: bytes, encoding: str) -> bytes:
    return data.decode("utf-8", errors="replace").encode(encoding, errors="replace")


MUTATE = {"flip": _flip, "cut": _cut, "insert": _insert, "value": _value, "line": _line,
          "prefix": _prefix, "encode": _encode}


# --- running the command line ------------------------------------------------------------

@dataclass(frozen=True)
class Run:
    argv: list[str]
    status: int
    out: str
    err: str
    seconds: float


class _Hung(BaseException):  # not an Exception, so the command line cannot catch it
    pass


def _stop(signum, frame):
    raise _Hung(f"still running after {HARD_STOP} s")


def run(*argv: str | Path) -> Run:
    """``code-check ARGV`` in-process, timed, stopped if it hangs."""
    args = [str(a) for a in argv]
    out, err = io.StringIO(), io.StringIO()
    previous = signal.signal(signal.SIGALRM, _stop)
    signal.alarm(HARD_STOP)
    start = time.perf_counter()
    try:
        with redirect_stdout(out), redirect_stderr(err):
            status = main(args)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    return Run(args, status, out.getvalue(), err.getvalue(), time.perf_counter() - start)


def contents(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def check(folder: Path, argv: tuple, *named: Path) -> Run:
    """Run and hold the command to the rules every reader keeps (see the module docstring)."""
    before = contents(folder)
    result = run(*argv)
    told = f"code-check {' '.join(result.argv)}\nexit {result.status}\nstderr: {result.err!r}"
    assert result.seconds < TIME_LIMIT, f"took {result.seconds:.1f} s\n{told}"
    assert result.status in (0, 1), told
    assert "unexpected problem" not in result.err and "Traceback" not in result.err, told
    if result.status == 1:
        assert _one_plain_line(result.err), told
        assert result.err.startswith("code-check: "), told
        assert any(path.name in result.err for path in named), told
        assert contents(folder) == before, f"files changed on failure\n{told}"
    return result


def _one_plain_line(err: str) -> bool:
    line = err.removesuffix("\n")
    return bool(line) and not any(
        unicodedata.category(c) == "Cc" or c in "\u2028\u2029" for c in line)


@contextmanager
def sandbox(files: dict[str, bytes]) -> Iterator[Path]:
    """A fresh folder holding ``files``, removed afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="code-check-fuzz-"))
    try:
        for name, data in files.items():
            (folder / name).write_bytes(data)
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


# --- seeds: good files built from the demo council ----------------------------------------

class Seeds:
    """Good files, one per reader, by name (``seeds.log``); their repr keeps a failing
    example's report to its mutations."""

    def __init__(self, **files: bytes) -> None:
        self.__dict__.update(files)

    def __repr__(self) -> str:
        return "Seeds(the demo council's files)"


@pytest.fixture(scope="module")
def seeds(tmp_path_factory) -> Seeds:
    folder = tmp_path_factory.mktemp("seeds")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CODE_CHECK_CACHE_DIR", str(folder / "cache"))
        patch.setenv("CODE_CHECK_WORKSPACE", str(folder / "unused.sqlite3"))
        return Seeds(
            **_small_catalogue_and_answers(),
            assessment=(DEMO / "example-borough-2026-03-31.yaml").read_bytes(),
            previous=(DEMO / "example-borough-2025-12-31.yaml").read_bytes(),
            form=_published_form(folder),
            statistics_csv=(DEMO / "example-statistics.csv").read_bytes(),
            statistics_yaml=_statistics_as_yaml(),
            letter=(SAMPLES / "example-2023-24-letter.txt").read_bytes(),
            log=_first_lines(DEMO / "example-complaint-log.csv", 80),
            **_log_with_its_own_headings(),
            workspace=_workspace(folder),
        )


def _small_catalogue_and_answers() -> dict[str, bytes]:
    """The bundled catalogue cut to two sections (quicker to read), and answers for it."""
    catalogue = yaml.safe_load(BUNDLED_CATALOGUE.read_text(encoding="utf-8"))
    catalogue["sections"] = catalogue["sections"][:2]
    kept = {r["id"] for s in catalogue["sections"] for r in s["requirements"]}
    assessment = yaml.safe_load((DEMO / "example-borough-2026-03-31.yaml").read_text("utf-8"))
    assessment["answers"] = {k: v for k, v in assessment["answers"].items() if k in kept}
    return {"catalogue": _yaml(catalogue), "catalogue_answers": _yaml(assessment)}


def _published_form(folder: Path) -> bytes:
    form = folder / "form.csv"
    result = run("report", DEMO / "example-borough-2026-03-31.yaml", "--format", "template",
                 "-o", form)
    assert result.status == 0, result.err
    return form.read_bytes()


def _statistics_as_yaml() -> bytes:
    with (DEMO / "example-statistics.csv").open(newline="", encoding="utf-8") as handle:
        rows = [{k: yaml.safe_load(v) for k, v in row.items() if v}
                for row in csv.DictReader(handle)]
    return _yaml(rows)


OUR_HEADINGS = {"reference": "Case Ref", "received": "Date Logged", "acknowledged": "Ack Date",
                "stage1_response": "S1 Reply", "escalated": "Escalation Date"}


def _log_with_its_own_headings() -> dict[str, bytes]:
    """The demo log under another system's headings, and the map file that names them."""
    header, _, rows = _first_lines(DEMO / "example-complaint-log.csv", 80).partition(b"\n")
    renamed = [OUR_HEADINGS.get(cell, cell) for cell in header.decode().split(",")]
    return {"map_file": _yaml(OUR_HEADINGS),
            "mapped_log": ",".join(renamed).encode() + b"\n" + rows}


def _workspace(folder: Path) -> bytes:
    workspace = folder / "workspace.sqlite3"
    for argv in (("assessment", "import", DEMO / "example-borough-2026-03-31.yaml"),
                 ("stats", "import", DEMO / "example-statistics.csv", "--yes")):
        result = run(*argv, "--workspace", workspace)
        assert result.status == 0, result.err
    return workspace.read_bytes()


def _first_lines(path: Path, count: int) -> bytes:
    return b"".join(path.read_bytes().splitlines(keepends=True)[:count])


def _yaml(data) -> bytes:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True).encode()


# --- the readers, each with the commands that use it --------------------------------------

WS, OUT = "workspace.sqlite3", "out"


def commands(reader: str, folder: Path) -> list[tuple]:
    """Every command reading ``reader``'s file (called ``input`` plus its suffix)."""
    f = folder.joinpath
    demo, ws = DEMO / "example-borough-2026-03-31.yaml", f(WS)
    report = ("report", demo, "--format", "md", "--as-of", AS_OF, "-o", f(f"{OUT}.md"))
    return {
        "catalogue": [("rules", "validate", f("input.yaml"), "--format", "json")],
        "assessment": [
            ("score", f("input.yaml"), "--format", "json"),
            ("lint", f("input.yaml"), "--as-of", AS_OF),
            ("compare", f("previous.yaml"), f("input.yaml"), "--format", "json"),
            ("assessment", "import", f("input.yaml"), "--workspace", ws),
            ("report", f("input.yaml"), "--format", "html", "--as-of", AS_OF,
             "-o", f(f"{OUT}.html")),
        ],
        "form": [
            ("assessment", "import", f("input.csv"), "--council", COUNCIL, "--authority-type",
             "metropolitan_borough", "--date", AS_OF, "-o", f(f"{OUT}.yaml")),
            ("assessment", "import", f("input.csv"), "--council", COUNCIL, "--date", AS_OF,
             "--workspace", ws),
        ],
        "statistics_csv": _statistics_commands(f("input.csv"), ws, report),
        "statistics_yaml": _statistics_commands(f("input.yaml"), ws, report),
        "letter": [
            ("stats", "from-text", f("input.txt"), "--council", COUNCIL, "--format", "json"),
            ("stats", "from-text", f("input.txt"), "--council", COUNCIL, "--save", "--yes",
             "--workspace", ws),
        ],
        "log": [
            ("log", "analyse", f("input.csv"), "--as-of", AS_OF, "--format", "json"),
            (*report, "--log", f("input.csv")),
        ],
        "map_file": [("log", "analyse", f("log.csv"), "--map-file", f("input.yaml"),
                      "--as-of", AS_OF, "--format", "json")],
        "workspace": [
            ("assessment", "list", "--workspace", ws, "--format", "json"),
            ("score", "1", "--workspace", ws, "--format", "json"),
            ("stats", "show", "--workspace", ws, "--format", "json"),
            ("assessment", "import", demo, "--workspace", ws),
        ],
    }[reader]


def _statistics_commands(path: Path, ws: Path, report: tuple) -> list[tuple]:
    return [("stats", "show", path, "--format", "json"),
            ("stats", "import", path, "--yes", "--workspace", ws),
            (*report, "--stats", path)]


SUFFIX = {"catalogue": ".yaml", "assessment": ".yaml", "form": ".csv", "statistics_csv": ".csv",
          "statistics_yaml": ".yaml", "letter": ".txt", "log": ".csv", "map_file": ".yaml"}


def files_for(reader: str, seeds: Seeds, data: bytes) -> dict[str, bytes]:
    """The sandbox for one run: the (broken) input, the workspace and any companion file."""
    if reader == "workspace":
        return {WS: data}
    companions = {"assessment": {"previous.yaml": seeds.previous},
                  "map_file": {"log.csv": seeds.mapped_log}}.get(reader, {})
    return {f"input{SUFFIX[reader]}": data, WS: seeds.workspace, **companions}


def fuzz(reader: str, seeds: Seeds, changes: list[Mutation], which: int) -> Run:
    data = mutated(getattr(seeds, reader), changes)
    assume(data or reader != "workspace")  # an empty file is a new workspace, free to set up
    with sandbox(files_for(reader, seeds, data)) as folder:
        every = commands(reader, folder)
        named = [folder / (WS if reader == "workspace" else f"input{SUFFIX[reader]}")]
        if reader == "map_file":  # a heading the map names may be missing from the log
            named.append(folder / "log.csv")
        return check(folder, every[which % len(every)], *named)


# --- the tests -----------------------------------------------------------------------------

READERS = [*SUFFIX, "workspace"]


@pytest.mark.parametrize("reader", READERS)
def test_every_seed_is_read_by_every_command(seeds, reader):
    """The fuzz starts from files every command accepts, so a refusal is the mutation's."""
    with sandbox(files_for(reader, seeds, getattr(seeds, reader))) as folder:
        for argv in commands(reader, folder):
            result = run(*argv)
            assert result.status == 0, (argv, result.err)


def test_the_checks_catch_a_second_line_and_a_missing_file_name(tmp_path):
    """The rules themselves: a reader that broke them would not pass unnoticed."""
    assert _one_plain_line("code-check: input.csv:3: received: not a date\n")
    assert not _one_plain_line("code-check: input.csv:3: received\nnot a date\n")
    assert not _one_plain_line("code-check: input.csv:3: \x1b[31mred\n")
    with pytest.raises(AssertionError):
        check(tmp_path, ("stats", "show", tmp_path / "missing.csv"), tmp_path / "other.csv")


@pytest.mark.parametrize("reader", SUFFIX)
@FUZZ
@given(changes=mutations(), which=st.integers(0, 9))
def test_hostile_text_files(seeds, reader, changes, which):
    result = fuzz(reader, seeds, changes, which)
    if reader == "catalogue" and result.status == 0:
        _score_with_the_catalogue(seeds, mutated(seeds.catalogue, changes))


def _score_with_the_catalogue(seeds: Seeds, catalogue: bytes) -> None:
    """What ``rules validate`` accepts, ``score`` can use: it may refuse only the answers."""
    files = {"rules.yaml": catalogue, "answers.yaml": seeds.catalogue_answers}
    with sandbox(files) as folder:
        check(folder, ("score", folder / "answers.yaml", "--rules", folder / "rules.yaml",
                       "--format", "json"), folder / "answers.yaml")


@settings(FUZZ, max_examples=150)  # a run on a workspace takes milliseconds
@given(changes=mutations(text=False), which=st.integers(0, 9))
def test_workspace_file(seeds, changes, which):
    fuzz("workspace", seeds, changes, which)


def test_every_byte_of_the_workspace_header_damaged(seeds):
    """SQLite's 100-byte header says how to read the rest: damage to any byte of it is refused
    in one line naming the workspace, or is harmless. Every byte, so nothing is left to luck."""
    problems = []
    for offset in range(100):
        for value in {0x00, 0xFF, seeds.workspace[offset] ^ 0x01}:
            with sandbox({WS: _flip(seeds.workspace, offset, value)}) as folder:
                try:
                    check(folder, ("assessment", "list", "--workspace", folder / WS), folder / WS)
                except AssertionError as problem:
                    told = " | ".join(str(problem).splitlines()[:3])
                    problems.append(f"byte {offset} set to {value:#04x}: {told}")
    assert not problems, "\n".join(problems)
