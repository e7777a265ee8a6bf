"""Show how the report outputs differ from their golden files; rewrite them only when asked.

    python -m tests.report.update_goldens           # print a unified diff of each change
    python -m tests.report.update_goldens --write   # then rewrite the goldens that changed

Review the diff before writing: a golden accepted blindly tests nothing.
"""

from __future__ import annotations

import argparse
import sys

from code_check.catalogue.files import load_catalogue

from . import demo_inputs
from .golden import OUTPUTS, differences, golden_path, rendered_content


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.report.update_goldens",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true",
                        help="rewrite the goldens that differ (after printing the diff)")
    args = parser.parse_args(argv)
    catalogue = load_catalogue("lgsco-2024")
    previous, current = demo_inputs.assessments(catalogue)
    report = demo_inputs.report(catalogue, previous, current)
    cohort = demo_inputs.cohort(catalogue, previous, current)
    changed = []
    for output in OUTPUTS:
        actual = rendered_content(output, report, cohort)
        diff = differences(output, actual)
        if diff:
            print(diff, end="" if diff.endswith("\n") else "\n")
            changed.append(output)
            if args.write:
                golden_path(output).write_bytes(actual.encode("utf-8"))
    print(_summary(changed, written=args.write), file=sys.stderr)
    return 1 if changed and not args.write else 0


def _summary(changed: list[str], *, written: bool) -> str:
    if not changed:
        return f"All {len(OUTPUTS)} goldens match."
    if written:
        return f"Rewrote {len(changed)} golden(s): {', '.join(changed)}."
    return (f"{len(changed)} golden(s) differ: {', '.join(changed)}. Run again with --write "
            "to accept these changes.")


if __name__ == "__main__":
    sys.exit(main())
