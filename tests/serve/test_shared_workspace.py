"""One workspace file, several processes at once (a browser tab's app each): none may pull
the WAL from under another, each notices the others' saves cheaply, and each can say who last
changed a provision."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

from code_check.assessment.model import Answer, Assessment, Status
from code_check.store.shared import ChangeWatch, last_change
from code_check.store.workspace import Workspace
from tests.tui.conftest import COUNCIL


def open_and_close_in_another_process(path) -> None:
    subprocess.run([sys.executable, "-c", "import sys; from pathlib import Path; from "
                    "code_check.store.workspace import Workspace; "
                    "Workspace(Path(sys.argv[1])).close()", str(path)], check=True)


def test_a_second_connection_here_leaves_the_wal_to_the_first(tmp_path):
    """Opening the workspace again in the same process (the app's background work does) must
    not drop the first connection's locks: another process closing would otherwise take it
    for the last one and delete the WAL file the first is still writing."""
    path = tmp_path / "workspace.sqlite3"
    with Workspace(path) as first:
        Workspace(path).close()
        open_and_close_in_another_process(path)
        assert path.with_name("workspace.sqlite3-wal").exists()
        first.save_council(COUNCIL)
    with Workspace(path) as again:
        assert again.councils() == [COUNCIL]


def test_a_save_by_another_connection_is_noticed_once_and_our_own_not_at_all(tmp_path,
                                                                             catalogue):
    path = tmp_path / "workspace.sqlite3"
    with Workspace(path) as ours, Workspace(path) as theirs:
        watch = ChangeWatch(ours)
        assert not watch.changed()
        ours.save_council(COUNCIL)
        assert not watch.changed()
        theirs.add_assessment(Assessment(council=COUNCIL, catalogue=catalogue.id,
                                         assessed_on=date(2026, 3, 31)), catalogue)
        assert watch.changed()
        assert not watch.changed()


def test_who_last_changed_a_provision(tmp_path, catalogue):
    first, second = (r.id for r in catalogue.requirements[:2])
    with Workspace(tmp_path / "workspace.sqlite3") as workspace:
        assessment_id = workspace.add_assessment(Assessment(
            council=COUNCIL, catalogue=catalogue.id, assessed_on=date(2026, 3, 31)), catalogue)
        assert last_change(workspace, assessment_id, first) is None
        workspace.set_answer(assessment_id, first, Answer(status=Status.MET), catalogue,
                             author="Alice Smith")
        workspace.set_answer(assessment_id, second, Answer(status=Status.MET), catalogue,
                             author="Bob Jones")
        workspace.undo(assessment_id, catalogue, author="Carol White")
        assert last_change(workspace, assessment_id, first).author == "Alice Smith"
        undone = last_change(workspace, assessment_id, second)
        assert undone.author == "Carol White" and undone.changed_at.tzinfo is not None
