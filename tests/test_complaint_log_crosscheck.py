"""The cross-check: answers on timescales that the complaint log contradicts, in plain words."""

from __future__ import annotations

from datetime import date

import pytest

from code_check.assessment.lint import Severity
from code_check.assessment.model import Answer, Assessment, Council
from code_check.complaint_log.crosscheck import crosscheck
from code_check.complaint_log.reader import analyse_file

HEADER = ("reference,received,acknowledged,stage1_response,stage1_extended,escalated,"
          "stage2_acknowledged,stage2_response,stage2_extended")


def write_log(path, on_time: int, late: int):
    """Stage 1 responses received 2025-04-01 and 2026-03-31 (the rest between), acknowledged
    the next day; on time in 10 working days, late in 15."""
    rows = [HEADER]
    for number in range(on_time + late):
        received = "2025-04-01" if number == 0 else "2026-03-02" if number == 1 else "2025-09-01"
        acknowledged, response = {
            "2025-04-01": ("2025-04-02", ("2025-04-16", "2025-04-29")),
            "2026-03-02": ("2026-03-03", ("2026-03-17", "2026-03-24")),
            "2025-09-01": ("2025-09-02", ("2025-09-16", "2025-09-23")),
        }[received]
        rows.append(f"R{number},{received},{acknowledged},"
                    f"{response[0] if number < on_time else response[1]},no,,,,")
    rows[-1] = rows[-1].replace("2025-09-01", "2026-03-31").replace("2025-09-02", "2026-04-01")
    rows[-1] = rows[-1].replace("2025-09-16", "2026-04-16").replace("2025-09-23", "2026-04-23")
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return analyse_file(path, as_of=date(2026, 6, 30), progress=False)


def assessment_with(**statuses: str) -> Assessment:
    answers = {key.replace("_", "."): Answer(status=value) for key, value in statuses.items()}
    return Assessment(council=Council(name="Example Borough Council",
                                      authority_type="london_borough"),
                      catalogue="lgsco-2024", assessed_on=date(2026, 4, 1), answers=answers)


def test_met_contradicted_by_the_log_reads_plainly(tmp_path, catalogue):
    analysis = write_log(tmp_path / "log.csv", on_time=746, late=458)
    findings = crosscheck(catalogue, assessment_with(**{"6_3": "met"}), analysis)
    assert [(f.requirement_id, f.severity, f.message) for f in findings] == [
        ("6.3", Severity.ERROR, "marked met, but 62% of 1,204 stage 1 responses were on time "
                                "(1 April 2025 to 31 March 2026)"),
    ]


def test_threshold_is_configurable_and_decimals_shown_where_they_matter(tmp_path, catalogue):
    analysis = write_log(tmp_path / "log.csv", on_time=946, late=54)  # 94.6%
    assessment = assessment_with(**{"6_3": "met"})
    assert [f.message for f in crosscheck(catalogue, assessment, analysis)] == [
        "marked met, but 94.6% of 1,000 stage 1 responses were on time "
        "(1 April 2025 to 31 March 2026)"]
    assert crosscheck(catalogue, assessment, analysis, threshold=90) == []


def test_not_met_contradicted_by_a_near_perfect_log(tmp_path, catalogue):
    analysis = write_log(tmp_path / "log.csv", on_time=200, late=0)
    findings = crosscheck(catalogue, assessment_with(**{"6_3": "not_met", "6_2": "met"}),
                          analysis)
    assert [(f.requirement_id, f.severity, f.check) for f in findings] == [
        ("6.3", Severity.WARNING, "log-contradicts-not-met")]
    assert findings[0].message == (
        "marked not met, but 100% of 200 stage 1 responses were on time "
        "(1 April 2025 to 31 March 2026); is the answer out of date?")


@pytest.mark.parametrize("status", ["partly_met", "not_applicable", None])
def test_other_answers_and_unmeasured_steps_raise_nothing(tmp_path, catalogue, status):
    analysis = write_log(tmp_path / "log.csv", on_time=1, late=9)
    assessment = assessment_with(**{"6_3": status, "6.x-s2-response": "met"})
    assert crosscheck(catalogue, assessment, analysis) == []  # no stage 2 cases measured
