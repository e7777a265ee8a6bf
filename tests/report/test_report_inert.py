"""Exports that cannot bite (DESIGN 9): typed text stays text in every format."""

from __future__ import annotations

import io

import openpyxl
import pytest

from code_check.assessment import Answer, Status
from code_check.report.csv_export import render_csv
from code_check.report.html import render_html
from code_check.report.inert import markdown_text, neutralise, starts_like_formula
from code_check.report.markdown import render_markdown
from code_check.report.model import build_report
from code_check.report.spreadsheet import render_xlsx
from code_check.report.template import render_template_csv, render_template_html
from code_check.report.word import render_docx

from .conftest import AS_OF, GENERATED_AT
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
    assert markdown_text("<b>a</b> & *b* | c\nd") == r"&lt;b&gt;a&lt;/b&gt; &amp; \*b\* \| c d"


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
    assert next(r for r in form if r[0].split()[0] == gap_id)[3].startswith("'=HYPERLINK(")


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
    assert any("policypage 4" in line for line in docx_text(render_docx(report)))
    assert render_xlsx(report)
