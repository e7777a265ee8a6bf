"""``code-check log analyse``: JSON keys, tables, errors, and personal data never shown."""

from __future__ import annotations

import json
from pathlib import Path

import code_check

SECRET = "Zebediah Quxworthy-Snell"
HEADER = ("reference,customer_name,address,received,acknowledged,stage1_response,stage1_extended,"
          "escalated,stage2_acknowledged,stage2_response,stage2_extended,service,notes")
DEMO_LOG = Path(code_check.__file__).parent / "demo" / "example-complaint-log.csv"


def write_log(tmp_path) -> Path:
    path = tmp_path / "log.csv"
    rows = [
        HEADER,
        f'A1,{SECRET},"1 {SECRET} Road",2025-06-02,2025-06-03,2025-06-17,no,,,,,Housing,'
        f"{SECRET} phoned",
        f"A2,{SECRET},{SECRET},2025-06-02,{SECRET},,,,,,,Housing,{SECRET}",
        f"A3,{SECRET},{SECRET},,,,{SECRET},,,,,Waste,{SECRET}",
        f"A4,{SECRET},{SECRET},2025-06-02,,,,,,,,{SECRET[:3]},{SECRET}",
        f"A5,{SECRET},{SECRET},2025-05-01,2025-05-02,2025-06-30,,2025-07-01,2025-07-02,,,Housing,x",
    ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_json_has_the_contract_keys(run_cli, tmp_path):
    status, out, err = run_cli("log", "analyse", write_log(tmp_path), "--as-of", "2025-12-31",
                               "--format", "json")
    assert status == 0, err
    data = json.loads(out)
    assert data["cases"] == 5
    for stage in ("stage1", "stage2"):
        for step in ("acknowledgement", "response"):
            assert {"measured", "on_time", "on_time_pct"} <= set(data[stage][step])
    assert data["rejected_rows"] == [
        {"row": 3, "error": "acknowledged: the cell is not a date (use 2026-04-01 or 01/04/2026)"},
        {"row": 4, "error": "received: is empty"},
    ]
    assert {"by_month", "by_service", "overdue_cases", "as_of", "findings"} <= set(data)


def test_no_column_outside_the_list_appears_in_any_output(run_cli, tmp_path):
    path = write_log(tmp_path)
    outputs = [run_cli("log", "analyse", path, "--as-of", "2025-12-31", *extra)
               for extra in ((), ("--format", "json"))]
    for status, out, err in outputs:
        assert status == 0, err
        assert SECRET not in out and SECRET not in err
        assert "Quxworthy" not in out and "phoned" not in out
        assert "Housing" in out  # the service column is read and shown


def test_table_shows_the_steps_and_rejected_rows(run_cli, tmp_path):
    status, out, _ = run_cli("log", "analyse", write_log(tmp_path), "--as-of", "2025-12-31")
    assert status == 0
    for text in ("Stage 1 acknowledgement", "Stage 2 response", "By month of receipt",
                 "By service area", "Rows rejected", "received: is empty"):
        assert text in out


def test_missing_file_is_one_line_and_exit_1(run_cli, tmp_path):
    status, out, err = run_cli("log", "analyse", tmp_path / "nope.csv")
    assert status == 1 and out == ""
    assert err == f"code-check: {tmp_path / 'nope.csv'}: file not found\n"


def test_missing_column_is_one_line_and_exit_1(run_cli, tmp_path):
    path = tmp_path / "log.csv"
    path.write_text("reference,received\nA,2025-06-02\n", encoding="utf-8")
    status, _, err = run_cli("log", "analyse", path)
    assert status == 1
    assert err.count("\n") == 1
    assert err.startswith(f"code-check: {path}:1: acknowledged: no column headed 'acknowledged'")


def test_map_option_and_map_file(run_cli, tmp_path):
    path = tmp_path / "log.csv"
    path.write_text(write_log(tmp_path).read_text().replace(",received,", ",Date Logged,", 1)
                    .replace(",acknowledged,", ",Ack Date,", 1), encoding="utf-8")
    status, out, err = run_cli("log", "analyse", path, "--map", "received=Date Logged",
                               "--map", "acknowledged=Ack Date", "--format", "json")
    assert status == 0, err
    assert json.loads(out)["columns"]["received"] == "Date Logged"
    mapping = tmp_path / "map.yaml"
    mapping.write_text("received: Date Logged\nacknowledged: Ack Date\n", encoding="utf-8")
    status, out, err = run_cli("log", "analyse", path, "--map-file", mapping, "--format", "json")
    assert status == 0, err
    status, _, err = run_cli("log", "analyse", path, "--map", "recieved=Date Logged")
    assert status == 1 and "unknown column 'recieved'" in err


def test_assessment_cross_check_in_json_and_table(run_cli, tmp_path):
    assessment = tmp_path / "assessment.yaml"
    assessment.write_text(
        "council:\n  name: Example Borough Council\n  authority_type: london_borough\n"
        "catalogue: lgsco-2024\nassessed_on: 2026-04-01\nanswers:\n"
        "  '6.2':\n    status: met\n    evidence: [Acknowledgement report]\n", encoding="utf-8")
    status, out, err = run_cli("log", "analyse", DEMO_LOG, "--as-of", "2026-03-31",
                               "--assessment", assessment, "--threshold", "99", "--format",
                               "json")
    assert status == 0, err
    findings = json.loads(out)["findings"]
    assert [f["requirement_id"] for f in findings] == ["6.2"]
    assert findings[0]["message"].startswith("marked met, but ")
    status, out, _ = run_cli("log", "analyse", DEMO_LOG, "--as-of", "2026-03-31",
                             "--assessment", assessment, "--threshold", "99")
    assert status == 0 and "The log contradicts these answers" in out


def test_the_demo_log_reads_cleanly(run_cli):
    status, out, _ = run_cli("log", "analyse", DEMO_LOG, "--as-of", "2026-03-31", "--format",
                             "json")
    data = json.loads(out)
    assert status == 0 and data["rejected_rows"] == []
    assert 250 <= data["cases"] <= 350
    assert 75 <= data["stage1"]["response"]["on_time_pct"] < 100
    assert data["by_service"]


def test_a_quote_never_closed_in_a_300_row_log_stops_with_one_line_naming_its_row(
        run_cli, tmp_path):
    """It once read as '2 cases, 1 rows rejected', the other 297 rows silently lost."""
    rows = [f"A{n},{SECRET},{SECRET},2025-06-02,2025-06-03,2025-06-17,no,,,,,Housing,{SECRET}"
            for n in range(2, 301)]
    rows[12 - 2] = rows[12 - 2].replace(f",{SECRET},2025", f',"{SECRET},2025', 1)
    path = tmp_path / "log.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    status, out, err = run_cli("log", "analyse", path, "--format", "json")
    assert (status, out) == (1, "")
    assert err == (f"code-check: {path}:12: a quoted cell opened on this row is never closed "
                   '(a " is missing), so the rest of the file cannot be read\n')


def test_a_semicolon_separated_utf16_log_is_read_and_a_workbook_is_named(run_cli, tmp_path):
    semicolons = tmp_path / "semicolons.csv"
    semicolons.write_bytes(write_log(tmp_path).read_text(encoding="utf-8")
                           .replace(",", ";").encode("utf-16"))
    status, out, err = run_cli("log", "analyse", semicolons, "--as-of", "2025-12-31",
                               "--format", "json")
    assert status == 0, err
    assert json.loads(out)["cases"] == 5
    workbook = tmp_path / "workbook.csv"
    workbook.write_bytes(b"PK\x03\x04\x14\x00\x06\x00" + SECRET.encode())
    status, _, err = run_cli("log", "analyse", workbook)
    assert status == 1
    assert err == (f"code-check: {workbook}:1: is not a text file (an Excel workbook?): "
                   'save it from your spreadsheet as "CSV UTF-8"\n')
