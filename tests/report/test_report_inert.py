"""Exports that cannot bite (DESIGN 9): typed text stays text in every format, and on the
terminal no control character, escape sequence or direction override acts."""

from __future__ import annotations

import html
import io
import json
import unicodedata
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from code_check.assessment.files import save_assessment_file
from code_check.assessment.model import Action, Answer, Status
from code_check.report.cohort import CohortEntry, build_cohort
from code_check.report.cohort_export import COHORT_FORMATS
from code_check.report.csv_export import render_csv
from code_check.report.formats import export
from code_check.report.html import render_html
from code_check.report.inert import (
    inert_json,
    markdown_text,
    neutralise,
    starts_like_formula,
    visible,
)
from code_check.report.markdown import render_markdown
from code_check.report.model import build_report
from code_check.report.spreadsheet import render_xlsx
from code_check.report.template import render_template_csv, render_template_html
from code_check.report.word import render_docx

from .demo_inputs import AS_OF, GENERATED_AT
from .readers import csv_rows, docx_text, html_parts

SCRIPT = '<script>alert("x")</script> & <b>bold</b>'
FORMULA = '=HYPERLINK("http://evil.example","click")'


@pytest.mark.parametrize(("value", "expected"), [
    ("=1+1", "'=1+1"), ("+44 20", "'+44 20"), ("-x", "'-x"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\tcmd", "'\tcmd"), ("\rcmd", "'\rcmd"), ("-5", "-5"), ("+3.5", "+3.5"), ("-1e3", "-1e3"),
    ("plain", "plain"), ("", ""), ("a=b", "a=b"), (-5, -5), (None, None),
])
def test_neutralise(value, expected):
    assert neutralise(value) == expected


def test_a_number_is_not_a_formula():
    assert not starts_like_formula("-12.5")
    assert starts_like_formula("-12.5+A1")


def test_markdown_text_escapes_markup_and_keeps_a_cell_one_line():
    assert markdown_text("<b>a</b> & *b* | c\nd") == r"&lt;b&gt;a&lt;/b&gt; \& \*b\* \| c d"


@pytest.fixture(scope="module")
def hostile(catalogue, assessments):
    """The demo assessment with a script typed into a commentary and a formula as evidence."""
    current = assessments[1]
    gap_id = next(r.id for r in catalogue.requirements if current.status(r.id) is Status.NOT_MET)
    answer = current.answer(gap_id)
    current = current.with_answer(gap_id, answer.model_copy(update={
        "commentary": SCRIPT, "evidence": [FORMULA, "@cmd|' /C calc'!A0"]}))
    return gap_id, build_report(catalogue, current, generated_at=GENERATED_AT, as_of=AS_OF)


@pytest.mark.parametrize("render", [render_html, render_template_html])
def test_script_in_commentary_is_inert_in_html(hostile, render):
    html = render(hostile[1])
    text, tags = html_parts(html)
    assert "script" not in tags and "b" not in tags
    assert SCRIPT in text
    assert "&lt;script&gt;" in html


def test_script_in_commentary_is_inert_in_markdown(hostile):
    markdown = render_markdown(hostile[1])
    assert "<script" not in markdown and "<b>" not in markdown
    assert "&lt;script&gt;alert" in markdown


def test_script_in_commentary_is_plain_text_in_docx(hostile):
    lines = docx_text(render_docx(hostile[1]))
    assert any(SCRIPT in line for line in lines)


def test_formula_in_evidence_is_text_in_csv(hostile):
    gap_id, report = hostile
    rows = csv_rows(render_csv(report))
    row = next(r for r in rows if r[0] == gap_id)
    evidence = row[rows[0].index("evidence")]
    assert evidence.startswith("'=HYPERLINK(")
    form = csv_rows(render_template_csv(report, provision_level=True))
    text = next(p.text for p in report.appendix if p.id == gap_id)  # the form shows no such id
    assert next(r for r in form if r[1] == text)[3].startswith("'=HYPERLINK(")


def test_formula_in_evidence_is_a_quoted_string_cell_in_xlsx(hostile):
    gap_id, report = hostile
    book = openpyxl.load_workbook(io.BytesIO(render_xlsx(report)))
    sheet = book["Full self-assessment"]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == gap_id)
    evidence = row[7]
    assert evidence.data_type == "s"
    assert evidence.value.startswith("=HYPERLINK(")
    assert evidence.quotePrefix
    formulas = [c.coordinate for ws in book.worksheets for r in ws.iter_rows() for c in r
                if c.data_type == "f"]
    assert formulas == []


def test_control_characters_do_not_stop_word_or_excel(catalogue, assessments):
    current = assessments[1].with_answer(catalogue.requirements[0].id, Answer(
        status=Status.MET, evidence=["policy\x0bpage\x00 4"], commentary="tab\there"))
    report = build_report(catalogue, current, generated_at=GENERATED_AT, as_of=AS_OF)
    assert any("policy␋page␀ 4" in line for line in docx_text(render_docx(report)))
    assert render_xlsx(report)


# Control characters: the one sanitiser, then every place text leaves the program ------------

ESCAPES = ("\x1b[31mRED\x1b[0m \x1b]8;;http://evil.example\x1b\\click\x1b]8;;\x1b\\ "
           "nul\x00 bel\x07 \u202eevil\u202c")
ESCAPES_SHOWN = "␛[31mRED␛[0m ␛]8;;http://evil.example␛\\click␛]8;;␛\\ nul␀ bel␇ �evil�"


def raw_controls(text: str) -> set[str]:
    """The characters in ``text`` that act rather than show (tab and line breaks are text)."""
    return {c for c in text
            if unicodedata.category(c) in ("Cc", "Cf", "Cs") and c not in "\t\n\r"}


@pytest.mark.parametrize(("text", "expected"), [
    (ESCAPES, ESCAPES_SHOWN),
    ("a\tb\nc\r\nd", "a\tb\nc\r\nd"),
    ("del\x7f c1\x9b nel\x85 lone\ud800 tag\U000e0041", "del␡ c1� nel� lone� tag�"),
    ("\u2066isolated\u2069 \u200fmark \u061carabic mark", "�isolated� �mark �arabic mark"),
    ("soft\u00adhyphen zero\u200bwidth \ufeffbom jo\u200din", "softhyphen zerowidth bom join"),
    ("plain £ “quoted” café 日本", "plain £ “quoted” café 日本"),
])
def test_visible_shows_controls_and_keeps_text(text, expected):
    assert visible(text) == expected


def test_visible_on_one_line_makes_tabs_and_line_breaks_spaces():
    assert visible("Jane\tOfficer\r\nHead\nof\rLegal\x0b", line_breaks=False) == \
        "Jane Officer Head of Legal␋"


def test_every_control_and_format_character_is_made_visible():
    acting = "".join(chr(code) for code in range(0x110000)
                     if raw_controls(chr(code)) or 0xFFFE <= code <= 0xFFFF)
    assert len(acting) > 300
    assert raw_controls(visible(acting)) == set()
    assert "\ufffe" not in visible(acting) and "\uffff" not in visible(acting)


def test_json_escapes_what_it_would_print_raw_and_loses_nothing():
    data = {"owner": ESCAPES + " c1\x9b lone\ud800 tag\U000e0041", "n": [1, None]}
    text = inert_json(data, indent=2)
    assert raw_controls(text) == set()
    assert "\\u202e" in text and "\\udb40\\udc41" in text
    assert json.loads(text) == data


def test_neutralise_makes_controls_visible_before_the_formula_check():
    assert neutralise("\x1b=1+1") == "␛=1+1"
    assert neutralise("=\x07") == "'=␇"


OWNER = "Head\tof\nLegal " + ESCAPES


@pytest.fixture(scope="module")
def controlled(catalogue, assessments):
    """The demo assessment with escape sequences, NUL, BEL and a right-to-left override in
    the council's name, an action's owner and description, evidence and commentary."""
    current = assessments[1]
    current = current.model_copy(update={
        "council": current.council.model_copy(update={"name": "Council " + ESCAPES}),
        "assessor": ESCAPES})
    gap_id = next(r.id for r in catalogue.requirements if current.status(r.id) is Status.NOT_MET)
    current = current.with_answer(gap_id, Answer(
        status=Status.NOT_MET, evidence=[ESCAPES], commentary=ESCAPES,
        action=Action(description="Fix " + ESCAPES, owner=OWNER, due=date(2026, 1, 1))))
    return current


@pytest.fixture(scope="module")
def controlled_report(catalogue, controlled):
    return build_report(catalogue, controlled, generated_at=GENERATED_AT, as_of=AS_OF)


def file_text(data: bytes) -> str:
    """A written file as text: Word and Excel by every XML part inside; entities decoded."""
    if data.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            data = b"".join(archive.read(name) for name in archive.namelist()
                            if name.endswith((".xml", ".rels")))
    return html.unescape(data.decode("utf-8"))


def shown_whole(text: str) -> bool:
    """The payload is there, made visible, not dropped (Markdown's backslashes aside)."""
    return ESCAPES_SHOWN.replace("\\", "") in text.replace("\\", "")


@pytest.mark.parametrize("file_name", [
    "r.md", "r.html", "r.docx", "r.xlsx", "r.csv", "form.html", "form.docx", "form.csv"])
def test_no_control_character_survives_raw_in_any_export(controlled_report, tmp_path,
                                                          file_name):
    format_name = "template" if file_name.startswith("form") else file_name.split(".")[1]
    text = file_text(export(controlled_report, format_name, tmp_path / file_name).read_bytes())
    assert raw_controls(text) == set()
    assert shown_whole(text)


def test_json_export_keeps_the_text_escaped_and_whole(controlled_report, tmp_path):
    text = export(controlled_report, "json", tmp_path / "r.json").read_text(encoding="utf-8")
    assert raw_controls(text) == set()
    assert json.loads(text)["title"]["council"] == "Council " + ESCAPES


@pytest.mark.parametrize("format_name", sorted(COHORT_FORMATS))
def test_no_control_character_survives_raw_in_the_cohort(catalogue, controlled, format_name):
    cohort = build_cohort([CohortEntry(catalogue, controlled)], generated_at=GENERATED_AT)
    rendered = COHORT_FORMATS[format_name](cohort)
    text = file_text(rendered if isinstance(rendered, bytes) else rendered.encode("utf-8"))
    assert raw_controls(text) == set()
    assert shown_whole(text)


def test_xlsx_sheet_names_from_owners_are_one_visible_line(controlled_report):
    book = openpyxl.load_workbook(io.BytesIO(render_xlsx(controlled_report)))
    assert "Head of Legal ␛ 31mRED␛ 0m ␛ 8;" in book.sheetnames
    assert all(raw_controls(name) == set() and not {"\t", "\n", "\r"} & set(name)
               for name in book.sheetnames)


@pytest.fixture
def controlled_file(catalogue, controlled, tmp_path):
    path = tmp_path / "controlled.yaml"
    save_assessment_file(controlled, path, catalogue)
    return path


@pytest.mark.parametrize("command", [("lint", "--as-of", "2026-06-01"), ("score",)])
def test_no_control_character_reaches_the_terminal(run_cli, controlled_file, command):
    status, out, err = run_cli(command[0], controlled_file, *command[1:])
    assert (status, err) == (0, "")
    assert raw_controls(out) == set()
    assert "␛[31mRED␛[0m" in out


def test_lint_json_keeps_the_owner_escaped_and_whole(run_cli, controlled_file):
    status, out, _ = run_cli("lint", controlled_file, "--as-of", "2026-06-01",
                             "--format", "json")
    assert status == 0
    assert raw_controls(out) == set()
    assert any(OWNER in finding["message"] for finding in json.loads(out))


def test_user_text_on_the_terminal_is_not_rich_markup(run_cli, tmp_path):
    rules = tmp_path / "rules.yaml"
    source = (Path(__file__).parents[2] / "code_rules" / "lgsco-2024.yaml").read_text("utf-8")
    before, _, after = source.rpartition("title: Exclusions")  # not the form's
    rules.write_text(before + 'title: "[see annex] [b]x[/b] \\e[31m"' + after, encoding="utf-8")
    status, out, _ = run_cli("rules", "validate", rules)
    assert status == 0
    assert "[see annex] [b]x[/b] ␛[31m" in out
    assert raw_controls(out) == set()


def test_an_error_line_shows_controls_and_stays_one_line(run_cli):
    status, _, err = run_cli("stats", "show", "--council", "Kent\x1b[31m\u202e\nCouncil")
    assert status == 1
    assert "Kent␛[31m� Council" in err
    assert raw_controls(err) == set() and err.count("\n") == 1
