"""The demo councils: a fictional "Example Borough Council" with two assessments a quarter
apart, and "Northfield District Council", which owns homes and answers both Codes at once.

A newcomer sees a real picture at once: evidence, gaps, actions (some done, a few overdue,
most not yet due), clear progress from the first assessment to the second, the Ombudsman's
figures, a year of complaints, what the council learned from them and the Ombudsman's decisions
(one remedy overdue); and, for a council that is also a landlord, one assessment
scored under the LGSCO's Code and the Housing Ombudsman's, some answers carried from one to the
other and still to confirm. Both are dated relative to the day they are installed
(``code_check.demo.dating``), so they look as current next year as they do today.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from code_check.assessment.model import Assessment
from code_check.catalogue.model import Catalogue

if TYPE_CHECKING:
    from code_check.registers.model import LearningEntry, OmbudsmanDecision
    from code_check.statistics.model import OmbudsmanStats
    from code_check.store.workspace import Workspace

DEMO_COUNCIL = "Example Borough Council"
DEMO_FILES = ("example-borough-2025-12-31.yaml", "example-borough-2026-03-31.yaml")
DEMO_STATISTICS = "example-statistics.csv"
DEMO_LOG = "example-complaint-log.csv"
HOUSING_DEMO_COUNCIL = "Northfield District Council"
HOUSING_DEMO_FILE = "northfield-2026-03-20.yaml"
DEMO_LEARNING = "example-learning.yaml"
DEMO_DECISIONS = "example-decisions.yaml"
FOLDER = Path(__file__).parent


def demo_files() -> list[Path]:
    """The bundled assessment files, oldest first (dated for installing in June 2026)."""
    return [FOLDER / name for name in DEMO_FILES]


def demo_assessments(catalogue: Catalogue | None = None, *, today: date) -> list[Assessment]:
    """The demo council's assessments, oldest first, dated for installing on ``today``."""
    from code_check.assessment.files import load_assessment_file
    from code_check.demo.dating import months_moved, move_assessment

    months = months_moved(today)
    return [move_assessment(load_assessment_file(path, catalogue), months)
            for path in demo_files()]


def housing_demo_assessment(*, today: date) -> Assessment:
    """Northfield's assessment of both Codes, dated for installing on ``today``."""
    from code_check.assessment.files import load_assessment_for
    from code_check.catalogue.files import load_catalogues
    from code_check.demo.dating import months_moved, move_assessment

    assessment, _ = load_assessment_for(FOLDER / HOUSING_DEMO_FILE, load_catalogues())
    return move_assessment(assessment, months_moved(today))


def demo_statistics(*, today: date) -> list[OmbudsmanStats]:
    """The demo council's Ombudsman figures, the latest year the latest letter on ``today``."""
    from code_check.demo.dating import months_moved, move_statistics
    from code_check.statistics.files import read_statistics

    return move_statistics(read_statistics(FOLDER / DEMO_STATISTICS), months_moved(today))


def demo_complaint_log(*, today: date) -> str:
    """The demo council's complaint log (CSV): the year to its latest assessment."""
    from code_check.demo.dating import months_moved, move_complaint_log
    from code_check.readers.files import read_bytes

    text = read_bytes(FOLDER / DEMO_LOG).decode("utf-8")
    return move_complaint_log(text, months_moved(today))


def demo_registers(*, today: date) -> tuple[list[LearningEntry], list[OmbudsmanDecision]]:
    """The demo council's learning and Ombudsman decisions, dated for installing on ``today``;
    the learning names its complaints as the demo log installed that day does."""
    from code_check.demo.dating import (
        months_moved,
        move_decisions,
        move_learning,
        moved_references,
    )
    from code_check.readers.files import read_bytes
    from code_check.registers.files import read_register
    from code_check.registers.model import LearningEntry, OmbudsmanDecision

    months = months_moved(today)
    log = read_bytes(FOLDER / DEMO_LOG).decode("utf-8")
    learning = read_register(FOLDER / DEMO_LEARNING, LearningEntry)
    decisions = read_register(FOLDER / DEMO_DECISIONS, OmbudsmanDecision)
    return (move_learning(learning, months, moved_references(log, months)),
            move_decisions(decisions, months))


def demo_log_path(workspace_path: Path) -> Path:
    """Where installing the demo writes its complaint log: beside the workspace."""
    return workspace_path.with_name(f"{workspace_path.stem}-demo-complaint-log.csv")


def install_demo(workspace: Workspace, catalogue: Catalogue, *, today: date) -> list[int]:
    """Add the demo councils to a workspace, once, dated for ``today``; returns the first
    council's assessment ids, oldest first. Its complaint log is written beside the workspace
    (``demo_log_path``); the second council's one assessment follows (``HOUSING_DEMO_COUNCIL``).

    A workspace that already has a council of either name is left as it is, so running the
    demo twice, or after someone has edited the demo answers, never overwrites anything. The
    first council's Ombudsman statistics and registers are added likewise, once.
    """
    from code_check.readers.files import write_atomically
    from code_check.store.registers import RegistersStore
    from code_check.store.statistics import StatisticsStore

    held = {council.name.casefold() for council in workspace.councils()}
    if DEMO_COUNCIL.casefold() not in held:
        workspace.add_series(demo_assessments(catalogue, today=today), catalogue)
        write_atomically(demo_log_path(workspace.path), demo_complaint_log(today=today))
    if HOUSING_DEMO_COUNCIL.casefold() not in held:
        workspace.add_assessment(housing_demo_assessment(today=today), catalogue)
    statistics = StatisticsStore(workspace)
    if not statistics.rows(DEMO_COUNCIL):
        statistics.save(demo_statistics(today=today), source="demo")
    registers = RegistersStore(workspace)
    if not registers.learning(DEMO_COUNCIL) and not registers.decisions(DEMO_COUNCIL):
        for entries in demo_registers(today=today):
            registers.import_entries(entries)
    records = workspace.assessments(DEMO_COUNCIL)
    return [record.id for record in sorted(records, key=lambda r: (r.assessed_on, r.id))]
