"""The annual complaints report as Markdown: for intranets and wikis. Layout only.

The gap report's table and committee-paper parts (``markdown``); the published form as the
appendix, from its rows as the form's own exports read them (``template``). Charts have no
place in Markdown: their tables give the same figures.
"""

from __future__ import annotations

from code_check.report import markdown
from code_check.report.annual_layout import Bullets, Grid, Para, Section, annual_sections
from code_check.report.annual_model import AnnualReport
from code_check.report.inert import markdown_text as md
from code_check.report.model import Report
from code_check.report.template import details_of, form_rows, intro_of, title_of


def render_annual_markdown(report: AnnualReport) -> str:
    parts = [_title(report), markdown.paper_opening(report.paper),
             markdown.paper_closing(report.paper),
             *(_section(section) for section in annual_sections(report)),
             *(_form(number, form) for number, form in enumerate(report.forms, 1))]
    return "\n\n".join(parts) + "\n"


def _title(report: AnnualReport) -> str:
    return "\n".join([
        f"# {md(report.paper.title)}", "",
        markdown.table(["", ""], [
            *[[d.label.capitalize(), d.text] for d in report.paper.front_sheet],
            ["Council", report.council], ["Year", f"{report.year}, {report.period_text}"],
            ["Position as at", report.as_of_text],
            ["Produced by", f"code-check {report.code_check_version} on "
                            f"{report.generated_at_text}"],
        ]),
    ])


def _section(section: Section) -> str:
    lines = [f"## {md(section.heading)}"]
    for block in section.blocks:
        if isinstance(block, Para):
            lead = f"**{md(block.lead)}** " if block.lead else ""
            lines.append(f"{lead}{md(block.text)}".rstrip())
        elif isinstance(block, Bullets):
            lines.append("\n".join(f"- {md(line)}" for line in block.lines))
        elif isinstance(block, Grid):
            lines.append(f"**{md(block.caption)}**\n\n{markdown.table(block.headers, block.rows)}")
        else:
            lines.append(f"### {md(block.text)}")
    return "\n\n".join(lines)


def _form(number: int, form: Report) -> str:
    return "\n\n".join([
        f"## Appendix {number}: {md(title_of(form))}", md(intro_of(form)),
        markdown.table(["", ""], [list(detail) for detail in details_of(form)]),
        markdown.table(form.form.columns, [
            [row.section, row.expects, row.answer, row.evidence or "–", row.commentary or "–"]
            for row in form_rows(form, provision_level=False)]),
    ])
