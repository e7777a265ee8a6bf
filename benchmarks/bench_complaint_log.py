"""Benchmark: `code-check log analyse` on a 1,000,000-row complaint log, in one process and on
every core.

Run:  .venv/bin/python benchmarks/bench_complaint_log.py [--rows N] [--repeats N] [--jobs N]
      [--profiled]

Generates two realistic logs once into benchmarks/.data/ (ISO and UK dates, a few bad rows): a
wide one with made-up personal data in extra columns (14 columns) and a narrower one (12
columns: no address or email); with --profiled, a third: the wide one with the columns of the
annual report's figures (category, stage 1 and 2 outcomes, refusal; 18 columns). For each it
times, turn about in this same run, the floor (a bare single-core `csv.reader` pass), the
function `log analyse` calls with `--jobs 1` and with `--jobs` = the usable cores, and prints
their wall-clock times (the best of the repeats) as multiples of the floor and the scaling (jobs
1 time / jobs N time). On a machine other programs keep busy, wall-clock time says more about
them than about us, so it also prints CPU times: this process's, its workers', and the critical
path they make on idle cores (this process's CPU time plus the workers' shared out over the
jobs: the ranges are equal shares of the file), as multiples of the floor's CPU time. Then the
peak memory of each in a fresh process. Targets: at most 1.6 times the floor on 2 cores; all
processes together under 200 MB.
"""

from __future__ import annotations

import argparse
import csv
import random
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

DATA = Path(__file__).parent / ".data"
AS_OF = date(2026, 4, 30)
SERVICES = ("Housing", "Council Tax", "Planning", "Waste", "Adult Social Care",
            "Children's Services", "Highways", "Parking", "Benefits", "Environmental Health")
HEADER = ("reference", "customer_name", "address", "email", "received", "acknowledged",
          "stage1_response", "stage1_extended", "escalated", "stage2_acknowledged",
          "stage2_response", "stage2_extended", "service", "notes")
NARROW = tuple(column for column in HEADER if column not in ("address", "email"))
# the wide log with the columns the annual report's figures come from (issue 15)
PROFILED = (*HEADER, "category", "stage1_outcome", "stage2_outcome", "refused")
CATEGORIES = ("Delay", "Communication", "Staff conduct", "Service not provided",
              "Charges and billing", "Policy or decision", "Damp and mould")
OUTCOMES = ("Upheld", "Partly upheld", "Not upheld", "Withdrawn", "partially upheld",
            "not justified")
REASONS = ("Over 12 months old", "Legal proceedings started", "Has its own appeal route")


def profile_cells(rng: random.Random, escalated: bool) -> list[str]:
    """A row's category, outcomes and refusal: about 4% refused, most with an outcome."""
    if rng.random() < 0.04:
        return [rng.choice(CATEGORIES), "", "", rng.choice(REASONS)]
    outcome1 = rng.choice(OUTCOMES) if rng.random() < 0.95 else ""
    outcome2 = rng.choice(OUTCOMES[:4]) if escalated and rng.random() < 0.9 else ""
    return [rng.choice(CATEGORIES), outcome1, outcome2, ""]


def generate(path: Path, rows: int, header: tuple[str, ...]) -> None:
    """A log over five years: mostly on time, a minority late, some open, ~0.1% bad rows;
    ``header``'s columns of it."""
    rng = random.Random(20260401)
    profile_rng = random.Random(20260402)  # its own, so the other logs stay as they were
    start = date(2021, 4, 1).toordinal()
    span = AS_OF.toordinal() - start
    iso = {n: date.fromordinal(n).isoformat() for n in range(start - 10, start + span + 400)}
    uk = {n: date.fromordinal(n).strftime("%d/%m/%Y") for n in iso}
    temporary = path.with_suffix(".tmp")
    with open(temporary, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        kept = [PROFILED.index(column) for column in header]
        for number in range(rows):
            text = uk if number % 3 == 0 else iso
            received = start + rng.randrange(span)
            acknowledged = received + rng.choice((0, 1, 1, 2, 3, 4, 6, 9))
            extended = rng.random() < 0.08
            responded = acknowledged + rng.choice((5, 8, 10, 12, 13, 14, 16, 20)) + 12 * extended
            cells = [f"CMP-{number:07d}", f"Resident {rng.randrange(10**6)}",
                     f"{rng.randrange(1, 300)} High Street, Exampletown EX1 {rng.randrange(9)}AB",
                     f"resident{number}@example.invalid", text[received]]
            if responded > AS_OF.toordinal() and rng.random() < 0.5:
                cells += [text[acknowledged], "", "yes" if extended else "no"]
            else:
                cells += [text[acknowledged], text[responded], "yes" if extended else "no"]
            if cells[6] and rng.random() < 0.12:
                escalated = responded + rng.randrange(1, 30)
                acknowledged2 = escalated + rng.choice((1, 2, 3, 5, 8))
                extended2 = rng.random() < 0.1
                responded2 = acknowledged2 + rng.choice((15, 20, 25, 28, 30)) + 25 * extended2
                cells += [text[escalated], text[acknowledged2], text[responded2],
                          "yes" if extended2 else "no"]
            else:
                cells += ["", "", "", ""]
            cells += [rng.choice(SERVICES), "Called twice; prefers email, see notes"]
            if number % 997 == 0:
                cells[rng.choice((4, 5, 7))] = rng.choice(("31/02/2025", "soon", "maybe", ""))
            cells += profile_cells(profile_rng, bool(cells[8]))
            writer.writerow([cells[index] for index in kept])
    temporary.replace(path)


def bare_pass(path: Path) -> int:
    with open(path, encoding="utf-8-sig", errors="replace", newline="") as handle:
        rows = 0
        for _ in csv.reader(handle):
            rows += 1
    return rows


def analyse(path: Path, jobs: int = 1):
    from code_check.complaint_log.reader import analyse_file

    return analyse_file(path, as_of=AS_OF, progress=False, jobs=jobs)


def cores() -> int:
    from code_check.complaint_log.parallel import usable_cores

    return usable_cores()


def timed(function: Callable[[], object]) -> tuple[float, float, float]:
    """Wall-clock time, CPU time of this process and of its workers (its finished children)."""
    began, own, workers = time.perf_counter(), _cpu(resource.RUSAGE_SELF), \
        _cpu(resource.RUSAGE_CHILDREN)
    function()
    return (time.perf_counter() - began, _cpu(resource.RUSAGE_SELF) - own,
            _cpu(resource.RUSAGE_CHILDREN) - workers)


def _cpu(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def peak_memory_mb(path: Path, jobs: int | None) -> float:
    """Peak resident memory of a fresh Python running the bare pass (``jobs`` None) or the
    analysis, its workers included.

    VmHWM is the fresh process's own peak (getrusage's ru_maxrss would carry over this
    process's peak through fork and exec). Its workers' peaks are known only as the largest
    (RUSAGE_CHILDREN), so they are counted as ``jobs`` times that: an upper bound, since
    peaks need not coincide and forked workers share pages with their parent.
    """
    run = "b.bare_pass(path)" if jobs is None else f"b.analyse(path, {jobs})"
    code = (
        "import resource, sys; sys.path.insert(0, sys.argv[1]); "
        "import bench_complaint_log as b; from pathlib import Path; path = Path(sys.argv[2]); "
        f"{run}; "
        "own = [l for l in open('/proc/self/status') if l.startswith('VmHWM')][0].split()[1]; "
        "print(own, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    output = subprocess.run([sys.executable, "-c", code, str(Path(__file__).parent), str(path)],
                            capture_output=True, text=True, check=True).stdout
    own, largest_worker = map(int, output.split())
    return (own + (jobs or 0) * largest_worker) / 1024  # kB to MB (jobs 1: no workers)


def measure(name: str, header: tuple[str, ...], rows: int, repeats: int, jobs: int) -> None:
    path = DATA / f"complaint-log-{rows}{'' if header == HEADER else f'-{len(header)}'}.csv"
    if not path.exists():
        print(f"generating {path} ...", flush=True)
        generate(path, rows, header)
    print(f"\n{name}: {rows:,} rows, {len(header)} columns, {path.stat().st_size / 1e6:.0f} MB")
    analyse(path)  # warm up: imports, bank-holiday tables, the page cache
    runs = {"bare csv.reader pass": (1, lambda: bare_pass(path)),
            "log analyse --jobs 1": (1, lambda: analyse(path, 1)),
            f"log analyse --jobs {jobs}": (jobs, lambda: analyse(path, jobs))}
    times: dict[str, list[tuple[float, float, float]]] = {label: [] for label in runs}
    for _ in range(repeats):  # turn about: a busy moment slows all three alike
        for label, (_, run) in runs.items():
            times[label].append(timed(run))
    walls = {label: min(wall for wall, _, _ in times[label]) for label in runs}
    paths = {label: min(own + workers / runs[label][0] for _, own, workers in times[label])
             for label in runs}
    floor, floor_cpu = walls["bare csv.reader pass"], paths["bare csv.reader pass"]
    print(f"  {'':<24} {'wall-clock':>18}   {'CPU: critical path (this process, workers)':>20}")
    for label in runs:
        own, workers = min((own, workers) for _, own, workers in times[label])
        print(f"  {label:<24} {walls[label]:6.2f} s {walls[label] / floor:5.2f}x   "
              f"{paths[label]:6.2f} s {paths[label] / floor_cpu:5.2f}x "
              f"({own:.2f} s, {workers:.2f} s)")
    one, many = (walls[f"log analyse --jobs {count}"] for count in (1, jobs))
    print(f"  scaling (jobs 1 / jobs {jobs}): {one / many:.2f} wall-clock, "
          f"{paths['log analyse --jobs 1'] / paths[f'log analyse --jobs {jobs}']:.2f} CPU "
          f"critical path; target: --jobs {jobs} at most 1.6x the floor on 2 cores")
    print("  peak memory: " + "; ".join(
        f"{label} {peak_memory_mb(path, run_jobs):.0f} MB"
        for label, run_jobs in (("bare pass", None), ("jobs 1", 1), (f"jobs {jobs}", jobs)))
          + " (all processes; target under 200 MB)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=None, help="default: the usable cores")
    parser.add_argument("--profiled", action="store_true",
                        help="also a wide log with category, outcome and refusal columns")
    args = parser.parse_args()
    DATA.mkdir(exist_ok=True)
    jobs = args.jobs or cores()
    print(f"{cores()} usable cores; wall-clock times, best of {args.repeats}")
    measure("wide log", HEADER, args.rows, args.repeats, jobs)
    measure("12-column log", NARROW, args.rows, args.repeats, jobs)
    if args.profiled:
        measure("wide log with the annual report's columns", PROFILED, args.rows, args.repeats,
                jobs)


if __name__ == "__main__":
    main()
