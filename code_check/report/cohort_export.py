"""The cohort report as HTML, Markdown or XLSX. Layout only.

The heat-map is a table: every cell prints its percentage, and the shade only repeats it
(with a legend), so it reads without colour and on a screen reader.
"""

from __future__ import annotations

from collections.abc import Callable

from openpyxl.styles import PatternFill

from code_check.report import html as page_html
from code_check.report.cohort import Cohort
from code_check.report.inert import html_text as e
from code_check.report.inert import markdown_text as md
from code_check.report.markdown import table as md_table

HEAT_COLOURS = {4: "c8e6c9", 3: "e8f1c4", 2: "fde9b8", 1: "f8d3cf", 0: "eeeeee"}
HEAT_CSS = "".join(
    f".heat-{level} {{ background: #{colour}; color: #1a1a1a; print-color-adjust: exact; "
    "-webkit-print-color-adjust: exact; }\n" for level, colour in HEAT_COLOURS.items())
TITLE = "Complaint Handling Code readiness: councils side by side"


def render_cohort_html(cohort: Cohort) -> str:
    overview = page_html.table(
        "Each council's latest assessment and its progress since the one before",
        ["Council", "Type", "Assessed on", "Readiness", "Band", "Coverage", "Gaps",
         "Previous assessment", "Progress"],
        [[e(c.council), e(c.authority_type), e(c.assessed_on_text), e(c.score_text),
          e(c.band), e(c.coverage_text), str(c.gaps), e(_previous(c)), e(c.progress)]
         for c in cohort.councils], numeric={3, 5, 6})
    heat = _heat_table(cohort)
    legend = "".join(f'<li><span class="heat-{level} swatch">{e(text)}</span></li>'
                     for level, text in cohort.legend)
    sections = [
        ("overview", "Readiness and progress", overview),
        ("heat-map", "Readiness by section", (
            "<p>Each cell gives the section's readiness; the shade repeats the figure in "
            "four steps.</p>" + heat
            + f'<ul class="legend" aria-label="Shades used">{legend}</ul>')),
        ("sections", "The Code's sections", "<ol class=\"plain\">" + "".join(
            f"<li>{e(s.id)}. {e(s.title)}</li>" for s in cohort.sections) + "</ol>"),
    ]
    return page_html.page(
        title=TITLE,
        header=f"<h1>{e(TITLE)}</h1><p>{e(cohort.scope)}</p>",
        nav=page_html.contents([(a, h) for a, h, _ in sections]),
        main="\n".join(page_html.section(a, h, body) for a, h, body in sections),
        footer=f"<p>Produced by code-check {e(cohort.code_check_version)} on "
               f"{e(cohort.generated_at_text)}.</p>",
        version=cohort.code_check_version,
    ).replace("</style>", HEAT_CSS + ".swatch { padding: 0 0.5rem; border: 1px solid #767676; }"
              " ul.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap;"
              " gap: 0.75rem; } ol.plain { padding-left: 0; list-style: none; }</style>", 1)


def _heat_table(cohort: Cohort) -> str:
    head = "".join(f'<th scope="col" class="number"><abbr title="{e(s.title)}">Section '
                   f"{e(s.id)}</abbr></th>" for s in cohort.sections)
    rows = []
    for council in cohort.councils:
        cells = "".join(f'<td class="number heat-{c.level}">{e(c.score_text)}</td>'
                        for c in council.cells)
        rows.append(f'<tr><th scope="row">{e(council.council)}</th>{cells}'
                    f'<td class="number">{e(council.score_text)}</td></tr>')
    caption = "Readiness by section, council by council (heat-map)"
    return page_html.scrolling(caption, (
        f"<table><caption>{e(caption)}</caption>"
        f'<thead><tr><th scope="col">Council</th>{head}'
        '<th scope="col" class="number">Overall</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"))


def _previous(council) -> str:
    if council.previous_assessed_on_text is None:
        return "none"
    return f"{council.previous_score_text} on {council.previous_assessed_on_text}"


def render_cohort_markdown(cohort: Cohort) -> str:
    parts = [
        f"# {TITLE}",
        f"{cohort.scope} Produced by "
        f"code-check {cohort.code_check_version} on {cohort.generated_at_text}.",
        "## Readiness and progress",
        md_table(["Council", "Type", "Assessed on", "Readiness", "Band", "Coverage", "Gaps",
                  "Previous assessment", "Progress"],
                 [[c.council, c.authority_type, c.assessed_on_text, c.score_text, c.band,
                   c.coverage_text, c.gaps, _previous(c), c.progress]
                  for c in cohort.councils]),
        "## Readiness by section",
        md_table(["Council", *[f"Section {s.id}" for s in cohort.sections], "Overall"],
                 [[c.council, *[cell.score_text for cell in c.cells], c.score_text]
                  for c in cohort.councils]),
        "## The Code's sections",
        "\n".join(f"- Section {md(s.id)}: {md(s.title)}" for s in cohort.sections),
    ]
    return "\n\n".join(parts) + "\n"


def render_cohort_xlsx(cohort: Cohort) -> bytes:
    from openpyxl import Workbook

    from code_check.report.spreadsheet import filtered, header, save, write_row

    book = Workbook()
    headings = [TITLE, cohort.scope]
    overview = book.worksheets[0]  # a new workbook's one sheet
    overview.title = "Readiness and progress"
    columns = (("Council", 34), ("Type", 20), ("Assessed on", 13), ("Readiness (%)", 13),
               ("Band", 18), ("Coverage (%)", 13), ("Gaps", 8), ("Previous assessed on", 13),
               ("Previous readiness (%)", 13), ("Change (points)", 14), ("Progress", 22))
    first = header(overview, headings, columns)
    for row, c in enumerate(cohort.councils, start=first):
        write_row(overview, row, [
            c.council, c.authority_type, c.assessed_on, c.score, c.band, c.coverage, c.gaps,
            c.previous_assessed_on, c.previous_score, c.score_change, c.progress])
        for column in (4, 6, 9, 10):
            overview.cell(row=row, column=column).number_format = "0.0"
    filtered(overview, columns, first, len(cohort.councils))
    heat = book.create_sheet("Readiness by section")
    first = header(heat, headings, (("Council", 34),
                                    *[(f"Section {s.id} (%)", 13) for s in cohort.sections],
                                    ("Overall (%)", 12)))
    for row, c in enumerate(cohort.councils, start=first):
        write_row(heat, row, [c.council, *[cell.score for cell in c.cells], c.score])
        for column in range(2, len(c.cells) + 3):
            heat.cell(row=row, column=column).number_format = "0.0"
        for column, cell in enumerate(c.cells, start=2):
            heat.cell(row=row, column=column).fill = PatternFill(
                "solid", fgColor=HEAT_COLOURS[cell.level])
    return save(book)


COHORT_FORMATS: dict[str, Callable[[Cohort], str | bytes]] = {
    "html": render_cohort_html,
    "md": render_cohort_markdown,
    "xlsx": render_cohort_xlsx,
}
