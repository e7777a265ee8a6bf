"""The demo council's registers: a year of learning that names complaints in its log, and a
few Ombudsman decisions with one remedy overdue, dated like the rest of the demo."""

from __future__ import annotations

import csv
import io
from datetime import date

from code_check.demo import DEMO_COUNCIL, demo_complaint_log, demo_registers, install_demo
from code_check.demo.dating import ANCHOR
from code_check.registers.checks import register_findings
from code_check.registers.model import overdue_remedies, remedy_figures
from code_check.store.registers import RegistersStore
from code_check.store.workspace import Workspace

LATER = date(2028, 2, 10)  # twenty months after the day the bundled files are dated for


def log_references(today: date) -> set[str]:
    log = demo_complaint_log(today=today)
    return {row["reference"] for row in csv.DictReader(io.StringIO(log, newline=""))}


def test_a_year_of_learning_from_complaints_in_the_demo_log():
    learning, _ = demo_registers(today=ANCHOR)
    assert 5 <= len(learning) <= 8
    assert {entry.year for entry in learning} == {"2025-26"}
    assert all(entry.council == DEMO_COUNCIL for entry in learning)
    assert all(set(entry.provisions) <= {"9.1", "9.2", "9.3"} and entry.provisions
               for entry in learning)
    cited = {reference for entry in learning for reference in entry.complaints}
    assert cited and cited <= log_references(ANCHOR)


def test_a_few_decisions_with_one_remedy_overdue():
    _, decisions = demo_registers(today=ANCHOR)
    assert 3 <= len(decisions) <= 6
    assert [d.reference for d in overdue_remedies(decisions, ANCHOR)] == ["25 009 877"]
    figures = remedy_figures(decisions, "2025-26")
    assert (figures.due, figures.complied) == (1, 1)
    assert sum(d.complaint_handling_fault for d in decisions) == 1


def test_installed_later_the_registers_move_with_the_rest_of_the_demo():
    learning, decisions = demo_registers(today=LATER)
    earlier, _ = demo_registers(today=ANCHOR)
    assert [e.changed_on for e in learning][0] == date(2027, 1, 19)  # 19 May 2025 + 20 months
    assert {r for e in learning for r in e.complaints} <= log_references(LATER)
    assert len({r for e in learning for r in e.complaints}) == len(
        {r for e in earlier for r in e.complaints})
    assert [d.reference for d in overdue_remedies(decisions, LATER)] == ["25 009 877"]
    assert register_findings(learning, decisions, as_of=LATER)[0].check == \
        "ombudsman-remedy-overdue"


def test_install_adds_the_registers_once(tmp_path, catalogue):
    with Workspace(tmp_path / "w.sqlite3") as workspace:
        install_demo(workspace, catalogue, today=ANCHOR)
        install_demo(workspace, catalogue, today=LATER)
        store = RegistersStore(workspace)
        learning, decisions = demo_registers(today=ANCHOR)
        assert [h.entry for h in store.learning(DEMO_COUNCIL)] == learning
        assert [h.entry for h in store.decisions(DEMO_COUNCIL)] == decisions
