"""The governing body's response to the annual complaints report (Code 8.2): the model refuses
what cannot be a response, and the workspace keeps one a council and year, every change in the
registers' audit trail, a schema 6 workspace brought forward."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date

import pytest
from pydantic import ValidationError

from code_check.errors import InputError
from code_check.registers.model import first_problem
from code_check.registers.response import (
    RESPONSE_LIMIT,
    GoverningBodyResponse,
    response_findings,
    year_awaiting_response,
)
from code_check.store import schema
from code_check.store.annual_responses import ResponsesStore
from code_check.store.registers import RegistersStore
from code_check.store.workspace import Workspace
from tests.old_workspaces import workspace_at

COUNCIL = "Example Borough Council"


def response(**changes) -> GoverningBodyResponse:
    fields = {"council": COUNCIL, "year": "2025-26", "text": "The committee noted the report.",
              "approved_by": "Audit and Governance Committee",
              "responded_on": date(2026, 6, 18), **changes}
    return GoverningBodyResponse.model_validate(fields)


def problem(**changes) -> tuple[str | None, str]:
    with pytest.raises(ValidationError) as raised:
        response(**changes)
    return first_problem(raised.value)


def test_a_response_is_read_with_its_year_in_any_common_form():
    given = response(year="2025/26", text="  Noted.\r\n\r\nAgreed to publish.  ")
    assert (given.year, given.text) == ("2025-26", "Noted.\n\nAgreed to publish.")


@pytest.mark.parametrize(("changes", "expected"), [
    ({"text": "   "}, ("text", "is blank")),
    ({"text": "x" * (RESPONSE_LIMIT + 1)}, ("text", "is 20,001 characters long: keep it to "
                                                   "20,000")),
    ({"approved_by": "Cabinet\nand Council"}, ("approved_by", "must be one line")),
    ({"text": "Ask clerk@example.gov.uk"}, ("text", "looks like an email address: the registers "
                                                   "hold references and roles, never personal "
                                                   "details")),
    ({"year": "2025-27"}, ("year", "'2025-27' is not a financial year: the second year must "
                                   "follow the first")),
    ({"responded_on": date(2026, 3, 31)}, ("responded_on", "is not after the end of the year "
                                                          "it responds to (31 March 2026)")),
])
def test_what_cannot_be_a_response_is_refused_naming_the_field(changes, expected):
    assert problem(**changes) == expected


@pytest.fixture
def path(tmp_path):
    return tmp_path / "workspace.sqlite3"


def test_a_response_is_kept_once_a_year_and_every_change_is_in_the_audit_trail(path):
    first, second = response(), response(text="Agreed, with a review in six months.")
    with Workspace(path) as workspace:
        store = ResponsesStore(workspace)
        assert store.response(COUNCIL, "2025-26") is None
        assert store.record(first, author="Jane Officer") is False
        assert store.record(second, author="Sam Clerk") is True
        assert store.response("example borough council", "2025-26") == second
        assert store.response(COUNCIL, "2024-25") is None
        trail = [(c.register, c.author, c.before and c.before["text"], c.after["text"])
                 for c in RegistersStore(workspace).changes()]
    assert trail == [("responses", "Jane Officer", None, first.text),
                     ("responses", "Sam Clerk", first.text, second.text)]


def test_a_schema_6_workspace_is_brought_forward(path):
    with closing(workspace_at(path, 6)):
        pass
    with Workspace(path) as workspace:
        version = workspace.connection.execute("PRAGMA user_version").fetchone()[0]
        assert version == len(schema.MIGRATIONS) >= 7  # 7 adds the responses
        ResponsesStore(workspace).record(response())
    with Workspace(path) as workspace:  # opened again: recognised as it now is
        assert ResponsesStore(workspace).response(COUNCIL, "2025-26") == response()


def test_a_response_changed_behind_code_checks_back_reads_as_damage(path):
    with Workspace(path) as workspace:
        ResponsesStore(workspace).record(response())
    with closing(sqlite3.connect(path)) as db, db:
        db.execute("UPDATE annual_responses SET response = json_set(response, '$.text', '')")
    with Workspace(path) as workspace, pytest.raises(InputError, match="damaged"):
        ResponsesStore(workspace).response(COUNCIL, "2025-26")


@pytest.mark.parametrize(("as_of", "year"), [
    (date(2026, 6, 30), "2024-25"),  # 2025-26's response is due by 30 June 2026
    (date(2026, 7, 1), "2025-26"),
    (date(2027, 3, 31), "2025-26"),
    (date(2027, 7, 1), "2026-27"),
])
def test_the_year_awaiting_a_response_is_the_latest_past_its_three_months(as_of, year):
    assert year_awaiting_response(as_of) == year


def test_lint_finds_a_report_without_a_response_three_months_after_the_year_end():
    july = date(2026, 7, 1)
    finding, = response_findings(set(), {"2025-26"}, council=COUNCIL, as_of=july)
    assert (finding.severity, finding.check) == ("warning", "annual-report-response-missing")
    assert finding.message == (
        "no governing body response to the 2025-26 annual complaints report is recorded, 30 "
        "June 2026 has passed (three months after the year ended) and the Code asks for the "
        "report to be published with it (8.2): record it with code-check annual-report respond "
        '--council "Example Borough Council" --year 2025-26 --text FILE')
    assert response_findings({"2025-26"}, {"2025-26"}, council=COUNCIL, as_of=july) == []
    assert response_findings(set(), {"2025-26"}, council=COUNCIL, as_of=date(2026, 6, 30)) == []
    # a year code-check holds nothing of the council's for has no report of its own
    assert response_findings(set(), {"2026-27"}, council=COUNCIL, as_of=july) == []


def test_the_years_with_a_response_are_listed_for_a_council(path):
    with Workspace(path) as workspace:
        store = ResponsesStore(workspace)
        store.record(response())
        store.record(response(year="2024-25", responded_on=date(2025, 7, 9)))
        store.record(response(council="Northfield District Council"))
        assert store.years("EXAMPLE BOROUGH COUNCIL") == {"2024-25", "2025-26"}
