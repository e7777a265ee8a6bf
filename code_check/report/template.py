"""The LGSCO's published self-assessment form: the table councils put on their website.

Code section | What the Code expects | Do we follow the Code? | Evidence | Explanations and
commentary; ten rows (section 6 split into 6a, stage 1, and 6b, stage 2), or one row per
provision. As HTML for the website, DOCX to edit, or CSV. Layout only: the answers come from
``model.row_answer``.
"""

from __future__ import annotations

import csv
import io

from code_check.report import html as page_html
from code_check.report import word
from code_check.report.inert import html_text as e
from code_check.report.inert import neutralise
from code_check.report.model import Report, TemplateRowAnswer

COLUMNS = ("Code section", "What the Code expects", "Do we follow the Code?", "Evidence",
           "Explanations and commentary")


def rows_of(report: Report, *, provision_level: bool) -> list[TemplateRowAnswer]:
    return report.template_provisions if provision_level else report.template


def title_of(report: Report) -> str:
    return f"{report.title.council}: Complaint Handling Code self-assessment"


def intro_of(report: Report) -> str:
    t = report.title
    return (f"Self-assessment against the {t.catalogue_publisher}'s {t.catalogue_title} "
            f"({t.catalogue_version}), completed on {t.assessed_on_text}. “Partly” means some, "
            "but not all, of the Code's provisions in that row are met.")


def render_template_html(report: Report, *, provision_level: bool = False) -> str:
    t = report.title
    rows = rows_of(report, provision_level=provision_level)
    grid = page_html.table(
        "Do we follow the Complaint Handling Code?", list(COLUMNS),
        [[e(row.section), e(row.expects), f"<strong>{e(row.answer)}</strong>",
          _lines(row.evidence), _lines(row.commentary)] for row in rows], css_class="form")
    return page_html.page(
        title=title_of(report),
        header=f'<p class="subtitle">Complaint Handling Code self-assessment</p>'
               f"<h1>{e(t.council)}</h1>",
        nav="",
        main=f"<p>{e(intro_of(report))}</p>"
             + (f'<p class="note">{e(report.provisional_note)}</p>' if provision_level else "")
             + grid,
        footer=f"<p>Produced by code-check {e(t.code_check_version)} on "
               f"{e(t.generated_at_text)}.</p>",
        version=t.code_check_version,
    )


def render_template_docx(report: Report, *, provision_level: bool = False) -> bytes:
    doc = word.new_document(landscape=True)
    word.heading(doc, title_of(report), 1)
    word.paragraph(doc, intro_of(report))
    if provision_level:
        word.paragraph(doc, report.provisional_note)
    word.table(doc, list(COLUMNS),
               [[row.section, row.expects, row.answer, "\n".join(row.evidence) or "–",
                 "\n".join(row.commentary) or "–"]
                for row in rows_of(report, provision_level=provision_level)],
               widths=[4, 6.5, 3, 6.5, 5.7])
    return word.save(doc)


def render_template_csv(report: Report, *, provision_level: bool = False) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows_of(report, provision_level=provision_level):
        writer.writerow(neutralise(cell) for cell in (
            row.section, row.expects, row.answer, "\n".join(row.evidence),
            "\n".join(row.commentary)))
    return out.getvalue()


def _lines(items: list[str]) -> str:
    if not items:
        return "–"
    return '<ul class="cell-list">' + "".join(f"<li>{e(item)}</li>" for item in items) + "</ul>"
