"""The report as a Word committee paper (python-docx). Layout only.

Real Word headings and tables in the document's own styles, so a council can restyle and edit
it before it goes to committee; the readiness chart is a PNG with alternative text.
"""

from __future__ import annotations

import io
import math
import re
from datetime import datetime

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Pt

from code_check.report.charts import Bar, png_bar_chart
from code_check.report.inert import visible
from code_check.report.model import ActionItem, ComplaintLogSection, Report, StatisticsSection
from code_check.report.paper import CommitteePaper, Detail


def render_docx(report: Report) -> bytes:
    doc = new_document(report, paper_title(report))
    _title_page(doc, report)
    paper_opening(doc, report.paper)
    _summary(doc, report)
    _gaps(doc, report)
    _sections(doc, report)
    if report.complaint_log:
        _complaint_log(doc, report.complaint_log)
    _lint(doc, report)
    paper_closing(doc, report.paper)
    _actions(doc, report)
    if report.statistics:
        _statistics(doc, report.statistics)
    _appendix(doc, report)
    return save(doc)


# building blocks (shared with the published form) ------------------------------------------

def paper_title(report: Report) -> str:
    return f"{report.title.council}: Complaint Handling Code self-assessment"


def new_document(report: Report, title: str, *, landscape: bool = False):
    """A document described as the report's (its assessor or council, when made)."""
    t = report.title
    return described_document(
        title, subject="Complaint Handling Code self-assessment",
        author=t.assessor or t.council, created=t.generated_at,
        version=t.code_check_version, landscape=landscape)


def described_document(title: str, *, subject: str, author: str, created: datetime,
                       version: str, landscape: bool = False):
    """An A4 document in Arial, described as what it is (title, subject, author, date, British
    English), with the title in a running header and "Page X of Y" in the footer."""
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(11)
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2))
    _describe(doc, title, subject, author, created, version)
    _running_header(section, title)
    _page_numbers(section)
    return doc


LANGUAGE = "en-GB"


def _describe(doc, title: str, subject: str, author: str, created: datetime,
              version: str) -> None:
    """Document properties that say what the file is, instead of python-docx's own
    (author "python-docx", created in 2013, American English)."""
    properties = doc.core_properties
    properties.title = visible(title)
    properties.subject = subject
    properties.author = properties.last_modified_by = visible(author)
    properties.created = properties.modified = created
    properties.language = LANGUAGE
    properties.comments = f"Produced by code-check {version}"
    properties.keywords = ""
    for language in doc.styles.element.iter(qn("w:lang")):
        language.set(qn("w:val"), LANGUAGE)


def _running_header(section, title: str) -> None:
    header = section.header.paragraphs[0]
    header.add_run(visible(title)).font.size = Pt(9)


def _page_numbers(section) -> None:
    """ "Page X of Y" from Word's PAGE and NUMPAGES fields, so it stays right after edits."""
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for piece in ("Page ", "PAGE", " of ", "NUMPAGES"):
        if piece.isupper():
            _field(footer, piece)
        else:
            footer.add_run(piece)
    for run in footer.runs:
        run.font.size = Pt(9)


def _field(para, instruction: str) -> None:
    """A Word field: its code, then a value shown until Word or LibreOffice updates it."""
    _field_mark(para, "begin")
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    para.add_run()._r.append(code)
    _field_mark(para, "separate")
    para.add_run("1")
    _field_mark(para, "end")


def _field_mark(para, kind: str) -> None:
    mark = OxmlElement("w:fldChar")
    mark.set(qn("w:fldCharType"), kind)
    para.add_run()._r.append(mark)


def save(doc) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def heading(doc, text: str, level: int):
    return doc.add_heading(visible(text), level=level)


def paragraph(doc, text: str, *, bold_lead: str | None = None, style: str | None = None):
    para = doc.add_paragraph(style=style)
    if bold_lead:
        para.add_run(visible(bold_lead)).bold = True
    para.add_run(visible(text))
    return para


def table(doc, headers: list[str] | None, rows: list[list[str]], *,
          widths: list[float] | None = None, font_size: float | None = None):
    """A grid table whose header row (if any) is bold and repeats on every page, whose rows
    never split over two pages, whose columns fit their longest word and whose number columns
    are right-aligned."""
    columns = len(headers) if headers else len(rows[0])
    grid = doc.add_table(rows=0, cols=columns)
    grid.style = "Table Grid"
    _cell_margins(grid)
    if headers:
        header = grid.add_row()
        _repeat_as_header(header)
        for cell, text in zip(header.cells, headers, strict=True):
            cell.paragraphs[0].add_run(visible(text)).bold = True
    for row in rows:
        cells = grid.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = visible(text)
        if not headers:
            cells[0].paragraphs[0].runs[0].bold = True
    for row in grid.rows:
        for column in number_columns(rows):
            row.cells[column].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if font_size:
        for row in grid.rows:
            for cell in row.cells:
                for run in (r for p in cell.paragraphs for r in p.runs):
                    run.font.size = Pt(font_size)
    _set_widths(grid, fitted_widths(widths or _even_widths(doc, columns),
                                    [headers or [], *rows], font_size or 11))
    keep_rows_whole(doc, grid, font_size or 11)
    doc.add_paragraph()
    return grid


_NUMBER = re.compile(r"[-+−]?\d[\d,]*(\.\d+)?%?( of \d[\d,]*(\.\d+)?)?( \(.*\))?")
_NO_FIGURE = {"", "–", "-", "nothing measured", "not published"}


def number_columns(rows: list[list[str]]) -> list[int]:
    """Columns after the first (which names the row, ids such as 6.2 included) whose cells are
    all numbers, or say there is none."""
    return [column for column in range(1, len(rows[0]) if rows else 0)
            if all(_NUMBER.fullmatch(row[column]) or row[column] in _NO_FIGURE for row in rows)
            and any(_NUMBER.fullmatch(row[column]) for row in rows)]


# Arial's advance widths as a share of the font size, by kind of character, a little generous
_NARROW, _WIDE = set("fijlrtI.,;:'!()[]/|- "), set("mwMW%@")
_CELL_PADDING_CM = 0.45  # the 100-twip cell margins each side, and room for rounding
_LONGEST_FITTED = 20  # longer words (web addresses) wrap wherever the column ends
_POINT_CM = 2.54 / 72


def word_width_cm(word: str, size_pt: float) -> float:
    """How wide ``word`` prints in bold Arial at ``size_pt``, near enough to size a column."""
    return _text_width_cm(word, size_pt) + _CELL_PADDING_CM


def _text_width_cm(text: str, size_pt: float) -> float:
    ems = sum(0.3 if c in _NARROW else 0.9 if c in _WIDE else 0.72 if c.isupper() else 0.58
              for c in text)
    return ems * size_pt * _POINT_CM


def fitted_widths(widths: list[float], rows: list[list[str]], size_pt: float) -> list[float]:
    """``widths`` moved so each column holds its longest word unbroken ("Complete", not
    "Complet e"), taken from the columns with most room to spare; the total is kept."""
    needs = [max((word_width_cm(word, size_pt) for row in rows if row
                  for word in row[column].split() if len(word) <= _LONGEST_FITTED), default=0)
             for column in range(len(widths))]
    fitted = list(widths)
    for column, need in enumerate(needs):
        while fitted[column] < need:
            spare = max(range(len(fitted)), key=lambda c: fitted[c] - needs[c])
            room = min(need - fitted[column], fitted[spare] - needs[spare])
            if room <= 0:
                break
            fitted[spare] -= room
            fitted[column] += room
    return fitted


def _even_widths(doc, columns: int) -> list[float]:
    section = doc.sections[-1]
    usable = section.page_width - section.left_margin - section.right_margin
    return [Emu(usable).cm / columns] * columns


_BULLET_AND_PADDING_CM = 1.1
_HEADER_AND_FOOTER_CM = 2.5


def keep_rows_whole(doc, grid, size_pt: float = 11) -> None:
    """Each row that fits on a page moves whole to the next page rather than split; a row
    taller than a page is left to split, as kept whole its end would be cut off."""
    section = doc.sections[-1]
    page_cm = (Emu(section.page_height - section.top_margin - section.bottom_margin).cm
               - _HEADER_AND_FOOTER_CM)
    for row in grid.rows:
        height = max(_cell_height_cm(cell, size_pt) for cell in row.cells)
        _row_property(row, "w:cantSplit", on=height < page_cm)


def _cell_height_cm(cell, size_pt: float) -> float:
    """A generous guess at a cell's printed height: its paragraphs' lines, wrapped."""
    room = max(Emu(cell.width).cm - _BULLET_AND_PADDING_CM, 1)
    lines = sum(max(1, math.ceil(_text_width_cm(para.text, size_pt) / room))
                for para in cell.paragraphs)
    return lines * size_pt * 1.25 * _POINT_CM


def _set_widths(grid, widths: list[float]) -> None:
    grid.autofit = False
    for column, width in zip(grid.columns, widths, strict=True):
        column.width = Cm(width)
    for row in grid.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Cm(width)


def picture(doc, png: bytes, width_cm: float, description: str) -> None:
    """An image with alternative text, for screen readers and Word's accessibility checker."""
    run = doc.add_paragraph().add_run()
    inline = run.add_picture(io.BytesIO(png), width=Cm(width_cm))
    inline._inline.docPr.set("descr", visible(description))
    inline._inline.docPr.set("title", visible(description.split(".")[0]))


def linked_lines(cell, lines: list[list[tuple[str, bool]]], *, bullets: bool = True) -> None:
    """Lines in a table cell, one paragraph each (a bulleted list when ``bullets``), their web
    addresses real hyperlinks; each line comes as (piece, is a web address) pieces."""
    if not lines:
        cell.paragraphs[0].add_run("–")
        return
    for number, pieces in enumerate(lines):
        para = cell.paragraphs[0] if number == 0 else cell.add_paragraph()
        if bullets:
            para.style = "List Bullet"
        for piece, is_link in pieces:
            if is_link:
                _hyperlink(para, piece)
            else:
                para.add_run(visible(piece))


def _hyperlink(para, address: str) -> None:
    """A web address as a Word hyperlink: blue, underlined, opening the address."""
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), para.part.relate_to(address, RT.HYPERLINK, is_external=True))
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    for tag, value in (("w:color", "1D4F91"), ("w:u", "single")):
        element = OxmlElement(tag)
        element.set(qn("w:val"), value)
        properties.append(element)
    run.append(properties)
    text = OxmlElement("w:t")
    text.text = visible(address)
    run.append(text)
    link.append(run)
    para._p.append(link)


def _cell_margins(grid) -> None:
    """A little space inside every cell, so text does not touch the borders."""
    margins = OxmlElement("w:tblCellMar")
    for side, twips in (("top", 40), ("left", 100), ("bottom", 40), ("right", 100)):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), str(twips))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    grid._tbl.tblPr.append(margins)


def _repeat_as_header(row) -> None:
    _row_property(row, "w:tblHeader", on=True)


def _row_property(row, tag: str, *, on: bool) -> None:
    """Set or clear a row's on/off property (once, however often it is called)."""
    properties = row._tr.get_or_add_trPr()
    marker = properties.find(qn(tag))
    if on and marker is None:
        marker = OxmlElement(tag)
        marker.set(qn("w:val"), "true")
        properties.append(marker)
    elif not on and marker is not None:
        properties.remove(marker)


def _provision(id: str, provisional: bool) -> str:
    return f"{id} (provisional id)" if provisional else id


def _action_text(action: ActionItem | None) -> str:
    if action is None:
        return "None recorded"
    return f"{action.description} (owner: {action.owner}; due: {action.due_text}; {action.state})"


# parts --------------------------------------------------------------------------------------

def _title_page(doc, report: Report) -> None:
    t = report.title
    title = heading(doc, report.paper.title, 0)
    for run in title.runs:
        run.font.size = Pt(22)  # the front sheet, summary and headline figures fit page 1
    front_sheet(doc, report.paper)
    table(doc, None, [
        ["Council", f"{t.council} ({t.authority_type})"],
        ["Assessed on", t.assessed_on_text],
        ["Assessor", t.assessor or "Not recorded"],
        ["Assessed against", f"{t.catalogue_title}, {t.catalogue_publisher}, version "
                             f"{t.catalogue_version} (catalogue {t.catalogue_id})"],
        ["Position as at", t.as_of_text],
        ["Produced by", f"code-check {t.code_check_version} on {t.generated_at_text}"],
    ], widths=[4.5, 12.5])
    s = report.summary
    summary = paragraph(doc, f"{s.score_text}, {s.band} ({s.points}); {s.gap_words}.",
                        bold_lead="Readiness: ")
    for run in summary.runs:
        run.font.size = Pt(14)
    _at_a_glance(doc, report)


def front_sheet(doc, paper: CommitteePaper) -> None:
    """Meeting, author, contact and status; a missing one a highlighted field to complete."""
    grid = table(doc, None, [[d.label.capitalize(), d.text] for d in paper.front_sheet],
                 widths=[4.5, 12.5])
    for row, detail in zip(grid.rows, paper.front_sheet, strict=True):
        _mark_if_missing(row.cells[1].paragraphs[0].runs[-1], detail)


def _mark_if_missing(run, detail: Detail) -> None:
    if detail.value is None:
        run.bold = True
        run.font.highlight_color = WD_COLOR_INDEX.YELLOW


def paper_opening(doc, paper: CommitteePaper) -> None:
    heading(doc, "Purpose", 1)
    paragraph(doc, paper.purpose)
    heading(doc, "Recommendations", 1)
    paragraph(doc, "The committee is recommended to:")
    for recommendation in paper.recommendations:
        paragraph(doc, recommendation, style="List Number")
    heading(doc, "Background", 1)
    for line in paper.background:
        paragraph(doc, line)


def paper_closing(doc, paper: CommitteePaper) -> None:
    heading(doc, "Implications", 1)
    paragraph(doc, paper.legal, bold_lead="Legal: ")
    paragraph(doc, paper.equality, bold_lead="Equality: ")
    paragraph(doc, paper.risk, bold_lead="Risk: ")
    financial = paragraph(doc, paper.financial.text, bold_lead="Financial: ")
    _mark_if_missing(financial.runs[-1], paper.financial)
    heading(doc, "Background papers", 1)
    for line in paper.background_papers:
        paragraph(doc, line, style="List Bullet")
    heading(doc, "Appendices", 1)
    for line in paper.appendices:
        paragraph(doc, line, style="List Bullet")


def _at_a_glance(doc, report: Report) -> None:
    """Page 1: the dates that judged, overdue actions, contradicted answers, the figures."""
    s = report.summary
    for line in s.as_at:
        paragraph(doc, line)
    paragraph(doc, f"{s.overdue_words}.", bold_lead="Overdue actions: ")
    for action in s.overdue_actions:
        paragraph(doc, f"{_provision(action.requirement_id, action.provisional)}: "
                  f"{_action_text(action)}", style="List Bullet")
    if s.contradictions:
        paragraph(doc, str(len(s.contradictions)),
                  bold_lead="Answers the complaint log contradicts: ")
        for finding in s.contradictions:
            paragraph(doc, f"{finding.requirement_id}: {finding.message}", style="List Bullet")
    if s.statistics_headline:
        paragraph(doc, "", bold_lead="The Ombudsman's statistics:")
        for line in s.statistics_headline:
            paragraph(doc, line, style="List Bullet")


def _summary(doc, report: Report) -> None:
    s = report.summary
    heading(doc, "Key findings", 1)
    paragraph(doc, f"{s.score_text}, {s.band} ({s.points}).", bold_lead="Readiness: ")
    paragraph(doc, s.band_meaning or "not described", bold_lead="What the band means: ")
    paragraph(doc, f"{s.coverage_text} ({s.answered}).", bold_lead="Coverage: ")
    paragraph(doc, f"{s.gap_words}.", bold_lead="Gaps: ")
    if s.musts_blocking:
        paragraph(doc, ", ".join(s.musts_blocking),
                  bold_lead="Legal duties (must) that keep the council from “Ready”: ")
    table(doc, ["Severity", "Number of gaps"],
          [[g.label, str(g.count)] for g in s.gaps_by_severity], widths=[12, 5])
    if s.change:
        c = s.change
        heading(doc, "Change since the previous assessment", 2)
        paragraph(doc, f"{c.in_words}.")
        table(doc, ["Change", "Number", "Provisions"], [
            ["Improved", str(len(c.improved)), ", ".join(c.improved) or "none"],
            ["Regressed", str(len(c.regressed)), ", ".join(c.regressed) or "none"],
            ["Newly assessed", str(len(c.newly_assessed)), ", ".join(c.newly_assessed) or "none"],
        ], widths=[3.5, 2, 11.5])


def _gaps(doc, report: Report) -> None:
    heading(doc, "Gaps, worst first", 1)
    if not report.gaps:
        paragraph(doc, "No gaps: every applicable provision is met.")
        return
    paragraph(doc, f"{report.summary.gap_words}; legal duties (must) first, then the worst "
              "status, then in the Code's order.")
    for gap in report.gaps:
        heading(doc, f"{gap.rank}. {_provision(gap.id, gap.provisional)} {gap.short_title}",
                2)
        paragraph(doc, f"{gap.status_mark} {gap.status_label}; {gap.obligation_label}; "
                  f"section {gap.section}, {gap.section_title}.", bold_lead="Status: ")
        paragraph(doc, gap.text)
        paragraph(doc, "; ".join(gap.evidence) or "None recorded", bold_lead="Evidence: ")
        paragraph(doc, gap.commentary or "None", bold_lead="Commentary: ")
        paragraph(doc, _action_text(gap.action), bold_lead="Action: ")


def _actions(doc, report: Report) -> None:
    heading(doc, "Action plan", 1)
    if not report.actions:
        paragraph(doc, "No actions recorded.")
        return
    table(doc, ["Provision", "Action", "Owner", "Due", "State"],
          [[_provision(a.requirement_id, a.provisional), "\n".join(a.with_progress), a.owner,
            a.due_text, f"⚠ {a.state}" if a.overdue else a.state] for a in report.actions],
          widths=[4.4, 5.2, 2.8, 2.4, 2.2])


CHART_WIDTH_CM = 16  # the full width of a portrait A4 page inside its margins


def _sections(doc, report: Report) -> None:
    heading(doc, "Readiness by section", 1)
    picture(doc, png_bar_chart([Bar(f"{s.id}. {s.title}", s.score, s.score_text)
                                for s in report.sections]),
            CHART_WIDTH_CM, "Bar chart of readiness by section, 0 to 100%. " + "; ".join(
                f"section {s.id}, {s.title}: {s.score_text}" for s in report.sections) + ".")
    table(doc, ["Section", "Title", "Readiness", "Weighted points", "Answered"],
          [[s.id, s.title, s.score_text, s.weighted_points, s.answered] for s in report.sections],
          widths=[2, 6, 2.4, 3.6, 3])


def _complaint_log(doc, log: ComplaintLogSection) -> None:
    heading(doc, "Complaint handling performance", 1)
    paragraph(doc, f"From the council's complaint log: {log.cases} complaints received "
              f"{log.period_text}, measured as at {log.as_of_text}.")
    picture(doc, png_bar_chart([Bar(s.label, s.on_time_pct, s.on_time_text)
                                for s in log.stages]),
            CHART_WIDTH_CM, "Bar chart of complaints handled on time at each step. " + "; ".join(
                f"{s.label}: {s.on_time_text}" for s in log.stages) + ".")
    table(doc, ["Step", "Code limit", "Measured", "On time", "Late", "On time (%)"],
          [[s.label, s.limit_text, str(s.measured), str(s.on_time), str(s.late),
            s.on_time_text] for s in log.stages], widths=[3.8, 4.4, 2.4, 2, 1.8, 2.6])
    if log.trend:
        heading(doc, "Month by month", 2)
        table(doc, ["Month", "Complaints", "Stage 1 responses on time",
                    "Stage 2 responses on time"],
              [[m.month_text, str(m.cases), m.stage1_response_text, m.stage2_response_text]
               for m in log.trend], widths=[4, 3, 5, 5])
    for note in log.notes:
        paragraph(doc, note, style="List Bullet")


def _statistics(doc, stats: StatisticsSection) -> None:
    heading(doc, "The Ombudsman's statistics", 1)
    paragraph(doc, f"{stats.council}, {stats.latest_year}, beside the published average for "
              "similar authorities.")
    table(doc, ["Figure", "Council", "Average", "Compared", "Rests on"],
          [[f.figure, f.value_text, f.average_text, f"{f.mark} {f.comparison}", f.rests_on]
           for f in stats.headline])
    heading(doc, f"Complaints and enquiries, {stats.latest_year}", 2)
    table(doc, ["Figure", "Number"], [[c.label, c.count_text] for c in stats.breakdown],
          widths=[12, 5])
    heading(doc, "Year by year", 2)
    table(doc, stats.year_headings, stats.years, font_size=9.5,
          widths=[1.8, 2.4, 1.7, 3, 2.6, 2.6, 2.9])
    if stats.notes:
        heading(doc, "Read these figures with care", 2)
        for note in stats.notes:
            paragraph(doc, note, style="List Bullet")
    if stats.warnings:
        heading(doc, "Figures that do not add up", 2)
        for warning in stats.warnings:
            paragraph(doc, warning, style="List Bullet")


def _lint(doc, report: Report) -> None:
    heading(doc, "Checks on the answers", 1)
    if not report.lint:
        paragraph(doc, "No findings: the answers are consistent.")
        return
    table(doc, ["Severity", "Provision", "Finding"],
          [[f.severity.capitalize(), f.requirement_id or "Whole assessment", f.message]
           for f in report.lint], widths=[2.5, 3.5, 11])


def _appendix(doc, report: Report) -> None:
    heading(doc, "Appendix: the full self-assessment", 1)
    paragraph(doc, report.provisional_note)
    table(doc, ["Provision", "Requirement", "Status", "Evidence, commentary and action"],
          [[f"{_provision(r.id, r.provisional)}\n{r.obligation_label}", r.text,
            f"{r.status_mark} {r.status_label}",
            "\n".join([*r.evidence, *([r.commentary] if r.commentary else []),
                       *([f"Action: {_action_text(r.action)}"] if r.action else [])]) or "–"]
           for r in report.appendix], widths=[2.8, 7, 2.6, 4.6])
