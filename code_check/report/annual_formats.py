"""The annual complaints report's file types, chosen by the file name as ``report`` chooses the
published form's: Word (the committee paper), a web page or Markdown. Written atomically."""

from __future__ import annotations

from pathlib import Path

from code_check.errors import InputError
from code_check.readers.files import write_atomically
from code_check.report.annual_model import AnnualReport

SUFFIXES = (".docx", ".html", ".htm", ".md")


def annual_format(path: Path) -> str:
    """``docx``, ``html`` or ``md``, as the file's name says, or one line saying what will do."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise InputError(f"the annual report is written as {', '.join(SUFFIXES)}: name the "
                         "file with one of these", field="-o")
    return "html" if suffix == ".htm" else suffix[1:]


def render_annual(report: AnnualReport, path: Path) -> str | bytes:
    kind = annual_format(path)
    if kind == "docx":
        from code_check.report.annual_word import render_annual_docx

        return render_annual_docx(report)
    if kind == "html":
        from code_check.report.annual_html import render_annual_html

        return render_annual_html(report)
    from code_check.report.annual_markdown import render_annual_markdown

    return render_annual_markdown(report)


def export_annual(report: AnnualReport, path: Path) -> Path:
    write_atomically(Path(path), render_annual(report, Path(path)))
    return Path(path)
