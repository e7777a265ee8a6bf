"""The annual complaints report as a Word committee paper (python-docx). Layout only.

The gap report's document, tables, pictures and committee-paper parts (``word``), and the
published form as a landscape appendix (``template``). A chart comes just before the table of
the same figures: a portrait page has no room for the two side by side at a readable size.
"""

from __future__ import annotations

from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.shared import Pt

from code_check.report import word
from code_check.report.annual_layout import (
    Block,
    Bullets,
    Grid,
    Para,
    Subheading,
    annual_sections,
)
from code_check.report.annual_model import AnnualReport
from code_check.report.charts import png_bar_chart
from code_check.report.template import add_form_docx, title_of

SUBJECT = "Annual complaints performance and service improvement report"
CHART_WIDTH_CM = 14


def render_annual_docx(report: AnnualReport) -> bytes:
    doc = word.described_document(report.paper.title, subject=SUBJECT, author=report.council,
                                  created=report.generated_at,
                                  version=report.code_check_version)
    _title_page(doc, report)
    word.paper_opening(doc, report.paper)
    word.paper_closing(doc, report.paper)
    for section in annual_sections(report):
        word.heading(doc, section.heading, 1)
        for block in section.blocks:
            _block(doc, block)
    for number, form in enumerate(report.forms, 1):
        _landscape_page(doc)
        add_form_docx(doc, form, title=f"Appendix {number}: {title_of(form)}")
    return word.save(doc)


def _title_page(doc, report: AnnualReport) -> None:
    title = word.heading(doc, report.paper.title, 0)
    for run in title.runs:
        run.font.size = Pt(22)
    word.front_sheet(doc, report.paper)
    word.table(doc, None, [
        ["Council", report.council], ["Year", f"{report.year}, {report.period_text}"],
        ["Position as at", report.as_of_text],
        ["Produced by", f"code-check {report.code_check_version} on "
                        f"{report.generated_at_text}"],
    ], widths=[4.5, 12.5])


def _block(doc, block: Block) -> None:
    if isinstance(block, Para):
        word.paragraph(doc, block.text, bold_lead=block.lead)
    elif isinstance(block, Bullets):
        for line in block.lines:
            word.paragraph(doc, line, style="List Bullet")
    elif isinstance(block, Subheading):
        word.heading(doc, block.text, 2)
    else:
        _grid(doc, block)


def _grid(doc, grid: Grid) -> None:
    """The caption, the chart and the table, kept on one page where they fit."""
    word.paragraph(doc, "", bold_lead=grid.caption).paragraph_format.keep_with_next = True
    if grid.chart is not None:
        word.picture(doc, png_bar_chart(grid.chart.bars), CHART_WIDTH_CM,
                     f"{grid.chart.title}. {grid.chart.description}")
        doc.paragraphs[-1].paragraph_format.keep_with_next = True
    word.table(doc, grid.headers, grid.rows, widths=grid.widths)


def _landscape_page(doc) -> None:
    """A new page turned landscape, for the published form's five wide columns."""
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    if section.page_width < section.page_height:
        section.page_width, section.page_height = section.page_height, section.page_width
