"""The annual complaints report as one self-contained, accessible HTML page. Layout only.

The gap report's page, blocks and committee-paper parts (``html``), the published form as the
appendix (``template``); every figure and text comes from the model, escaped by ``e``. A chart
goes beside a table of three columns where the screen is wide enough (a narrow chart, its
labels cut: the table beside it gives them whole), and above a wider table, which needs the
page's width.
"""

from __future__ import annotations

from dataclasses import replace

from code_check.report import html
from code_check.report.annual_layout import (
    Block,
    Bullets,
    Grid,
    Para,
    Section,
    Subheading,
    annual_sections,
)
from code_check.report.annual_model import AnnualReport
from code_check.report.charts import svg_bar_chart
from code_check.report.inert import html_text as e
from code_check.report.template import form_html, title_of

# A chart and its table side by side, each at least 20rem wide (so stacked on a phone).
SIDE_BY_SIDE = ("display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 20rem), "
                "1fr)); gap: 1rem; align-items: start")
BESIDE_WIDTHS = (200, 180, 100)  # a chart beside a table: label, bar and value widths
BESIDE_LABEL = 28  # characters of a label that fit its width
ABOVE = "max-width: 48rem"


def render_annual_html(report: AnnualReport) -> str:
    paper = report.paper
    sections = [
        ("purpose", "Purpose", f"<p>{e(paper.purpose)}</p>"),
        ("recommendations", "Recommendations", html.recommendations(paper)),
        ("background", "Background", "".join(f"<p>{e(line)}</p>" for line in paper.background)),
        ("implications", "Implications", html.implications(paper)),
        ("background-papers", "Background papers", html.bullets(paper.background_papers)),
        ("appendices", "Appendices", html.bullets(paper.appendices)),
        *((s.anchor, s.heading, _blocks(s)) for s in annual_sections(report)),
        *((f"appendix-{number}", f"Appendix {number}: {title_of(form)}", form_html(form))
          for number, form in enumerate(report.forms, 1)),
    ]
    return html.page(
        title=paper.title, header=_header(report),
        nav=html.contents([(anchor, heading) for anchor, heading, _ in sections]),
        main="\n".join(html.section(anchor, heading, body) for anchor, heading, body in sections),
        footer=f"<p>Produced by code-check {e(report.code_check_version)} on "
        f"{e(report.generated_at_text)}.</p>",
        version=report.code_check_version)


def _header(report: AnnualReport) -> str:
    rows = [*((d.label.capitalize(), d.text) for d in report.paper.front_sheet),
            ("Council", report.council), ("Year", f"{report.year}, {report.period_text}"),
            ("Position as at", report.as_of_text),
            ("Produced by", f"code-check {report.code_check_version} on "
                            f"{report.generated_at_text}")]
    meta = "".join(f"<dt>{e(k)}</dt><dd>{e(v)}</dd>" for k, v in rows)
    return ('<p class="subtitle">Annual complaints performance and service improvement '
            f'report</p><h1>{e(report.paper.title)}</h1><dl class="meta">{meta}</dl>')


def _blocks(section: Section) -> str:
    return "\n".join(_block(block, f"{section.anchor}-{number}")
                     for number, block in enumerate(section.blocks, 1))


def _block(block: Block, chart_id: str) -> str:
    if isinstance(block, Para):
        lead = f"<strong>{e(block.lead)}</strong> " if block.lead else ""
        return f"<p>{lead}{e(block.text)}</p>"
    if isinstance(block, Bullets):
        return html.bullets(block.lines)
    if isinstance(block, Subheading):
        return f"<h3>{e(block.text)}</h3>"
    return _grid(block, chart_id)


def _grid(grid: Grid, chart_id: str) -> str:
    table = html.table(grid.caption, grid.headers, [[e(cell) for cell in row] for row in grid.rows],
                       numeric=set(range(1, len(grid.headers))) if grid.chart else frozenset())
    if grid.chart is None:
        return table
    chart, beside = grid.chart, len(grid.headers) <= 3
    bars = [replace(bar, label=_cut(bar.label)) for bar in chart.bars] if beside else chart.bars
    svg = svg_bar_chart(f"chart-{chart_id}", chart.title, chart.description, bars,
                        **({"widths": BESIDE_WIDTHS} if beside else {}))
    figure = (f'<figure style="{ABOVE}">{svg}<figcaption>{e(chart.title)}. The table gives the '
              "same figures.</figcaption></figure>")
    return f'<div style="{SIDE_BY_SIDE}">{figure}{table}</div>' if beside else figure + table


def _cut(label: str) -> str:
    return label if len(label) <= BESIDE_LABEL else label[:BESIDE_LABEL - 1].rstrip() + "…"
