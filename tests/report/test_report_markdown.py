"""Markdown escapes once: an ``&`` in a title reads as ``&`` both in the .md text and once the
Markdown is rendered, never as a raw ``&amp;``."""

from __future__ import annotations

from markdown_it import MarkdownIt

from code_check.report.cohort_export import render_cohort_markdown
from code_check.report.markdown import render_markdown

from .readers import html_parts

TITLE = "Scrutiny & oversight: continuous learning and improvement"


def _rendered_text(markdown: str) -> str:
    return html_parts(MarkdownIt("commonmark").enable("table").render(markdown))[0]


def test_an_ampersand_in_a_section_title_shows_as_itself(report, cohort):
    assert TITLE in {s.title for s in report.sections}
    for markdown in (render_markdown(report), render_cohort_markdown(cohort)):
        assert "&amp;" not in markdown and r"Scrutiny \& oversight" in markdown
        assert TITLE in _rendered_text(markdown)
