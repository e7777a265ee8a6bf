"""Benchmark: `code-check log analyse` on a 1,000,000-row complaint log.

Run:  .venv/bin/python benchmarks/bench_complaint_log.py [--rows N]

Generates a realistic log once into benchmarks/.data/ (ISO and UK dates, extra columns with
made-up personal data, a few bad rows), then times, in this same run, a bare `csv.reader` pass
over the file against the function `log analyse` calls, and measures the peak memory of each in
a fresh subprocess. Target: at most 2.0 times the bare pass, and under 200 MB.
"""

from __future__ import annotations

import argparse
import csv
import random
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

DATA = Path(__file__).parent / ".data"
AS_OF = date(2026, 4, 30)
SERVICES = ("Housing", "Council Tax", "Planning", "Waste", "Adult Social Care",
            "Children's Services", "Highways", "Parking", "Benefits", "Environmental Health")
HEADER = ("reference", "customer_name", "address", "email", "received", "acknowledged",
          "stage1_response", "stage1_extended", "escalated", "stage2_acknowledged",
          "stage2_response", "stage2_extended", "service", "notes")


def generate(path: Path, rows: int) -> None:
    """A log over five years: mostly on time, a minority late, some open, ~0.1% bad rows."""
    rng = random.Random(20260401)
    start = date(2021, 4, 1).toordinal()
    span = AS_OF.toordinal() - start
    iso = {n: date.fromordinal(n).isoformat() for n in range(start - 10, start + span + 400)}
    uk = {n: date.fromordinal(n).strftime("%d/%m/%Y") for n in iso}
    temporary = path.with_suffix(".tmp")
    with open(temporary, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
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
            writer.writerow(cells)
    temporary.replace(path)


def bare_pass(path: Path) -> int:
    with open(path, encoding="utf-8-sig", errors="replace", newline="") as handle:
        rows = 0
        for _ in csv.reader(handle):
            rows += 1
    return rows


def analyse(path: Path):
    from code_check.complaint_log.reader import analyse_file

    return analyse_file(path, as_of=AS_OF, progress=False)


def paired_times(path: Path, repeats: int) -> list[tuple[float, float]]:
    """CPU times of (bare pass, log analyse), back to back: a busy machine hurts both alike."""
    pairs = []
    for _ in range(repeats):
        times = []
        for function in (bare_pass, analyse):
            began = time.process_time()
            function(path)
            times.append(time.process_time() - began)
        pairs.append((times[0], times[1]))
    return pairs


def peak_memory_mb(function_name: str, path: Path) -> float:
    """Peak resident memory (VmHWM) of a fresh Python running one function on the file.

    VmHWM belongs to the new process image; getrusage's ru_maxrss would carry over this
    process's own peak through fork and exec.
    """
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); "
        "import bench_complaint_log as b; from pathlib import Path; "
        f"b.{function_name}(Path(sys.argv[2])); "
        "print([l for l in open('/proc/self/status') if l.startswith('VmHWM')][0].split()[1])"
    )
    output = subprocess.run([sys.executable, "-c", code, str(Path(__file__).parent), str(path)],
                            capture_output=True, text=True, check=True).stdout
    return int(output.split()[-1]) / 1024  # kB to MB


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    DATA.mkdir(exist_ok=True)
    path = DATA / f"complaint-log-{args.rows}.csv"
    if not path.exists():
        print(f"generating {path} ...", flush=True)
        generate(path, args.rows)
    print(f"{args.rows:,} rows, {path.stat().st_size / 1e6:.0f} MB")
    analyse(path)  # warm up: imports, bank-holiday tables
    pairs = paired_times(path, args.repeats)
    bare, ours = min(p[0] for p in pairs), min(p[1] for p in pairs)
    ratios = sorted(ours_time / bare_time for bare_time, ours_time in pairs)
    result = analyse(path)
    print(f"bare csv.reader pass: {bare:.2f} s CPU (best of {args.repeats})")
    print(f"log analyse:          {ours:.2f} s CPU  "
          f"({len(result.rejected_rows):,} bad rows reported)")
    print(f"ratio:                {ours / bare:.2f}x of the best times; "
          f"{ratios[len(ratios) // 2]:.2f}x the median of the {len(pairs)} pairs "
          "(target: at most 2.0x)")
    print(f"peak memory, bare pass:   {peak_memory_mb('bare_pass', path):.0f} MB")
    print(f"peak memory, log analyse: {peak_memory_mb('analyse', path):.0f} MB  "
          "(target: under 200 MB)")


if __name__ == "__main__":
    main()
