"""The Word files as Word reads them: properties, running header, page numbers, tables."""

from __future__ import annotations

import io
from datetime import datetime

import docx
import pytest
from docx.oxml.ns import qn

from code_check.report import word
from code_check.report.template import render_template_docx, title_of
from code_check.report.word import paper_title, render_docx

from . import demo_inputs


@pytest.fixture(scope="module", params=["report", "template"])
def written(request, report):
    """(the report, the Word file read back, its title) for each Word file code-check writes."""
    if request.param == "report":
        return report, docx.Document(io.BytesIO(render_docx(report))), paper_title(report)
    return (report, docx.Document(io.BytesIO(render_template_docx(report))),
            title_of(report))


def test_properties_describe_the_assessment(written):
    report, document, title = written
    properties = document.core_properties
    assert properties.title == title
    assert properties.author == properties.last_modified_by == report.title.assessor
    assert properties.created == demo_inputs.GENERATED_AT
    assert properties.language == "en-GB"
    assert "python-docx" not in " ".join(
        str(value) for value in (properties.author, properties.comments, properties.title))


def test_styles_speak_british_english(written):
    _, document, _ = written
    languages = [e.get(qn("w:val")) for e in document.styles.element.iter(qn("w:lang"))]
    assert languages and set(languages) == {"en-GB"}


def test_every_page_has_a_running_header_and_page_x_of_y(written):
    report, document, _ = written
    section = document.sections[0]
    assert report.title.council in section.header.paragraphs[0].text
    assert "self-assessment" in section.header.paragraphs[0].text
    footer = section.footer.paragraphs[0]._p
    codes = [code.text.strip() for code in footer.iter(qn("w:instrText"))]
    assert codes == ["PAGE", "NUMPAGES"]
    assert "".join(t.text for t in footer.iter(qn("w:t"))).startswith("Page 1 of 1")


def test_author_falls_back_to_the_council_without_an_assessor(report):
    unsigned = report.model_copy(
        update={"title": report.title.model_copy(update={"assessor": None})})
    properties = docx.Document(io.BytesIO(render_docx(unsigned))).core_properties
    assert properties.author == report.title.council
    assert isinstance(properties.created, datetime)


def test_table_rows_never_split_and_headers_repeat(written):
    _, document, _ = written
    repeated = [table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
                for table in document.tables]
    assert any(repeated)
    for table in document.tables:
        assert all(_kept_whole(row) or _longer_than_a_page(row) for row in table.rows)
        assert all(row._tr.trPr.find(qn("w:tblHeader")) is None for row in table.rows[1:])


def _kept_whole(row) -> bool:
    return row._tr.trPr.find(qn("w:cantSplit")) is not None


def _longer_than_a_page(row) -> bool:
    """Near enough: a row with no cell of over 600 characters fits on a page."""
    return max(len(cell.text) for cell in row.cells) > 600


def test_a_row_taller_than_a_page_may_split_the_rest_may_not(report):
    """Kept whole, a row taller than a page would lose its end (LibreOffice cuts it off)."""
    doc = word.new_document(report, "t")
    grid = word.table(doc, ["Evidence"], [["short"], ["a long line of evidence " * 400]])
    assert [_kept_whole(row) for row in grid.rows] == [True, True, False]


def test_columns_fit_their_longest_word():
    narrow = [3.0, 1.0]
    fitted = word.fitted_widths(narrow, [["Action", "State"], ["Write it", "Complete"]], 11)
    assert fitted[1] >= word.word_width_cm("Complete", 11)
    assert sum(fitted) == pytest.approx(sum(narrow))
    assert word.fitted_widths([4.0, 4.0], [["a", "b"]], 11) == [4.0, 4.0]


def test_number_columns_are_right_aligned_ids_are_not():
    rows = [["6.2", "93.7%", "300", "5 working days"], ["6.4", "nothing measured", "12", "x"]]
    assert word.number_columns(rows) == [1, 2]
    assert word.number_columns([["1", "Exclusions", "7.5 of 8", "83% (above 77%)"]]) == [2, 3]
