"""The annual complaints performance and service improvement report (issue 15), built for the
demo council through the command line and read back from Word, HTML and Markdown: every
section in the Code's order, each figure as ``log analyse --format json``, the registers,
``score`` and ``stats show`` give it."""

from __future__ import annotations

import pytest

from .annual_demo import (
    AS_OF,
    COUNCIL,
    HEADINGS,
    HOUSING_COUNCIL,
    LETTER,
    YEAR,
    annual_report,
    cli,
    demo_workspace,
    headings,
    json_of,
    rows,
    text,
)

FORMATS = ("docx", "html", "md")
HOSTILE = "<img src=x onerror=alert(1)> & | *bold* [link](javascript:x)"


# the demo council's report ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """The demo workspace with a public interest report and a learning entry of hostile text
    added, the letter, and the report in each format."""
    folder = tmp_path_factory.mktemp("annual")
    workspace, log = demo_workspace(folder)
    for argv in (
        ("decisions", "add", "--council", COUNCIL, "--ombudsman", "lgsco", "--reference",
         "25 010 400", "--decided-on", "2026-01-20", "--decision", "upheld: fault and injustice",
         "--report", "public interest report", "--note", "Delays in adult care assessments"),
        ("learning", "add", "--council", COUNCIL, "--learned", HOSTILE, "--service", "Parking",
         "--changed", "Permit renewals now open a month early.", "--changed-on", "2026-02-02",
         "--owner", "Parking Services Manager"),
    ):
        status, _, err = cli(*argv, "--workspace", workspace)
        assert status == 0, err
    letter = folder / "letter.txt"
    letter.write_text(LETTER, encoding="utf-8")
    reports = {kind: annual_report(workspace, folder / f"annual.{kind}", "--log", log,
                                   "--letter", letter) for kind in FORMATS}
    return {"workspace": workspace, "log": log, "folder": folder, **reports}


@pytest.fixture(scope="module")
def analysed(demo):
    """``log analyse --format json`` of the demo log, as at the report's date."""
    return json_of("log", "analyse", demo["log"], "--as-of", AS_OF, "--format", "json")


@pytest.mark.parametrize("kind", FORMATS)
def test_the_paper_then_every_section_in_the_codes_order(demo, kind):
    found = headings(demo[kind])
    assert found[:6] == ["Purpose", "Recommendations", "Background", "Implications",
                         "Background papers", "Appendices"]
    assert found[6:13] == HEADINGS
    assert found[13].startswith("Appendix 1: Example Borough Council:")


@pytest.mark.parametrize("kind", FORMATS)
def test_the_complaint_log_figures_are_those_of_log_analyse(demo, analysed, kind):
    """The demo log is the year 2025-26, so the year's figures are the whole log's."""
    totals, found = analysed["profile"]["totals"], rows(demo[kind])
    assert totals["refused"] > 0 and totals["escalated"] > 0  # the demo shows each figure
    for label, key in [("Complaints received", "received"), ("Refused (not taken on)", "refused"),
                       ("Taken on at stage 1", "stage1"),
                       ("Of those, escalated to stage 2", "escalated"),
                       ("Escalations to stage 2 in the year", "stage2")]:
        assert [label, f"{totals[key]:,}"] in found
    assert ["Escalation rate, stage 1 to stage 2", f"{totals['escalation_pct']:.1f}%"] in found
    for stage in ("stage1", "stage2"):
        for step in ("acknowledgement", "response"):
            figures = analysed[stage][step]
            label = f"Stage {stage[-1]} {step}"
            assert any(row[0] == label and row[2:6] == [
                f"{figures['measured']:,}", f"{figures['on_time']:,}", f"{figures['late']:,}",
                f"{figures['on_time_pct']:.1f}%"] for row in found), label
    for name in ("stage1_outcomes", "stage2_outcomes", "refused_reasons"):
        for share in totals[name]:
            assert [share["label"], f"{share['count']:,}", f"{share['pct']:.1f}%"] in found
    for name in ("categories", "services"):
        for share in totals[name][:5]:
            assert [share["label"], f"{share['count']:,}", f"{share['pct']:.1f}%"] in found
    for month, timely in zip(analysed["profile"]["by_month"], analysed["by_month"], strict=True):
        refused = sum(month["refused"].values())
        pct = timely["stage1"]["response"]["on_time_pct"]
        shown = "nothing measured" if pct is None else f"{pct:.1f}%"
        assert any(row[1:] == [f"{month['received']:,}", f"{refused:,}",
                               f"{month['received'] - refused:,}", f"{month['stage2']:,}",
                               shown] for row in found), month["month"]


@pytest.mark.parametrize("kind", FORMATS)
def test_the_registers_figures_are_those_of_the_registers(demo, kind):
    workspace = demo["workspace"]
    decisions = json_of("decisions", "list", "--council", COUNCIL, "--year", YEAR, "--format",
                        "json", "--workspace", workspace)
    learning = json_of("learning", "list", "--council", COUNCIL, "--year", YEAR, "--format",
                       "json", "--workspace", workspace)
    found, words = rows(demo[kind]), text(demo[kind])
    references = {row[0] for row in found}
    faults = [d for d in decisions if d["complaint_handling_fault"]]
    reports = [d for d in decisions if d["report"] != "none"]
    assert faults and reports
    assert {d["reference"] for d in decisions} <= references
    assert (f"{len(decisions)} decisions made in {YEAR}, {len(faults)} finding fault in how a "
            "complaint was handled") in words
    assert f"public interest, special and other reports issued in {YEAR} ({len(reports)} " \
        f"report{'s' if len(reports) != 1 else ''})" in words
    assert f"{len(learning)} changes made in {YEAR}" in words
    for entry in learning:
        assert " ".join(entry["changed"].split()) in words
    assert any(row[-1] == "⚠ Pending, overdue" for row in found)  # the demo's overdue remedy


@pytest.mark.parametrize("kind", FORMATS)
def test_the_self_assessment_and_the_ombudsmans_figures(demo, kind):
    workspace = demo["workspace"]
    records = json_of("assessment", "list", "--format", "json", "--workspace", workspace)
    latest = max((r for r in records if r["council"] == COUNCIL),
                 key=lambda r: r["assessed_on"])
    score = json_of("score", str(latest["id"]), "--format", "json", "--workspace", workspace)
    stats = json_of("stats", "show", "--council", COUNCIL, "--year", "2024-25", "--format",
                    "json", "--workspace", workspace)[0]
    found = rows(demo[kind])
    code = "Local Government and Social Care Ombudsman's Complaint Handling Code (lgsco-2024)"
    assert any(row[0] == code and row[2:4] == [f"{score['overall']['score']:.1f}%",
                                               score["overall"]["band"]] for row in found)
    assert any(row[:2] == ["Complaints upheld", f"{stats['upheld_pct']:.0f}%"] for row in found)
    assert "The Local Government and Social Care Ombudsman's figures for 2025-26 are not held " \
        "yet" in text(demo[kind])


@pytest.mark.parametrize("kind", FORMATS)
def test_the_letter_is_carried_as_pasted_and_inert(demo, kind):
    words = text(demo[kind])
    assert "Annual review letter 2025-26. We upheld 13 complaints <script>alert(1)</script> & " \
        "asked | for *remedies*." in words
    assert HOSTILE in words
    raw = demo[kind].read_bytes()
    assert b"<script>alert" not in raw and b"<img src=x" not in raw


def test_the_response_is_awaited_then_carried_and_lint_follows_it(demo):
    workspace, folder = demo["workspace"], demo["folder"]
    later = "2026-07-06"  # the response was due by 30 June

    def response_findings() -> list[str]:
        return [f["message"] for f in json_of("lint", "2", "--as-of", later, "--format", "json",
                                              "--workspace", workspace)
                if f["check"] == "annual-report-response-missing"]

    assert "This report awaits the governing body's response" in text(demo["md"])
    assert len(response_findings()) == 1
    response = folder / "response.txt"
    response.write_text("The committee noted the report.\n\nIt asked for a review of stage 2 "
                        "deadlines.\n", encoding="utf-8")
    status, out, err = cli("annual-report", "respond", "--council", "example borough council",
                           "--year", "2025/26", "--text", response, "--approved-by",
                           "Audit and Governance Committee", "--on", "2026-06-23",
                           "--workspace", workspace)
    assert status == 0, err
    assert "Recorded the governing body's response to Example Borough Council's 2025-26" in out
    assert response_findings() == []
    for kind in FORMATS:
        words = text(annual_report(workspace, folder / f"responded.{kind}"))
        assert "awaits the governing body's response" not in words
        assert "The committee noted the report. It asked for a review of stage 2 deadlines." \
            in words
        assert "Approved by: Audit and Governance Committee" in words
        assert "Date of the response: 23 June 2026" in words


def test_what_is_missing_is_said(demo, tmp_path):
    """No log: (b) says so; a log without the new columns: each analysis it cannot give."""
    words = text(annual_report(demo["workspace"], tmp_path / "no-log.md"))
    assert "No complaint log was given: the figures of (b) come from it." in words
    assert "The Local Government and Social Care Ombudsman's annual letter was not given." \
        in words
    plain = tmp_path / "plain.csv"
    lines = demo["log"].read_text(encoding="utf-8").splitlines()
    plain.write_text("\n".join(",".join(line.split(",")[:10]) for line in lines) + "\n",
                     encoding="utf-8")
    words = text(annual_report(demo["workspace"], tmp_path / "plain.md", "--log", plain))
    for column, analysis in [("stage1_outcome", "outcomes at stage 1"),
                             ("stage2_outcome", "outcomes at stage 2"),
                             ("category", "the top categories"),
                             ("refused", "complaints refused, by reason")]:
        assert f"No {column} column in the log: {analysis} cannot be shown." in words
    assert "Top services, 2025-26" in words and "Top categories" not in words
    assert "The complaint log holds no complaints of 2024-25" in words


def test_the_year_before_is_set_beside_where_the_log_holds_it(demo, tmp_path):
    from code_check.demo.dating import move_complaint_log

    this_year = demo["log"].read_text(encoding="utf-8")
    year_before = move_complaint_log(this_year, -12)
    both = tmp_path / "two-years.csv"
    both.write_text(this_year + year_before.split("\n", 1)[1], encoding="utf-8")
    earlier = tmp_path / "earlier.csv"
    earlier.write_text(year_before, encoding="utf-8")
    before = json_of("log", "analyse", earlier, "--as-of", AS_OF, "--format", "json")
    found = rows(annual_report(demo["workspace"], tmp_path / "two.md", "--log", both))
    received = before["profile"]["totals"]["received"]
    assert ["Figure", "2025-26", "2024-25"] in found
    assert any(row[0] == "Complaints received" and row[2] == f"{received:,}" for row in found)


def test_a_council_under_both_codes_gets_one_report_covering_both_ombudsmen(demo, tmp_path):
    report = annual_report(demo["workspace"], tmp_path / "northfield.md",
                           council=HOUSING_COUNCIL)
    codes = [row[0] for row in rows(report) if row[0].endswith(")")]
    assert "Local Government and Social Care Ombudsman's Complaint Handling Code (lgsco-2024)" \
        in codes
    assert any(code.endswith("(hos-2024)") for code in codes)
    words = text(report)
    assert "The Local Government and Social Care Ombudsman" in words
    assert "The Housing Ombudsman" in words
    assert "Appendix 2:" in words


@pytest.mark.parametrize(("argv", "message"), [
    (("--council", "Nowhere Council", "--year", YEAR, "-o", "x.md"),
     "no council called 'Nowhere Council' in the workspace"),
    (("--council", COUNCIL, "--year", "2025-27", "-o", "x.md"),
     "--year: '2025-27' is not a financial year"),
    (("--council", COUNCIL, "--year", YEAR, "-o", "x.pdf"),
     "-o: the annual report is written as .docx, .html, .htm, .md"),
    (("--council", COUNCIL, "--year", YEAR), "--output: is required"),
    (("respond", "--council", COUNCIL, "--year", YEAR), "--text: is required"),
])
def test_bad_input_is_one_plain_line(demo, tmp_path, argv, message):
    status, out, err = cli("annual-report", *argv, "--workspace", demo["workspace"])
    assert status == 1 and out == ""
    assert message in err and len(err.strip().splitlines()) == 1


def test_a_response_dated_before_the_year_ended_is_refused_naming_the_option(demo, tmp_path):
    response = tmp_path / "response.txt"
    response.write_text("Noted.", encoding="utf-8")
    status, _, err = cli("annual-report", "respond", "--council", COUNCIL, "--year", YEAR,
                         "--text", response, "--on", "2026-03-01", "--workspace",
                         demo["workspace"])
    assert status == 1
    assert err.strip() == ("code-check: --on: is not after the end of the year it responds to "
                           "(31 March 2026)")
