"""Every export format in one list, so the command line and the terminal app offer the same
ones, and adding a format is one entry here. Writing is atomic: never a half-written file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from code_check.readers.files import write_atomically
from code_check.report.model import Report


@dataclass(frozen=True)
class ExportFormat:
    name: str
    label: str
    suffix: str
    purpose: str
    render: Callable[[Report, Path, bool], str | bytes]


def _markdown(report: Report, path: Path, provision_level: bool) -> str:
    from code_check.report.markdown import render_markdown

    return render_markdown(report)


def _html(report: Report, path: Path, provision_level: bool) -> str:
    from code_check.report.html import render_html

    return render_html(report)


def _docx(report: Report, path: Path, provision_level: bool) -> bytes:
    from code_check.report.word import render_docx

    return render_docx(report)


def _xlsx(report: Report, path: Path, provision_level: bool) -> bytes:
    from code_check.report.spreadsheet import render_xlsx

    return render_xlsx(report)


def _csv(report: Report, path: Path, provision_level: bool) -> str:
    from code_check.report.csv_export import render_csv

    return render_csv(report)


def _json(report: Report, path: Path, provision_level: bool) -> str:
    from code_check.report.json_export import render_json

    return render_json(report)


def _template(report: Report, path: Path, provision_level: bool) -> str | bytes:
    """The published form; the file type follows the file name (.docx, .csv, else HTML)."""
    from code_check.report import template

    suffix = path.suffix.lower()
    if suffix == ".docx":
        return template.render_template_docx(report, provision_level=provision_level)
    if suffix == ".csv":
        return template.render_template_csv(report, provision_level=provision_level)
    return template.render_template_html(report, provision_level=provision_level)


FORMATS: dict[str, ExportFormat] = {f.name: f for f in (
    ExportFormat("html", "Web page (HTML)", ".html",
                 "the full report, accessible, to read on screen, print or publish", _html),
    ExportFormat("docx", "Committee paper (Word)", ".docx",
                 "the full report to edit before it goes to committee", _docx),
    ExportFormat("template", "Published form (HTML, Word or CSV)", ".html",
                 "the Ombudsman's self-assessment table for the council's website", _template),
    ExportFormat("xlsx", "Action plan (Excel)", ".xlsx",
                 "actions for service managers, one sheet per owner", _xlsx),
    ExportFormat("md", "Markdown", ".md", "the full report as plain text", _markdown),
    ExportFormat("csv", "Self-assessment rows (CSV)", ".csv",
                 "one row per provision, for spreadsheets", _csv),
    ExportFormat("json", "JSON", ".json", "the whole report model, for scripts", _json),
)}


def export(report: Report, format_name: str, path: Path, *, provision_level: bool = False) -> Path:
    """Render ``report`` in a format and write it to ``path`` atomically."""
    content = FORMATS[format_name].render(report, Path(path), provision_level)
    write_atomically(Path(path), content)
    return Path(path)

