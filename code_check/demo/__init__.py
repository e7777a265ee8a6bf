"""The demo council: a fictional "Example Borough Council" with two assessments a quarter apart.

A newcomer sees a real picture at once: evidence, gaps, actions (some done, some overdue)
and clear progress from the first assessment to the second.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from code_check.assessment import Assessment
from code_check.catalogue import Catalogue

if TYPE_CHECKING:
    from code_check.store.workspace import Workspace

DEMO_COUNCIL = "Example Borough Council"
DEMO_FILES = ("example-borough-2025-12-31.yaml", "example-borough-2026-03-31.yaml")
DEMO_STATISTICS = "example-statistics.csv"


def demo_files() -> list[Path]:
    """The bundled assessment files, oldest first."""
    folder = Path(__file__).parent
    return [folder / name for name in DEMO_FILES]


def demo_assessments(catalogue: Catalogue | None = None) -> list[Assessment]:
    """The demo council's assessments, oldest first."""
    from code_check.assessment_files import load_assessment_file

    return [load_assessment_file(path, catalogue) for path in demo_files()]


def install_demo(workspace: Workspace, catalogue: Catalogue) -> list[int]:
    """Add the demo council to a workspace, once; returns its assessment ids, oldest first.

    A workspace that already has a council of that name is left as it is, so running the demo
    twice, or after someone has edited the demo answers, never overwrites anything. The
    council's Ombudsman statistics are added likewise, once.
    """
    from code_check.statistics_files import read_statistics
    from code_check.store.statistics import StatisticsStore

    if not any(c.name.casefold() == DEMO_COUNCIL.casefold() for c in workspace.councils()):
        workspace.add_series(demo_assessments(catalogue), catalogue)
    statistics = StatisticsStore(workspace)
    if not statistics.rows(DEMO_COUNCIL):
        statistics.save(read_statistics(Path(__file__).parent / DEMO_STATISTICS), source="demo")
    records = workspace.assessments(DEMO_COUNCIL)
    return [record.id for record in sorted(records, key=lambda r: (r.assessed_on, r.id))]
